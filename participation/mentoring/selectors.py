"""Reads for mentoring pages, with who may see what applied here once.

`pairing_for` is the only way a page gets a pairing: the pair, the worker who looks after it
and the safeguarding leads find it; for anyone else it does not exist (a 404, so a page never
confirms that a child is being mentored).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import allowed
from participation.models import Role, User
from participation.small_numbers import small_count

from .models import (
    DBSCheck,
    Goal,
    MentoringMeeting,
    Pairing,
    PairingKind,
    PairingStatus,
    RecordCheck,
    RecordCheckStatus,
)
from .permissions import is_safeguarding_lead

_PEOPLE = ("mentor", "mentee", "worker", "parent_carer", "group")


def _long(day: date) -> str:
    return date_format(day, "j F Y")


def pairing_for(user: User, pairing_id: int) -> Pairing | None:
    """The pairing, if `user` may see its log; None otherwise."""
    if not (user and user.is_authenticated):
        return None
    visible = Pairing.objects.select_related(*_PEOPLE).filter(pk=pairing_id)
    if not is_safeguarding_lead(user):
        visible = visible.filter(Q(mentor=user) | Q(mentee=user) | Q(worker=user))
    pairing = visible.first()
    if pairing is None or not allowed(user, "mentoring.view_pairing", pairing):
        return None
    return pairing


def pairing_to_end(user: User, pairing_id: int) -> Pairing | None:
    """The pairing, for the page that ends it: the people who may see it, and the mentee's
    parent or carer (who may end it without seeing its log)."""
    if not (user and user.is_authenticated):
        return None
    pairing = (
        Pairing.objects.select_related(*_PEOPLE)
        .filter(pk=pairing_id)
        .filter(
            Q(mentor=user) | Q(mentee=user) | Q(worker=user) | Q(parent_carer=user),
        )
        .first()
    )
    return pairing


@dataclass(frozen=True)
class PairingPage:
    pairing: Pairing
    goals: list[Goal]
    meetings: list[MentoringMeeting]


def pairing_page(pairing: Pairing) -> PairingPage:
    """Its goals and its log of meetings: two queries, whatever their number."""
    return PairingPage(
        pairing=pairing,
        goals=list(Goal.objects.filter(pairing=pairing)),
        meetings=list(MentoringMeeting.objects.filter(pairing=pairing)),
    )


def my_mentoring(user: User) -> dict:
    """The pairings someone is in, as mentor, as mentee, or as the mentee's parent or carer.
    One query."""
    rows = list(
        Pairing.objects.select_related("mentor", "mentee", "worker")
        .filter(Q(mentor=user) | Q(mentee=user) | Q(parent_carer=user))
        .annotate(meeting_count=Count("meetings"))
        .order_by("status", "-started_on", "-id")
    )
    return {
        "as_mentor": [p for p in rows if p.mentor_id == user.pk],
        "as_mentee": [p for p in rows if p.mentee_id == user.pk],
        "as_parent": [p for p in rows if p.parent_carer_id == user.pk and p.mentee_id != user.pk],
    }


def pairings_for_worker(user: User) -> list[Pairing]:
    """A worker's list: the pairings they look after (a safeguarding lead sees all). One
    query."""
    rows = Pairing.objects.select_related("mentor", "mentee", "worker").annotate(
        meeting_count=Count("meetings")
    )
    if not is_safeguarding_lead(user):
        rows = rows.filter(worker=user)
    return list(rows.order_by("status", "-started_on", "-id"))


def latest_dbs(mentor: User) -> DBSCheck | None:
    return DBSCheck.objects.filter(mentor=mentor).first()


def dbs_checks_recent(limit: int = 20) -> list[DBSCheck]:
    return list(DBSCheck.objects.select_related("mentor", "recorded_by")[:limit])


def mentor_choices():
    """People a worker may choose as mentors: young people and board members."""
    return User.objects.filter(
        is_active=True, role_assignments__role__in=[Role.YOUNG_PERSON, Role.BOARD_MEMBER]
    ).distinct()


def mentee_choices():
    return User.objects.filter(is_active=True, role_assignments__role=Role.YOUNG_PERSON).distinct()


def parent_choices():
    return User.objects.filter(is_active=True, role_assignments__role=Role.PARENT_CARER).distinct()


# --- The record of achievement (built in record.py) -----------------------------------------


def record_checks_waiting() -> list[RecordCheck]:
    return list(
        RecordCheck.objects.filter(status=RecordCheckStatus.ASKED)
        .select_related("person")
        .order_by("asked_at", "id")
    )


def record_checks_done(limit: int = 20) -> list[RecordCheck]:
    """The records workers checked lately, newest first, so a worker can find one again to
    download it. One query."""
    return list(
        RecordCheck.objects.filter(status=RecordCheckStatus.CHECKED)
        .select_related("person")
        .order_by("-checked_at", "-id")[:limit]
    )


def record_check_for(user: User, check_id: int) -> RecordCheck | None:
    check = RecordCheck.objects.select_related("person").filter(pk=check_id).first()
    if check is None or not allowed(user, "mentoring.view_record_check", check):
        return None
    return check


def mentoring_record_section(user: User) -> dict | None:
    """Mentoring on the participation record: as a mentor (with the meetings held, an hour
    each is not assumed: the record says how many) and as a mentee."""
    rows = list(
        Pairing.objects.filter(Q(mentor=user) | Q(mentee=user))
        .select_related("mentor", "mentee")
        .annotate(meeting_count=Count("meetings"))
        .order_by("started_on", "id")
    )
    if not rows:
        return None
    items = []
    for p in rows:
        meetings = f"{p.meeting_count} meeting{'' if p.meeting_count == 1 else 's'}"
        until = f" until {_long(timezone.localdate(p.ended_at))}" if p.ended_at else ""
        peer = p.kind == PairingKind.PEER
        as_mentor = p.mentor_id == user.pk
        if as_mentor:
            text = "Trained peer mentor to a younger young person" if peer else "Board mentor"
        else:
            text = "Mentored by a trained peer mentor" if peer else "Mentored by a board member"
        text += f"{until} ({meetings})"
        kind = "mentor" if as_mentor else "mentee"
        items.append({"date": p.started_on, "text": text, "hours": None, "kind": kind})
    return {"title": "Mentoring", "hours": None, "items": items}


def mentoring_export_section(user: User) -> dict:
    """Everything mentoring holds about a person, for their data download."""
    pairings = (
        Pairing.objects.filter(Q(mentor=user) | Q(mentee=user) | Q(parent_carer=user))
        .select_related("mentor", "mentee")
        .prefetch_related(
            "goals", Prefetch("meetings", queryset=MentoringMeeting.objects.order_by("held_on"))
        )
    )
    return {
        "mentoring": [
            {
                "kind": p.get_kind_display(),
                "mentor": p.mentor.display_name,
                "mentee": p.mentee.display_name,
                "you_are": "mentor"
                if p.mentor_id == user.pk
                else "mentee"
                if p.mentee_id == user.pk
                else "parent or carer",
                "started_on": p.started_on.isoformat(),
                "status": p.get_status_display(),
                "ended_at": p.ended_at.isoformat() if p.ended_at else None,
                "end_reason": p.end_reason,
                "mentor_checks_when_paired": p.checks_when_paired,
                "goals": [
                    {"goal": g.text, "status": g.get_status_display()} for g in p.goals.all()
                ],
                "meetings": [
                    {"held_on": m.held_on.isoformat(), "where": m.place, "worked_on": m.worked_on}
                    for m in p.meetings.all()
                ]
                if p.parent_carer_id != user.pk or user.pk in (p.mentor_id, p.mentee_id)
                else [],
            }
            for p in pairings
        ],
        "dbs_checks": [
            {"date_on_certificate": c.checked_on.isoformat(), "recorded": c.recorded_at.isoformat()}
            for c in DBSCheck.objects.filter(mentor=user)
        ],
        "record_checks": [
            {
                "asked": c.asked_at.isoformat(),
                "note": c.note,
                "status": c.get_status_display(),
                "checked_by": c.checked_by_name,
                "checked_at": c.checked_at.isoformat() if c.checked_at else None,
                "reply": c.reply,
            }
            for c in RecordCheck.objects.filter(person=user)
        ],
    }


def mentoring_dashboard_section() -> dict:
    """For boards: how many pairings of each kind are going on and how many meetings were held
    this year. Counts only, and under 5 shown as "fewer than 5"."""
    year_start = timezone.localdate().replace(month=1, day=1)
    counts = Pairing.objects.aggregate(
        **{
            f"{kind}_active": Count(
                "pk", filter=Q(kind=kind, status=PairingStatus.ACTIVE), distinct=True
            )
            for kind in PairingKind.values
        }
    )
    meetings = MentoringMeeting.objects.filter(held_on__gte=year_start).aggregate(
        **{
            f"{kind}_meetings": Count("pk", filter=Q(pairing__kind=kind))
            for kind in PairingKind.values
        }
    )
    return {
        "title": "Mentoring",
        "rows": [
            {
                "kind": PairingKind(kind).label,
                "pairings going on": small_count(counts[f"{kind}_active"]),
                "meetings this year": small_count(meetings[f"{kind}_meetings"]),
            }
            for kind in PairingKind.values
        ],
    }
