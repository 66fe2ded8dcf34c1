"""The pure function: hand-worked examples and properties that must hold for any input."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.scoring import engine
from participation.scoring.engine import (
    CriterionSpec,
    ModeratedInput,
    SheetInput,
    inputs_from_json,
    inputs_to_json,
    rank,
    results_from_json,
    results_to_json,
    sheet_total,
)

C = (CriterionSpec(1, 50, 0, 5), CriterionSpec(2, 30, 0, 5), CriterionSpec(3, 20, 0, 5))


def test_the_hand_worked_example_leaves_na_out_and_rescales_the_rest():
    # (50 * 4/5 + 20 * 3/5) / 70 * 100 = 52 / 70 * 100 = 74.2857... -> 74.29
    assert sheet_total({1: 4, 2: None, 3: 3}, C) == Decimal("74.29")
    [result] = rank(C, [SheetInput("a", "p1", {1: 4, 2: None, 3: 3})])
    assert result.total == Decimal("74.29")
    assert result.criteria[1].value is None and result.criteria[1].mean is None


def test_na_is_not_zero():
    """Hypha counts n/a as 0, which would give (40 + 0 + 12) / 100 = 52.00."""
    assert sheet_total({1: 4, 2: None, 3: 3}, C) != Decimal("52.00")
    assert sheet_total({1: 4, 2: 0, 3: 3}, C) == Decimal("52.00")


def test_every_criterion_na_gives_no_total_and_no_rank():
    assert sheet_total({1: None, 2: None, 3: None}, C) is None
    assert sheet_total({}, C) is None
    results = rank(C, [SheetInput("a", "p1", {1: None, 2: None, 3: None})], items=["b"])
    assert [(r.item, r.total, r.rank) for r in results] == [("a", None, None), ("b", None, None)]


def test_full_marks_and_none():
    assert sheet_total({1: 5, 2: 5, 3: 5}, C) == Decimal("100.00")
    assert sheet_total({1: 0, 2: 0, 3: 0}, C) == Decimal("0.00")


def test_means_over_panellists_leave_na_out():
    sheets = [
        SheetInput("a", "p1", {1: 4, 2: None, 3: 3}),
        SheetInput("a", "p2", {1: 2, 2: 4, 3: 3}),
        SheetInput("a", "p3", {1: 3, 2: None, 3: None}),
    ]
    [r] = rank(C, sheets)
    # Means 3, 4 and 3: (50*3/5 + 30*4/5 + 20*3/5) / 100 * 100 = 30 + 24 + 12 = 66.00
    assert [c.mean for c in r.criteria] == [Decimal("3.00"), Decimal("4.00"), Decimal("3.00")]
    assert r.total == Decimal("66.00")
    assert r.sheets == 3


def test_half_up_rounding_on_the_exact_value():
    # Means 1, 2 and 2 -> 5/3 of a point on 0-5 = 33.333...% -> 33.33
    one = (CriterionSpec(1, 1, 0, 5),)
    [r] = rank(one, [SheetInput("a", p, {1: v}) for p, v in (("x", 1), ("y", 2), ("z", 2))])
    assert r.total == Decimal("33.33")
    # (1 * 1/8 + 3 * 0) / 4 * 100 = 3.125 exactly -> 3.13 (half up, not the banker's 3.12)
    spec = (CriterionSpec(1, 1, 0, 8), CriterionSpec(2, 3, 0, 8))
    assert sheet_total({1: 1, 2: 0}, spec) == Decimal("3.13")


def test_a_moderated_score_overrides_the_mean():
    sheets = [
        SheetInput("a", "p1", {1: 1, 2: 5, 3: 5}),
        SheetInput("a", "p2", {1: 5, 2: 5, 3: 5}),
    ]
    [before] = rank(C, sheets)
    assert before.criteria[0].mean == Decimal("3.00")
    assert before.total == Decimal("80.00")  # 30 + 30 + 20
    assert before.flagged and before.criteria[0].flagged
    [after] = rank(C, sheets, moderated=[ModeratedInput("a", 1, 4)])
    assert after.criteria[0].moderated and after.criteria[0].value == Decimal("4.00")
    assert after.criteria[0].mean == Decimal("3.00")  # what the sheets said stays shown
    assert after.total == Decimal("90.00")  # 40 + 30 + 20
    assert after.criteria[0].flagged and not after.flagged  # talked through: no longer waiting


def test_a_moderated_na_leaves_the_criterion_out():
    [r] = rank(
        C, [SheetInput("a", "p1", {1: 4, 2: 0, 3: 3})], moderated=[ModeratedInput("a", 2, None)]
    )
    assert r.total == Decimal("74.29")


def test_ties_share_a_rank_and_the_next_skips():
    sheets = [
        SheetInput("b", "p1", {1: 4, 2: None, 3: 3}),
        SheetInput("a", "p1", {1: 4, 2: None, 3: 3}),
        SheetInput("c", "p1", {1: 1, 2: 1, 3: 1}),
        SheetInput("d", "p1", {1: None, 2: None, 3: None}),
    ]
    results = rank(C, sheets, items=["e"])
    assert [(r.item, r.rank) for r in results] == [
        ("a", 1),
        ("b", 1),
        ("c", 3),
        ("d", None),
        ("e", None),
    ]
    assert results[-1].sheets == 0


def test_spread_is_flagged_at_exactly_two_and_not_at_one():
    one_apart = [SheetInput("a", "p1", {1: 3}), SheetInput("a", "p2", {1: 4})]
    two_apart = [SheetInput("a", "p1", {1: 3}), SheetInput("a", "p2", {1: 5})]
    [r1] = rank(C, one_apart)
    [r2] = rank(C, two_apart)
    assert (r1.criteria[0].spread, r1.criteria[0].flagged, r1.flagged) == (1, False, False)
    assert (r2.criteria[0].spread, r2.criteria[0].flagged, r2.flagged) == (2, True, True)
    assert (r2.criteria[0].low, r2.criteria[0].high) == (3, 5)
    assert engine.SPREAD_FLAG == 2


def test_spread_leaves_na_out():
    [r] = rank(C, [SheetInput("a", "p1", {1: None}), SheetInput("a", "p2", {1: 5})])
    assert (r.criteria[0].spread, r.criteria[0].flagged) == (0, False)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        rank(C, [SheetInput("a", "p1", {1: 6})])
    with pytest.raises(ValueError):
        rank(C, [SheetInput("a", "p1", {9: 1})])
    with pytest.raises(ValueError):
        rank(C, [SheetInput("a", "p1", {1: 1}), SheetInput("a", "p1", {1: 2})])
    with pytest.raises(ValueError):
        CriterionSpec(1, 10, 5, 5)


def test_the_stored_form_round_trips():
    sheets = [SheetInput("a", "sheet:1", {1: 4, 2: None, 3: 3}), SheetInput("b", "sheet:2", {1: 1})]
    moderated = [ModeratedInput("b", 1, 3)]
    stored = inputs_to_json(C, sheets, moderated, items=["c"])
    again = inputs_from_json(stored)
    assert rank(**again) == rank(C, sheets, moderated, items=["c"])
    results = rank(**again)
    assert results_from_json(results_to_json(results)) == results


# --- Properties -------------------------------------------------------------------------------

scales = st.tuples(st.integers(0, 3), st.integers(1, 7)).map(lambda t: (t[0], t[0] + t[1]))


@st.composite
def panels(draw):
    low, high = draw(scales)
    n = draw(st.integers(1, 5))
    criteria = tuple(
        CriterionSpec(i, draw(st.integers(1, 100)), low, high) for i in range(1, n + 1)
    )
    value = st.one_of(st.none(), st.integers(low, high))
    items = draw(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=6, unique=True))
    sheets = []
    for item in items:
        for p in range(draw(st.integers(0, 4))):
            sheets.append(SheetInput(item, f"p{p}", {c.id: draw(value) for c in criteria}))
    moderated = [
        ModeratedInput(item, c.id, draw(value))
        for item in items
        for c in criteria
        if draw(st.booleans()) and draw(st.booleans())
    ]
    return criteria, sheets, moderated, items


@settings(max_examples=150, deadline=None, database=None)
@given(panels())
def test_totals_are_between_0_and_100_with_2_places(panel):
    criteria, sheets, moderated, items = panel
    for r in rank(criteria, sheets, moderated, items):
        assert r.total is None or Decimal("0") <= r.total <= Decimal("100")
        assert r.total is None or r.total == r.total.quantize(Decimal("0.01"))
        assert (r.total is None) == (r.rank is None)
    for s in sheets:
        t = sheet_total(s.values, criteria)
        assert t is None or Decimal("0") <= t <= Decimal("100")


@settings(max_examples=150, deadline=None, database=None)
@given(panels(), st.integers(1, 100), st.booleans())
def test_adding_a_criterion_everyone_says_na_to_never_changes_a_total(panel, weight, listed):
    criteria, sheets, moderated, items = panel
    low, high = criteria[0].scale_min, criteria[0].scale_max
    extra = CriterionSpec(999, weight, low, high)
    wider = (*criteria, extra)
    # Said "n/a" outright, or not scored at all: both leave it out.
    with_na = [
        SheetInput(s.item, s.panellist, {**s.values, 999: None} if listed else dict(s.values))
        for s in sheets
    ]
    before = {r.item: r.total for r in rank(criteria, sheets, moderated, items)}
    after = {r.item: r.total for r in rank(wider, with_na, moderated, items)}
    assert before == after
    for s in sheets:
        assert sheet_total(s.values, criteria) == sheet_total({**s.values, 999: None}, wider)


@settings(max_examples=150, deadline=None, database=None)
@given(panels(), st.randoms(use_true_random=False))
def test_the_order_of_sheets_and_items_never_changes_the_results(panel, random):
    criteria, sheets, moderated, items = panel
    expected = rank(criteria, sheets, moderated, items)
    shuffled, shuffled_items, shuffled_mod = list(sheets), list(items), list(moderated)
    random.shuffle(shuffled)
    random.shuffle(shuffled_items)
    random.shuffle(shuffled_mod)
    assert rank(criteria, shuffled, shuffled_mod, shuffled_items) == expected


@settings(max_examples=100, deadline=None, database=None)
@given(panels())
def test_ranks_follow_totals(panel):
    results = rank(*panel)
    ranked = [r for r in results if r.rank is not None]
    for before, after in zip(ranked, ranked[1:], strict=False):
        assert before.total >= after.total
        assert after.rank == (
            before.rank if after.total == before.total else ranked.index(after) + 1
        )
    assert all(r.rank is None for r in results[len(ranked) :])
