"""The ballot box is versioned by time, not by each ballot (participation/page_cache.coarse).

Every ballot writes a mark, a vote and a receipt; giving those tables a new version each time
cost a Redis write per ballot. Instead a page drawn from them is kept for at most a minute, and
the voter's receipt renews their browser's pages, so they see that they voted on their next
request.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from forums.elections.models import Receipt
from participation import page_cache
from tests.elections.conftest import candidates_of
from tests.elections.test_fast_cast import vote
from tests.factories import YoungPersonFactory

_draws = {"count": 0}


@page_cache.cached_page
def _receipt_count(request):
    _draws["count"] += 1
    return HttpResponse(f"<p>{Receipt.objects.count()} receipts</p>")


urlpatterns = [
    path("receipts/", _receipt_count),
    path("", include("config.urls")),
]


@pytest.fixture(autouse=True)
def _from_zero():
    _draws["count"] = 0


def test_the_ballot_box_tables_are_coarse():
    assert {
        "elections_vote",
        "elections_receipt",
        "elections_votingcode",
        "elections_votermark",
    } <= (page_cache._coarse_tables)


@pytest.mark.urls(__name__)
def test_a_ballot_gives_the_box_no_new_version_and_its_page_is_kept_a_minute(client, election):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=False) as traveller:
        assert "0 receipts" in client.get("/receipts/").content.decode()
        Receipt.objects.create(code=12345, election=election)
        # No new version for the box: the kept page is served, a ballot behind.
        assert "0 receipts" in client.get("/receipts/").content.decode()
        assert _draws["count"] == 1
        traveller.shift(timedelta(seconds=page_cache.COARSE_SECONDS + 1))
        assert "1 receipts" in client.get("/receipts/").content.decode()
        assert _draws["count"] == 2


def _offers_the_vote(client, election) -> bool:
    return f"/elections/{election.pk}/vote/" in client.get("/").content.decode()


def test_the_voter_sees_their_vote_on_their_next_request(client, login, election):
    # On PostgreSQL the fast path casts, elsewhere the ORM: both renew the voter's pages.
    voter = YoungPersonFactory()
    login(voter)
    for _ in range(3):  # drawn, then kept
        assert _offers_the_vote(client, election)
    response = vote(client, election, candidates_of(election)[0])
    assert response.status_code == 200
    assert page_cache.BROWSER_COOKIE in response.cookies
    assert not _offers_the_vote(client, election)


def test_another_persons_kept_page_is_not_drawn_again_by_a_ballot(client, login, election):
    other, voter = YoungPersonFactory(), YoungPersonFactory()
    other_browser = Client()
    login(other, the_client=other_browser)
    login(voter)  # logging in writes the user row, which the home page reads
    for _ in range(3):  # drawn, then kept
        assert _offers_the_vote(other_browser, election)
    vote(client, election, candidates_of(election)[0])
    with CaptureQueriesContext(connection) as queries:
        assert _offers_the_vote(other_browser, election)
    assert not any("elections_votermark" in q["sql"] for q in queries)  # still the kept page


def test_the_voters_other_browser_catches_up_within_a_minute(client, login, election):
    voter = YoungPersonFactory()
    phone = Client()
    start = timezone.now() + timedelta(seconds=5)
    with time_machine.travel(start, tick=False) as traveller:
        login(voter, the_client=phone)
        assert _offers_the_vote(phone, election)
        login(voter)
        vote(client, election, candidates_of(election)[0])
        traveller.shift(timedelta(seconds=page_cache.COARSE_SECONDS + 1))
        assert not _offers_the_vote(phone, election)
