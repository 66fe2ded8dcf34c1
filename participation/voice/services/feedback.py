"""Session feedback: after an activity ends, each person who was there is reminded once to rate
it 1 to 5 and say what was good and what could be better. Young people also say which rung of
the ladder it reached, in the same form: one short form, not two (the rung goes through the
base's own `rung_rate`)."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import Activity, Attendance, AttendanceStatus, Role, User
from participation.services import notify, rung_rate

from ..models import FeedbackReminder, SessionFeedback

# Activities that ended within this long ago are reminded about; older ones are left alone.
REMIND_WITHIN = timedelta(days=7)


def _was_there(activity: Activity, user: User) -> bool:
    return Attendance.objects.filter(
        activity=activity, user=user, status=AttendanceStatus.PRESENT
    ).exists()


@transaction.atomic
def session_feedback_give(
    *,
    activity: Activity,
    user: User,
    score: int,
    what_was_good: str = "",
    could_be_better: str = "",
    rung: str = "",
) -> SessionFeedback:
    require(user, "voice.give_session_feedback", activity)
    if activity.ends_at > timezone.now():
        raise ValidationError("You can say how it went once the activity has finished.")
    if not _was_there(activity, user):
        raise ValidationError("You can say how it went if you were there.")
    if score not in (1, 2, 3, 4, 5):
        raise ValidationError({"score": "Choose a number from 1 to 5."})
    if rung and user.has_role(Role.YOUNG_PERSON):
        rung_rate(activity=activity, user=user, rung=rung)
    feedback, _ = SessionFeedback.objects.update_or_create(
        activity=activity,
        user=user,
        defaults={
            "score": score,
            "what_was_good": what_was_good.strip(),
            "could_be_better": could_be_better.strip(),
            "created_at": timezone.now(),
        },
    )
    return feedback


def session_feedback_reminders_send(*, now: datetime | None = None) -> int:
    """Periodic: remind each person who was at an activity that ended lately, once ever."""
    now = now or timezone.now()
    present = Attendance.objects.filter(
        status=AttendanceStatus.PRESENT,
        activity__ends_at__lte=now,
        activity__ends_at__gt=now - REMIND_WITHIN,
    ).values_list("activity_id", "user_id")
    given = set(
        SessionFeedback.objects.filter(activity__ends_at__gt=now - REMIND_WITHIN).values_list(
            "activity_id", "user_id"
        )
    )
    reminded = set(
        FeedbackReminder.objects.filter(activity__ends_at__gt=now - REMIND_WITHIN).values_list(
            "activity_id", "user_id"
        )
    )
    sent = 0
    for activity_id, user_id in present:
        if (activity_id, user_id) in given or (activity_id, user_id) in reminded:
            continue
        try:
            with transaction.atomic():
                FeedbackReminder.objects.create(activity_id=activity_id, user_id=user_id)
                activity = Activity.objects.only("title").get(pk=activity_id)
                notify(
                    recipients=[User(pk=user_id)],
                    kind="voice.feedback_reminder",
                    title=f"How was {activity.title}?",
                    body="Tell us in a minute: a number from 1 to 5, and what was good.",
                    url=reverse("voice:session_feedback", args=[activity_id]),
                )
        except IntegrityError:
            continue  # another run reminded them first
        sent += 1
    return sent
