"""Sign-up and attendance statuses change only through their workflows
(`participation.models.activities.SIGNUP_FLOW`, `ATTENDANCE_FLOW`), which check the move and
write the audit log."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from participation import services
from participation.models import SIGNUP_FLOW, ActivitySignup, AuditEvent, SignupStatus
from participation.transitions import BadMove
from tests import factories
from tests.participation.training.helpers import make_activity, young

pytestmark = pytest.mark.django_db


def moves_of(obj) -> list[tuple[str, str, str]]:
    return [
        (e.action.rsplit(".", 1)[1], e.detail["from"], e.detail["to"])
        for e in AuditEvent.objects.filter(
            target_type=obj._meta.label_lower, target_id=str(obj.pk)
        ).order_by("created_at", "id")
    ]


def test_cancel_and_the_promotion_it_causes_are_moves_on_the_record():
    activity = make_activity(capacity=1)
    kai, jo, leo = young(), young(), young(age=11)
    first = services.activity_signup(activity=activity, user=kai)
    waiting = services.activity_signup(activity=activity, user=jo)
    under_13 = services.activity_signup(activity=activity, user=leo)
    services.activity_cancel(activity=activity, user=kai)
    assert moves_of(first) == [("cancel", "confirmed", "cancelled")]
    assert moves_of(waiting) == [("promote", "waiting", "confirmed")]
    services.activity_cancel(activity=activity, user=jo)
    assert moves_of(under_13) == [("promote_pending_consent", "waiting", "pending_consent")]
    services.activity_consent_record(
        signup=under_13,
        recorded_by=activity.created_by,
        given_by_name="Sam",
        relationship="Dad",
        how_given="phone",
    )
    assert moves_of(under_13)[-1] == ("consent_given", "pending_consent", "confirmed")
    assert AuditEvent.objects.get(action__endswith="consent_given").actor == activity.created_by


def test_a_move_from_the_wrong_state_is_refused_in_plain_words():
    activity = make_activity()
    signup = services.activity_signup(activity=activity, user=young())
    services.activity_cancel(activity=activity, user=signup.user)
    signup.refresh_from_db()
    with pytest.raises(BadMove, match="already cancelled"):
        SIGNUP_FLOW.move(signup, "cancel", actor=signup.user)
    with pytest.raises(BadMove):
        SIGNUP_FLOW.move(signup, "promote", actor=None)
    assert ActivitySignup.objects.get(pk=signup.pk).status == SignupStatus.CANCELLED


def test_an_attendance_correction_is_a_move_on_the_record():
    worker = factories.WorkerFactory()
    activity = make_activity(worker=worker, starts_at=timezone.now() - timedelta(days=1))
    kai = young()
    [row] = services.attendance_record(
        activity=activity, recorded_by=worker, statuses={kai.pk: "present"}
    )
    services.attendance_record(activity=activity, recorded_by=worker, statuses={kai.pk: "absent"})
    services.attendance_record(activity=activity, recorded_by=worker, statuses={kai.pk: "absent"})
    assert moves_of(row) == [("mark_absent", "present", "absent")]


def test_no_status_is_set_by_hand_anywhere_in_the_base():
    root = Path(__file__).resolve().parents[3] / "participation"
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.status *=(?!=)", line)  # an assignment, not a comparison
    ]
    assert not offenders, offenders
