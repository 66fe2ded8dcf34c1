"""Kept pages as production runs them: sessions (cached_db), person facts and pages on one Redis,
read in one round trip (participation/cache.py get_together, request_cache._fetch_together).

The rest of the suite runs the same code on local memory, which takes the get_many fallback;
these tests take the single MGET. They need REDIS_URL (CI sets it)."""

import os
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from participation.models import User
from tests import factories
from tests.forums.factories import CiccFactory, ForumFactory, member_of

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI sets it)")


@pytest.fixture(autouse=True)
def on_redis(settings):
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    backend = "participation.cache.SharedClientRedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
        "pages": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix + "pages"},
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.core.cache import caches

    yield
    for alias in ("default", "pages"):
        cache = caches[alias]
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)


def browser_for(user) -> Client:
    browser = Client()
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return browser


def queries(browser, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


def test_a_kept_page_costs_no_query_and_one_round_trip(db, monkeypatch):
    from participation import cache as portal_cache

    browser = browser_for(factories.YoungPersonFactory())
    for _ in range(3):
        browser.get("/forums/")
    calls = []
    real = portal_cache.get_together
    monkeypatch.setattr(
        portal_cache, "get_together", lambda items: calls.append(len(items)) or real(items)
    )
    assert queries(browser, "/forums/") == 0
    assert len(calls) == 1  # the session, the person and the page together


def test_two_people_never_get_each_others_page(db):
    council, cicc = ForumFactory(name="Youth Council"), CiccFactory()
    amara, bilal = factories.YoungPersonFactory(), factories.YoungPersonFactory()
    member_of(council, amara)
    member_of(cicc, bilal)
    amaras, bilals = browser_for(amara), browser_for(bilal)
    for _ in range(3):
        mine = amaras.get("/forums/mine/").content.decode()
        assert "Youth Council" in mine and cicc.group.name not in mine
        mine = bilals.get("/forums/mine/").content.decode()
        assert cicc.group.name in mine and "Youth Council" not in mine


def test_a_password_change_logs_the_session_out(db):
    person = factories.YoungPersonFactory()
    browser = browser_for(person)
    for _ in range(3):
        assert "Log out" in browser.get("/forums/").content.decode()
    fresh = User.objects.get(pk=person.pk)
    fresh.set_password("an-entirely-new-password")
    fresh.save()
    assert "Log in" in browser.get("/forums/").content.decode()


def test_a_membership_shows_on_the_next_request(db):
    forum = ForumFactory(name="B-Safe Team")
    person = factories.YoungPersonFactory()
    browser = browser_for(person)
    for _ in range(3):
        assert "B-Safe Team" not in browser.get("/forums/mine/").content.decode()
    member_of(forum, person)
    assert "B-Safe Team" in browser.get("/forums/mine/").content.decode()


def test_a_page_that_reads_no_table_is_kept_too(db, monkeypatch):
    """The anonymous home page reads nothing from the database: it has no versions to look up,
    and is kept all the same (an MGET of no keys is an error to Redis)."""
    from participation import page_cache

    anonymous = Client()
    anonymous.get("/privacy/")
    drawn = []
    real_keep = page_cache._keep
    monkeypatch.setattr(page_cache, "_keep", lambda *a, **k: drawn.append(1) or real_keep(*a, **k))
    for _ in range(3):
        assert anonymous.get("/privacy/").status_code == 200
    assert drawn == []  # served as kept each time, never drawn again
