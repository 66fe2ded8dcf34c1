"""Weighted totals and ranking: one pure function, no Django, no database.

Per item and criterion the value that counts is the moderated value if the panel agreed one,
else the mean of the sent sheets' values. "n/a" (None) is left out of the mean; if every sheet
says n/a (or there are none) the criterion is n/a for that item. The item's total is

    sum(weight * (value - scale_min) / (scale_max - scale_min))  over criteria that are not n/a
    ------------------------------------------------------------------------------------------ * 100
    sum(weight)                                                  over the same criteria

rounded half-up to 2 decimal places, or None when every criterion is n/a. So n/a leaves the
criterion out and the other weights count for more (Hypha counts n/a as 0; we don't: a
reviewer saying "this doesn't apply" must not pull an application down).

The arithmetic is exact (fractions) until the one rounding at the end, so the order of the
sheets can never change a result, and a criterion nobody scored can never change a total.
Means and values in `CriterionResult` are shown rounded to 2 dp; the total uses the exact ones.

The spread of a criterion is the highest minus the lowest sheet value (n/a left out); it is
flagged at `SPREAD_FLAG` points or more, so a panel talks it through and may moderate it. An
item is flagged while it has a flagged criterion that has not been moderated.

Ranking is by total, highest first; equal totals share a rank and the next rank skips
(1, 1, 3), listed by item reference so the order is stable; items without a total come last
with no rank. `RULE_VERSION` names these rules; it is stored with every recorded ranking, so
change it whenever a rule changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import floor

RULE_VERSION = "weighted-mean-na-rescaled-v1"
SPREAD_FLAG = 2
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: int
    scale_min: int
    scale_max: int

    def __post_init__(self):
        if self.scale_max <= self.scale_min:
            raise ValueError(f"criterion {self.id}: the scale must go up")
        if self.weight < 0:
            raise ValueError(f"criterion {self.id}: a weight cannot be negative")


@dataclass(frozen=True)
class SheetInput:
    item: str
    panellist: str
    values: Mapping[int, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ModeratedInput:
    item: str
    criterion: int
    value: int | None


@dataclass(frozen=True)
class CriterionResult:
    criterion: int
    mean: Decimal | None
    low: int | None
    high: int | None
    spread: int
    flagged: bool
    moderated: bool
    value: Decimal | None


@dataclass(frozen=True)
class ItemResult:
    item: str
    total: Decimal | None
    rank: int | None
    criteria: tuple[CriterionResult, ...]
    sheets: int
    flagged: bool


def _round(value: Fraction) -> Decimal:
    """Half-up to 2 dp, exactly (values here are never negative)."""
    hundredths = floor(value * 100 + Fraction(1, 2))
    return (Decimal(hundredths) / 100).quantize(TWO_PLACES)


def _check(criterion: CriterionSpec, value: int | None) -> None:
    if value is not None and not (criterion.scale_min <= value <= criterion.scale_max):
        raise ValueError(
            f"criterion {criterion.id}: {value} is outside "
            f"{criterion.scale_min}-{criterion.scale_max}"
        )


def _total(values: Mapping[int, Fraction | None], criteria: Sequence[CriterionSpec]):
    counted = Fraction(0)
    weights = 0
    for c in criteria:
        v = values.get(c.id)
        if v is None:
            continue
        counted += c.weight * (v - c.scale_min) / (c.scale_max - c.scale_min)
        weights += c.weight
    if weights == 0:
        return None
    return _round(counted / weights * 100)


def sheet_total(
    values: Mapping[int, int | None], criteria: Sequence[CriterionSpec]
) -> Decimal | None:
    """One panellist's weighted total (0-100, 2 dp) for one item; None when all are n/a.
    A criterion missing from `values` counts as n/a."""
    for c in criteria:
        _check(c, values.get(c.id))
    return _total(
        {c.id: None if values.get(c.id) is None else Fraction(values[c.id]) for c in criteria},
        criteria,
    )


def rank(
    criteria: Sequence[CriterionSpec],
    sheets: Iterable[SheetInput],
    moderated: Iterable[ModeratedInput] = (),
    items: Iterable[str] = (),
) -> list[ItemResult]:
    """Totals and ranks for every item that has a sheet, a moderated score or is in `items`.
    `sheets` are the sent sheets only (the caller leaves drafts out)."""
    criteria = tuple(criteria)
    by_id = {c.id: c for c in criteria}
    if len(by_id) != len(criteria):
        raise ValueError("two criteria share an id")

    sheets_of: dict[str, list[SheetInput]] = {}
    seen: set[tuple[str, str]] = set()
    for sheet in sheets:
        if (sheet.item, sheet.panellist) in seen:
            raise ValueError(f"{sheet.panellist} has two sheets for {sheet.item}")
        seen.add((sheet.item, sheet.panellist))
        for criterion_id, value in sheet.values.items():
            if criterion_id not in by_id:
                raise ValueError(f"{sheet.item}: no criterion {criterion_id}")
            _check(by_id[criterion_id], value)
        sheets_of.setdefault(sheet.item, []).append(sheet)

    agreed: dict[tuple[str, int], int | None] = {}
    for m in moderated:
        if m.criterion not in by_id:
            raise ValueError(f"{m.item}: no criterion {m.criterion}")
        _check(by_id[m.criterion], m.value)
        agreed[(m.item, m.criterion)] = m.value

    refs = set(sheets_of) | set(items) | {item for item, _ in agreed}
    unranked = []
    for ref in refs:
        item_sheets = sheets_of.get(ref, [])
        exact: dict[int, Fraction | None] = {}
        results = []
        for c in criteria:
            given = [v for s in item_sheets if (v := s.values.get(c.id)) is not None]
            mean = Fraction(sum(given), len(given)) if given else None
            low, high = (min(given), max(given)) if given else (None, None)
            spread = high - low if given else 0
            is_moderated = (ref, c.id) in agreed
            if is_moderated:
                value = agreed[(ref, c.id)]
                exact[c.id] = None if value is None else Fraction(value)
            else:
                exact[c.id] = mean
            results.append(
                CriterionResult(
                    criterion=c.id,
                    mean=None if mean is None else _round(mean),
                    low=low,
                    high=high,
                    spread=spread,
                    flagged=spread >= SPREAD_FLAG,
                    moderated=is_moderated,
                    value=None if exact[c.id] is None else _round(exact[c.id]),
                )
            )
        unranked.append(
            (
                ref,
                _total(exact, criteria),
                tuple(results),
                len(item_sheets),
                any(r.flagged and not r.moderated for r in results),
            )
        )

    with_total = sorted((u for u in unranked if u[1] is not None), key=lambda u: (-u[1], u[0]))
    without = sorted((u for u in unranked if u[1] is None), key=lambda u: u[0])
    ranked: list[ItemResult] = []
    for position, (ref, total, results, count, flagged) in enumerate(with_total, start=1):
        shared = ranked[-1].rank if ranked and ranked[-1].total == total else position
        ranked.append(ItemResult(ref, total, shared, results, count, flagged))
    for ref, _none, results, count, flagged in without:
        ranked.append(ItemResult(ref, None, None, results, count, flagged))
    return ranked


# --- Stored form (JSON), for `Ranking.inputs` and `Ranking.results` --------------------------


def inputs_to_json(
    criteria: Sequence[CriterionSpec],
    sheets: Iterable[SheetInput],
    moderated: Iterable[ModeratedInput] = (),
    items: Iterable[str] = (),
) -> dict:
    return {
        "criteria": [
            {"id": c.id, "weight": c.weight, "scale_min": c.scale_min, "scale_max": c.scale_max}
            for c in criteria
        ],
        "sheets": [
            {
                "item": s.item,
                "panellist": s.panellist,
                "values": {str(k): v for k, v in sorted(s.values.items())},
            }
            for s in sheets
        ],
        "moderated": [
            {"item": m.item, "criterion": m.criterion, "value": m.value} for m in moderated
        ],
        "items": sorted(items),
    }


def inputs_from_json(data: Mapping) -> dict:
    """Keyword arguments for `rank` from `inputs_to_json`'s output."""
    return {
        "criteria": tuple(CriterionSpec(**c) for c in data["criteria"]),
        "sheets": tuple(
            SheetInput(s["item"], s["panellist"], {int(k): v for k, v in s["values"].items()})
            for s in data["sheets"]
        ),
        "moderated": tuple(
            ModeratedInput(m["item"], m["criterion"], m["value"]) for m in data["moderated"]
        ),
        "items": tuple(data.get("items", ())),
    }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def results_to_json(results: Iterable[ItemResult]) -> list[dict]:
    return [
        {
            "item": r.item,
            "total": _text(r.total),
            "rank": r.rank,
            "sheets": r.sheets,
            "flagged": r.flagged,
            "criteria": [
                {
                    "criterion": c.criterion,
                    "mean": _text(c.mean),
                    "low": c.low,
                    "high": c.high,
                    "spread": c.spread,
                    "flagged": c.flagged,
                    "moderated": c.moderated,
                    "value": _text(c.value),
                }
                for c in r.criteria
            ],
        }
        for r in results
    ]


def results_from_json(data: Iterable[Mapping]) -> list[ItemResult]:
    def number(text):
        return None if text is None else Decimal(text)

    return [
        ItemResult(
            item=r["item"],
            total=number(r["total"]),
            rank=r["rank"],
            sheets=r["sheets"],
            flagged=r["flagged"],
            criteria=tuple(
                CriterionResult(
                    criterion=c["criterion"],
                    mean=number(c["mean"]),
                    low=c["low"],
                    high=c["high"],
                    spread=c["spread"],
                    flagged=c["flagged"],
                    moderated=c["moderated"],
                    value=number(c["value"]),
                )
                for c in r["criteria"]
            ),
        )
        for r in data
    ]
