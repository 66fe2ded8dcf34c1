"""Counting: the tallies the database adds up, and seats by one pure function, first past the
post, reserved seats filled first.

The rule (the same for the forums issue and for constituencies):
1. Each reserved seat group is filled first, only from the candidates who stood for it, most
   votes first. Seats nobody stood for stay empty (vacant).
2. Then the open seats are filled from everyone not yet elected (a candidate who stood for a
   reserved seat and lost it can still win an open seat), most votes first.
3. If candidates have the same votes where the last seat is decided, that is a tie. Counting
   stops there and reports it; a worker settles it (for example by drawing lots) by choosing
   who wins, and the count is run again with that choice (`won_tie`).
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import ElectionKind, Vote, VoterMark


@dataclass(frozen=True)
class Standing:
    id: int
    votes: int
    reserved_seat_id: int | None = None
    won_tie: bool = False


@dataclass(frozen=True)
class SeatGroup:
    id: int | None  # None: the open seats
    seats: int


@dataclass
class Tie:
    seat_group_id: int | None
    places: int
    candidate_ids: list[int]


@dataclass
class CountResult:
    elected: list[tuple[int, int | None]] = field(default_factory=list)  # (candidate, seat group)
    tie: Tie | None = None
    vacant: dict[int | None, int] = field(default_factory=dict)

    @property
    def elected_ids(self) -> set[int]:
        return {cid for cid, _ in self.elected}

    def as_json(self) -> dict:
        return {
            "elected": [[cid, group] for cid, group in self.elected],
            "tie": None
            if self.tie is None
            else {
                "seat_group": self.tie.seat_group_id,
                "places": self.tie.places,
                "candidates": self.tie.candidate_ids,
            },
            "vacant": [[group, n] for group, n in self.vacant.items()],
        }


def _fill(pool: list[Standing], seats: int) -> tuple[list[Standing], Tie | None]:
    ranked = sorted(pool, key=lambda s: (-s.votes, s.id))
    if len(ranked) <= seats:
        return ranked, None
    if seats == 0:
        return [], None
    boundary = ranked[seats - 1].votes
    above = [s for s in ranked if s.votes > boundary]
    level = [s for s in ranked if s.votes == boundary]
    places = seats - len(above)
    if len(level) == places:
        return above + level, None
    settled = [s for s in level if s.won_tie]
    if len(settled) == places:
        return above + settled, None
    return above, Tie(None, places, sorted(s.id for s in level))


def count_seats(
    *, candidates: list[Standing], open_seats: int, reserved: list[SeatGroup]
) -> CountResult:
    result = CountResult()
    remaining = list(candidates)
    for group in reserved:
        pool = [s for s in remaining if s.reserved_seat_id == group.id]
        winners, tie = _fill(pool, group.seats)
        result.elected += [(s.id, group.id) for s in winners]
        won = {s.id for s in winners}
        remaining = [s for s in remaining if s.id not in won]
        if tie is not None:
            tie.seat_group_id = group.id
            result.tie = tie
            return result
        if len(winners) < group.seats:
            result.vacant[group.id] = group.seats - len(winners)
    winners, tie = _fill(remaining, open_seats)
    result.elected += [(s.id, None) for s in winners]
    result.tie = tie
    if tie is None and len(winners) < open_seats:
        result.vacant[None] = open_seats - len(winners)
    return result


def rank_topics(tallies: dict[int, int]) -> list[tuple[int, int, int]]:
    """(topic, votes, rank), most votes first; topics with the same votes share a rank."""
    ordered = sorted(tallies.items(), key=lambda item: (-item[1], item[0]))
    ranked, rank, previous = [], 0, None
    for position, (topic_id, votes) in enumerate(ordered, start=1):
        if votes != previous:
            rank, previous = position, votes
        ranked.append((topic_id, votes, rank))
    return ranked


# --- Tallies: added up by the database, whatever the number of votes --------------------------


def tallies(*, election_id: int, kind: str) -> dict[int, int]:
    """Votes per candidate (or topic), added up by the database in one GROUP BY."""
    column = "topic_id" if kind == ElectionKind.TOPICS else "candidate_id"
    rows = (
        Vote.objects.filter(election_id=election_id)
        .values_list(column)
        .annotate(n=Count("*"))
        .order_by()
    )
    return dict(rows)


def tallies_by_station(*, election_id: int, kind: str) -> dict[tuple[int | None, int], int]:
    """Votes per (polling station, candidate or topic); station None for votes by account."""
    column = "topic_id" if kind == ElectionKind.TOPICS else "candidate_id"
    rows = (
        Vote.objects.filter(election_id=election_id)
        .values_list("station_id", column)
        .annotate(n=Count("*"))
        .order_by()
    )
    return {(station, choice): n for station, choice, n in rows}


def turnout(*, constituency_ids: list[int]) -> dict[int, int]:
    rows = (
        VoterMark.objects.filter(constituency_id__in=constituency_ids)
        .values_list("constituency_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    return dict(rows)
