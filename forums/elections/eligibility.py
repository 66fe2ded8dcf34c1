"""Who may vote and stand in a constituency: its voters group, area and ages, handed to the
base's one eligibility service as `Criteria`. No rule is written here.

The one-statement casts (cast_sql.py) check the same rules in SQL for speed;
tests/elections/test_fast_cast.py keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from participation.models import Role
from participation.selectors.eligibility import Criteria, eligibility

from .models import Constituency

ONLY_YOUNG_PEOPLE = "Only young people can vote and stand in elections."


def criteria_for(constituency: Constituency, *, on: date | None = None) -> Criteria:
    group = constituency.voters_group if constituency.voters_group_id else None
    return Criteria(
        what="This election",
        roles=(Role.YOUNG_PERSON,),
        role_refusal=ONLY_YOUNG_PEOPLE,
        min_age=constituency.voter_min_age,
        max_age=constituency.voter_max_age,
        on=on,
        areas=(constituency.voters_area,) if constituency.voters_area else (),
        group_id=constituency.voters_group_id,
        group_name=group.name if group is not None else "",
    )


def ineligibility_reason(
    *,
    constituency: Constituency,
    user,
    today: date | None = None,
    member_of: Iterable[int] | None = None,
) -> str:
    """Why this person may not vote or stand here, in plain words; "" when they may.

    `member_of` (ids of groups the person is an active member of) saves a query when known.
    """
    if not getattr(user, "is_authenticated", False):
        return ONLY_YOUNG_PEOPLE
    today = today or timezone.localdate()
    return eligibility(user, criteria_for(constituency, on=today), member_of=member_of).reason
