"""Who may join a forum, asked of the portal's one eligibility service.

Every way in (joining, applying, being put forward, a worker adding someone, accepting a
nomination) asks `forum_eligibility`, which describes the forum as the base's `Criteria` (young
people aged 10 to 25 unless the forum narrows it, the forum's areas, its care status) and lets
`participation.selectors.eligibility` decide, so the rules and their plain-English reasons are
the same here as for elections, activities, grants and panels. Care status is the one rule that
belongs to forums: `care_status_rule`, registered as "care_status" in `ForumsConfig.ready()`.
"""

from datetime import date

from forums.models import CareStatus, CareStatusKind, CareStatusNeeded, Forum
from participation.models import Role, User
from participation.selectors.eligibility import Criteria, Eligibility, eligibility, split_areas

YOUNGEST, OLDEST = 10, 25

CARE_STATUS_FOR = {
    CareStatusNeeded.IN_CARE: CareStatusKind.IN_CARE,
    CareStatusNeeded.CARE_LEAVER: CareStatusKind.CARE_LEAVER,
}

__all__ = ["CARE_STATUS_FOR", "OLDEST", "YOUNGEST", "Eligibility", "forum_eligibility"]


def forum_criteria(forum: Forum, *, on: date | None = None, about_them: bool = False) -> Criteria:
    """The forum's rules as the base's criteria. Forums are for 10 to 25-year-olds, whatever
    narrower range a forum sets."""
    needed = CARE_STATUS_FOR.get(forum.care_status_needed)
    return Criteria(
        what=forum.name,
        roles=(Role.YOUNG_PERSON,),
        role_refusal="" if about_them else "Forums are for young people.",
        min_age=forum.min_age if forum.min_age is not None else YOUNGEST,
        max_age=forum.max_age if forum.max_age is not None else OLDEST,
        on=on,
        areas=split_areas(forum.area),
        rules=(("care_status", needed),) if needed else (),
    )


def forum_eligibility(
    *, forum: Forum, person: User, on: date | None = None, about_them: bool = False
) -> Eligibility:
    """Can `person` be a member of `forum` on `on` (today by default)?

    Reasons speak to the young person ("You are 19 ...") unless `about_them` is set, for the
    professional putting someone forward or the forum's worker ("Jay is 19 ..."). They say what
    the forum needs, never what a care status record says.
    """
    return eligibility(
        person, forum_criteria(forum, on=on, about_them=about_them), about_them=about_them
    )


def care_status_rule(person: User, needed: str, criteria: Criteria, words) -> str:
    """The registry rule "care_status": `needed` is a CareStatusKind value."""
    status = CareStatus.objects.filter(user=person).values_list("status", flat=True).first()
    who = (
        "young people in the care of the council"
        if needed == CareStatusKind.IN_CARE
        else "care leavers supported by the Transitions Team"
    )
    if status is None:
        return (
            f"{criteria.what} is for {who}. A participation worker or {words.your} social "
            "worker needs to tell us about that first."
        )
    if status != needed:
        return (
            f"{criteria.what} is for {who}, and our records don't show that "
            f"{words.you} {words.are}."
        )
    return ""
