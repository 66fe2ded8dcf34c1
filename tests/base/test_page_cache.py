"""Pages kept per person and per version of their data (participation/page_cache.py, issue 24).

In tests a page is kept as soon as none of its tables changed before it was drawn (the clock
margin is 0, settings.PAGE_CACHE_CLOCK_MARGIN), so every test below would fail on a kept page that
was served when it should not have been.
"""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from participation import page_cache
from participation.models import Membership, Notification, User
from participation.services.notifications import notify
from tests import factories
from tests.forums.factories import (
    ActivityFactory,
    CiccFactory,
    ForumFactory,
    MeetingFactory,
    member_of,
    worker_of,
)

_draws = {"count": 0}


@page_cache.cached_page
def _counted(request):
    _draws["count"] += 1
    names = ", ".join(User.objects.order_by("id").values_list("first_name", flat=True))
    return HttpResponse(f"<p>{names}</p>")


@page_cache.cached_page
def _with_message(request):
    messages.info(request, "Saved.")
    return HttpResponse("<p>A page that shows a message</p>")


urlpatterns = [
    path("counted/", _counted),
    path("with-message/", _with_message),
    path("", include("config.urls")),
]


@pytest.fixture(autouse=True)
def _count_from_zero():
    _draws["count"] = 0


SHARED_CSRF_SECRET = "a" * 32


def _login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # The same CSRF cookie for everyone, so that only the person in the key tells pages apart
    # (logging in gives a new CSRF secret, which alone would hide a key without the person).
    client.cookies["csrftoken"] = SHARED_CSRF_SECRET


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


# --- It keeps pages, and draws them again when their data changes -----------------------------


@pytest.mark.urls(__name__)
def test_a_kept_page_is_served_without_drawing_it_again(client, db):
    factories.YoungPersonFactory(first_name="Amara")
    client.get("/counted/")
    client.get("/counted/")
    assert _draws["count"] == 1


@pytest.mark.urls(__name__)
def test_a_write_to_a_table_the_page_read_draws_it_again(client, db):
    factories.YoungPersonFactory(first_name="Amara")
    assert "Amara" in client.get("/counted/").content.decode()
    factories.YoungPersonFactory(first_name="Bilal")
    assert "Bilal" in client.get("/counted/").content.decode()
    User.objects.filter(first_name="Bilal").update(first_name="Bea")  # a bulk update
    assert "Bea" in client.get("/counted/").content.decode()
    with connection.cursor() as cursor:  # raw SQL
        cursor.execute(
            f"UPDATE {User._meta.db_table} SET first_name = 'Cai' WHERE first_name = 'Bea'"
        )
    assert "Cai" in client.get("/counted/").content.decode()
    assert _draws["count"] == 4


@pytest.mark.urls(__name__)
def test_a_write_to_another_table_keeps_the_page(client, db):
    person = factories.YoungPersonFactory(first_name="Amara")
    client.get("/counted/")
    notify(recipients=person, kind="test", title="Hello")  # the page never read notifications
    client.get("/counted/")
    assert _draws["count"] == 1


@pytest.mark.urls(__name__)
def test_a_page_drawn_while_its_data_changed_is_not_kept(client, db):
    factories.YoungPersonFactory(first_name="Amara")

    def draw_while_someone_writes():
        response = _counted.__wrapped__(None)
        factories.YoungPersonFactory(first_name="Bilal")  # lands after the page read the table
        return response

    request = RequestFactory().get("/x/")
    request.user, request.session = AnonymousUser(), {}
    first = page_cache.serve(request, draw_while_someone_writes)
    assert "Bilal" not in first.content.decode()
    again = page_cache.serve(request, lambda: _counted.__wrapped__(None))
    assert "Bilal" in again.content.decode()


@pytest.mark.urls(__name__)
def test_a_page_that_shows_a_message_is_not_kept(client, db):
    client.get("/with-message/")
    client.get("/with-message/")
    cache = caches["pages"]
    assert not [k for k in cache._cache if page_cache.ENTRY_PREFIX in k]


@pytest.mark.urls(__name__)
def test_the_page_is_drawn_when_the_cache_is_down(client, db, monkeypatch):
    factories.YoungPersonFactory(first_name="Amara")

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(caches["pages"], "get_many", down)
    monkeypatch.setattr(caches["pages"], "set_many", down)
    assert "Amara" in client.get("/counted/").content.decode()
    factories.YoungPersonFactory(first_name="Bilal")  # a write still works
    assert "Bilal" in client.get("/counted/").content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls(__name__)
def test_versions_change_when_the_transaction_commits_not_before(client):
    factories.YoungPersonFactory(first_name="Amara")
    client.get("/counted/")
    version_key = page_cache.VERSION_PREFIX + User._meta.db_table
    before = caches["pages"].get(version_key)
    with transaction.atomic():
        factories.YoungPersonFactory(first_name="Bilal")
        # Not committed: other connections still read the old rows, so the version stays.
        assert caches["pages"].get(version_key) == before
    assert caches["pages"].get(version_key) != before
    assert "Bilal" in client.get("/counted/").content.decode()
    assert _draws["count"] == 2


# --- The portal's pages: one person's page never reaches another -------------------------------


def _two_browsers(first, second):
    """Two logged-in browsers, both logged in before any page (a log-in writes the user
    table, which alone would draw every page again)."""
    browsers = Client(), Client()
    for browser, user in zip(browsers, (first, second), strict=True):
        _login(browser, user)
    return browsers


def test_two_people_on_the_same_url_each_see_their_own_page(db):
    council, cicc = ForumFactory(name="Youth Council"), CiccFactory()
    amara, bilal = factories.YoungPersonFactory(first_name="Amara"), factories.YoungPersonFactory()
    member_of(council, amara)
    member_of(cicc, bilal)
    amaras, bilals = _two_browsers(amara, bilal)
    for _ in range(3):  # alternating, so each would be served the other's kept page
        mine = amaras.get("/forums/mine/").content.decode()
        assert "Youth Council" in mine and cicc.group.name not in mine
        mine = bilals.get("/forums/mine/").content.decode()
        assert cicc.group.name in mine and "Youth Council" not in mine


def test_a_cicc_member_list_never_reaches_an_outsider(db):
    cicc = CiccFactory()
    member_of(cicc, factories.YoungPersonFactory(first_name="Zainab"))
    workers, outsiders = _two_browsers(cicc.workers.first(), factories.YoungPersonFactory())
    url = f"/forums/{cicc.group.slug}/"
    for _ in range(2):
        assert "Zainab" in workers.get(f"{url}members/").content.decode()
        assert workers.get(url).status_code == 200
        for page in (url, f"{url}members/"):
            assert "Zainab" not in outsiders.get(page).content.decode()


def test_a_kept_portal_page_costs_no_query(client, db, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as production
    person = factories.YoungPersonFactory()
    _login(client, person)
    client.get("/forums/")  # its tables get their first versions, made while it was drawn
    client.get("/forums/")  # drawn again, now kept
    count, _ = _queries(client, "/forums/")
    assert count == 0  # the person's facts are kept too


def test_a_new_meeting_shows_on_the_next_request(client, db):
    forum = ForumFactory(name="Youth Council")
    person = factories.YoungPersonFactory()
    member_of(forum, person)
    _login(client, person)
    url = f"/forums/{forum.group.slug}/"
    assert "Budget question time" not in client.get(url).content.decode()
    MeetingFactory(
        forum=forum,
        activity=ActivityFactory(
            title="Budget question time", audience_group=forum.group, created_by=worker_of(forum)
        ),
    )
    assert "Budget question time" in client.get(url).content.decode()


def test_a_membership_shows_on_the_next_request(client, db):
    forum = ForumFactory(name="B-Safe Team")
    person = factories.YoungPersonFactory()
    _login(client, person)
    assert "B-Safe Team" not in client.get("/forums/mine/").content.decode()
    Membership.objects.create(group=forum.group, user=person, role="member")
    assert "B-Safe Team" in client.get("/forums/mine/").content.decode()


def test_a_read_notification_shows_on_the_next_request(client, db):
    person = factories.YoungPersonFactory()
    notify(recipients=person, kind="test", title="Your place is booked")
    _login(client, person)
    assert "1<span" in client.get("/forums/").content.decode()  # the unread badge
    assert "Your place is booked" in client.get("/notifications/").content.decode()
    Notification.objects.filter(user=person).update(read_at=timezone.now())
    assert "1<span" not in client.get("/forums/").content.decode()
    notify(recipients=person, kind="test", title="A new meeting")
    assert "A new meeting" in client.get("/notifications/").content.decode()


def test_a_password_change_ends_the_session_even_on_a_kept_page(db):
    person = factories.YoungPersonFactory()
    (browser,) = _two_browsers(person, person)[:1]
    assert "Log out" in browser.get("/forums/").content.decode()
    assert "Log out" in browser.get("/forums/").content.decode()  # kept
    fresh = User.objects.get(pk=person.pk)
    fresh.set_password("a-new-password-entirely")
    fresh.save()
    assert "Log in" in browser.get("/forums/").content.decode()


def test_a_deactivated_account_is_logged_out_even_on_a_kept_page(db):
    person = factories.YoungPersonFactory()
    (browser,) = _two_browsers(person, person)[:1]
    browser.get("/forums/")
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert "Log in" in browser.get("/forums/").content.decode()


def test_a_new_role_changes_the_kept_page(db):
    from participation.models import Role
    from participation.services.accounts import role_grant

    person = factories.UserFactory(roles=[])
    (browser,) = _two_browsers(person, person)[:1]
    assert "Training</a>" not in browser.get("/forums/").content.decode()
    role_grant(user=User.objects.get(pk=person.pk), role=Role.YOUNG_PERSON)
    assert "Training</a>" in browser.get("/forums/").content.decode()


@pytest.mark.urls(__name__)
def test_a_kept_page_is_drawn_again_each_minute_by_one_request(client, db):
    import time_machine

    factories.YoungPersonFactory(first_name="Amara")
    pages = caches["pages"]
    # Five seconds into a minute, after the versions the factory just made (a fixed date would
    # put them "after the drawing began" once the real clock passes it, and nothing is kept).
    start = (timezone.now() + timedelta(days=1)).replace(second=5, microsecond=0)
    with time_machine.travel(start, tick=True) as traveller:
        client.get("/counted/")
        client.get("/counted/")
        assert _draws["count"] == 1  # kept
        key = next(k for k in pages._cache if page_cache.ENTRY_PREFIX in k).split(":", 2)[-1]
        lock = page_cache.REDRAW_PREFIX + key
        traveller.shift(60)  # the next minute, while another request is drawing it again:
        pages.add(lock, 1, timeout=10)
        client.get("/counted/")
        assert _draws["count"] == 1  # given the kept page meanwhile
        pages.delete(lock)  # nobody drawing it: this request does
        client.get("/counted/")
        client.get("/counted/")
        assert _draws["count"] == 2
        traveller.shift(180)  # minutes later: drawn again, whoever else is drawing
        pages.add(lock, 1, timeout=10)
        client.get("/counted/")
        assert _draws["count"] == 3
