"""Reads for activities; who may see which activity is decided here, once."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import allowed
from participation.models import (
    OPEN_SIGNUP_STATUSES,
    PLACE_HOLDING,
    Activity,
    ActivitySignup,
    Attendance,
    AttendanceStatus,
    Group,
    LadderRung,
    Membership,
    Notification,
    RungRating,
    SignupStatus,
    User,
)
from participation.registry import registry
from participation.selectors.eligibility import Criteria, eligibility


def activity_criteria(activity: Activity) -> Criteria:
    """Who an activity is for, as the base eligibility service reads it: the age on the day
    it happens and, for a group's activity, the group's members on that day. Anyone who takes
    part in activities may (the permission layer says who that is)."""
    group = activity.audience_group if activity.audience_group_id else None
    return Criteria(
        what="This activity",
        roles=(),
        min_age=activity.min_age,
        max_age=activity.max_age,
        on=timezone.localdate(activity.starts_at),
        group_id=activity.audience_group_id,
        group_name=group.name if group else "",
    )


def signup_problem(*, activity: Activity, user: User, now: datetime | None = None) -> str:
    """Plain-English reason this person can't sign up, or "" if they can."""
    now = now or timezone.now()
    if activity.starts_at <= now:
        return "This activity has already started, so you can't sign up any more."
    return eligibility(user, activity_criteria(activity)).reason


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
    """Upcoming (or past) activities this person may open, each with places taken, the waiting
    list and their own sign-up status. The same rule as `participation.view_activity`: a
    worker sees every activity except those of a sensitive group (the Children in Care
    Council) they don't run; everyone else, activities for everyone and for their groups.
    A query for the list, whatever the number of rows (and one for a worker's groups)."""
    now = timezone.now()
    activities = _annotated(user)
    groups = Membership.objects.active().filter(user=user).values("group_id")
    for_them = Q(audience_group__isnull=True) | Q(audience_group_id__in=groups)
    if allowed(user, "participation.manage_activities"):
        theirs = [
            group.pk
            for group in Group.objects.filter(membership_is_sensitive=True)
            if registry.is_group_worker(group, user)
        ]
        for_them |= Q(audience_group__membership_is_sensitive=False) | Q(
            audience_group_id__in=theirs
        )
    activities = activities.filter(for_them)
    if past:
        return activities.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return activities.filter(ends_at__gte=now).order_by("starts_at", "id")


def activity_for(*, user: User, pk: int) -> Activity | None:
    """One activity with the same figures as the list; permission is checked by the view."""
    return _annotated(user).filter(pk=pk).first()


def activity_or_404(*, user: User, pk: int) -> Activity:
    activity = activity_for(user=user, pk=pk)
    if activity is None:
        raise Http404("No such activity")
    return activity


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


def attendance_people(roster: ActivityRoster) -> list[User]:
    """Who the attendance page asks about: everyone with a place (or held for consent), and
    anyone already recorded who came without signing up."""
    people = [s.user for s in roster.signups if not s.state.is_waiting]
    return people + [a.user for a in roster.walk_ins]


def signup_of(*, activity: Activity, pk: int) -> ActivitySignup:
    """One sign-up for the activity on the page (which the view has already checked), or 404."""
    signup = activity.signups.select_related("user").filter(pk=pk).first()
    if signup is None:
        raise Http404("No such sign-up")
    return signup


def home_items_for(user) -> list[dict]:
    """What is waiting for this person now, for the home page: the next activity they have a
    place at, and how many notifications they have not read. Two queries."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    upcoming = (
        ActivitySignup.objects.filter(
            user=user, status=SignupStatus.CONFIRMED, activity__starts_at__gt=timezone.now()
        )
        .select_related("activity")
        .only("activity__id", "activity__title", "activity__starts_at")
        .order_by("activity__starts_at", "activity_id")
        .first()
    )
    if upcoming is not None:
        activity = upcoming.activity
        when = date_format(timezone.localtime(activity.starts_at), "l j F \\a\\t H:i")
        items.append(
            {
                "text": f"Your next activity: {activity.title}, on {when}.",
                "url": reverse("activity_detail", args=[activity.pk]),
                "kind": "activity",
                "when": activity.starts_at,
            }
        )
    # Loaded with the person on every page (request_cache.py), so no query of its own.
    unread = getattr(user, "unread_notification_count", None)
    if unread is None:
        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    if unread:
        items.append(
            {
                "text": f"You have {unread} unread notification{'s' if unread != 1 else ''}.",
                "url": reverse("notifications"),
                "kind": "notifications",
            }
        )
    return items
