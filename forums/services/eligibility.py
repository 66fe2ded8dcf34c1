"""Who may join a forum: the one place the rules (age, care status, area) are checked.

Every way in (joining, applying, being put forward, a worker adding someone, accepting a
nomination) asks `forum_eligibility`, so the rules and their plain-English reasons are the same
everywhere.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from forums.models import CareStatus, CareStatusKind, CareStatusNeeded, Forum
from participation.models import Role, User

YOUNGEST, OLDEST = 10, 25

CARE_STATUS_FOR = {
    CareStatusNeeded.IN_CARE: CareStatusKind.IN_CARE,
    CareStatusNeeded.CARE_LEAVER: CareStatusKind.CARE_LEAVER,
}


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def _areas(forum: Forum) -> list[str]:
    return [a.strip() for a in forum.area.split(",") if a.strip()]


def forum_eligibility(
    *, forum: Forum, person: User, on: date | None = None, about_them: bool = False
) -> Eligibility:
    """Can `person` be a member of `forum` on `on` (today by default)?

    Reasons speak to the young person ("You are 19 ...") unless `about_them` is set, for the
    professional putting someone forward or the forum's worker ("Jay is 19 ..."). They say what
    the forum needs, never what a care status record says.
    """
    on = on or timezone.localdate()
    name = person.first_name or "This young person"
    you = "you" if not about_them else name
    You = "You" if not about_them else name  # noqa: N806 - start-of-sentence form
    are = "are" if not about_them else "is"
    your = "your" if not about_them else "their"
    reasons = []

    if not person.has_role(Role.YOUNG_PERSON):
        reasons.append(
            "Forums are for young people."
            if not about_them
            else f"{name} doesn't have a young person's account on the portal."
        )
        return Eligibility(tuple(reasons))

    age = person.age(on=on)
    if age is None:
        reasons.append(
            f"We don't know {your} age yet. A participation worker can add {your} date of birth."
        )
    else:
        # Forums are for 10 to 25-year-olds, whatever narrower range a forum sets.
        youngest = forum.min_age if forum.min_age is not None else YOUNGEST
        oldest = forum.max_age if forum.max_age is not None else OLDEST
        if not youngest <= age <= oldest:
            reasons.append(
                f"{You} {are} {age}. {forum.name} is for young people "
                f"{_age_words(youngest, oldest)}."
            )

    needed = CARE_STATUS_FOR.get(forum.care_status_needed)
    if needed is not None:
        status = CareStatus.objects.filter(user=person).values_list("status", flat=True).first()
        who = (
            "young people in the care of the council"
            if needed == CareStatusKind.IN_CARE
            else "care leavers supported by the Transitions Team"
        )
        if status is None:
            reasons.append(
                f"{forum.name} is for {who}. A participation worker or {your} social worker "
                f"needs to tell us about that first."
            )
        elif status != needed:
            reasons.append(
                f"{forum.name} is for {who}, and our records don't show that {you} {are}."
            )

    areas = _areas(forum)
    if areas:
        lower = {a.lower() for a in areas}
        if not person.area.strip():
            reasons.append(
                f"{forum.name} is for young people who live in {_either(areas)}. "
                f"{your.capitalize()} account doesn't say where {you} live"
                f"{'s' if about_them else ''}."
            )
        elif person.area.strip().lower() not in lower:
            reasons.append(
                f"{forum.name} is for young people who live in {_either(areas)}, "
                f"not {person.area.strip()}."
            )
    return Eligibility(tuple(reasons))


def _age_words(youngest: int, oldest: int) -> str:
    return f"aged {youngest} to {oldest}"


def _either(areas: list[str]) -> str:
    if len(areas) == 1:
        return areas[0]
    return ", ".join(areas[:-1]) + f" or {areas[-1]}"
