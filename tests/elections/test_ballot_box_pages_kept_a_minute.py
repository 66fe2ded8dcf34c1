"""The ballot box is versioned by time, not by each ballot (participation/page_cache.coarse).

Every ballot writes a vote and a receipt; giving those tables a new version each time cost a
Redis write per ballot. Instead a page drawn from them is kept for at most a minute, and the
voter's own mark (what they must see on their next request) still changes versions at once.
"""

from datetime import timedelta

import pytest
import time_machine
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone

from forums.elections.models import Receipt, VoterMark
from participation import page_cache
from tests.elections.conftest import candidates_of  # noqa: F401 (the election fixture's pair)

_draws = {"count": 0}


@page_cache.cached_page
def _receipt_count(request):
    _draws["count"] += 1
    return HttpResponse(f"<p>{Receipt.objects.count()} receipts</p>")


@page_cache.cached_page
def _my_marks(request):
    _draws["count"] += 1
    return HttpResponse(f"<p>{VoterMark.objects.count()} marks</p>")


urlpatterns = [
    path("receipts/", _receipt_count),
    path("marks/", _my_marks),
    path("", include("config.urls")),
]


@pytest.fixture(autouse=True)
def _from_zero():
    _draws["count"] = 0


def test_the_ballot_box_tables_are_coarse():
    assert {"elections_vote", "elections_receipt", "elections_votingcode"} <= (
        page_cache._coarse_tables
    )
    assert "elections_votermark" not in page_cache._coarse_tables


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


@pytest.mark.urls(__name__)
def test_a_voter_mark_still_shows_on_the_next_request(client, election):
    voter_page = client.get("/marks/").content.decode()
    assert "0 marks" in voter_page
    from tests.factories import YoungPersonFactory

    VoterMark.objects.create(constituency=election.constituencies.get(), voter=YoungPersonFactory())
    assert "1 marks" in client.get("/marks/").content.decode()
    assert _draws["count"] == 2
