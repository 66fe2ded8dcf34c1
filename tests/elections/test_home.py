"""The home page's elections part: an open vote this person can cast and has not cast yet,
and an election they may stand in now; in at most 3 queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums.elections import selectors, services
from participation.registry import registry
from tests.elections.factories import (
    CandidateFactory,
    ElectionFactory,
    TopicBallotFactory,
    TopicFactory,
)
from tests.factories import GroupFactory, MembershipFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def items(user):
    return registry.home_items["elections"](user)


def test_it_is_registered_with_the_base():
    assert registry.home_items["elections"] is selectors.home_items_for


def test_an_open_vote_shows_until_they_have_voted():
    election = ElectionFactory(title="Youth Council election")
    candidate = CandidateFactory(constituency=election.constituencies.get())
    voter = YoungPersonFactory()
    (item,) = items(voter)
    assert item["kind"] == "vote"
    assert item["text"].startswith("Vote in the Youth Council election, open until ")
    assert item["url"] == f"/elections/{election.pk}/vote/"
    services.ballot_cast(
        election_id=election.pk,
        constituency_id=candidate.constituency_id,
        voter=voter,
        choice_ids=[candidate.pk],
    )
    assert items(voter) == []


def test_a_topic_ballot_and_an_election_to_stand_in():
    ballot = TopicBallotFactory(title="Make Your Mark")
    TopicFactory(election=ballot)
    ElectionFactory(title="Kent Youth County Council election", voting=False)
    texts = [i["text"] for i in items(YoungPersonFactory())]
    assert any(t.startswith("Vote in Make Your Mark, open until") for t in texts)
    assert any(
        t.startswith("You can stand in the Kent Youth County Council election") for t in texts
    )


def test_nothing_they_may_not_take_part_in(worker, make_user):
    forum = GroupFactory(name="Youth Council")
    ElectionFactory(constituency={"voters_group": forum})
    ElectionFactory(voting=False, constituency={"voters_group": forum})
    outsider = YoungPersonFactory()
    assert items(outsider) == []
    assert items(worker) == []
    member = YoungPersonFactory()
    MembershipFactory(group=forum, user=member)
    assert [i["kind"] for i in items(member)] == ["vote", "stand"]


def test_someone_already_standing_is_not_asked_again():
    election = ElectionFactory(voting=False)
    person = YoungPersonFactory()
    CandidateFactory(constituency=election.constituencies.get(), user=person)
    assert items(person) == []


@pytest.mark.parametrize("n", [1, 8])
def test_three_queries_at_most_whatever_the_number_of_elections(n):
    forum = GroupFactory()
    for _ in range(n):
        ElectionFactory(constituency={"voters_group": forum, "voter_min_age": 11})
        ElectionFactory(voting=False)
    person = YoungPersonFactory()
    MembershipFactory(group=forum, user=person)
    person = type(person).objects.get(pk=person.pk)  # nothing cached, as on a request
    with CaptureQueriesContext(connection) as queries:
        found = items(person)
    assert len(found) == 2 * n
    assert len(queries) <= 3, [q["sql"] for q in queries.captured_queries]
