"""Every write for elections and topic ballots goes through a function here."""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import Group, Membership, Organisation, User
from participation.services import audit, notify

from . import ballot, counting
from .codes import hash_voting_code, new_voting_code
from .counting import SeatGroup, Standing, count_seats, rank_topics
from .eligibility import ineligibility_reason
from .mixing import mix
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
    ReservedSeat,
    Topic,
    VotingCode,
)
from .refusals import CastResult, SessionCastResult, when
from .selectors import confirmed_paper_counts, paper_count_status

logger = logging.getLogger(__name__)

__all__ = [
    "ballot_box_mix",
    "ballot_cast",
    "ballot_cast_for_session",
    "ballot_cast_with_code",
    "candidate_review",
    "candidate_stand",
    "candidate_withdraw",
    "constituency_add",
    "constituency_rename",
    "election_close",
    "election_create",
    "election_publish",
    "elections_close_due",
    "paper_count_enter",
    "polling_station_add",
    "station_electorate_set",
    "reserved_seat_add",
    "tie_resolve",
    "topic_add",
    "topic_adopt",
    "voting_codes_issue",
]


def _check_draft(election: Election) -> None:
    """How an election is set up can change only before it is published."""
    if election.status != ElectionStatus.DRAFT:
        raise ValidationError(
            "This can only be changed before the election is published.", code="not_draft"
        )


def _check_age_range(low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"voter_max_age": "The oldest age must be the same as or more than the youngest age."}
        )


@transaction.atomic
def election_create(
    *,
    actor: User,
    title: str,
    kind: str,
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    description: str = "",
    group: Group | None = None,
    winner_role: str = "",
    max_choices: int = 1,
    nominations_open_at: datetime | None = None,
    nominations_close_at: datetime | None = None,
    seats: int = 1,
    constituency_name: str = "",
    voters_group: Group | None = None,
    voters_area: str = "",
    voter_min_age: int | None = None,
    voter_max_age: int | None = None,
) -> Election:
    require(actor, "elections.create_election")
    errors = {}
    if voting_closes_at <= voting_opens_at:
        errors["voting_closes_at"] = "Voting must close after it opens."
    if kind == ElectionKind.CANDIDATES:
        if nominations_open_at is None or nominations_close_at is None:
            errors["nominations_open_at"] = "Give the dates when young people can stand."
        elif nominations_close_at <= nominations_open_at:
            errors["nominations_close_at"] = "Standing must close after it opens."
        elif nominations_close_at > voting_opens_at:
            errors["nominations_close_at"] = "Standing must close before voting opens."
    else:
        nominations_open_at = nominations_close_at = None
    if max_choices < 1:
        errors["max_choices"] = "Each voter needs at least 1 choice."
    if errors:
        raise ValidationError(errors)
    _check_age_range(voter_min_age, voter_max_age)
    election = Election(
        title=title,
        description=description,
        kind=kind,
        group=group,
        winner_role=winner_role,
        max_choices=max_choices,
        nominations_open_at=nominations_open_at,
        nominations_close_at=nominations_close_at,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        created_by=actor,
    )
    election.full_clean()
    election.save()
    constituency_add(
        actor=actor,
        election=election,
        name=constituency_name or title,
        seats=seats,
        voters_group=voters_group,
        voters_area=voters_area,
        voter_min_age=voter_min_age,
        voter_max_age=voter_max_age,
    )
    audit(actor=actor, action="election.create", target=election)
    return election


@transaction.atomic
def constituency_add(
    *,
    actor: User,
    election: Election,
    name: str,
    seats: int = 1,
    voters_group: Group | None = None,
    voters_area: str = "",
    voter_min_age: int | None = None,
    voter_max_age: int | None = None,
) -> Constituency:
    require(actor, "elections.set_up_election", election)
    _check_draft(election)
    _check_age_range(voter_min_age, voter_max_age)
    constituency = Constituency(
        election=election,
        name=name,
        seats=seats,
        voters_group=voters_group,
        voters_area=voters_area.strip(),
        voter_min_age=voter_min_age,
        voter_max_age=voter_max_age,
    )
    constituency.full_clean()
    constituency.save()
    return constituency


@transaction.atomic
def constituency_rename(*, actor: User, constituency: Constituency, name: str) -> Constituency:
    """The first constituency starts with the election's title; a worker can rename any of
    them while the election is a draft (after that, ballots and leaflets carry the name)."""
    election = constituency.election
    require(actor, "elections.set_up_election", election)
    if election.status != ElectionStatus.DRAFT:
        raise ValidationError(
            "You can only change a constituency's name before the election is published.",
            code="not_draft",
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Type the new name."})
    constituency.name = name
    constituency.full_clean()
    constituency.save(update_fields=["name"])
    audit(
        actor=actor,
        action="election.constituency_rename",
        target=election,
        constituency=constituency.pk,
    )
    return constituency


@transaction.atomic
def reserved_seat_add(
    *, actor: User, constituency: Constituency, name: str, seats: int
) -> ReservedSeat:
    require(actor, "elections.set_up_election", constituency.election)
    _check_draft(constituency.election)
    if constituency.election.kind != ElectionKind.CANDIDATES:
        raise ValidationError("A topic ballot has no seats.")
    if seats < 1:
        raise ValidationError({"seats": "Reserve at least 1 seat."})
    seat = ReservedSeat(constituency=constituency, name=name.strip(), seats=seats)
    seat.full_clean()
    seat.save()
    audit(actor=actor, action="election.reserved_seat_add", target=constituency.election)
    return seat


@transaction.atomic
def topic_add(*, actor: User, election: Election, title: str, description: str = "") -> Topic:
    require(actor, "elections.set_up_election", election)
    _check_draft(election)
    if election.kind != ElectionKind.TOPICS:
        raise ValidationError("An election of candidates has no topics: add candidates instead.")
    if Topic.objects.filter(election=election, title__iexact=title.strip()).exists():
        raise ValidationError({"title": "This ballot already has a topic with that name."})
    topic = Topic(election=election, title=title.strip(), description=description)
    topic.full_clean()
    topic.save()
    return topic


def _voters_of(election: Election):
    group_ids = election.constituencies.exclude(voters_group=None).values("voters_group")
    return User.objects.filter(
        pk__in=Membership.objects.active().filter(group__in=group_ids).values("user")
    )


@transaction.atomic
def election_publish(*, actor: User, election: Election) -> Election:
    require(actor, "elections.publish_election", election)
    election = Election.objects.select_for_update().get(pk=election.pk)
    ELECTION_FLOW.check(election, "publish", actor)
    if election.kind == ElectionKind.TOPICS and election.topics.count() < 2:
        raise ValidationError("Add at least 2 topics before you publish the ballot.")
    ELECTION_FLOW.move(election, "publish", actor=actor)
    notify(
        recipients=_voters_of(election),
        kind="election.published",
        title=f"New: {election.title}",
        body="There is a new election or ballot you can take part in.",
        url=reverse("elections:detail", args=[election.pk]),
    )
    return election


@transaction.atomic
def candidate_stand(
    *,
    user: User,
    constituency: Constituency,
    manifesto: str,
    reserved_seat: ReservedSeat | None = None,
    now: datetime | None = None,
) -> Candidate:
    require(user, "elections.stand", constituency)
    now = now or timezone.now()
    election = constituency.election
    if election.kind != ElectionKind.CANDIDATES:
        raise ValidationError("Nobody stands in a topic ballot.")
    if not election.nominations_open(now):
        if election.nominations_close_at and now >= election.nominations_close_at:
            raise ValidationError(
                f"Standing closed at {when(election.nominations_close_at)}.",
                code="closed",
            )
        raise ValidationError("You can't stand yet. Standing has not opened.", code="not_open")
    reason = ineligibility_reason(constituency=constituency, user=user, today=now.date())
    if reason:
        raise ValidationError(reason.replace("vote and stand", "stand"), code="not_eligible")
    if reserved_seat is not None and reserved_seat.constituency_id != constituency.pk:
        raise ValidationError({"reserved_seat": "Choose one of the seats in this election."})
    if not manifesto.strip():
        raise ValidationError(
            {"manifesto": "Write your manifesto: why people should vote for you."}
        )
    candidate = Candidate(
        constituency=constituency,
        user=user,
        manifesto=manifesto.strip(),
        reserved_seat=reserved_seat,
    )
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise ValidationError("You are already standing in this election.", code="twice") from None
    return candidate


@transaction.atomic
def candidate_withdraw(*, user: User, candidate: Candidate, now: datetime | None = None):
    now = now or timezone.now()
    candidate = (
        Candidate.objects.select_for_update()
        .select_related("constituency__election")
        .get(pk=candidate.pk)
    )
    require(user, "elections.withdraw_candidacy", candidate)
    if now >= candidate.constituency.election.voting_opens_at:
        raise ValidationError("Voting has started, so you can't withdraw now. Talk to a worker.")
    CANDIDATE_FLOW.move(candidate, "withdraw", actor=user)
    return candidate


@transaction.atomic
def candidate_review(
    *, actor: User, candidate: Candidate, approve: bool, reason: str = "", now=None
) -> Candidate:
    require(actor, "elections.review_candidate", candidate)
    now = now or timezone.now()
    candidate = (
        Candidate.objects.select_for_update(of=("self",))
        .select_related("constituency__election", "user")
        .get(pk=candidate.pk)
    )
    election = candidate.constituency.election
    move = "approve" if approve else "reject"
    CANDIDATE_FLOW.check(candidate, move, actor)  # only a pending candidate is reviewed
    if now >= election.voting_opens_at:
        raise ValidationError("Voting has started, so candidates can't be changed now.")
    if not approve and not reason.strip():
        raise ValidationError({"reason": "Say why, so the young person knows what to change."})
    candidate.review_reason = reason.strip()
    candidate.reviewed_by = actor
    candidate.reviewed_at = now
    CANDIDATE_FLOW.move(
        candidate, move, actor=actor, extra_fields=["review_reason", "reviewed_by", "reviewed_at"]
    )
    notify(
        recipients=candidate.user,
        kind="election.candidate_reviewed",
        title=(
            f"You are standing in {election.title}"
            if approve
            else f"Your manifesto for {election.title} was not approved"
        ),
        body=candidate.review_reason,
        url=reverse("elections:detail", args=[election.pk]),
    )
    return candidate


def ballot_cast(
    *,
    election_id: int,
    constituency_id: int,
    voter: User,
    choice_ids: list[int],
    now: datetime | None = None,
    today: date | None = None,
) -> CastResult:
    """Cast a secret ballot in one statement (see ballot.py). Raises BallotRefused.

    Whether `voter` may vote here is the eligibility check inside the cast, which says why."""
    return ballot.cast(
        election_id=election_id,
        constituency_id=constituency_id,
        voter=voter,
        choice_ids=choice_ids,
        now=now,
        today=today,
    )


def ballot_cast_for_session(
    *,
    election_id: int,
    constituency_id: int,
    user_id: int,
    session_hash: str,
    choice_ids: list[int],
    now: datetime | None = None,
) -> SessionCastResult | None:
    """The logged-in fast path: cast for a session's voter, checked inside the one statement.
    Returns None when no ballot was taken; the caller then uses `ballot_cast` for the reason."""
    return ballot.cast_for_session(
        election_id=election_id,
        constituency_id=constituency_id,
        user_id=user_id,
        session_hash=session_hash,
        choice_ids=choice_ids,
        now=now,
    )


@transaction.atomic
def ballot_box_mix(*, election_id: int, everything: bool = False) -> int:
    return mix(election_id=election_id, everything=everything)


def _paper_figures(election: Election) -> tuple[dict[int, int], dict[int, int]]:
    """Confirmed paper counts: (votes per candidate or topic, ballot papers per constituency)."""
    votes: dict[int, int] = {}
    papers: dict[int, int] = {}
    constituency_of = dict(
        PollingStation.objects.filter(election=election).values_list("pk", "constituency_id")
    )
    for station_id, entry in confirmed_paper_counts(election=election).items():
        for key, n in entry.figures.items():
            votes[int(key)] = votes.get(int(key), 0) + n
        constituency_id = constituency_of[station_id]
        papers[constituency_id] = papers.get(constituency_id, 0) + entry.papers
    return votes, papers


def _count(election: Election) -> bool:
    """Count the (already mixed) box, add confirmed paper counts, and store the result.

    Returns True when no tie is left.
    """
    online = counting.tallies(election_id=election.pk, kind=election.kind)
    paper, paper_turnout = _paper_figures(election)
    tallies = {k: online.get(k, 0) + paper.get(k, 0) for k in {*online, *paper}}
    constituencies = list(election.constituencies.prefetch_related("reserved_seats", "candidates"))
    turnout = counting.turnout(constituency_ids=[c.pk for c in constituencies])
    for constituency_id, n in (
        VotingCode.objects.filter(election=election, used=True)
        .values_list("station__constituency_id")
        .annotate(n=Count("*"))
        .order_by()
    ):
        turnout[constituency_id] = turnout.get(constituency_id, 0) + n
    for constituency_id, n in paper_turnout.items():
        turnout[constituency_id] = turnout.get(constituency_id, 0) + n
    final = True
    if election.kind == ElectionKind.TOPICS:
        topics = {t.pk: t for t in election.topics.all()}
        for topic_id, votes, rank in rank_topics({pk: tallies.get(pk, 0) for pk in topics}):
            topic = topics[topic_id]
            topic.votes, topic.rank, topic.paper_votes = votes, rank, paper.get(topic_id, 0)
        Topic.objects.bulk_update(topics.values(), ["votes", "rank", "paper_votes"])
    changed = []
    for constituency in constituencies:
        standing = [
            c for c in constituency.candidates.all() if c.status == CandidateStatus.APPROVED
        ]
        result = count_seats(
            candidates=[
                Standing(c.pk, tallies.get(c.pk, 0), c.reserved_seat_id, c.won_tie)
                for c in standing
            ],
            open_seats=constituency.seats,
            reserved=[SeatGroup(r.pk, r.seats) for r in constituency.reserved_seats.all()],
        )
        elected = dict(result.elected)
        tied = set(result.tie.candidate_ids) if result.tie else set()
        for candidate in standing:
            candidate.votes = tallies.get(candidate.pk, 0)
            candidate.paper_votes = paper.get(candidate.pk, 0)
            candidate.elected_to_reserved_seat = elected.get(candidate.pk) is not None
            if candidate.pk in elected:
                candidate.outcome = Outcome.ELECTED
            elif candidate.pk in tied:
                candidate.outcome = Outcome.TIED
            elif result.tie is not None and result.tie.seat_group_id is not None:
                # The count stopped at a reserved seat: the open seats are not decided yet.
                candidate.outcome = Outcome.WAITING
            else:
                candidate.outcome = Outcome.NOT_ELECTED
            changed.append(candidate)
        constituency.result = result.as_json()
        constituency.turnout = turnout.get(constituency.pk, 0)
        final = final and result.tie is None
    Candidate.objects.bulk_update(
        changed, ["votes", "paper_votes", "outcome", "elected_to_reserved_seat"]
    )
    Constituency.objects.bulk_update(constituencies, ["result", "turnout"])
    election.turnout = sum(turnout.values())
    election.save(update_fields=["turnout"])
    if final and election.winner_role and election.group_id:
        for candidate in changed:
            if candidate.outcome == Outcome.ELECTED:
                Membership.objects.get_or_create(
                    group_id=election.group_id,
                    user_id=candidate.user_id,
                    role=election.winner_role,
                    ended_on=None,
                )
    return final


@transaction.atomic
def election_close(*, actor: User | None, election: Election, now: datetime | None = None):
    """Close voting (early, or at the deadline when `actor` is None), mix the whole box, count.

    The row lock waits for ballots already being cast, and any ballot after it sees "closed".
    """
    if actor is not None:
        require(actor, "elections.close_election", election)
    now = now or timezone.now()
    election = Election.objects.select_for_update().get(pk=election.pk)
    move = "close" if actor is not None else "close_on_time"
    ELECTION_FLOW.check(election, move, actor)
    if now < election.voting_opens_at:
        raise ValidationError("Voting has not started yet, so there is nothing to close.")
    if actor is None and now < election.voting_closes_at:
        raise ValidationError("Voting is still open.")
    election.closed_at = now
    ELECTION_FLOW.move(election, move, actor=actor, extra_fields=["closed_at"])
    mix(election_id=election.pk, everything=True)
    final = _count(election)
    candidates = User.objects.filter(
        candidacies__constituency__election=election,
        candidacies__status=CandidateStatus.APPROVED,
    )
    people = {user.pk: user for user in [*candidates, *_voters_of(election)]}
    notify(
        recipients=people.values(),
        kind="election.results",
        title=f"Results: {election.title}",
        body="The votes are counted." + ("" if final else " There is a tie a worker will settle."),
        url=reverse("elections:results", args=[election.pk]),
    )
    transaction.on_commit(_vacuum_later)
    return election


def _vacuum_later() -> None:
    from .tasks import vacuum_ballot_tables

    try:
        vacuum_ballot_tables.delay()
    except Exception:  # broker down: autovacuum will clear the dead rows anyway
        logger.warning("Could not queue the ballot table vacuum; autovacuum will do it")


@transaction.atomic
def tie_resolve(*, actor: User, constituency: Constituency, winner_ids: list[int]) -> bool:
    """A worker settles a tie (for example after drawing lots). Returns True when final."""
    require(actor, "elections.resolve_tie", constituency)
    constituency = Constituency.objects.select_for_update().get(pk=constituency.pk)
    election = constituency.election
    tie = (constituency.result or {}).get("tie")
    if election.status != ElectionStatus.CLOSED or not tie:
        raise ValidationError("There is no tie to settle here.")
    chosen = set(winner_ids)
    if not chosen <= set(tie["candidates"]):
        raise ValidationError({"winners": "Choose only from the candidates who are tied."})
    if len(chosen) != tie["places"]:
        raise ValidationError(
            {"winners": f"Choose exactly {tie['places']} of the tied candidates."}
        )
    Candidate.objects.filter(pk__in=chosen).update(won_tie=True)
    audit(actor=actor, action="election.tie_resolve", target=constituency, winners=sorted(chosen))
    return _count(election)


@transaction.atomic
def topic_adopt(*, actor: User, topic: Topic, campaign_note: str = "", now=None) -> Topic:
    """The Youth Council takes a topic on as a campaign (recorded by its worker)."""
    require(actor, "elections.adopt_topic", topic)
    topic = Topic.objects.select_for_update().select_related("election").get(pk=topic.pk)
    election = topic.election
    if election.status != ElectionStatus.CLOSED:
        raise ValidationError("Campaigns are chosen after the ballot closes and is counted.")
    if topic.adopted_at is not None:
        raise ValidationError("This topic is already a campaign.")
    topic.adopted_at = now or timezone.now()
    topic.adopted_by = actor
    topic.campaign_note = campaign_note.strip()
    topic.save(update_fields=["adopted_at", "adopted_by", "campaign_note"])
    audit(actor=actor, action="election.topic_adopt", target=topic)
    if election.group_id:
        notify(
            recipients=User.objects.filter(
                pk__in=Membership.objects.active().filter(group_id=election.group_id).values("user")
            ),
            kind="election.campaign_adopted",
            title=f"New campaign: {topic.title}",
            body=topic.campaign_note,
            url=reverse("elections:results", args=[election.pk]),
        )
    return topic


def elections_close_due(*, now: datetime | None = None) -> list[int]:
    """Close and count every election whose voting time is over. Safe to run any time."""
    now = now or timezone.now()
    closed = []
    due = Election.objects.filter(status=ElectionStatus.OPEN, voting_closes_at__lte=now)
    for pk in due.values_list("pk", flat=True):
        try:
            election_close(actor=None, election=Election(pk=pk), now=now)
        except ValidationError:
            continue  # someone closed it a moment ago
        closed.append(pk)
    return closed


# --- Issue 14: polling stations, voting codes, paper counts ------------------------------------


@transaction.atomic
def polling_station_add(
    *,
    actor: User,
    constituency: Constituency,
    organisation: Organisation,
    contact: User,
    electorate: int | None = None,
) -> PollingStation:
    require(actor, "elections.add_station", constituency.election)
    election = constituency.election
    if election.status == ElectionStatus.CLOSED:
        raise ValidationError("This election is closed.")
    if PollingStation.objects.filter(election=election, organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} is already a polling station."})
    station = PollingStation(
        election=election,
        constituency=constituency,
        organisation=organisation,
        contact=contact,
        electorate=electorate,
    )
    station.full_clean()
    station.save()
    audit(actor=actor, action="election.station_add", target=station, contact=contact.pk)
    return station


@transaction.atomic
def station_electorate_set(*, actor: User, station: PollingStation, electorate: int):
    require(actor, "elections.run_station", station)
    if electorate < 0:
        raise ValidationError({"electorate": "Enter 0 or more."})
    station.electorate = electorate
    station.save(update_fields=["electorate"])
    audit(actor=actor, action="election.station_electorate", target=station, electorate=electorate)
    return station


MAX_CODES_AT_ONCE = 5000


@transaction.atomic
def voting_codes_issue(*, actor: User, station: PollingStation, count: int) -> list[str]:
    """Make `count` one-time codes for a polling station and return them, once, to print.

    Only a keyed hash of each code is stored, and nothing about who will be given it.
    """
    require(actor, "elections.run_station", station)
    if station.election.status == ElectionStatus.CLOSED:
        raise ValidationError("This election is closed, so no more codes can be made.")
    if not 1 <= count <= MAX_CODES_AT_ONCE:
        raise ValidationError({"count": f"Make between 1 and {MAX_CODES_AT_ONCE} codes at once."})
    codes = [new_voting_code() for _ in range(count)]
    VotingCode.objects.bulk_create(
        VotingCode(
            code_hash=hash_voting_code(code),
            election_id=station.election_id,
            station=station,
        )
        for code in codes
    )
    audit(actor=actor, action="election.codes_issue", target=station, count=count)
    return codes


def ballot_cast_with_code(
    *, election_id: int, code: str, choice_ids: list[int], now: datetime | None = None
) -> CastResult:
    """Vote with a one-time code, in one statement (see ballot.py). Raises BallotRefused."""
    return ballot.cast_with_code(election_id=election_id, code=code, choice_ids=choice_ids, now=now)


@transaction.atomic
def paper_count_enter(
    *,
    actor: User,
    station: PollingStation,
    papers: int,
    figures: dict[int, int],
    spoilt: int = 0,
    blank: int = 0,
    now: datetime | None = None,
) -> dict:
    """Enter a polling station's paper count. It joins the result only when a second, different
    person enters the same figures; a mismatch is shown to both and blocks it."""
    require(actor, "elections.run_station", station)
    now = now or timezone.now()
    station = (
        PollingStation.objects.select_for_update().select_related("election").get(pk=station.pk)
    )
    election = station.election
    if election.status != ElectionStatus.CLOSED and now < election.voting_closes_at:
        raise ValidationError("Enter the paper count after polling closes.")
    if election.kind == ElectionKind.TOPICS:
        allowed = set(election.topics.values_list("pk", flat=True))
    else:
        allowed = set(
            Candidate.objects.filter(
                constituency_id=station.constituency_id, status=CandidateStatus.APPROVED
            ).values_list("pk", flat=True)
        )
    if not set(figures) <= allowed:
        raise ValidationError("Enter figures only for the names on this ballot paper.")
    if min([papers, spoilt, blank, *figures.values()], default=0) < 0:
        raise ValidationError("Numbers can't be less than 0.")
    if spoilt + blank > papers:
        raise ValidationError({"papers": "There are more spoilt and blank papers than papers."})
    if election.max_choices == 1 and sum(figures.values()) + spoilt + blank != papers:
        raise ValidationError(
            {
                "papers": f"The numbers don't add up: {sum(figures.values())} votes + {spoilt} "
                f"spoilt + {blank} blank is not {papers} papers."
            }
        )
    station.paper_entries.filter(entered_by=actor, superseded=False).update(superseded=True)
    entry = PaperCountEntry.objects.create(
        station=station,
        entered_by=actor,
        entered_at=now,
        papers=papers,
        spoilt=spoilt,
        blank=blank,
        # Every name on the paper, 0 where nothing was typed, so two entries compare fairly.
        figures={str(k): figures.get(k, 0) for k in sorted(allowed)},
    )
    audit(
        actor=actor,
        action="election.paper_count_enter",
        target=station,
        papers=papers,
        spoilt=spoilt,
        blank=blank,
        figures=entry.figures,
    )
    status = paper_count_status(station=station)
    confirmed_at = now if status["state"] == "confirmed" else None
    if (station.paper_confirmed_at is None) != (confirmed_at is None):
        station.paper_confirmed_at = confirmed_at
        station.save(update_fields=["paper_confirmed_at"])
        audit(
            actor=actor,
            action="election.paper_count_confirmed"
            if confirmed_at
            else "election.paper_count_reopened",
            target=station,
        )
    if election.status == ElectionStatus.CLOSED:
        _count(election)
    return status
