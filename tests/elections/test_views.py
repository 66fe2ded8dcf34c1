"""Pages: what people see, errors on the page with what they typed kept, query counts."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from forums.elections import services
from forums.elections.models import Candidate, CandidateStatus, ElectionStatus, Vote, VoterMark
from tests.elections.conftest import candidates_of
from tests.elections.factories import (
    CandidateFactory,
    ElectionFactory,
    ReservedSeatFactory,
    TopicBallotFactory,
    TopicFactory,
)
from tests.factories import GroupFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_a_young_person_votes_and_gets_a_receipt_that_verifies(client, login, election):
    voter = YoungPersonFactory()
    login(voter)
    first, _ = candidates_of(election)
    url = reverse("elections:vote", args=[election.pk])
    assert first.user.display_name in page(client.get(url))
    response = client.post(
        url, {"constituency": election.constituencies.get().pk, "choice": [first.pk]}
    )
    assert response.status_code == 200
    html = page(response)
    assert "Your vote is in" in html
    assert html.count("<h1") == 1
    code = html.split('id="receipt-code">')[1].split("<")[0]
    assert len(code) == 14  # ABCD-EFGH-JKLM
    check = client.get(reverse("elections:receipts", args=[election.pk]), {"code": code.lower()})
    assert "Found it." in page(check)
    assert code in page(check)
    # Voting again shows why, on the ballot page.
    again = client.post(
        url, {"constituency": election.constituencies.get().pk, "choice": [first.pk]}
    )
    assert again.status_code == 409
    assert "already voted" in page(again)


def test_a_late_ballot_is_refused_with_a_clear_message(client, login):
    from django.utils import timezone

    # Closing soon, so the voter's session (8 hours) is still alive after the close.
    election = ElectionFactory(voting_closes_at=timezone.now() + timedelta(minutes=30))
    first = CandidateFactory(constituency=election.constituencies.get())
    login(YoungPersonFactory())
    with time_machine.travel(election.voting_closes_at + timedelta(seconds=1)):
        response = client.post(
            reverse("elections:vote", args=[election.pk]),
            {"constituency": election.constituencies.get().pk, "choice": [first.pk]},
        )
    assert response.status_code == 400
    assert "Voting closed at" in page(response)
    assert "Your vote was not counted." in page(response)
    assert not VoterMark.objects.exists()


def test_too_many_choices_keeps_what_was_chosen(client, login, election):
    login(YoungPersonFactory())
    first, second = candidates_of(election)
    response = client.post(
        reverse("elections:vote", args=[election.pk]),
        {"constituency": election.constituencies.get().pk, "choice": [first.pk, second.pk]},
    )
    assert response.status_code == 400
    html = page(response)
    assert "Choose one option from the list." in html
    assert f'value="{first.pk}" id="choice-{first.pk}" checked' in html
    assert f'value="{second.pk}" id="choice-{second.pk}" checked' in html


@pytest.mark.parametrize("data", [{}, {"constituency": "x", "choice": "y"}, {"constituency": "1"}])
def test_nonsense_posted_to_the_ballot_gets_a_message_not_a_500(client, login, election, data):
    login(YoungPersonFactory())
    response = client.post(reverse("elections:vote", args=[election.pk]), data)
    assert response.status_code in (400, 404)
    assert not Vote.objects.exists()


def test_an_ineligible_young_person_sees_why_on_the_election_page(client, login):
    forum = GroupFactory(name="Youth Council")
    election = ElectionFactory(constituency={"voters_group": forum})
    login(YoungPersonFactory())
    html = page(client.get(reverse("elections:detail", args=[election.pk])))
    assert "This election is only for members of Youth Council." in html
    assert "Vote now" not in html


def test_standing_with_an_empty_manifesto_shows_the_error_and_keeps_the_seat_choice(client, login):
    election = ElectionFactory(voting=False)
    seat = ReservedSeatFactory(constituency=election.constituencies.get(), name="Young carers")
    login(YoungPersonFactory())
    url = reverse("elections:stand", args=[election.pk])
    response = client.post(url, {"manifesto": "  ", "reserved_seat": seat.pk})
    assert response.status_code == 400
    html = page(response)
    assert "There is a problem" in html
    assert "Write your manifesto" in html
    assert f'<option value="{seat.pk}" selected>' in html
    response = client.post(url, {"manifesto": "Cheaper buses", "reserved_seat": seat.pk})
    assert response.status_code == 302
    assert Candidate.objects.get().reserved_seat == seat


def test_a_worker_sets_up_an_election_through_the_form(client, login, worker):
    login(worker)
    data = {
        "title": "Youth Council election",
        "kind": "candidates",
        "seats": "3",
        "max_choices": "3",
        "nominations_open_at": "2030-01-01T09:00",
        "nominations_close_at": "2030-01-10T17:00",
        "voting_opens_at": "2030-01-12T09:00",
        "voting_closes_at": "2030-01-05T17:00",
    }
    response = client.post(reverse("elections:create"), data)
    assert response.status_code == 400
    html = page(response)
    assert "Voting must close after it opens." in html
    assert 'value="Youth Council election"' in html
    data["voting_closes_at"] = "2030-01-19T17:00"
    response = client.post(reverse("elections:create"), data)
    assert response.status_code == 302


def test_a_worker_approves_publishes_closes_and_settles_a_tie_on_the_manage_page(
    client, login, worker
):
    from django.utils import timezone

    now = timezone.now()
    election = ElectionFactory(
        status=ElectionStatus.DRAFT,
        nominations_open_at=now - timedelta(hours=1),
        nominations_close_at=now + timedelta(minutes=5),
        voting_opens_at=now + timedelta(minutes=10),
        voting_closes_at=now + timedelta(hours=2),
    )
    constituency = election.constituencies.get()
    login(worker)
    url = reverse("elections:manage", args=[election.pk])

    def to(name, *args):
        return reverse(f"elections:{name}", args=[election.pk, *args])

    assert client.post(to("seat_add"), {"seat-name": "", "seat-seats": "0"}).status_code == 400
    assert (
        client.post(
            to("seat_add"),
            {
                "seat-name": "Young carers",
                "seat-seats": "2",
                "seat-constituency": constituency.pk,
            },
        ).status_code
        == 302
    )
    assert client.post(to("publish")).status_code == 302
    a = CandidateFactory(constituency=constituency, status=CandidateStatus.PENDING)
    b = CandidateFactory(constituency=constituency, status=CandidateStatus.PENDING)
    response = client.post(to("review", a.pk), {"decision": "reject"})
    assert response.status_code == 400
    assert "Say why" in page(response)
    for candidate in (a, b):
        client.post(to("review", candidate.pk), {"decision": "approve"})
    assert set(Candidate.objects.values_list("status", flat=True)) == {"approved"}
    with time_machine.travel(election.voting_opens_at + timedelta(minutes=5)):
        assert client.post(to("close")).status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.CLOSED
    html = page(client.get(url))
    assert "Settle the tie" in html  # 0 votes each for 1 open seat
    response = client.post(to("tie", constituency.pk))
    assert response.status_code == 400
    assert "Choose who wins" in page(response)
    response = client.post(to("tie", constituency.pk), {f"tie{constituency.pk}-winners": [a.pk]})
    assert response.status_code == 302
    results = page(client.get(reverse("elections:results", args=[election.pk])))
    assert "Elected" in results and "after a tie" in results


def test_results_before_the_close_send_young_people_back(client, login, election):
    login(YoungPersonFactory())
    response = client.get(reverse("elections:results", args=[election.pk]))
    assert response.status_code == 302


def test_a_topic_ballot_can_be_voted_in_and_its_results_ranked(client, login, worker):
    ballot = TopicBallotFactory(max_choices=2)
    topics = [TopicFactory(election=ballot, title=t) for t in ("Buses", "Climate", "Poverty")]
    login(YoungPersonFactory())
    response = client.post(
        reverse("elections:vote", args=[ballot.pk]),
        {"constituency": ballot.constituencies.get().pk, "choice": [topics[1].pk, topics[2].pk]},
    )
    assert "Your vote is in" in page(response)
    services.election_close(actor=worker, election=ballot)
    login(worker)
    client.post(reverse("elections:adopt", args=[ballot.pk, topics[1].pk]))
    html = page(client.get(reverse("elections:results", args=[ballot.pk])))
    assert html.index("Climate") < html.index("Buses")
    assert "The Youth Council made this a campaign." in html


# --- Query counts do not grow with rows --------------------------------------------------------


def _fill(n, worker):
    elections = []
    for i in range(n):
        election = ElectionFactory(max_choices=2, constituency={"seats": 2})
        constituency = election.constituencies.get()
        ReservedSeatFactory(constituency=constituency)
        elections.append(election)
        if i == 0:
            candidates = CandidateFactory.create_batch(n, constituency=constituency)
            for j in range(n):
                services.ballot_cast(
                    election_id=election.pk,
                    constituency_id=constituency.pk,
                    voter=YoungPersonFactory(),
                    choice_ids=[candidates[j].pk],
                )
    services.election_close(actor=worker, election=elections[0])
    return elections[0]


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    "name, who",
    [
        ("list", "young"),
        ("detail", "young"),
        ("vote", "young"),
        ("receipts", "young"),
        ("results", "young"),
        ("manage", "worker"),
        ("list", "worker"),
        ("stand", "young"),
    ],
)
def test_pages_run_a_fixed_number_of_queries(
    client, login, worker, django_assert_max_num_queries, rows, name, who
):
    election = _fill(rows, worker)
    login(worker if who == "worker" else YoungPersonFactory())
    args = [] if name == "list" else [election.pk]
    url = reverse(f"elections:{name}", args=args)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
