"""Activities: create, sign up, cancel, the waiting list, consent for under-13s, attendance.

Capacity is protected by locking the activity row (`select_for_update`) in every write that
hands out or frees a place, so concurrent sign-ups queue behind each other and never overfill.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.models import (
    OPEN_SIGNUP_STATUSES,
    Activity,
    ActivitySignup,
    Attendance,
    AttendanceStatus,
    Group,
    LadderRung,
    Membership,
    Role,
    RungRating,
    SignupStatus,
    User,
)
from participation.models.accounts import SELF_SIGNUP_MIN_AGE

from .accounts import consent_record
from .audit import audit
from .notifications import notify

# Statuses that hold one of the activity's places.
PLACE_HOLDING = (SignupStatus.CONFIRMED, SignupStatus.PENDING_CONSENT)

ACTIVITY_FIELDS = (
    "title",
    "description",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "access_info",
    "audience_group",
    "min_age",
    "max_age",
    "capacity",
    "planned_rung",
    "training_module",
)


def _when(activity: Activity) -> str:
    return date_format(timezone.localtime(activity.starts_at), "l j F \\a\\t H:i")


def _activity_url(activity: Activity) -> str:
    return reverse("activity_detail", args=[activity.pk])


def activity_create(
    *,
    created_by: User,
    title: str,
    description: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    access_info: str = "",
    audience_group: Group | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
    capacity: int | None = None,
    planned_rung: str = LadderRung.ENGAGEMENT,
    training_module=None,
) -> Activity:
    activity = Activity(
        created_by=created_by,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        access_info=access_info.strip(),
        audience_group=audience_group,
        min_age=min_age,
        max_age=max_age,
        capacity=capacity,
        planned_rung=planned_rung,
        training_module=training_module,
    )
    _validate(activity)
    with transaction.atomic():
        activity.save()
    return activity


def _validate(activity: Activity) -> None:
    errors = {}
    if activity.starts_at and activity.ends_at and activity.ends_at <= activity.starts_at:
        errors["ends_at"] = "The end time must be after the start time."
    if (
        activity.min_age is not None
        and activity.max_age is not None
        and activity.max_age < activity.min_age
    ):
        errors["max_age"] = "The oldest age can't be lower than the youngest age."
    if activity.capacity == 0:
        errors["capacity"] = "Places must be at least 1. Leave it empty for no limit."
    if errors:
        raise ValidationError(errors)
    activity.full_clean()


def activity_update(*, activity: Activity, updated_by: User, **fields) -> Activity:
    """Change an activity. More places promote people from the waiting list straight away."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"activity_update got unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        for name, value in fields.items():
            if isinstance(value, str):
                value = value.strip()
            setattr(locked, name, value)
        held = locked.signups.filter(status__in=PLACE_HOLDING).count()
        if locked.capacity is not None and locked.capacity < held:
            raise ValidationError(
                {
                    "capacity": f"{held} people already have a place, so there must be at "
                    f"least {held} places. Cancel some sign-ups first if you need fewer."
                }
            )
        _validate(locked)
        locked.save()
        _fill_free_places(locked)
    for name in fields:
        setattr(activity, name, getattr(locked, name))
    return locked


def activity_signup_error(*, activity: Activity, user: User, now: datetime | None = None) -> str:
    """Plain-English reason this person can't sign up, or "" if they can."""
    now = now or timezone.now()
    if activity.starts_at <= now:
        return "This activity has already started, so you can't sign up any more."
    on = timezone.localdate(activity.starts_at)
    if activity.min_age is not None or activity.max_age is not None:
        age = user.age(on=on)
        if age is None:
            return (
                "This activity is for a set age group, and we don't know your age. "
                "Ask a participation worker to help."
            )
        if activity.min_age is not None and age < activity.min_age:
            return f"This activity is for people aged {activity.age_range_label.lower()}."
        if activity.max_age is not None and age > activity.max_age:
            return f"This activity is for people aged {activity.age_range_label.lower()}."
    if activity.audience_group_id is not None:
        is_member = (
            Membership.objects.active(on=on)
            .filter(group_id=activity.audience_group_id, user=user)
            .exists()
        )
        if not is_member:
            return f"This activity is only for members of {activity.audience_group.name}."
    return ""


def _needs_consent(activity: Activity, user: User) -> bool:
    age = user.age(on=timezone.localdate(activity.starts_at))
    return age is not None and age < SELF_SIGNUP_MIN_AGE


def activity_signup(*, activity: Activity, user: User) -> ActivitySignup:
    """Sign a person up: a place if one is free, else the waiting list.

    An under-13's place is held as "pending consent" until a parent or carer says yes. Signing
    up twice returns the sign-up they already have.
    """
    with transaction.atomic():
        locked = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("audience_group")
            .get(pk=activity.pk)
        )
        existing = ActivitySignup.objects.filter(
            activity=locked, user=user, status__in=OPEN_SIGNUP_STATUSES
        ).first()
        if existing:
            return existing
        reason = activity_signup_error(activity=locked, user=user)
        if reason:
            raise ValidationError(reason)
        if _is_full(locked):
            status = SignupStatus.WAITING
        elif _needs_consent(locked, user):
            status = SignupStatus.PENDING_CONSENT
        else:
            status = SignupStatus.CONFIRMED
        now = timezone.now()
        signup = ActivitySignup(
            activity=locked, user=user, status=status, created_at=now, queued_at=now
        )
        signup.full_clean(validate_constraints=False)
        signup.save()
        if status == SignupStatus.PENDING_CONSENT:
            _ask_worker_for_consent(locked, signup)
    return signup


def _is_full(activity: Activity) -> bool:
    if activity.capacity is None:
        return False
    held = activity.signups.filter(status__in=PLACE_HOLDING).count()
    return held >= activity.capacity


def _ask_worker_for_consent(activity: Activity, signup: ActivitySignup) -> None:
    notify(
        recipients=activity.created_by,
        kind="activity.consent_needed",
        title=f"Consent needed: {signup.user.display_name} for {activity.title}",
        body=(
            f"{signup.user.display_name} is under 13. Their place at {activity.title} is held "
            "until you record a parent or carer's consent."
        ),
        url=_activity_url(activity),
    )


def activity_cancel(
    *, activity: Activity, user: User, cancelled_by: User | None = None
) -> ActivitySignup | None:
    """Cancel a person's sign-up. A freed place goes to the next person waiting, who is told.

    Cancelling again does nothing, so a double click never promotes two people.
    """
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        signup = (
            ActivitySignup.objects.select_for_update()
            .filter(activity=locked, user=user, status__in=OPEN_SIGNUP_STATUSES)
            .first()
        )
        if signup is None:
            return None
        if locked.starts_at <= timezone.now() and cancelled_by is None:
            raise ValidationError(
                "This activity has already started. Tell the worker running it if you can't stay."
            )
        freed_a_place = signup.status in PLACE_HOLDING
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["status", "cancelled_at"])
        if cancelled_by is not None and cancelled_by.pk != user.pk:
            audit(actor=cancelled_by, action="activity.cancel_for", target=locked, user=user.pk)
        if freed_a_place:
            _fill_free_places(locked)
    return signup


def _fill_free_places(activity: Activity) -> list[ActivitySignup]:
    """Give free places to the waiting list in the order people joined it. Caller holds the
    activity's lock, so no two transactions can promote the same person."""
    promoted = []
    if activity.starts_at <= timezone.now():
        return promoted
    held = activity.signups.filter(status__in=PLACE_HOLDING).count()
    free = None if activity.capacity is None else activity.capacity - held
    waiting = (
        activity.signups.filter(status=SignupStatus.WAITING)
        .select_related("user")
        .order_by("queued_at", "id")
    )
    if free is not None:
        waiting = waiting[: max(free, 0)]
    for signup in waiting:
        needs_consent = _needs_consent(activity, signup.user)
        signup.status = SignupStatus.PENDING_CONSENT if needs_consent else SignupStatus.CONFIRMED
        signup.promoted_at = timezone.now()
        signup.save(update_fields=["status", "promoted_at"])
        promoted.append(signup)
        body = f"A place came free at {activity.title} on {_when(activity)}, and it's yours."
        if needs_consent:
            body += " We need your parent or carer to say yes first. A worker will contact them."
            _ask_worker_for_consent(activity, signup)
        else:
            body += " If you can't come any more, please cancel so someone else can go."
        notify(
            recipients=signup.user,
            kind="activity.promoted",
            title=f"You have a place at {activity.title}",
            body=body,
            url=_activity_url(activity),
        )
    return promoted


def activity_consent_record(
    *,
    signup: ActivitySignup,
    recorded_by: User,
    given_by_name: str,
    relationship: str,
    how_given: str,
    contact: str = "",
) -> ActivitySignup:
    """A worker records a parent or carer's yes; the held place becomes a confirmed one."""
    if not recorded_by.has_role(Role.WORKER):
        raise ValidationError("Only a participation worker can record consent.")
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
        signup = (
            ActivitySignup.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=signup.pk)
        )
        if signup.status == SignupStatus.CANCELLED:
            raise ValidationError("This sign-up was cancelled, so there is nothing to agree to.")
        consent = consent_record(
            child=signup.user,
            recorded_by=recorded_by,
            given_by_name=given_by_name,
            relationship=relationship,
            how_given=how_given,
            contact=contact,
            purpose=f"Going to {activity.title} on {_when(activity)}"[:200],
        )
        signup.consent = consent
        fields = ["consent"]
        if signup.status == SignupStatus.PENDING_CONSENT:
            signup.status = SignupStatus.CONFIRMED
            fields.append("status")
            notify(
                recipients=signup.user,
                kind="activity.consent_recorded",
                title=f"You're all set for {activity.title}",
                body=f"Your parent or carer said yes. See you on {_when(activity)}.",
                url=_activity_url(activity),
            )
        signup.save(update_fields=fields)
    return signup


def attendance_record(
    *, activity: Activity, recorded_by: User, statuses: dict[int, str]
) -> list[Attendance]:
    """Record present, apologies or absent for each person (recording again corrects it)."""
    if not recorded_by.has_role(Role.WORKER):
        raise ValidationError("Only a participation worker can record attendance.")
    if activity.starts_at > timezone.now():
        raise ValidationError("You can record who came once the activity has started.")
    allowed = set(AttendanceStatus.values)
    bad = [s for s in statuses.values() if s not in allowed]
    if bad:
        raise ValidationError("Choose present, apologies or absent for each person.")
    users = User.objects.in_bulk(list(statuses))
    missing = set(statuses) - set(users)
    if missing:
        raise ValidationError("Some of those people don't have an account any more.")
    now = timezone.now()
    with transaction.atomic():
        existing = {
            a.user_id: a
            for a in Attendance.objects.select_for_update().filter(
                activity=activity, user_id__in=list(statuses)
            )
        }
        new, changed = [], []
        for user_id, status in statuses.items():
            row = existing.get(user_id)
            if row is None:
                new.append(
                    Attendance(
                        activity=activity,
                        user_id=user_id,
                        status=status,
                        recorded_by=recorded_by,
                        recorded_at=now,
                    )
                )
            elif row.status != status:
                row.status, row.recorded_by, row.recorded_at = status, recorded_by, now
                changed.append(row)
        Attendance.objects.bulk_create(new)
        Attendance.objects.bulk_update(changed, ["status", "recorded_by", "recorded_at"])
    return list(Attendance.objects.filter(activity=activity, user_id__in=list(statuses)))


def rung_rate(*, activity: Activity, user: User, rung: str) -> RungRating:
    """Afterwards, someone who was there says which rung of the ladder it really reached."""
    if rung not in LadderRung.values:
        raise ValidationError({"rung": "Choose one of the rungs on the ladder."})
    if activity.ends_at > timezone.now():
        raise ValidationError("You can say how it went once the activity has finished.")
    was_there = Attendance.objects.filter(
        activity=activity, user=user, status=AttendanceStatus.PRESENT
    ).exists()
    if not was_there:
        raise ValidationError("Only people who were there can say which rung it reached.")
    with transaction.atomic():
        rating, _ = RungRating.objects.update_or_create(
            activity=activity, user=user, defaults={"rung": rung, "created_at": timezone.now()}
        )
    return rating


def activity_reminders_send(*, now: datetime | None = None) -> int:
    """The day before an activity, remind everyone with a place. Safe to run every hour: each
    sign-up is claimed with a conditional update, so nobody is reminded twice."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timezone.timedelta(days=1)
    signups = ActivitySignup.objects.filter(
        status=SignupStatus.CONFIRMED,
        reminded_at__isnull=True,
        activity__starts_at__date=tomorrow,
    ).select_related("activity", "user")
    sent = 0
    for signup in signups:
        with transaction.atomic():
            claimed = ActivitySignup.objects.filter(
                pk=signup.pk, reminded_at__isnull=True, status=SignupStatus.CONFIRMED
            ).update(reminded_at=now)
            if not claimed:
                continue
            activity = signup.activity
            notify(
                recipients=signup.user,
                kind="activity.reminder",
                title=f"Tomorrow: {activity.title}",
                body=f"{activity.title} is on {_when(activity)} at {activity.place}. "
                "If you can't come, please cancel so someone else can have your place.",
                url=_activity_url(activity),
            )
            sent += 1
    return sent
