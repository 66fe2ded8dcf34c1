"""Reads for elections. Who may see which election is decided here, once."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from participation.models import Membership

from . import refusals
from .codes import hash_voting_code, receipt_number
from .counting import tallies_by_station
from .eligibility import ineligibility_reason
from .models import (
    CANDIDATE_FLOW,
    ELECTION_FLOW,
    Candidate,
    CandidateStatus,
    Constituency,
    Election,
    ElectionKind,
    ElectionStatus,
    Outcome,
    PaperCountEntry,
    PollingStation,
    Receipt,
    ReservedSeat,
    Topic,
    VoterMark,
    VotingCode,
)
from .permissions import is_manager


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
    number = receipt_number(code)
    return number is not None and Receipt.objects.filter(election=election, code=number).exists()


def results_for(*, election: Election, viewer) -> list[dict]:
    """Per constituency: candidates in order of votes with their outcome, the tie if any."""
    manager = is_manager(viewer)
    rows = []
    for constituency in constituencies_with_candidates(election=election, manager=False):
        result = constituency.result or {}
        candidates = sorted(constituency.candidates.all(), key=lambda c: (-(c.votes or 0), c.name))
        for candidate in candidates:
            candidate.public_name = public_name(candidate, viewer=viewer)
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

    counts = tallies_by_station(election_id=election.pk, kind=ElectionKind.TOPICS)
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
    stations = PollingStation.objects.select_related(
        "organisation", "election", "constituency", "contact"
    )
    if election is not None:
        stations = stations.filter(election=election)
    if is_manager(user):
        return stations
    return stations.filter(contact=user) if user.is_authenticated else stations.none()


def station_turnout(*, station) -> dict:
    codes = VotingCode.objects.filter(station=station).aggregate(
        issued=Count("pk"), used=Count("pk", filter=Q(used=True))
    )
    return {"issued": codes["issued"], "used": codes["used"], "electorate": station.electorate}


def ballot_for_code(*, election: Election, code: str) -> tuple[Constituency | None, str]:
    """Which ballot a voting code opens, or why it opens none. Marks nothing."""
    voting_code = (
        VotingCode.objects.select_related("station__constituency")
        .filter(code_hash=hash_voting_code(code))
        .first()
    )
    reason = refusals.code_message(election_id=election.pk, code=voting_code)
    if reason:
        return None, reason
    return voting_code.station.constituency, ""


def public_name(candidate: Candidate, *, viewer) -> str:
    """Full names for people logged in here; first name and initial for anyone else."""
    user = candidate.user
    if user is None or viewer.is_authenticated:
        return candidate.name
    initial = f" {user.last_name[:1]}." if user.last_name else ""
    return f"{user.first_name or 'A candidate'}{initial}"


def confirmed_paper_counts(*, election: Election) -> dict:
    """{station id: the entry both people agreed on}, for every confirmed station, in one query."""
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


def paper_count_status(*, station: PollingStation | None, entries=None) -> dict:
    """The latest entry of each person; confirmed when two different people's entries match.

    Give `entries` (not superseded, newest first) to decide without a query.
    """
    if entries is None:
        entries = station.paper_entries.filter(superseded=False).order_by("-entered_at", "-pk")
    latest: dict[int, PaperCountEntry] = {}
    for entry in entries:
        latest.setdefault(entry.entered_by_id, entry)
    entries = sorted(latest.values(), key=lambda e: (e.entered_at, e.pk), reverse=True)
    if len(entries) < 2:
        return {"state": "waiting" if entries else "none", "confirmed": None, "differences": []}
    newest, other = entries[0], entries[1]
    if newest.as_tuple() == other.as_tuple():
        return {"state": "confirmed", "confirmed": newest, "differences": []}
    differences = []
    for label, a, b in (
        ("Ballot papers", newest.papers, other.papers),
        ("Spoilt papers", newest.spoilt, other.spoilt),
        ("Blank papers", newest.blank, other.blank),
    ):
        if a != b:
            differences.append((label, a, b))
    for key in sorted({*newest.figures, *other.figures}, key=int):
        a, b = newest.figures.get(key, 0), other.figures.get(key, 0)
        if a != b:
            differences.append((key, a, b))
    return {"state": "mismatch", "confirmed": None, "differences": differences}


# --- For the pages: objects fetched with their permission, and flags for the templates ------


def election_or_404(*, user, pk: int) -> Election:
    election = election_for(user=user, pk=pk)
    if election is None:
        raise Http404("No such election")
    return election


def station_or_404(*, pk: int) -> PollingStation:
    """A polling station (who may run it is the permission `elections.run_station`)."""
    station = (
        PollingStation.objects.select_related("organisation", "election", "constituency")
        .filter(pk=pk)
        .first()
    )
    if station is None:
        raise Http404("No such polling station")
    return station


def candidate_of(*, election: Election, pk) -> Candidate:
    candidate = (
        Candidate.objects.select_related("user", "constituency__election")
        .filter(pk=pk, constituency__election=election)
        .first()
    )
    if candidate is None:
        raise Http404("No such candidate")
    return candidate


def topic_of(*, election: Election, pk) -> Topic:
    topic = Topic.objects.filter(pk=pk, election=election).first()
    if topic is None:
        raise Http404("No such topic")
    return topic


def constituency_of(*, election: Election, pk) -> Constituency:
    constituency = election.constituencies.filter(pk=pk).first()
    if constituency is None:
        raise Http404("No such constituency")
    return constituency


def topics_of(*, election: Election) -> list[Topic]:
    return list(election.topics.all()) if election.is_topic_ballot else []


def approved_candidates(*, constituency: Constituency) -> list[Candidate]:
    return list(
        constituency.candidates.filter(status=CandidateStatus.APPROVED).select_related("user")
    )


def tied_candidates(*, constituency: Constituency) -> list[Candidate]:
    tie = (constituency.result or {}).get("tie") or {}
    return list(Candidate.objects.filter(pk__in=tie.get("candidates", [])).select_related("user"))


def paper_choices(*, station: PollingStation) -> list[tuple[int, str]]:
    """The names on a polling station's ballot paper, as (id, name)."""
    election = station.election
    if election.is_topic_ballot:
        return [(t.pk, t.title) for t in election.topics.all()]
    return [(c.pk, c.name) for c in approved_candidates(constituency=station.constituency)]


def election_flags(*, election: Election, user, now=None) -> dict:
    """What the pages may offer now, so templates never compare status strings."""
    now = now or timezone.now()
    return {
        "draft": election.status == ElectionStatus.DRAFT,
        "published": election.status != ElectionStatus.DRAFT,
        "open": election.status == ElectionStatus.OPEN,
        "closed": election.status == ElectionStatus.CLOSED,
        "voting_open": election.voting_open(now),
        "standing_open": election.kind == ElectionKind.CANDIDATES
        and election.nominations_open(now),
        "can_publish": ELECTION_FLOW.can(election, "publish", user),
        "can_close": ELECTION_FLOW.can(election, "close", user),
        "can_set_up": election.status == ElectionStatus.DRAFT
        and user.has_perm("elections.set_up_election", election),
        "can_add_station": election.status != ElectionStatus.CLOSED
        and user.has_perm("elections.add_station", election),
        "can_adopt": election.status == ElectionStatus.CLOSED
        and user.has_perm("elections.adopt_topic", election),
        "can_review": now < election.voting_opens_at
        and user.has_perm("elections.review_candidate"),
        "can_manage": user.has_perm("elections.manage_election"),
    }


def candidate_flags(*, candidate: Candidate, election: Election, user, now=None) -> dict:
    now = now or timezone.now()
    before_voting = now < election.voting_opens_at
    return {
        "can_review": before_voting and CANDIDATE_FLOW.can(candidate, "approve", user),
        "can_withdraw": before_voting and CANDIDATE_FLOW.can(candidate, "withdraw", user),
    }


# --- The home page: what is waiting for this person now ---------------------------------------


def home_items_for(user) -> list[dict]:
    """An open vote this person can cast and has not cast yet; an election they may stand in
    now. One query for the constituencies (with whether they voted, stood or belong), then the
    base eligibility service with what that query knew."""
    from django.urls import reverse

    if not user.is_authenticated or not user.has_perm("elections.vote"):
        return []
    now = timezone.now()
    in_window = Q(voting_opens_at__lte=now, voting_closes_at__gt=now) | Q(
        kind=ElectionKind.CANDIDATES, nominations_open_at__lte=now, nominations_close_at__gt=now
    )
    elections = elections_visible_to(user=user).filter(in_window, status=ElectionStatus.OPEN)
    today = timezone.localdate(now)
    constituencies = (
        Constituency.objects.filter(election__in=elections)
        .select_related("election", "voters_group")
        .annotate(
            voted=Exists(VoterMark.objects.filter(constituency=OuterRef("pk"), voter=user)),
            stood=Exists(Candidate.objects.filter(constituency=OuterRef("pk"), user=user)),
            member=Exists(
                Membership.objects.active(on=today).filter(
                    group=OuterRef("voters_group"), user=user
                )
            ),
        )
        .order_by("election__voting_closes_at", "pk")
    )
    items, seen = [], set()
    for constituency in constituencies:
        election = constituency.election
        member_of = {constituency.voters_group_id} if constituency.member else set()
        if ineligibility_reason(
            constituency=constituency, user=user, today=today, member_of=member_of
        ):
            continue
        if election.voting_open(now) and not constituency.voted and election.pk not in seen:
            seen.add(election.pk)
            items.append(
                {
                    "text": f"Vote in {_the(election.title)}, open until "
                    f"{refusals.when(election.voting_closes_at)}.",
                    "url": reverse("elections:vote", args=[election.pk]),
                    "kind": "vote",
                }
            )
        elif (
            election.kind == ElectionKind.CANDIDATES
            and election.nominations_open(now)
            and not constituency.stood
        ):
            items.append(
                {
                    "text": f"You can stand in {_the(election.title)} until "
                    f"{refusals.when(election.nominations_close_at)}.",
                    "url": reverse("elections:stand", args=[election.pk]),
                    "kind": "stand",
                }
            )
    return items


def _the(title: str) -> str:
    return f"the {title}" if title.lower().endswith("election") else title
