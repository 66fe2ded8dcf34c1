"""A young person's record of achievement: every app's part of their participation record
(`registry.record_sections`), a summary in plain words at the top, and whether a worker has
checked it.

Each app hands a section: `{"title", "hours", "items": [{"date", "text", "hours", "kind"}]}`.
An item's `kind` says what it is, so the summary can count it: "activity" (an event or meeting
they were at), "course" (training finished), "membership" (a forum they belong to), "role" (an
office such as chair or Youth MP), "stood" / "elected" (an election), "panel", "grant",
"commissioning", "mentor" / "mentee", "article". A section whose items carry no kind yet is
read by what its app is (`_FALLBACK_KINDS`), so the summary never leaves it out.

When a worker checks the record, the record as it stood is kept on the `RecordCheck`
(`record_snapshot`); comparing it with the record now says what was added since, and that is
what the record shows as not checked yet. Reads only; no query per item or per section's rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When

from participation.models import User
from participation.registry import registry

from .models import RecordCheck, RecordCheckStatus

# The order sections come in on the record: what a college asks about first.
SECTION_ORDER = (
    "participation.training_and_activities",
    "forums",
    "scoring",
    "grants",
    "commissioning",
    "mentoring",
    "content",
)

# What an item is, for sections whose items do not say (their apps can add "kind" to each).
_FALLBACK_KINDS = {"grants": "grant", "commissioning": "commissioning"}


def _kind_of(key: str, item: dict) -> str:
    if item.get("kind"):
        return item["kind"]
    if key == "participation.training_and_activities":
        # Its activities carry the hours they lasted; its training courses do not.
        return "activity" if item.get("hours") is not None else "course"
    return _FALLBACK_KINDS.get(key, "other")


def _order(key: str) -> int:
    return SECTION_ORDER.index(key) if key in SECTION_ORDER else len(SECTION_ORDER)


def record_sections_for(person: User) -> list[dict]:
    """Everything every app puts on a person's participation record, in the record's order,
    each item with its kind."""
    sections = []
    for key in sorted(registry.record_sections, key=_order):
        section = registry.record_sections[key](person)
        if not section:
            continue
        items = [{**item, "kind": _kind_of(key, item)} for item in section["items"]]
        sections.append({**section, "key": key, "items": items})
    return sections


def record_snapshot(sections: list[dict]) -> list[dict]:
    """The record as it is kept when a worker checks it (plain JSON), and compared later to
    tell what was added since."""
    return [
        {
            "title": s["title"],
            "hours": str(s["hours"]) if s.get("hours") is not None else None,
            "items": [
                {"date": i["date"].isoformat() if i.get("date") else None, "text": i["text"]}
                for i in s["items"]
            ],
        }
        for s in sections
    ]


def _keys(snapshot: list[dict]) -> Counter:
    return Counter(
        (section["title"], item["date"], item["text"])
        for section in snapshot
        for item in section["items"]
    )


# --- The summary --------------------------------------------------------------------------


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _hours(total) -> str:
    total = Decimal(str(total)).quantize(Decimal("0.1"))
    words = f"{total:f}".removesuffix(".0")
    return f"{words} {'hour' if words == '1' else 'hours'}"


def summary_of(sections: list[dict]) -> list[str]:
    """The record in a few plain sentences, counted from its sections."""
    hours = sum(
        (Decimal(str(s["hours"])) for s in sections if s.get("hours") is not None), Decimal(0)
    )
    kinds = Counter(item["kind"] for s in sections for item in s["items"])
    lines = []
    if hours:
        lines.append(f"{_hours(hours)} of taking part, at events, meetings and training")
    if kinds["activity"]:
        lines.append(f"Went to {_n(kinds['activity'], 'event or meeting', 'events and meetings')}")
    if kinds["course"]:
        lines.append(f"Finished {_n(kinds['course'], 'training course', 'training courses')}")
    if kinds["membership"]:
        lines.append(
            f"Member of {_n(kinds['membership'], 'Youth Voice forum', 'Youth Voice forums')}"
        )
    if kinds["role"]:
        lines.append(
            f"Held {_n(kinds['role'], 'role', 'roles')} in a forum, like chair or Youth MP"
        )
    stood = kinds["stood"] + kinds["elected"]
    if stood:
        line = f"Stood for election {_n(stood, 'time', 'times')}"
        if kinds["elected"]:
            line += f" and was elected {_n(kinds['elected'], 'time', 'times')}"
        lines.append(line)
    if kinds["panel"]:
        lines.append(
            f"Sat on {_n(kinds['panel'], 'panel', 'panels')} choosing grants, services or staff"
        )
    if kinds["grant"]:
        lines.append(
            "Took part in Pay it Forward grants "
            f"{_n(kinds['grant'], 'time', 'times')} (applying, reviewing or visiting)"
        )
    if kinds["commissioning"]:
        lines.append(f"Helped with commissioning {_n(kinds['commissioning'], 'time', 'times')}")
    if kinds["mentor"]:
        lines.append(f"Mentored {_n(kinds['mentor'], 'young person', 'young people')} as a mentor")
    if kinds["mentee"]:
        lines.append(f"Had {_n(kinds['mentee'], 'mentor', 'mentors')}")
    if kinds["article"]:
        lines.append(f"Had {_n(kinds['article'], 'article', 'articles')} published")
    if kinds["other"]:
        lines.append(f"{_n(kinds['other'], 'other thing', 'other things')} on the record")
    return lines


# --- Checked by a worker ----------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """The latest check a worker made of this record (None if never), whether another is
    waiting, and what was added since the check."""

    check: RecordCheck | None = None
    waiting: RecordCheck | None = None
    new_items: list[dict] = field(default_factory=list)
    gone: int = 0

    @property
    def checked(self) -> bool:
        return self.check is not None

    @property
    def changed(self) -> bool:
        return bool(self.new_items or self.gone)


def _checks_of(person: User) -> tuple[RecordCheck | None, RecordCheck | None]:
    """The open request (if any) and the latest confirmed check, in one query: an open request
    sorts first, then confirmed checks newest first."""
    rows = list(
        RecordCheck.objects.filter(
            person=person, status__in=[RecordCheckStatus.ASKED, RecordCheckStatus.CHECKED]
        )
        .annotate(
            waiting_first=Case(
                When(status=RecordCheckStatus.ASKED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting_first", "-checked_at", "-id")[:2]
    )
    waiting = next((c for c in rows if c.status == RecordCheckStatus.ASKED), None)
    checked = next((c for c in rows if c.status == RecordCheckStatus.CHECKED), None)
    return waiting, checked


def verification_of(sections: list[dict], check: RecordCheck | None, waiting=None):
    """Marks each item added since `check` (`item["new"] = True`) and says what changed."""
    if check is None:
        return Verification(waiting=waiting)
    then = _keys(check.record or [])
    now = _keys(record_snapshot(sections))
    added = now - then
    new_items = []
    for section in sections:
        for item in section["items"]:
            key = (section["title"], item["date"].isoformat() if item.get("date") else None)
            key = (*key, item["text"])
            if added[key] > 0:
                added[key] -= 1
                item["new"] = True
                new_items.append({**item, "section": section["title"]})
    return Verification(
        check=check, waiting=waiting, new_items=new_items, gone=sum((then - now).values())
    )


@dataclass(frozen=True)
class Record:
    person: User
    sections: list[dict]
    summary: list[str]
    verification: Verification


def record_of_achievement(person: User) -> Record:
    """The whole record for one person, as their page and their PDF show it."""
    sections = record_sections_for(person)
    waiting, checked = _checks_of(person)
    return Record(
        person=person,
        sections=sections,
        summary=summary_of(sections),
        verification=verification_of(sections, checked, waiting),
    )
