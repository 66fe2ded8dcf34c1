"""How a round's result is put together from its three parts, as a pure function (no database).

The scoring engine gives each bid a written-quality total and a presentation total (0-100).
Price is scored here, never by the engine, so the quality panel never handles it: the cheapest
bid scores 100 and every other bid scores cheapest / its price x 100. The result is the parts
combined by the round's stated weights (for example quality 60, price 20, presentation 20). A
part a bid has no score for (no presentation score when every answer was "n/a") is left out and
the remaining weights re-scaled, the same rule the engine uses for "n/a" criteria.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RULE_VERSION = "quality-price-presentation-v1"
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def price_scores(prices: Mapping[str, int | None]) -> dict[str, Decimal | None]:
    """Pence per bid ref -> a price score 0-100 (the cheapest scores 100)."""
    given = [p for p in prices.values() if p]
    if not given:
        return {ref: None for ref in prices}
    lowest = Decimal(min(given))
    return {ref: _round(lowest / Decimal(p) * HUNDRED) if p else None for ref, p in prices.items()}


@dataclass(frozen=True)
class Combined:
    ref: str
    quality: Decimal | None
    price: Decimal | None
    presentation: Decimal | None
    total: Decimal | None
    rank: int | None


def combine(
    *,
    quality: Mapping[str, Decimal | None],
    price: Mapping[str, Decimal | None],
    presentation: Mapping[str, Decimal | None],
    weights: tuple[int, int, int],
    refs: list[str],
) -> list[Combined]:
    """Each ref's parts combined by `weights` (quality, price, presentation), ranked by total
    (equal totals share a rank: 1, 1, 3), refs with no total last."""
    rows = []
    for ref in refs:
        parts = (quality.get(ref), price.get(ref), presentation.get(ref))
        used = [(w, v) for w, v in zip(weights, parts, strict=True) if v is not None and w]
        weight = sum(w for w, _ in used)
        total = _round(sum(Decimal(w) * v for w, v in used) / Decimal(weight)) if weight else None
        rows.append((ref, *parts, total))
    rows.sort(key=lambda r: (r[4] is None, -(r[4] or 0), r[0]))
    result, previous, previous_rank = [], None, 0
    for position, (ref, q, p, d, total) in enumerate(rows, 1):
        if total is None:
            rank = None
        elif total == previous:
            rank = previous_rank
        else:
            rank, previous, previous_rank = position, total, position
        result.append(Combined(ref, q, p, d, total, rank))
    return result


def as_json(rows: list[Combined]) -> list[dict]:
    def text(value):
        return None if value is None else str(value)

    return [
        {
            "ref": r.ref,
            "quality": text(r.quality),
            "price": text(r.price),
            "presentation": text(r.presentation),
            "total": text(r.total),
            "rank": r.rank,
        }
        for r in rows
    ]
