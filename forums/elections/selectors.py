"""Reads for elections. Who may see which election is decided here, once."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from participation.models import Membership, Role

from .models import (
    Candidate,
    CandidateStatus,
    Constituency,
    Election,
    ElectionKind,
    ElectionStatus,
    Outcome,
    Receipt,
    ReservedSeat,
    Topic,
    VoterMark,
)


def is_manager(user) -> bool:
    return bool(
        user.is_authenticated and (user.has_role(Role.WORKER) or user.has_role(Role.ADMINISTRATOR))
    )


def ineligibility_reason(
    *,
    constituency: Constituency,
    user,
    today: date | None = None,
    member_of: set[int] | None = None,
) -> str:
    """Why this person may not vote or stand here, in plain words; "" when they may.

    `member_of` (ids of groups the person is an active member of) saves a query when known.
    The one-statement cast in ballot.py checks the same rules in SQL (a test keeps them equal).
    """
    today = today or timezone.localdate()
    if not user.is_authenticated or not user.has_role(Role.YOUNG_PERSON):
        return "Only young people can vote and stand in elections."
    if constituency.voters_group_id:
        if member_of is not None:
            is_member = constituency.voters_group_id in member_of
        else:
            is_member = (
                Membership.objects.active(on=today)
                .filter(group_id=constituency.voters_group_id, user=user)
                .exists()
            )
        if not is_member:
            return f"This election is only for members of {constituency.voters_group}."
    if constituency.voters_area and user.area.strip().lower() != constituency.voters_area.lower():
        return f"This election is only for young people who live in {constituency.voters_area}."
    age = user.age(on=today)
    low, high = constituency.voter_min_age, constituency.voter_max_age
    if (low is not None or high is not None) and age is None:
        return "We don't know your age, so we can't check you can take part. Ask a worker."
    if (low is not None and age < low) or (high is not None and age > high):
        return f"This election is for young people {constituency.who_may_vote().lower()}."
    return ""


def elections_visible_to(*, user) -> QuerySet[Election]:
    """Drafts only for workers. An election whose voters are a sensitive group (CiCC, CLIC)
    only for that group's members and workers, because taking part reveals care status."""
    elections = Election.objects.all()
    if is_manager(user):
        return elections
    elections = elections.exclude(status=ElectionStatus.DRAFT)
    sensitive = Constituency.objects.filter(
        election=OuterRef("pk"), voters_group__membership_is_sensitive=True
    )
    if not user.is_authenticated:
        return elections.exclude(Exists(sensitive))
    member_of_it = Membership.objects.active().filter(group=OuterRef("voters_group"), user=user)
    sensitive_not_mine = sensitive.exclude(Exists(member_of_it))
    return elections.exclude(Exists(sensitive_not_mine))


def election_list_for(*, user) -> list[Election]:
    return list(
        elections_visible_to(user=user)
        .select_related("group")
        .annotate(standing=Count("constituencies__candidates", filter=_approved()))
        .order_by("-voting_closes_at", "-pk")
    )


def _approved():
    return Q(constituencies__candidates__status=CandidateStatus.APPROVED)


def election_for(*, user, pk: int) -> Election | None:
    return elections_visible_to(user=user).select_related("group").filter(pk=pk).first()


def constituencies_with_candidates(*, election: Election, manager: bool = False):
    """Constituencies with their reserved seats and candidates (all of them for a worker,
    approved ones for everyone else), in three queries whatever the numbers."""
    candidates = Candidate.objects.select_related("user", "reserved_seat")
    if not manager:
        candidates = candidates.filter(status=CandidateStatus.APPROVED)
    return list(
        Constituency.objects.filter(election=election)
        .select_related("voters_group")
        .prefetch_related(
            Prefetch("reserved_seats", queryset=ReservedSeat.objects.all()),
            Prefetch("candidates", queryset=candidates),
        )
    )


def voter_status(*, election: Election, constituencies: list[Constituency], user, today=None):
    """For each constituency: can this person vote or stand, have they voted, their candidacy.

    Two queries whatever the size of the election.
    """
    if not user.is_authenticated:
        return {}
    today = today or timezone.localdate()
    ids = [c.pk for c in constituencies]
    voted = set(
        VoterMark.objects.filter(constituency_id__in=ids, voter=user).values_list(
            "constituency_id", flat=True
        )
    )
    group_ids = [c.voters_group_id for c in constituencies if c.voters_group_id]
    memberships = set(
        Membership.objects.active(on=today)
        .filter(user=user, group_id__in=group_ids)
        .values_list("group_id", flat=True)
    )
    mine = {
        c.constituency_id: c for c in Candidate.objects.filter(constituency_id__in=ids, user=user)
    }
    status = {}
    for constituency in constituencies:
        reason = ineligibility_reason(
            constituency=constituency, user=user, today=today, member_of=memberships
        )
        status[constituency.pk] = {
            "reason": reason,
            "voted": constituency.pk in voted,
            "candidacy": mine.get(constituency.pk),
        }
    return status


def receipts_for(*, election: Election) -> QuerySet[Receipt]:
    """The published list: codes only, sorted by code so nothing about order shows."""
    return Receipt.objects.filter(election=election).order_by("code").values_list("code", flat=True)


def receipt_is_in(*, election: Election, code: str) -> bool:
    from .ballot import receipt_number

    number = receipt_number(code)
    return number is not None and Receipt.objects.filter(election=election, code=number).exists()


def results_for(*, election: Election, viewer) -> list[dict]:
    """Per constituency: candidates in order of votes with their outcome, the tie if any."""
    manager = is_manager(viewer)
    rows = []
    for constituency in constituencies_with_candidates(election=election, manager=False):
        result = constituency.result or {}
        candidates = sorted(
            constituency.candidates.all(), key=lambda c: (-(c.votes or 0), c.user.display_name)
        )
        for candidate in candidates:
            candidate.public_name = public_name(candidate.user, viewer=viewer)
            candidate.online_votes = (candidate.votes or 0) - (candidate.paper_votes or 0)
        seat_names = {r.pk: r.name for r in constituency.reserved_seats.all()}
        tie = result.get("tie")
        vacant = dict((group, n) for group, n in result.get("vacant", []))
        rows.append(
            {
                "constituency": constituency,
                "candidates": candidates,
                "elected": [c for c in candidates if c.outcome == Outcome.ELECTED],
                "tie": tie,
                "tied": [c for c in candidates if c.outcome == Outcome.TIED],
                "tie_seat_name": (seat_names.get(tie["seat_group"]) if tie else None)
                if manager
                else None,
                "vacant_seats": sum(vacant.values()),
                "seat_names": seat_names if manager else {},
            }
        )
    return rows


def topic_results_for(*, election: Election) -> list[Topic]:
    topics = list(
        Topic.objects.filter(election=election)
        .select_related("adopted_by")
        .order_by("rank", "title")
    )
    for topic in topics:
        topic.online_votes = (topic.votes or 0) - (topic.paper_votes or 0)
    return topics


def pending_candidates_count(*, election: Election) -> int:
    return Candidate.objects.filter(
        constituency__election=election, status=CandidateStatus.PENDING
    ).count()


def topic_breakdown(*, election: Election) -> dict:
    """Make Your Mark results by school, by area and for the city (online and confirmed paper
    votes together). A handful of queries, whatever the number of votes: SQL adds them up."""
    from . import ballot
    from .models import PollingStation

    topics = dict(Topic.objects.filter(election=election).values_list("pk", "title"))
    stations = {
        s.pk: s
        for s in PollingStation.objects.filter(election=election).select_related("organisation")
    }
    by_station: dict[str, dict[str, int]] = {}
    by_area: dict[str, dict[str, int]] = {}
    online_without_school: dict[str, int] = {}
    city: dict[str, int] = {}

    def add(table, key, title, n):
        row = table.setdefault(key, {}) if key is not None else table
        row[title] = row.get(title, 0) + n

    counts = ballot.tallies_by_station(election_id=election.pk, kind=ElectionKind.TOPICS)
    for station_id, entry in confirmed_paper_counts(election=election).items():
        for key, n in entry.figures.items():
            station = stations[station_id]
            counts[(station.pk, int(key))] = counts.get((station.pk, int(key)), 0) + n
    for (station_id, topic_id), n in counts.items():
        title = topics.get(topic_id)
        if title is None or n == 0:
            continue
        add(city, None, title, n)
        station = stations.get(station_id)
        if station is None:
            add(online_without_school, None, title, n)
            continue
        add(by_station, station.organisation.name, title, n)
        add(by_area, station.organisation.area or "Area not given", title, n)
    return {
        "by_station": by_station,
        "by_area": by_area,
        "online_without_school": online_without_school,
        "city": city,
    }


def stations_for(*, user, election: Election | None = None):
    """Polling stations this person may see: their own as a contact, all of them as a worker."""
    from .models import PollingStation

    stations = PollingStation.objects.select_related(
        "organisation", "election", "constituency", "contact"
    )
    if election is not None:
        stations = stations.filter(election=election)
    if is_manager(user):
        return stations
    return stations.filter(contact=user) if user.is_authenticated else stations.none()


def station_turnout(*, station) -> dict:
    from .models import VotingCode

    codes = VotingCode.objects.filter(station=station).aggregate(
        issued=Count("pk"), used=Count("pk", filter=Q(used=True))
    )
    return {"issued": codes["issued"], "used": codes["used"], "electorate": station.electorate}


def ballot_for_code(*, election: Election, code: str) -> tuple[Constituency | None, str]:
    """Which ballot a voting code opens, or why it opens none. Marks nothing."""
    from . import ballot
    from .models import VotingCode

    voting_code = (
        VotingCode.objects.select_related("station__constituency")
        .filter(code_hash=ballot.hash_voting_code(code))
        .first()
    )
    if voting_code is None:
        return None, ballot.CODE_UNKNOWN
    if voting_code.election_id != election.pk:
        return None, ballot.CODE_OTHER_ELECTION
    if voting_code.used:
        return None, ballot.CODE_USED
    return voting_code.station.constituency, ""


def public_name(user, *, viewer) -> str:
    """Full names for people logged in here; first name and initial for anyone else."""
    if viewer.is_authenticated:
        return user.display_name
    initial = f" {user.last_name[:1]}." if user.last_name else ""
    return f"{user.first_name or 'A candidate'}{initial}"


def confirmed_paper_counts(*, election: Election) -> dict:
    """{station id: the entry both people agreed on}, for every confirmed station, in one query."""
    from .models import PaperCountEntry
    from .services import paper_count_status

    entries: dict[int, list] = {}
    for entry in PaperCountEntry.objects.filter(
        station__election=election, station__paper_confirmed_at__isnull=False, superseded=False
    ).order_by("-entered_at", "-pk"):
        entries.setdefault(entry.station_id, []).append(entry)
    confirmed = {}
    for station_id, station_entries in entries.items():
        status = paper_count_status(station=None, entries=station_entries)
        if status["confirmed"] is not None:
            confirmed[station_id] = status["confirmed"]
    return confirmed
