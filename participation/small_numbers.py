"""The one rule for small numbers in every aggregate: a count under 5 could point at a person,
so it is not shown (boards, dashboards, ratings)."""

FEWEST_SHOWN = 5


def is_shown(n: int) -> bool:
    return n >= FEWEST_SHOWN


def small_count(n: int) -> int | str:
    return "fewer than 5" if 0 < n < FEWEST_SHOWN else n
