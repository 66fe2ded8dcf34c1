"""Commissioning's read pages are kept per person and per version of their data, like every
other app's (participation/page_cache.py, issue 24): a change shows on the next request, and
nobody is served a page drawn for someone else."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commissioning import services
from tests.commissioning.factories import World

pytestmark = pytest.mark.django_db

SHARED_CSRF_SECRET = "c" * 32


def _browser(user, *, staff=False):
    browser = Client()
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # The same CSRF cookie for everyone, so only the person in the key tells pages apart.
    browser.cookies["csrftoken"] = SHARED_CSRF_SECRET
    if staff:
        session = browser.session
        session["portal.staff_mfa_ok"] = True
        session.save()
    return browser


def _page(browser, url):
    response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_round_list_costs_no_query(cached_sessions):
    w = World()
    young = _browser(w.young)
    _page(young, "/commissioning/")
    _page(young, "/commissioning/")
    with CaptureQueriesContext(connection) as queries:
        page = _page(young, "/commissioning/")
    assert len(queries) == 0
    assert w.round.title in page


def test_a_new_round_shows_on_the_next_request():
    w = World()
    young = _browser(w.young)
    _page(young, "/commissioning/")
    assert "Short breaks service 2027" not in _page(young, "/commissioning/")
    round = services.round_create(
        actor=w.worker,
        title="Short breaks service 2027",
        service_title="short breaks service",
        summary="Short breaks for disabled children.",
        budget_pence=10_000_000,
        contract_months=24,
        bids_close_at=w.round.bids_close_at,
        evaluation_ends_at=w.round.evaluation_ends_at,
        presentations_at=w.round.presentations_at,
        presentations_place="Wolverhampton Civic Hall",
        decision_by=w.round.decision_by,
    )
    assert round.title in _page(young, "/commissioning/")


def test_the_worker_and_a_young_person_each_see_their_own_round_list():
    w = World()
    worker, young = _browser(w.worker, staff=True), _browser(w.young)
    for _ in range(3):  # alternating, so each would be served the other's kept page
        assert "Set up a new round" in _page(worker, "/commissioning/")
        assert "Set up a new round" not in _page(young, "/commissioning/")


def test_a_round_opened_for_bids_shows_on_its_kept_page():
    w = World()
    w.ready_to_open()
    provider = _browser(w.provider, staff=True)
    url = f"/commissioning/{w.round.slug}/"
    _page(provider, url)
    before = _page(provider, url)
    services.round_move(actor=w.worker, round=w.round, move="open_bids")
    after = _page(provider, url)
    assert before != after
    assert "Open for bids" in after or "open for bids" in after.lower()
