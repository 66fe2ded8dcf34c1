"""Issue 14: constituencies, polling stations, voting codes, paper counts, counting them in."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from forums.elections import services
from forums.elections.codes import CODE_LENGTH, hash_voting_code, receipt_number
from forums.elections.models import (
    Candidate,
    ElectionStatus,
    Outcome,
    PollingStation,
    Receipt,
    Vote,
    VotingCode,
)
from forums.elections.refusals import BallotRefused
from participation.models import AuditEvent, OrganisationKind
from tests.elections.factories import (
    CandidateFactory,
    ConstituencyFactory,
    ElectionFactory,
    ReservedSeatFactory,
    TopicBallotFactory,
    TopicFactory,
)
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def station_for(constituency, worker, *, contact=None, name=None):
    return services.polling_station_add(
        actor=worker,
        constituency=constituency,
        organisation=OrganisationFactory(
            name=name or f"School {constituency.pk}-{PollingStation.objects.count()}",
            kind=OrganisationKind.SCHOOL,
            area="Kent",
        ),
        contact=contact or UserFactory(),
    )


def code_vote(election, code, *choices, **kwargs):
    return services.ballot_cast_with_code(
        election_id=election.pk, code=code, choice_ids=[c.pk for c in choices], **kwargs
    )


# --- Voting codes ------------------------------------------------------------------------------


def test_a_voting_code_works_once(worker):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    candidate = CandidateFactory(constituency=constituency)
    station = station_for(constituency, worker)
    (code,) = services.voting_codes_issue(actor=worker, station=station, count=1)
    result = code_vote(election, code.lower(), candidate)
    assert Receipt.objects.filter(code=receipt_number(result.receipt)).exists()
    vote = Vote.objects.get()
    assert vote.candidate_id == candidate.pk and vote.station_id == station.pk
    with pytest.raises(BallotRefused) as again:
        code_vote(election, code, candidate)
    assert again.value.code == "code_used"
    assert again.value.messages == ["This code has already been used. Each code works once."]
    assert Vote.objects.count() == 1


def test_a_made_up_code_and_a_code_for_another_election_are_refused(worker):
    election, other = ElectionFactory(), ElectionFactory()
    candidate = CandidateFactory(constituency=election.constituencies.get())
    other_station = station_for(other.constituencies.get(), worker)
    (other_code,) = services.voting_codes_issue(actor=worker, station=other_station, count=1)
    with pytest.raises(BallotRefused) as made_up:
        code_vote(election, "ABCDE-FGHJK", candidate)
    assert made_up.value.code == "code_unknown"
    assert "We don't know that code" in made_up.value.messages[0]
    with pytest.raises(BallotRefused) as elsewhere:
        code_vote(election, other_code, candidate)
    assert elsewhere.value.code == "code_other_election"
    assert "different election" in elsewhere.value.messages[0]
    assert not VotingCode.objects.filter(used=True).exists()


def test_a_code_after_the_close_is_refused_and_stays_unused(worker):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    candidate = CandidateFactory(constituency=constituency)
    (code,) = services.voting_codes_issue(
        actor=worker, station=station_for(constituency, worker), count=1
    )
    with time_machine.travel(election.voting_closes_at):
        with pytest.raises(BallotRefused) as late:
            code_vote(election, code, candidate)
    assert late.value.code == "closed"
    assert not VotingCode.objects.filter(used=True).exists()


def test_codes_keep_no_code_and_no_holder(worker):
    field_names = {f.name for f in VotingCode._meta.get_fields()}
    assert field_names == {"code_hash", "election", "station", "used"}
    station = station_for(ElectionFactory().constituencies.get(), worker)
    codes = services.voting_codes_issue(actor=worker, station=station, count=5)
    stored = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 5
    assert not {str(h) for h in stored} & set(codes)
    assert stored == {hash_voting_code(c) for c in codes}


def test_codes_used_in_a_known_order_cannot_be_paired_with_votes(
    transactional_db, postgresql_only, worker
):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    candidates = CandidateFactory.create_batch(3, constituency=constituency)
    station = station_for(constituency, worker)
    codes = services.voting_codes_issue(actor=worker, station=station, count=30)
    cast_order = []
    for i, code in enumerate(codes):
        code_vote(election, code, candidates[i % 3])
        cast_order.append(candidates[i % 3].pk)
    services.election_close(actor=worker, election=election)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT candidate_id, xmin::text FROM elections_vote WHERE election_id = %s "
            "ORDER BY ctid",
            [election.pk],
        )
        votes = cursor.fetchall()
        cursor.execute(
            "SELECT xmin::text FROM elections_votingcode WHERE station_id = %s", [station.pk]
        )
        code_xmins = {x for (x,) in cursor.fetchall()}
    assert sorted(c for c, _ in votes) == sorted(cast_order)
    assert [c for c, _ in votes] != cast_order
    assert len({x for _, x in votes}) == 1
    assert not {x for _, x in votes} & code_xmins
    vote_fields = {f.name for f in Vote._meta.get_fields()}
    assert "code" not in vote_fields and "code_hash" not in vote_fields


# --- Paper counts ------------------------------------------------------------------------------


def closed_election_with_station(worker):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    a, b = CandidateFactory.create_batch(2, constituency=constituency)
    contact = UserFactory()
    station = station_for(constituency, worker, contact=contact)
    services.election_close(actor=worker, election=election)
    return election, station, contact, a, b


def test_a_paper_count_joins_only_when_two_different_people_enter_the_same(worker):
    election, station, contact, a, b = closed_election_with_station(worker)
    figures = {a.pk: 30, b.pk: 12}
    status = services.paper_count_enter(
        actor=contact, station=station, papers=45, spoilt=2, blank=1, figures=figures
    )
    assert status["state"] == "waiting"
    # The same person entering it twice does not confirm it.
    status = services.paper_count_enter(
        actor=contact, station=station, papers=45, spoilt=2, blank=1, figures=figures
    )
    assert status["state"] == "waiting"
    a.refresh_from_db()
    assert a.votes == 0
    status = services.paper_count_enter(
        actor=worker, station=station, papers=45, spoilt=2, blank=1, figures=figures
    )
    assert status["state"] == "confirmed"
    a.refresh_from_db()
    election.refresh_from_db()
    assert (a.votes, a.paper_votes) == (30, 30)
    assert election.turnout == 45
    assert AuditEvent.objects.filter(action="election.paper_count_enter").count() == 3
    assert AuditEvent.objects.filter(action="election.paper_count_confirmed").exists()


def test_a_mismatch_is_shown_and_blocks_the_count(worker):
    election, station, contact, a, b = closed_election_with_station(worker)
    services.paper_count_enter(
        actor=contact, station=station, papers=42, figures={a.pk: 30, b.pk: 12}
    )
    status = services.paper_count_enter(
        actor=worker, station=station, papers=42, figures={a.pk: 29, b.pk: 13}
    )
    assert status["state"] == "mismatch"
    assert (str(a.pk), 29, 30) in status["differences"]
    a.refresh_from_db()
    assert a.votes == 0
    station.refresh_from_db()
    assert station.paper_confirmed_at is None
    # The contact corrects theirs to match: now it counts.
    status = services.paper_count_enter(
        actor=contact, station=station, papers=42, figures={a.pk: 29, b.pk: 13}
    )
    assert status["state"] == "confirmed"
    a.refresh_from_db()
    assert a.votes == 29


@pytest.mark.parametrize(
    "papers, figures, message",
    [
        (10, {0: 5}, "only for the names"),
        (10, {1: 5}, "don't add up"),
        (1, {1: 5}, "don't add up"),
    ],
)
def test_paper_counts_that_cannot_be_right_are_refused(worker, papers, figures, message):
    election, station, contact, a, b = closed_election_with_station(worker)
    figures = {(a.pk if k == 1 else 999999): v for k, v in figures.items()}
    with pytest.raises(ValidationError) as error:
        services.paper_count_enter(actor=contact, station=station, papers=papers, figures=figures)
    assert message in " ".join(error.value.messages)


def test_paper_counts_wait_for_polling_to_close(worker):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    station = station_for(constituency, worker)
    with pytest.raises(ValidationError) as error:
        services.paper_count_enter(actor=station.contact, station=station, papers=0, figures={})
    assert "after polling closes" in error.value.messages[0]


def test_only_the_contact_or_a_worker_enters_a_count(worker):
    election, station, contact, a, b = closed_election_with_station(worker)
    with pytest.raises(ValidationError):
        services.paper_count_enter(actor=UserFactory(), station=station, papers=0, figures={})


# --- The hand-worked election ------------------------------------------------------------------


def test_three_constituencies_online_votes_and_paper_counts_hand_worked(worker):
    """Kent-style, worked by hand.

    North School (1 open seat): online by account Amy 3, Bo 1; paper (confirmed) Amy 10, Bo 14,
      2 spoilt: totals Amy 13, Bo 15 -> Bo. Turnout 4 online + 26 papers = 30.
    South School (1 open seat): codes Cy 5, Di 2; paper entered by one person only (Cy 0,
      Di 20) so it does not count -> Cy (5 to 2). Turnout 7 codes.
    Community (1 open seat + 1 seat kept for young carers): codes Ed 6, Fi (young carer) 2,
      Gi (young carer) 3; paper Ed 1, Fi 4, Gi 0: totals Ed 7, Fi 6, Gi 3 -> carers' seat Fi,
      open seat Ed. Turnout 11 codes + 5 papers = 16.
    Overall turnout 30 + 7 + 16 = 53.
    """
    election = ElectionFactory(title="Kent Youth County Council")
    north = election.constituencies.get()
    north.name = "North School"
    north.save()
    south = ConstituencyFactory(election=election, name="South School")
    community = ConstituencyFactory(election=election, name="Community")
    carers = ReservedSeatFactory(constituency=community, name="Young carers", seats=1)
    amy, bo = (CandidateFactory(constituency=north) for _ in range(2))
    cy, di = (CandidateFactory(constituency=south) for _ in range(2))
    ed = CandidateFactory(constituency=community)
    fi, gi = (CandidateFactory(constituency=community, reserved_seat=carers) for _ in range(2))
    north_station = station_for(north, worker, name="North School")
    south_station = station_for(south, worker, name="South School")
    community_station = station_for(community, worker, name="Community Centre")

    for choice, n in ((amy, 3), (bo, 1)):
        for _ in range(n):
            services.ballot_cast(
                election_id=election.pk,
                constituency_id=north.pk,
                voter=YoungPersonFactory(),
                choice_ids=[choice.pk],
            )
    for station, plan in (
        (south_station, ((cy, 5), (di, 2))),
        (community_station, ((ed, 6), (fi, 2), (gi, 3))),
    ):
        codes = iter(
            services.voting_codes_issue(
                actor=station.contact, station=station, count=sum(n for _, n in plan) + 3
            )
        )
        for choice, n in plan:
            for _ in range(n):
                code_vote(election, next(codes), choice)

    with time_machine.travel(election.voting_closes_at + timedelta(minutes=1)):
        services.elections_close_due()
        for station, figures, papers, spoilt, both in (
            (north_station, {amy.pk: 10, bo.pk: 14}, 26, 2, True),
            (south_station, {cy.pk: 0, di.pk: 20}, 20, 0, False),
            (community_station, {ed.pk: 1, fi.pk: 4, gi.pk: 0}, 5, 0, True),
        ):
            people = [station.contact, worker] if both else [station.contact]
            for person in people:
                services.paper_count_enter(
                    actor=person, station=station, papers=papers, spoilt=spoilt, figures=figures
                )

    election.refresh_from_db()
    assert election.status == ElectionStatus.CLOSED
    outcome = {c.pk: (c.votes, c.paper_votes, c.outcome) for c in Candidate.objects.all()}
    assert outcome[amy.pk] == (13, 10, Outcome.NOT_ELECTED)
    assert outcome[bo.pk] == (15, 14, Outcome.ELECTED)
    assert outcome[cy.pk] == (5, 0, Outcome.ELECTED)
    assert outcome[di.pk] == (2, 0, Outcome.NOT_ELECTED)
    assert outcome[ed.pk] == (7, 1, Outcome.ELECTED)
    assert outcome[fi.pk] == (6, 4, Outcome.ELECTED)
    assert outcome[gi.pk] == (3, 0, Outcome.NOT_ELECTED)
    assert Candidate.objects.get(pk=fi.pk).elected_to_reserved_seat
    assert not Candidate.objects.get(pk=ed.pk).elected_to_reserved_seat
    turnout = {c.name: c.turnout for c in election.constituencies.all()}
    assert turnout == {"North School": 30, "South School": 7, "Community": 16}
    assert election.turnout == 53


# --- Make Your Mark at scale -------------------------------------------------------------------


def test_make_your_mark_results_by_school_and_area(worker):
    from forums.elections import selectors

    mym = TopicBallotFactory(max_choices=1)
    city = mym.constituencies.get()
    climate, buses = (
        TopicFactory(election=mym, title="Climate"),
        TopicFactory(election=mym, title="Buses"),
    )
    bilston = station_for(city, worker, name="Bilston School")
    bilston.organisation.area = "Bilston"
    bilston.organisation.save()
    codes = services.voting_codes_issue(actor=worker, station=bilston, count=3)
    code_vote(mym, codes[0], climate)
    code_vote(mym, codes[1], climate)
    code_vote(mym, codes[2], buses)
    services.ballot_cast(
        election_id=mym.pk,
        constituency_id=city.pk,
        voter=YoungPersonFactory(),
        choice_ids=[buses.pk],
    )
    services.election_close(actor=worker, election=mym)
    breakdown = selectors.topic_breakdown(election=mym)
    assert breakdown["by_station"]["Bilston School"] == {"Climate": 2, "Buses": 1}
    assert breakdown["by_area"]["Bilston"] == {"Climate": 2, "Buses": 1}
    assert breakdown["online_without_school"] == {"Buses": 1}
    assert breakdown["city"] == {"Climate": 2, "Buses": 2}


def test_codes_are_issued_in_sensible_numbers(worker):
    station = station_for(ElectionFactory().constituencies.get(), worker)
    with pytest.raises(ValidationError):
        services.voting_codes_issue(actor=worker, station=station, count=0)
    with pytest.raises(ValidationError):
        services.voting_codes_issue(actor=UserFactory(), station=station, count=3)
    assert CODE_LENGTH == 10
