"""Who may take part in something: the one eligibility rule of the portal.

A forum, an election's constituency, an activity, a grant round or a panel describes who it is
for as `Criteria` (roles, age on a date, areas, a group's membership, and rules that belong to
other apps, such as care status or training, added through `registry.eligibility_rules`).
`eligibility(person, criteria)` returns every reason they are not eligible, in plain English,
speaking to the person ("You are 19 ...") or, with `about_them`, about them ("Jay is 19 ...").

The elections' one-statement ballot checks the same rules in SQL for speed; a test keeps the
two in agreement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from participation.models import Membership, Role, User
from participation.registry import registry


@dataclass(frozen=True)
class Criteria:
    # What the person wants to take part in, as the start of a sentence: "Youth Council",
    # "This election", "This activity".
    what: str
    roles: tuple[str, ...] = (Role.YOUNG_PERSON,)
    role_refusal: str = ""
    min_age: int | None = None
    max_age: int | None = None
    on: date | None = None
    areas: tuple[str, ...] = ()
    group_id: int | None = None
    group_name: str = ""
    # App rules by name, with the value each needs: (("care_status", "in_care"),).
    rules: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reasons

    def __bool__(self) -> bool:
        return self.ok

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


@dataclass(frozen=True)
class Words:
    """The pronouns of a reason: to the person, or about them to someone else."""

    name: str | None = None

    @classmethod
    def for_(cls, person: User, about_them: bool) -> Words:
        return cls(person.first_name or "This young person") if about_them else cls()

    @property
    def about_them(self) -> bool:
        return self.name is not None

    you = property(lambda self: self.name or "you")
    You = property(lambda self: self.name or "You")  # noqa: N815 - start-of-sentence form
    are = property(lambda self: "is" if self.about_them else "are")
    your = property(lambda self: "their" if self.about_them else "your")
    live = property(lambda self: "lives" if self.about_them else "live")


def split_areas(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(",") if a.strip())


def eligibility(
    person: User,
    criteria: Criteria,
    *,
    about_them: bool = False,
    member_of: Iterable[int] | None = None,
) -> Eligibility:
    """Every reason `person` may not take part, or none. `member_of` (ids of the groups the
    person is an active member of on the day) saves a query when the caller knows it."""
    on = criteria.on or timezone.localdate()
    words = Words.for_(person, about_them)
    if criteria.roles and not any(person.has_role(role) for role in criteria.roles):
        return Eligibility((_role_refusal(criteria, words),))

    reasons = [
        reason
        for reason in (
            _age_reason(person, criteria, on, words),
            _area_reason(person, criteria, words),
            _group_reason(person, criteria, on, words, member_of),
            *(
                registry.eligibility_rules[name](person, value, criteria, words)
                for name, value in criteria.rules
            ),
        )
        if reason
    ]
    return Eligibility(tuple(reasons))


def _role_refusal(criteria: Criteria, words: Words) -> str:
    if criteria.role_refusal:
        return criteria.role_refusal
    if words.about_them:
        return f"{words.name} doesn't have a young person's account on the portal."
    return f"{criteria.what} is for young people."


def _age_reason(person: User, criteria: Criteria, on: date, words: Words) -> str:
    low, high = criteria.min_age, criteria.max_age
    if low is None and high is None:
        return ""
    age = person.age(on=on)
    if age is None:
        return (
            f"We don't know {words.your} age yet. A participation worker can add "
            f"{words.your} date of birth."
        )
    if (low is None or age >= low) and (high is None or age <= high):
        return ""
    return (
        f"{words.You} {words.are} {age}. "
        f"{criteria.what} is for young people {age_words(low, high)}."
    )


def age_words(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"aged {low} to {high}"
    if low is not None:
        return f"aged {low} or over"
    return f"aged {high} or under"


def _area_reason(person: User, criteria: Criteria, words: Words) -> str:
    if not criteria.areas:
        return ""
    theirs = person.area.strip()
    where = either(criteria.areas)
    if not theirs:
        return (
            f"{criteria.what} is for young people who live in {where}. "
            f"{words.your.capitalize()} account doesn't say where {words.you} {words.live}."
        )
    if theirs.lower() not in {a.lower() for a in criteria.areas}:
        return f"{criteria.what} is for young people who live in {where}, not {theirs}."
    return ""


def _group_reason(
    person: User, criteria: Criteria, on: date, words: Words, member_of: Iterable[int] | None
) -> str:
    if criteria.group_id is None:
        return ""
    if member_of is not None:
        is_member = criteria.group_id in set(member_of)
    else:
        is_member = (
            Membership.objects.active(on=on)
            .filter(group_id=criteria.group_id, user_id=person.pk)
            .exists()
        )
    if is_member:
        return ""
    return f"{criteria.what} is only for members of {criteria.group_name}."


def either(areas: Iterable[str]) -> str:
    areas = list(areas)
    if len(areas) == 1:
        return areas[0]
    return ", ".join(areas[:-1]) + f" or {areas[-1]}"


def _trained_rule(person: User, unlock: str, criteria: Criteria, words: Words) -> str:
    from participation.services.training import is_trained

    check = is_trained(person, unlock, on=criteria.on)
    return "" if check else check.reason


registry.eligibility_rules.setdefault("trained_for", _trained_rule)
