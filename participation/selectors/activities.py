"""Reads for activities; who may see which activity is decided here, once."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from participation.models import (
    OPEN_SIGNUP_STATUSES,
    Activity,
    ActivitySignup,
    Attendance,
    AttendanceStatus,
    LadderRung,
    Membership,
    Role,
    RungRating,
    SignupStatus,
    User,
)
from participation.services.activities import PLACE_HOLDING


def _annotated(user: User):
    mine = ActivitySignup.objects.filter(
        activity=OuterRef("pk"), user=user, status__in=OPEN_SIGNUP_STATUSES
    ).values("status")[:1]
    return Activity.objects.select_related("audience_group", "training_module").annotate(
        places_taken=Count("signups", filter=Q(signups__status__in=PLACE_HOLDING)),
        waiting_count=Count("signups", filter=Q(signups__status=SignupStatus.WAITING)),
        my_status=Subquery(mine),
    )


def activities_for(*, user: User, past: bool = False):
    """Upcoming (or past) activities this person may see, each with places taken, the waiting
    list and their own sign-up status. One query, whatever the number of rows."""
    now = timezone.now()
    activities = _annotated(user)
    if not user.has_role(Role.WORKER):
        groups = Membership.objects.active().filter(user=user).values("group_id")
        activities = activities.filter(
            Q(audience_group__isnull=True) | Q(audience_group_id__in=groups)
        )
    if past:
        return activities.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return activities.filter(ends_at__gte=now).order_by("starts_at", "id")


def activity_for(*, user: User, pk: int) -> Activity | None:
    """One activity with the same figures as the list; permission is checked by the view."""
    return _annotated(user).filter(pk=pk).first()


@dataclass
class ActivityRoster:
    """What a worker sees: everyone signed up, in order, with attendance if recorded."""

    signups: list[ActivitySignup]
    attendance: dict[int, str]
    walk_ins: list[Attendance]
    rung_counts: dict[str, int]


def activity_roster(*, activity: Activity) -> ActivityRoster:
    signups = list(
        activity.signups.exclude(status=SignupStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at", "id")
    )
    attendances = list(activity.attendances.select_related("user"))
    attendance = {a.user_id: a.status for a in attendances}
    for signup in signups:
        status = attendance.get(signup.user_id)
        signup.attendance_label = AttendanceStatus(status).label if status else ""
    signed_up = {s.user_id for s in signups}
    counts = dict(
        RungRating.objects.filter(activity=activity)
        .values_list("rung")
        .annotate(n=Count("pk"))
        .values_list("rung", "n")
    )
    return ActivityRoster(
        signups=signups,
        attendance=attendance,
        walk_ins=[a for a in attendances if a.user_id not in signed_up],
        rung_counts={rung.label: counts[rung] for rung in LadderRung if rung in counts},
    )


def my_attendance(*, user: User, activity: Activity) -> tuple[str | None, str | None]:
    """The person's own attendance status and ladder rating, for the activity page."""
    status = (
        Attendance.objects.filter(activity=activity, user=user)
        .values_list("status", flat=True)
        .first()
    )
    rung = (
        RungRating.objects.filter(activity=activity, user=user)
        .values_list("rung", flat=True)
        .first()
    )
    return status, rung
