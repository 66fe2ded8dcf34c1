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

from participation.access import require
from participation.models import (
    ATTENDANCE_FLOW,
    OPEN_SIGNUP_STATUSES,
    PLACE_HOLDING,
    SIGNUP_FLOW,
    Activity,
    ActivitySignup,
    Attendance,
    AttendanceStatus,
    Group,
    LadderRung,
    Organisation,
    RungRating,
    SignupStatus,
    User,
)
from participation.models.accounts import SELF_SIGNUP_MIN_AGE
from participation.selectors.activities import signup_problem

from .accounts import consent_record
from .audit import audit
from .notifications import notify

ACTIVITY_FIELDS = (
    "title",
    "description",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "access_info",
    "audience_group",
    "organisation",
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
    organisation: Organisation | None = None,
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
        organisation=organisation,
        min_age=min_age,
        max_age=max_age,
        capacity=capacity,
        planned_rung=planned_rung,
        training_module=training_module,
    )
    require(created_by, "participation.manage_activities", activity)
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
        and min(activity.min_age, activity.max_age) != activity.min_age
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
        require(updated_by, "participation.manage_activities", locked)
        for name, value in fields.items():
            if isinstance(value, str):
                value = value.strip()
            setattr(locked, name, value)
        # Moving it to a group they don't run (a sensitive one) is refused too.
        require(updated_by, "participation.manage_activities", locked)
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
    """Plain-English reason this person can't sign up, or "" if they can (a read, kept for
    callers: the answer is `selectors.activities.signup_problem`, from the base eligibility)."""
    return signup_problem(activity=activity, user=user, now=now)


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
        require(user, "participation.take_part_in_activities")
        reason = signup_problem(activity=locked, user=user)
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
    """Cancel a person's sign-up: the person themselves, or (`cancelled_by`) a worker who runs
    the activity. A freed place goes to the next person waiting, who is told.

    Cancelling again does nothing, so a double click never promotes two people.
    """
    acting_for_them = cancelled_by is not None and cancelled_by.pk != user.pk
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if acting_for_them:
            require(cancelled_by, "participation.cancel_signup_for_someone", locked)
        signup = (
            ActivitySignup.objects.select_for_update()
            .filter(activity=locked, user=user, status__in=OPEN_SIGNUP_STATUSES)
            .first()
        )
        if signup is None:
            return None
        if locked.starts_at <= timezone.now() and not acting_for_them:
            raise ValidationError(
                "This activity has already started. Tell the worker running it if you can't stay."
            )
        freed_a_place = signup.state.has_place
        signup.cancelled_at = timezone.now()
        SIGNUP_FLOW.move(
            signup, "cancel", actor=cancelled_by or user, extra_fields=["cancelled_at"]
        )
        if acting_for_them:
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
        signup.promoted_at = timezone.now()
        SIGNUP_FLOW.move(
            signup,
            "promote_pending_consent" if needs_consent else "promote",
            actor=None,
            extra_fields=["promoted_at"],
        )
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
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("audience_group")
            .get(pk=signup.activity_id)
        )
        require(recorded_by, "participation.record_activity_consent", activity)
        signup = (
            ActivitySignup.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=signup.pk)
        )
        if not signup.state.is_open:
            raise ValidationError(SIGNUP_FLOW.refusals["consent_given"])
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
        if SIGNUP_FLOW.is_possible(signup, "consent_given"):
            SIGNUP_FLOW.move(signup, "consent_given", actor=recorded_by, extra_fields=["consent"])
            notify(
                recipients=signup.user,
                kind="activity.consent_recorded",
                title=f"You're all set for {activity.title}",
                body=f"Your parent or carer said yes. See you on {_when(activity)}.",
                url=_activity_url(activity),
            )
        else:
            signup.save(update_fields=["consent"])
    return signup


def attendance_record(
    *, activity: Activity, recorded_by: User, statuses: dict[int, str]
) -> list[Attendance]:
    """Record present, apologies or absent for each person (recording again corrects it)."""
    require(recorded_by, "participation.record_attendance", activity)
    if activity.starts_at > timezone.now():
        raise ValidationError("You can record who came once the activity has started.")
    choices = set(AttendanceStatus.values)
    bad = [s for s in statuses.values() if s not in choices]
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
        new = []
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
            elif ATTENDANCE_FLOW.state_of(row) != status:
                # A correction: through the workflow, so it is audited like every change.
                row.recorded_by, row.recorded_at = recorded_by, now
                ATTENDANCE_FLOW.move(
                    row,
                    f"mark_{status}",
                    actor=recorded_by,
                    extra_fields=["recorded_by", "recorded_at"],
                )
        Attendance.objects.bulk_create(new)
    return list(Attendance.objects.filter(activity=activity, user_id__in=list(statuses)))


def attendance_take(
    *,
    activity: Activity,
    recorded_by: User,
    statuses: dict[int, str],
    walk_in_email: str = "",
    sign_off: bool = False,
) -> list[Attendance]:
    """The attendance page in one step, all or nothing: who came (with someone who came
    without signing up, found by their email, marked present) and, for a face-to-face training
    session, the sign-off of everyone present. Attendance and sign-off commit together."""
    from .training import training_group_signoff

    require(recorded_by, "participation.record_attendance", activity)
    statuses = dict(statuses)
    if walk_in_email:
        walk_in = User.objects.filter(email__iexact=walk_in_email.strip()).first()
        if walk_in is None:
            raise ValidationError(
                {"walk_in_email": "Nobody has an account with this email address."}
            )
        statuses[walk_in.pk] = AttendanceStatus.PRESENT
    if not statuses:
        raise ValidationError("Choose present, apologies or absent for at least one person.")
    with transaction.atomic():
        rows = attendance_record(activity=activity, recorded_by=recorded_by, statuses=statuses)
        if sign_off:
            if activity.training_module is None:
                raise ValidationError("This activity gives no training to sign off.")
            present = [uid for uid, s in statuses.items() if s == AttendanceStatus.PRESENT]
            if not present:
                raise ValidationError("Nobody is marked present, so there is nobody to sign off.")
            training_group_signoff(
                module=activity.training_module,
                people=list(User.objects.filter(pk__in=present)),
                signed_off_by=recorded_by,
                completed_on=timezone.localdate(activity.starts_at),
                activity=activity,
            )
    return rows


def rung_rate(*, activity: Activity, user: User, rung: str) -> RungRating:
    """Afterwards, someone who was there says which rung of the ladder it really reached."""
    require(user, "participation.rate_activity_rung", activity)
    if rung not in LadderRung.values:
        raise ValidationError({"rung": "Choose one of the rungs on the ladder."})
    if activity.ends_at > timezone.now():
        raise ValidationError("You can say how it went once the activity has finished.")
    was_there = Attendance.objects.filter(
        activity=activity, user=user, status=AttendanceStatus.PRESENT
    ).exists()
    if not was_there:
        raise ValidationError("You can say which rung it reached if you were there.")
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
