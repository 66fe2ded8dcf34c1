"""Every public write service of forums refuses an actor without the permission, with the
permission layer's plain-English reason (`participation.access.Refused`, code "forbidden"), and
writes nothing. `COVERED` and `EXEMPT` are read by tests/base/test_every_service_is_checked.py,
so a new service that is in neither fails the suite."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums import services
from forums.models import (
    Application,
    CareStatusKind,
    JoinRoute,
    MeetingAction,
    Nomination,
    PolicyItem,
)
from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Membership, Notification, Organisation, Role
from participation.services import role_grant
from tests.factories import StaffFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    ForumFactory,
    MeetingActionFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db


class World:
    """A forum with one of everything, and people who may not touch it."""

    def __init__(self):
        self.forum = ForumFactory(name="Youth Council")
        self.worker = worker_of(self.forum)
        self.other_worker = WorkerFactory()
        self.member = member_of(self.forum).user
        self.chair = member_of(self.forum, self.member, role="chair")
        self.young_person = YoungPersonFactory()
        self.professional = StaffFactory(roles=[Role.PROFESSIONAL])
        self.officer = StaffFactory(roles=[])
        role_grant(
            user=self.officer,
            role=Role.OFFICER,
            organisation=Organisation.objects.create(name="Council", slug="c", kind="council"),
        )
        self.applying = ForumFactory(name="B-Safe Team", join_route=JoinRoute.APPLICATION)
        self.nominating = ForumFactory(name="Voices", join_route=JoinRoute.NOMINATION)
        self.task_group = TaskGroupFactory(forum=self.forum)
        self.meeting = MeetingFactory(forum=self.forum)
        self.action = MeetingActionFactory(meeting=self.meeting)
        self.application = Application.objects.create(
            forum=self.applying, applicant=YoungPersonFactory(), why="I care."
        )
        self.nomination = Nomination.objects.create(
            forum=self.nominating,
            young_person=YoungPersonFactory(),
            nominated_by=self.professional,
            reason="Great.",
        )
        self.policy_item = PolicyItem.objects.create(
            forum=self.forum, title="t", summary="s", questions="q", brought_by=self.officer
        )


def _starts():
    return timezone.now() + timedelta(days=7)


# service -> (the permission it asks, the call made by someone without it)
CASES = {
    services.forum_create: (
        "forums.add_forum",
        lambda w: dict(
            created_by=w.young_person,
            name="SpeakOut",
            summary="s",
            description="d",
            join_route=JoinRoute.OPEN,
            meets="m",
        ),
    ),
    services.forum_update: (
        "forums.change_forum",
        lambda w: dict(forum=w.forum, updated_by=w.other_worker, meets="Never"),
    ),
    services.forum_worker_add: (
        "forums.manage_forum_workers",
        lambda w: dict(forum=w.forum, worker=w.other_worker, added_by=w.other_worker),
    ),
    services.forum_worker_remove: (
        "forums.manage_forum_workers",
        lambda w: dict(forum=w.forum, worker=w.worker, removed_by=w.other_worker),
    ),
    services.care_status_set: (
        "forums.record_care_status",
        lambda w: dict(
            person=w.young_person, status=CareStatusKind.IN_CARE, recorded_by=w.professional
        ),
    ),
    services.task_group_create: (
        "forums.manage_task_groups",
        lambda w: dict(forum=w.forum, name="Buses", purpose="p", created_by=w.other_worker),
    ),
    services.task_group_member_add: (
        "forums.manage_task_groups",
        lambda w: dict(task_group=w.task_group, person=w.member, added_by=w.other_worker),
    ),
    services.task_group_join: (
        "forums.join_task_group",
        lambda w: dict(task_group=w.task_group, person=w.young_person),
    ),
    services.application_submit: (
        "forums.join_forum",
        lambda w: dict(forum=w.applying, applicant=w.worker, why="I'd like to."),
    ),
    services.application_withdraw: (
        "forums.withdraw_application",
        lambda w: dict(application=w.application, applicant=w.young_person),
    ),
    services.application_decide: (
        "forums.decide_requests",
        lambda w: dict(application=w.application, decided_by=w.other_worker, approve=True),
    ),
    services.nomination_create: (
        "forums.nominate",
        lambda w: dict(
            forum=w.nominating, young_person=w.young_person, nominated_by=w.member, reason="r"
        ),
    ),
    services.nomination_respond: (
        "forums.respond_to_nomination",
        lambda w: dict(nomination=w.nomination, young_person=w.young_person, accept=True),
    ),
    services.nomination_withdraw: (
        "forums.withdraw_nomination",
        lambda w: dict(nomination=w.nomination, withdrawn_by=w.other_worker),
    ),
    services.meeting_create: (
        "forums.manage_meetings",
        lambda w: dict(
            forum=w.forum,
            created_by=w.other_worker,
            title="Meeting",
            description="d",
            starts_at=_starts(),
            ends_at=_starts() + timedelta(hours=2),
            place="Civic Centre",
        ),
    ),
    services.agenda_item_add: (
        "forums.manage_meetings",
        lambda w: dict(meeting=w.meeting, added_by=w.other_worker, title="Buses"),
    ),
    services.minutes_save: (
        "forums.manage_meetings",
        lambda w: dict(meeting=w.meeting, saved_by=w.member, minutes="We met."),
    ),
    services.action_add: (
        "forums.manage_meetings",
        lambda w: dict(meeting=w.meeting, added_by=w.member, description="Do it"),
    ),
    services.action_status_set: (
        "forums.manage_meetings",
        lambda w: dict(action=w.action, status="done", changed_by=w.member),
    ),
    services.action_raise_you_said: (
        "forums.manage_meetings",
        lambda w: dict(action=w.action, raised_by=w.other_worker),
    ),
    services.policy_item_propose: (
        "forums.propose_policy_item",
        lambda w: dict(forum=w.forum, brought_by=w.worker, title="t", summary="s", questions="q"),
    ),
    services.policy_item_respond: (
        "forums.respond_policy_item",
        lambda w: dict(policy_item=w.policy_item, responded_by=w.officer, response="Views"),
    ),
    services.membership_join: (
        "forums.join_forum",
        lambda w: dict(forum=w.forum, person=w.worker),
    ),
    services.membership_add: (
        "forums.manage_members",
        lambda w: dict(forum=w.forum, person=w.young_person, added_by=w.other_worker),
    ),
    services.membership_leave: (
        "forums.leave_forum",
        lambda w: dict(forum=w.forum, person=w.young_person),
    ),
    services.membership_end: (
        "forums.manage_members",
        lambda w: dict(forum=w.forum, person=w.member, ended_by=w.other_worker),
    ),
    services.member_role_give: (
        "forums.manage_members",
        lambda w: dict(forum=w.forum, person=w.member, role="vice_chair", given_by=w.member),
    ),
    services.member_role_end: (
        "forums.manage_members",
        lambda w: dict(membership=w.chair, ended_by=w.other_worker),
    ),
}

COVERED = set(CASES)

EXEMPT = {
    services.forum_eligibility: "a read: says who may join, writes nothing, has no actor",
    services.action_you_said_draft: "builds the plain arguments of a draft; writes nothing",
    services.nomination_reminders_send: "a periodic task: the system reminds, no person acts",
    services.task_group_leave: (
        "the actor is the person themselves, and anyone may leave a task group they are in; "
        "the service refuses when they are not in it"
    ),
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        Membership.objects.filter(ended_on__isnull=True).count(),
        Application.objects.filter(status="pending").count(),
        Nomination.objects.filter(status="pending").count(),
        MeetingAction.objects.filter(status="open").count(),
    )


@pytest.mark.parametrize(
    "service", sorted(CASES, key=lambda s: s.__name__), ids=lambda s: s.__name__
)
def test_an_actor_without_the_permission_is_refused_in_plain_words(service):
    world = World()
    perm, call = CASES[service]
    before = _counts()
    with pytest.raises(Refused) as refused:
        service(**call(world))
    assert refused.value.code == "forbidden"
    assert refused.value.messages == [refusal_for(perm)]
    assert _counts() == before


def test_every_refusal_is_plain_words_not_the_default():
    for perm, _call in CASES.values():
        assert refusal_for(perm) != "You don't have permission to do this.", perm
