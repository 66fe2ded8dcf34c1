"""The people and items "you said" tests need, built through the real services."""

from participation.models import Role
from participation.services import role_grant
from participation.voice import services
from participation.voice.models import ParticipationLead, Topic
from tests.factories import OrganisationFactory, StaffFactory, UserFactory, WorkerFactory
from tests.factories import YoungPersonFactory as YoungPersonFactory


def officer_of(organisation, **fields):
    officer = StaffFactory(roles=[], **fields)
    role_grant(user=officer, role=Role.OFFICER, organisation=organisation)
    officer.__dict__.pop("role_names", None)
    return officer


def parent():
    return UserFactory(roles=[Role.PARENT_CARER])


class World:
    """A council with an officer, a programme with another, a worker who is the participation
    lead, a young person and a parent."""

    def __init__(self):
        self.council = OrganisationFactory(name="City of Wolverhampton Council")
        self.headstart = OrganisationFactory(name="HeadStart Wolverhampton")
        self.officer = officer_of(self.council, first_name="Helen", last_name="Morris")
        self.other_officer = officer_of(self.headstart, first_name="Omar", last_name="Lee")
        self.worker = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.lead = WorkerFactory(first_name="Lena", last_name="Lead")
        ParticipationLead.objects.create(user=self.lead)
        self.young = YoungPersonFactory(first_name="Amira", last_name="Khan")
        self.friend = YoungPersonFactory(first_name="Ruby", last_name="Jones")
        self.parent = parent()

    def raise_item(self, by=None, *, anonymous=False, title="Buses cost too much", **kw):
        return services.item_raise(
            raised_by=by or self.young,
            topic=kw.pop("topic", Topic.TRANSPORT),
            title=title,
            text=kw.pop("text", "A day ticket costs more than my lunch money."),
            anonymous_to_officer=anonymous,
            **kw,
        )

    def approved(self, item):
        return services.item_text_approve(item=item, approved_by=self.worker)

    def routed(self, item, *, to=None, officer=None, days=None):
        return services.item_route(
            item=item,
            routed_by=self.worker,
            organisation=to or self.council,
            officer=officer,
            due_in_working_days=days,
        )

    def public_routed(self, by=None, **kw):
        item = self.raise_item(by, **kw)
        self.approved(item)
        return self.routed(item)

    def answer(self, item, *, outcome="done", officer=None, **kw):
        return services.response_publish(
            items=[item],
            published_by=officer or self.officer,
            outcome=outcome,
            text=kw.pop("text", "We have asked the bus company for a cheaper youth ticket."),
            plain_text=kw.pop("plain_text", "We asked for cheaper tickets for you."),
            **kw,
        )
