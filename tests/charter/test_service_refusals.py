"""Every public write service of the charters refuses an actor without the permission, in the
permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charter import services
from charter.models import (
    Charter,
    CharterVersion,
    Evidence,
    Judgement,
    Pledge,
    Signatory,
    StaffRatingGiven,
    StaffRatingTally,
    Visit,
)
from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Notification
from tests.charter.factories import World
from tests.participation.training.helpers import make_activity

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.signed, self.pledges = self.ready_to_judge()
        self.challenge = self.judge(self.pledges[0], "advanced")
        self.activity = make_activity(
            worker=self.worker, starts_at=timezone.now() - timedelta(hours=3)
        )


CASES = {
    services.charter_create: (
        "charter.manage_charters",
        lambda w: dict(created_by=w.officer, title="Another", summary="s"),
    ),
    services.version_create: (
        "charter.manage_charters",
        lambda w: dict(charter=w.charter, created_by=w.young, what_changed="x"),
    ),
    services.principle_add: (
        "charter.manage_charters",
        lambda w: dict(version=w.version, added_by=w.officer, name="Fun"),
    ),
    services.promise_add: (
        "charter.manage_charters",
        lambda w: dict(version=w.version, added_by=w.inspector, text="To be fun"),
    ),
    services.charter_sign: (
        "charter.sign_charter",
        lambda w: dict(version=w.version, organisation=w.headstart, signed_by=w.officer),
    ),
    services.pledge_save: (
        "charter.edit_pledges",
        lambda w: dict(
            signatory=w.signed, promise=w.promises[0], updated_by=w.other_officer, text="t"
        ),
    ),
    services.evidence_add: (
        "charter.edit_pledges",
        lambda w: dict(pledge=w.pledges[0], added_by=w.worker, text="t"),
    ),
    services.evidence_judge: (
        "charter.judge_evidence",
        lambda w: dict(
            pledge=w.pledges[0], inspector=w.young, level="advanced", young_people_say="Great"
        ),
    ),
    services.challenge_answer: (
        "charter.answer_challenge",
        lambda w: dict(judgement=w.challenge, answered_by=w.other_officer, answer="No"),
    ),
    services.staff_rating_give: (
        "charter.rate_staff",
        lambda w: dict(activity=w.activity, user=w.worker, charter=w.charter, scores={}),
    ),
    services.signatory_renew: (
        "charter.renew",
        lambda w: dict(signatory=w.signed, renewed_by=w.other_officer),
    ),
    services.visit_record: (
        "charter.visit_service",
        lambda w: dict(
            signatory=w.signed, activity=w.activity, inspector=w.young, summary="x", findings={}
        ),
    ),
}

COVERED = set(CASES)

EXEMPT = {
    services.renewal_reminders_send: "a periodic task: the system reminds, no person acts",
    services.memberships_lapse_due: "a periodic task: the system lapses, no person acts",
    services.renewals_escalate: "a periodic task: the system tells the leads, no person acts",
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        Charter.objects.count(),
        CharterVersion.objects.count(),
        tuple(Signatory.objects.values_list("standing", "renew_by")),
        tuple(Pledge.objects.order_by("pk").values_list("text", "own_level")),
        Evidence.objects.count(),
        tuple(Judgement.objects.values_list("answer", "answered_at")),
        StaffRatingGiven.objects.count(),
        tuple(StaffRatingTally.objects.values_list("count", flat=True)),
        Visit.objects.count(),
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


def test_an_officer_cannot_judge_their_own_organisation_even_if_trained():
    w = RefusalWorld()
    # A young person who is also an officer of the council and a trained inspector.
    from participation.models import Role, User
    from participation.services import role_grant

    role_grant(user=w.inspector, role=Role.OFFICER, organisation=w.council)
    with pytest.raises(Refused):
        w.judge(w.pledges[1], inspector=User.objects.get(pk=w.inspector.pk))


def test_every_refusal_is_plain_words_not_the_default():
    for perm, _call in CASES.values():
        assert refusal_for(perm) != "You don't have permission to do this.", perm
