"""The people and charters the charter tests need, built through the real services."""

from django.utils import timezone

from charter import services
from participation import services as base_services
from tests.factories import OrganisationFactory, WorkerFactory, YoungPersonFactory
from tests.participation.training.helpers import make_module
from tests.voice.factories import officer_of

PROMISES = [
    "To support each other in developing our knowledge and skills",
    "To seek regular feedback from families",
]


class World:
    """A worker, a Co-Production Charter with two promises, the council and HeadStart each
    with an officer, an untrained young person and a trained young inspector."""

    def __init__(self):
        self.worker = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.council = OrganisationFactory(name="City of Wolverhampton Council")
        self.headstart = OrganisationFactory(name="HeadStart Wolverhampton")
        self.officer = officer_of(self.council, first_name="Helen", last_name="Morris")
        self.other_officer = officer_of(self.headstart, first_name="Omar", last_name="Lee")
        self.young = YoungPersonFactory(first_name="Amira", last_name="Khan")
        self.inspector = YoungPersonFactory(first_name="Jordan", last_name="Clarke")
        self.module = make_module(
            title="Young inspector", unlocks=["young_inspector"], worker=self.worker
        )
        base_services.training_group_signoff(
            module=self.module,
            people=[self.inspector],
            signed_off_by=self.worker,
            completed_on=timezone.localdate(),
        )
        self.charter = services.charter_create(
            created_by=self.worker,
            title="Co-Production Charter",
            summary="Working together with young people and families.",
        )
        self.version = self.charter.versions.get()
        services.principle_add(version=self.version, added_by=self.worker, name="Trust")
        self.promises = [
            services.promise_add(version=self.version, added_by=self.worker, text=t)
            for t in PROMISES
        ]

    def sign(self, organisation=None, officer=None, **kw):
        return services.charter_sign(
            version=self.version,
            organisation=organisation or self.council,
            signed_by=officer or self.officer,
            **kw,
        )

    def pledge(self, signatory, promise, officer=None, text="We ask families every term."):
        return services.pledge_save(
            signatory=signatory,
            promise=promise,
            updated_by=officer or self.officer,
            text=text,
            own_level="established",
        )

    def evidence(self, pledge, officer=None, **kw):
        return services.evidence_add(
            pledge=pledge,
            added_by=officer or self.officer,
            text=kw.pop("text", "What families told us, and what we changed."),
            **kw,
        )

    def judge(self, pledge, level="emerging", inspector=None):
        return services.evidence_judge(
            pledge=pledge,
            inspector=inspector or self.inspector,
            level=level,
            young_people_say="Families said they were asked once, not often.",
        )

    def ready_to_judge(self):
        """The council signed, with a pledge and evidence for every promise."""
        signatory = self.sign()
        pledges = [self.pledge(signatory, p) for p in self.promises]
        for p in pledges:
            self.evidence(p)
        return signatory, pledges
