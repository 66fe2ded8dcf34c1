"""Every write of mentoring: record a DBS check, pair, add goals, log meetings, end a pairing;
and a young person's record being checked. Each checks its actor first (`require`), validates,
runs in one transaction and is audited (state changes through their Workflow)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import require
from participation.models import Group, Role, Unlock, User
from participation.selectors.eligibility import Criteria, eligibility
from participation.services import audit, notify
from participation.services.training import is_trained

from .models import (
    ADULT_AGE,
    DBS_VALID_YEARS,
    GOAL_FLOW,
    PAIRING_FLOW,
    PEER_AGE_GAP,
    PEER_MIN_AGE,
    RECORD_CHECK_FLOW,
    DBSCheck,
    Goal,
    MentoringMeeting,
    Pairing,
    PairingKind,
    RecordCheck,
)
from .record import record_sections_for, record_snapshot

__all__ = [
    "dbs_check_record",
    "goal_add",
    "goal_mark_done",
    "meeting_log",
    "pairing_create",
    "pairing_end",
    "record_check_ask",
    "record_check_confirm",
    "record_check_turn_down",
]


def _long(day: date) -> str:
    return date_format(day, "j F Y")


@transaction.atomic
def dbs_check_record(*, mentor: User, checked_on: date, recorded_by: User) -> DBSCheck:
    require(recorded_by, "mentoring.record_dbs", mentor)
    today = timezone.localdate()
    if checked_on > today:
        raise ValidationError({"checked_on": "The date on the certificate can't be in the future."})
    check = DBSCheck(mentor=mentor, checked_on=checked_on, recorded_by=recorded_by)
    if not check.is_valid_on(today):
        raise ValidationError(
            {
                "checked_on": f"A DBS check counts for {DBS_VALID_YEARS} years. This one ran out "
                f"on {_long(check.runs_out_on)}: ask {mentor.display_name} for a new one."
            }
        )
    check.full_clean()
    check.save()
    audit(actor=recorded_by, action="mentoring.dbs_check.record", target=mentor)
    return check


def _is_adult(person: User, on: date) -> bool:
    # A board member's date of birth is not kept: without one, a mentor is taken to be an
    # adult, so the DBS rule is never skipped for want of a date.
    age = person.age(on)
    return age is None or age >= ADULT_AGE


def _is_child(person: User, on: date) -> bool:
    # Without a date of birth a mentee is taken to be a child: the safer way round.
    age = person.age(on)
    return age is None or age < ADULT_AGE


@dataclass(frozen=True)
class MentorChecks:
    problems: tuple[str, ...]
    # What was checked, in words, kept on the pairing.
    summary: str

    @property
    def ok(self) -> bool:
        return not self.problems


def mentor_checks(
    *, kind: str, mentor: User, mentee: User, group: Group | None = None, on: date | None = None
) -> MentorChecks:
    """Every reason this mentor may not mentor this young person, and what was checked. Reads
    only."""
    on = on or timezone.localdate()
    problems, checked = [], []
    mentor_name, mentee_name = mentor.display_name, mentee.first_name or mentee.display_name
    if kind == PairingKind.PEER:
        if not mentor.has_role(Role.YOUNG_PERSON):
            problems.append(f"A peer mentor must be a young person: {mentor_name} is not.")
        mentor_age, mentee_age = mentor.age(on), mentee.age(on)
        if mentor_age is None or mentee_age is None:
            problems.append("Peer mentoring needs both dates of birth, to check the ages.")
        else:
            if mentor_age < PEER_MIN_AGE:
                problems.append(f"A peer mentor must be {PEER_MIN_AGE} or older.")
            if mentor_age - mentee_age < PEER_AGE_GAP:
                problems.append(
                    f"A peer mentor must be at least {PEER_AGE_GAP} years older than the young "
                    f"person they mentor."
                )
    elif kind == PairingKind.BOARD:
        if not mentor.has_role(Role.BOARD_MEMBER):
            problems.append(f"A board mentor must be a board member: {mentor_name} is not.")
        if group is None:
            problems.append("Choose the forum the young person is a member of.")
        else:
            criteria = Criteria(
                what="Board mentoring", group_id=group.pk, group_name=group.name, on=on
            )
            problems.extend(eligibility(mentee, criteria, about_them=True).reasons)
    else:
        problems.append("Choose peer mentoring or board mentoring.")
    if kind == PairingKind.PEER and not mentee.has_role(Role.YOUNG_PERSON):
        problems.append(f"{mentee_name} is not a young person on the portal.")

    training = is_trained(mentor, Unlock.WORKING_WITH_YOUNG_PEOPLE, on=on)
    if training:
        checked.append(f"Training: {training.reason}")
    else:
        problems.append(f"{mentor_name} needs training first. {training.reason}")

    if _is_adult(mentor, on) and _is_child(mentee, on):
        dbs = DBSCheck.objects.filter(mentor=mentor).first()
        if dbs is None:
            problems.append(
                f"{mentor_name} is an adult and {mentee_name} is under {ADULT_AGE}: record "
                f"{mentor_name}'s DBS check first."
            )
        elif not dbs.is_valid_on(on):
            problems.append(
                f"{mentor_name}'s DBS check ran out on {_long(dbs.runs_out_on)} (a check counts "
                f"for {DBS_VALID_YEARS} years): record a new one first."
            )
        else:
            checked.append(
                f"DBS check dated {_long(dbs.checked_on)}, good until the day before "
                f"{_long(dbs.runs_out_on)}."
            )
    return MentorChecks(tuple(problems), " ".join(checked))


@transaction.atomic
def pairing_create(
    *,
    kind: str,
    mentor: User,
    mentee: User,
    made_by: User,
    parent_carer: User | None = None,
    group: Group | None = None,
    goals: list[str] | tuple[str, ...] = (),
) -> Pairing:
    require(made_by, "mentoring.pair", mentee)
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentee": "Someone can't mentor themselves."})
    if parent_carer is not None and not parent_carer.has_role(Role.PARENT_CARER):
        raise ValidationError(
            {"parent_carer": f"{parent_carer.display_name} is not a parent or carer account."}
        )
    checks = mentor_checks(
        kind=kind, mentor=mentor, mentee=mentee, group=group if kind == PairingKind.BOARD else None
    )
    if not checks.ok:
        raise ValidationError(list(checks.problems))
    pairing = Pairing(
        kind=kind,
        mentor=mentor,
        mentee=mentee,
        worker=made_by,
        parent_carer=parent_carer,
        group=group if kind == PairingKind.BOARD else None,
        checks_when_paired=checks.summary,
    )
    pairing.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            pairing.save()
    except IntegrityError:
        raise ValidationError(
            f"{mentor.display_name} is already mentoring {mentee.display_name}."
        ) from None
    for text in goals:
        if text.strip():
            Goal.objects.create(pairing=pairing, text=text.strip()[:300], added_by=made_by)
    audit(actor=made_by, action="mentoring.pairing.create", target=pairing, kind=kind)
    url = reverse("mentoring:pairing", args=[pairing.pk])
    notify(
        recipients=[mentor],
        kind="mentoring.paired",
        title=f"You are now mentoring {mentee.first_name or mentee.display_name}",
        body="Your worker has set this up. Record each meeting you have on the portal.",
        url=url,
    )
    notify(
        recipients=[mentee],
        kind="mentoring.paired",
        title=f"{mentor.display_name} is now your mentor",
        body="You can end this at any time, and you can always tell us if something is wrong.",
        url=url,
    )
    return pairing


def _active(pairing: Pairing, doing: str) -> None:
    if not pairing.is_active:
        raise ValidationError(f"This mentoring has ended, so you can't {doing}.")


@transaction.atomic
def goal_add(*, pairing: Pairing, text: str, added_by: User) -> Goal:
    require(added_by, "mentoring.keep_log", pairing)
    _active(pairing, "add goals")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the goal."})
    goal = Goal(pairing=pairing, text=text, added_by=added_by)
    goal.full_clean()
    goal.save()
    audit(actor=added_by, action="mentoring.goal.add", target=goal)
    return goal


@transaction.atomic
def goal_mark_done(*, goal: Goal, marked_by: User) -> Goal:
    goal = Goal.objects.select_for_update().select_related("pairing").get(pk=goal.pk)
    require(marked_by, "mentoring.keep_log", goal)
    _active(goal.pairing, "change its goals")
    GOAL_FLOW.move(goal, "mark_done", actor=marked_by)
    return goal


@transaction.atomic
def meeting_log(
    *, pairing: Pairing, held_on: date, place: str, worked_on: str, recorded_by: User
) -> MentoringMeeting:
    require(recorded_by, "mentoring.keep_log", pairing)
    _active(pairing, "add meetings")
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = "Only record meetings that have happened: this date is in the future."
    elif held_on < pairing.started_on:
        errors["held_on"] = (
            f"This mentoring started on {_long(pairing.started_on)}: the meeting can't be "
            "before that."
        )
    place, worked_on = place.strip(), worked_on.strip()
    if not place:
        errors["place"] = "Say where you met."
    if not worked_on:
        errors["worked_on"] = "Say what you worked on."
    if errors:
        raise ValidationError(errors)
    meeting = MentoringMeeting(
        pairing=pairing, held_on=held_on, place=place, worked_on=worked_on, recorded_by=recorded_by
    )
    meeting.full_clean()
    meeting.save()
    audit(actor=recorded_by, action="mentoring.meeting.log", target=meeting)
    return meeting


@transaction.atomic
def pairing_end(*, pairing: Pairing, ended_by: User, reason: str = "") -> Pairing:
    """The mentee, their parent or carer, the mentor or their worker ends it, at once: no one
    has to agree first."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    require(ended_by, "mentoring.end_pairing", pairing)
    pairing.ended_at = timezone.now()
    pairing.ended_by = ended_by
    pairing.end_reason = reason.strip()
    PAIRING_FLOW.move(
        pairing, "end", actor=ended_by, extra_fields=["ended_at", "ended_by", "end_reason"]
    )
    others = [
        User(pk=pk)
        for pk in {pairing.mentor_id, pairing.mentee_id, pairing.worker_id}
        if pk and pk != ended_by.pk
    ]
    notify(
        recipients=others,
        kind="mentoring.ended",
        title="A mentoring pairing has ended",
        body=f"{ended_by.display_name} ended it.",
        url=reverse("mentoring:mine"),
    )
    return pairing


# --- Checking a young person's record ------------------------------------------------------


def _workers() -> list[User]:
    return [
        User(pk=pk)
        for pk in User.objects.filter(is_active=True, role_assignments__role=Role.WORKER)
        .values_list("pk", flat=True)
        .distinct()
    ]


@transaction.atomic
def record_check_ask(*, person: User, note: str = "") -> RecordCheck:
    require(person, "mentoring.ask_record_check", person)
    check = RecordCheck(person=person, note=note.strip())
    check.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:
        raise ValidationError(
            "You have already asked. A participation worker will check your record soon."
        ) from None
    audit(actor=person, action="mentoring.record_check.ask", target=check)
    notify(
        recipients=_workers(),
        kind="mentoring.record_check_asked",
        title=f"{person.display_name} asked for their record to be checked",
        url=reverse("mentoring:record_check", args=[check.pk]),
    )
    return check


@transaction.atomic
def record_check_confirm(*, check: RecordCheck, checked_by: User) -> RecordCheck:
    """The worker confirms the record as it stands now: that is what is kept and shown."""
    check = RecordCheck.objects.select_for_update().select_related("person").get(pk=check.pk)
    require(checked_by, "mentoring.check_records", check)
    if check.person_id == checked_by.pk:
        raise ValidationError("Someone else has to check your own record.")
    check.record = record_snapshot(record_sections_for(check.person))
    check.checked_by = checked_by
    check.checked_by_name = checked_by.display_name
    check.checked_at = timezone.now()
    RECORD_CHECK_FLOW.move(
        check,
        "confirm",
        actor=checked_by,
        extra_fields=["record", "checked_by", "checked_at", "checked_by_name"],
    )
    notify(
        recipients=[check.person],
        kind="mentoring.record_checked",
        title="Your participation record has been checked",
        body=f"{checked_by.display_name} checked it. You can now download it as a PDF.",
        url=reverse("mentoring:my_record"),
    )
    return check


@transaction.atomic
def record_check_turn_down(*, check: RecordCheck, checked_by: User, reply: str) -> RecordCheck:
    check = RecordCheck.objects.select_for_update().select_related("person").get(pk=check.pk)
    require(checked_by, "mentoring.check_records", check)
    reply = reply.strip()
    if not reply:
        raise ValidationError({"reply": "Tell them why, and what to do next."})
    check.reply = reply
    check.checked_by = checked_by
    check.checked_by_name = checked_by.display_name
    check.checked_at = timezone.now()
    RECORD_CHECK_FLOW.move(
        check,
        "turn_down",
        actor=checked_by,
        extra_fields=["reply", "checked_by", "checked_at", "checked_by_name"],
    )
    notify(
        recipients=[check.person],
        kind="mentoring.record_checked",
        title="Your participation record could not be checked yet",
        body=reply,
        url=reverse("mentoring:my_record"),
    )
    return check
