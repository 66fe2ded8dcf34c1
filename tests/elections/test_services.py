"""Setting up, standing, reviewing, closing, counting, ties, winner roles and campaigns."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from forums.elections import services
from forums.elections.models import (
    Candidate,
    CandidateStatus,
    ElectionKind,
    ElectionStatus,
    Outcome,
)
from participation.models import AuditEvent, Membership, Notification
from tests.elections.factories import (
    CandidateFactory,
    ElectionFactory,
    ReservedSeatFactory,
    TopicBallotFactory,
    TopicFactory,
)
from tests.factories import GroupFactory, MembershipFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def dates(now=None):
    now = now or timezone.now()
    day = timedelta(days=1)
    return {
        "nominations_open_at": now,
        "nominations_close_at": now + 5 * day,
        "voting_opens_at": now + 6 * day,
        "voting_closes_at": now + 8 * day,
    }


def test_a_worker_sets_up_an_election_with_seats_and_reserved_seats(worker):
    election = services.election_create(
        actor=worker,
        title="Kent Youth County Council",
        kind=ElectionKind.CANDIDATES,
        seats=8,
        max_choices=8,
        **dates(),
    )
    constituency = election.constituencies.get()
    for name in ["Young carers", "Disabled young people", "Black and minority ethnic"]:
        services.reserved_seat_add(actor=worker, constituency=constituency, name=name, seats=4)
    assert constituency.total_seats == 20
    assert election.status == ElectionStatus.DRAFT
    assert AuditEvent.objects.filter(action="election.create").exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"voting_closes_at": timezone.now()}, "voting_closes_at"),
        ({"nominations_close_at": timezone.now() + timedelta(days=7)}, "nominations_close_at"),
        ({"nominations_open_at": None}, "nominations_open_at"),
        ({"voter_min_age": 18, "voter_max_age": 11}, "voter_max_age"),
    ],
)
def test_setting_up_with_impossible_dates_or_ages_says_what_is_wrong(worker, change, field):
    with pytest.raises(ValidationError) as error:
        services.election_create(
            actor=worker, title="X", kind=ElectionKind.CANDIDATES, **{**dates(), **change}
        )
    assert field in error.value.message_dict


def test_only_workers_set_up_elections(young_person):
    with pytest.raises(ValidationError):
        services.election_create(
            actor=young_person, title="X", kind=ElectionKind.CANDIDATES, **dates()
        )


def test_publishing_tells_the_members_who_can_vote(worker):
    forum = GroupFactory()
    member = MembershipFactory(group=forum).user
    election = services.election_create(
        actor=worker, title="Youth MP", kind=ElectionKind.CANDIDATES, voters_group=forum, **dates()
    )
    services.election_publish(actor=worker, election=election)
    election.refresh_from_db()
    assert election.status == ElectionStatus.OPEN
    assert Notification.objects.filter(user=member, kind="election.published").exists()
    with pytest.raises(ValidationError):
        services.election_publish(actor=worker, election=election)


def test_a_topic_ballot_needs_two_topics_before_publishing(worker):
    ballot = services.election_create(
        actor=worker,
        title="Make Your Mark",
        kind=ElectionKind.TOPICS,
        voting_opens_at=timezone.now(),
        voting_closes_at=timezone.now() + timedelta(days=3),
    )
    services.topic_add(actor=worker, election=ballot, title="Climate change")
    with pytest.raises(ValidationError):
        services.election_publish(actor=worker, election=ballot)
    with pytest.raises(ValidationError):
        services.topic_add(actor=worker, election=ballot, title="climate change")
    services.topic_add(actor=worker, election=ballot, title="Tackling poverty")
    services.election_publish(actor=worker, election=ballot)


def test_an_eligible_young_person_stands_and_a_worker_approves(worker):
    election = ElectionFactory(voting=False)
    constituency = election.constituencies.get()
    seat = ReservedSeatFactory(constituency=constituency)
    person = YoungPersonFactory()
    candidate = services.candidate_stand(
        user=person, constituency=constituency, manifesto="Buses!", reserved_seat=seat
    )
    assert candidate.status == CandidateStatus.PENDING
    with pytest.raises(ValidationError) as twice:
        services.candidate_stand(user=person, constituency=constituency, manifesto="Again")
    assert "already standing" in twice.value.messages[0]
    services.candidate_review(actor=worker, candidate=candidate, approve=True)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.APPROVED
    assert Notification.objects.filter(user=person, kind="election.candidate_reviewed").exists()


def test_turning_down_a_manifesto_needs_a_reason(worker):
    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(
        constituency=election.constituencies.get(), status=CandidateStatus.PENDING
    )
    with pytest.raises(ValidationError) as error:
        services.candidate_review(actor=worker, candidate=candidate, approve=False)
    assert "reason" in error.value.message_dict
    services.candidate_review(
        actor=worker, candidate=candidate, approve=False, reason="Please leave out names."
    )
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.REJECTED


def test_an_ineligible_young_person_cannot_stand_and_is_told_why():
    forum = GroupFactory(name="Youth Council")
    election = ElectionFactory(voting=False, constituency={"voters_group": forum})
    with pytest.raises(ValidationError) as error:
        services.candidate_stand(
            user=YoungPersonFactory(), constituency=election.constituencies.get(), manifesto="Hi"
        )
    assert error.value.messages == ["This election is only for members of Youth Council."]


def test_standing_closes_on_time():
    election = ElectionFactory(voting=False)
    with time_machine.travel(election.nominations_close_at + timedelta(minutes=1)):
        with pytest.raises(ValidationError) as error:
            services.candidate_stand(
                user=YoungPersonFactory(),
                constituency=election.constituencies.get(),
                manifesto="Hi",
            )
    assert error.value.messages[0].startswith("Standing closed at")


def test_a_candidate_can_withdraw_until_voting_opens():
    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(constituency=election.constituencies.get())
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.WITHDRAWN


def _vote(election, voter, *candidates):
    services.ballot_cast(
        election_id=election.pk,
        constituency_id=candidates[0].constituency_id,
        voter=voter,
        choice_ids=[c.pk for c in candidates],
    )


def test_closing_counts_a_multi_seat_election_with_a_reserved_seat(worker):
    """Hand-worked: 2 open seats and 1 seat for young carers; each voter has 2 votes.

    Votes: Asha 5, Ben (young carer) 4, Cara (young carer) 3, Dev 3, Ella 1.
    Carers' seat: Ben. Open seats from Asha, Cara, Dev, Ella: Asha (5), then Cara and Dev on 3
    for the last seat: a tie for the worker to settle.
    """
    election = ElectionFactory(max_choices=2, constituency={"seats": 2})
    constituency = election.constituencies.get()
    carers = ReservedSeatFactory(constituency=constituency, seats=1)
    asha, ben, cara, dev, ella = [
        CandidateFactory(constituency=constituency, reserved_seat=seat)
        for seat in (None, carers, carers, None, None)
    ]
    ballots = [
        (asha, ben),
        (asha, ben),
        (asha, cara),
        (asha, dev),
        (asha, ella),
        (ben, cara),
        (ben, dev),
        (cara, dev),
    ]
    for choices in ballots:
        _vote(election, YoungPersonFactory(), *choices)
    services.election_close(actor=worker, election=election)

    votes = {c.pk: c.votes for c in Candidate.objects.all()}
    assert votes == {asha.pk: 5, ben.pk: 4, cara.pk: 3, dev.pk: 3, ella.pk: 1}
    outcome = {c.pk: c.outcome for c in Candidate.objects.all()}
    assert outcome[asha.pk] == outcome[ben.pk] == Outcome.ELECTED
    assert outcome[cara.pk] == outcome[dev.pk] == Outcome.TIED
    assert outcome[ella.pk] == Outcome.NOT_ELECTED
    assert Candidate.objects.get(pk=ben.pk).elected_to_reserved_seat
    constituency.refresh_from_db()
    assert constituency.turnout == 8
    assert constituency.result["tie"] == {
        "seat_group": None,
        "places": 1,
        "candidates": sorted([cara.pk, dev.pk]),
    }

    with pytest.raises(ValidationError):
        services.tie_resolve(actor=worker, constituency=constituency, winner_ids=[cara.pk, dev.pk])
    with pytest.raises(ValidationError):
        services.tie_resolve(actor=worker, constituency=constituency, winner_ids=[ella.pk])
    assert services.tie_resolve(actor=worker, constituency=constituency, winner_ids=[dev.pk])
    outcome = {c.pk: c.outcome for c in Candidate.objects.all()}
    assert outcome[dev.pk] == Outcome.ELECTED
    assert outcome[cara.pk] == Outcome.NOT_ELECTED
    assert AuditEvent.objects.filter(action="election.tie_resolve").exists()


def test_youth_mp_winners_get_the_role_in_the_forum(worker):
    council = GroupFactory(name="Youth Council")
    election = ElectionFactory(
        group=council,
        winner_role="youth_mp",
        constituency={"voters_group": council, "seats": 2},
        max_choices=1,
    )
    constituency = election.constituencies.get()
    a, b, c = CandidateFactory.create_batch(3, constituency=constituency)
    for candidate, n in ((a, 3), (b, 2), (c, 1)):
        MembershipFactory(group=council, user=candidate.user)
        for _ in range(n):
            voter = YoungPersonFactory()
            MembershipFactory(group=council, user=voter)
            _vote(election, voter, candidate)
    services.election_close(actor=worker, election=election)
    mps = set(
        Membership.objects.active()
        .filter(group=council, role="youth_mp")
        .values_list("user_id", flat=True)
    )
    assert mps == {a.user_id, b.user_id}


def test_a_topic_ballot_gives_ranked_results_and_the_youth_council_adopts_a_campaign(worker):
    council = GroupFactory(name="Youth Council")
    member = MembershipFactory(group=council).user
    ballot = TopicBallotFactory(group=council, max_choices=2)
    climate, poverty, buses = (
        TopicFactory(election=ballot, title=t) for t in ("Climate", "Poverty", "Buses")
    )
    for choices in [(climate, poverty), (climate,), (poverty, climate), (buses,)]:
        services.ballot_cast(
            election_id=ballot.pk,
            constituency_id=ballot.constituencies.get().pk,
            voter=YoungPersonFactory(),
            choice_ids=[t.pk for t in choices],
        )
    services.election_close(actor=worker, election=ballot)
    ranked = [(t.title, t.votes, t.rank) for t in ballot.topics.order_by("rank", "title")]
    assert ranked == [("Climate", 3, 1), ("Poverty", 2, 2), ("Buses", 1, 3)]
    services.topic_adopt(actor=worker, topic=climate, campaign_note="Plastic-free schools")
    climate.refresh_from_db()
    assert climate.adopted_at is not None
    assert Notification.objects.filter(user=member, kind="election.campaign_adopted").exists()
    with pytest.raises(ValidationError):
        services.topic_adopt(actor=worker, topic=climate)


def test_campaigns_are_only_adopted_after_the_count(worker):
    ballot = TopicBallotFactory()
    topic = TopicFactory(election=ballot)
    with pytest.raises(ValidationError):
        services.topic_adopt(actor=worker, topic=topic)


def test_elections_close_and_count_by_themselves_when_time_is_up():
    from forums.elections.tasks import close_due_elections

    election = ElectionFactory()
    candidate = CandidateFactory(constituency=election.constituencies.get())
    _vote(election, YoungPersonFactory(), candidate)
    assert close_due_elections() == []  # not yet
    with time_machine.travel(election.voting_closes_at + timedelta(seconds=1)):
        assert close_due_elections() == [election.pk]
        assert close_due_elections() == []  # safe to run twice
    election.refresh_from_db()
    candidate.refresh_from_db()
    assert election.status == ElectionStatus.CLOSED
    assert candidate.votes == 1 and candidate.outcome == Outcome.ELECTED


def test_a_worker_cannot_close_before_voting_opens(worker):
    election = ElectionFactory(voting=False)
    with pytest.raises(ValidationError):
        services.election_close(actor=worker, election=election)


@pytest.mark.parametrize(
    "status", [CandidateStatus.APPROVED, CandidateStatus.REJECTED, CandidateStatus.WITHDRAWN]
)
def test_only_a_pending_candidate_is_reviewed(worker, status):
    """The manage page offers a review only while pending; the service agrees (issue 17)."""
    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(constituency=election.constituencies.get(), status=status)
    for approve in (True, False):
        with pytest.raises(ValidationError) as error:
            services.candidate_review(
                actor=worker, candidate=candidate, approve=approve, reason="Changed my mind"
            )
        assert error.value.messages == [
            "This candidate has already been checked, or has withdrawn."
        ]
    candidate.refresh_from_db()
    assert candidate.status == status


def test_a_review_is_a_workflow_move_and_audited(worker):
    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(
        constituency=election.constituencies.get(), status=CandidateStatus.PENDING
    )
    services.candidate_review(actor=worker, candidate=candidate, approve=True)
    event = AuditEvent.objects.get(action="election.candidate.approve")
    assert event.detail == {"from": "pending", "to": "approved"}
    assert event.actor == worker


def test_publish_and_close_are_workflow_moves(worker):
    election = ElectionFactory(status=ElectionStatus.DRAFT)
    services.election_publish(actor=worker, election=election)
    services.election_close(actor=worker, election=election)
    assert set(
        AuditEvent.objects.filter(action__startswith="election.").values_list("action", flat=True)
    ) >= {"election.publish", "election.close"}
    with pytest.raises(ValidationError):
        services.election_close(actor=worker, election=election)  # closed already
