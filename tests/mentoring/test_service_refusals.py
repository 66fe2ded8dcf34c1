"""Every public write service of mentoring refuses an actor without the permission, in the
permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

import pytest
from django.utils import timezone

from participation.access import Refused, refusal_for
from participation.mentoring import services
from participation.mentoring.models import DBSCheck, Goal, MentoringMeeting, Pairing, RecordCheck
from participation.models import AuditEvent, Notification
from tests.mentoring.factories import World

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.pairing = self.peer()
        self.goal = services.goal_add(pairing=self.pairing, text="Goal", added_by=self.jordan)
        self.check = services.record_check_ask(person=self.amira)


TODAY = timezone.localdate
CASES = {
    services.dbs_check_record: (
        "mentoring.record_dbs",
        lambda w: dict(mentor=w.jordan, checked_on=TODAY(), recorded_by=w.grace),
    ),
    services.pairing_create: (
        "mentoring.pair",
        lambda w: dict(kind="board", mentor=w.grace, mentee=w.amira, made_by=w.jordan),
    ),
    services.goal_add: (
        "mentoring.keep_log",
        lambda w: dict(pairing=w.pairing, text="x", added_by=w.other_worker),
    ),
    services.goal_mark_done: ("mentoring.keep_log", lambda w: dict(goal=w.goal, marked_by=w.dad)),
    services.meeting_log: (
        "mentoring.keep_log",
        lambda w: dict(
            pairing=w.pairing, held_on=TODAY(), place="p", worked_on="w", recorded_by=w.lead
        ),
    ),
    services.pairing_end: (
        "mentoring.end_pairing",
        lambda w: dict(pairing=w.pairing, ended_by=w.grace),
    ),
    services.record_check_ask: ("mentoring.ask_record_check", lambda w: dict(person=w.dad)),
    services.record_check_confirm: (
        "mentoring.check_records",
        lambda w: dict(check=w.check, checked_by=w.jordan),
    ),
    services.record_check_turn_down: (
        "mentoring.check_records",
        lambda w: dict(check=w.check, checked_by=w.grace, reply="no"),
    ),
}

COVERED = set(CASES)
EXEMPT: dict = {}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        DBSCheck.objects.count(),
        tuple(Pairing.objects.values_list("status", "ended_at")),
        tuple(Goal.objects.values_list("status", flat=True)),
        MentoringMeeting.objects.count(),
        tuple(RecordCheck.objects.values_list("status", "checked_at")),
    )


@pytest.mark.parametrize(
    "service", sorted(CASES, key=lambda s: s.__name__), ids=lambda s: s.__name__
)
def test_an_actor_without_the_permission_is_refused_in_plain_words(service):
    world = RefusalWorld()
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
