"""What a logged-in person costs every request, and that it is always their own and current
(issue 24): user, roles, unread count and Django permissions in one query when a page is drawn,
none when a kept page is served (their facts are kept beside the versions of the tables they
came from), authentication as strict as Django's own."""

import pytest
from django.contrib.auth import HASH_SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from participation.models import Role, User
from participation.services.accounts import role_grant
from participation.services.notifications import notification_mark_read, notify
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"
PLAIN_PAGE = "/privacy/"  # a page that reads nothing of its own


@pytest.fixture(autouse=True)
def cached_sessions(settings):
    """Sessions read from the cache, as production reads them from Redis."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def logged_in(user) -> Client:
    c = Client()
    c.force_login(user, backend=BACKEND)
    return c


def queries_for(c: Client, url: str) -> list[str]:
    c.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert c.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def badge(html: str) -> str | None:
    marker = '<span class="badge text-bg-danger">'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split("<", 1)[0]


@pytest.fixture
def pages_drawn(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_a_kept_page_costs_no_query_at_all(young_person):
    notify(recipients=young_person, kind="test", title="Hello")
    c = logged_in(young_person)
    assert queries_for(c, PLAIN_PAGE) == []
    assert badge(c.get(PLAIN_PAGE).content.decode()) == "1"


def test_a_logged_in_person_costs_one_query(young_person, pages_drawn):
    notify(recipients=young_person, kind="test", title="Hello")
    c = logged_in(young_person)
    sql = queries_for(c, PLAIN_PAGE)
    assert len(sql) == 1, sql
    assert "participation_roleassignment" in sql[0] and "participation_notification" in sql[0]
    assert badge(c.get(PLAIN_PAGE).content.decode()) == "1"


def test_an_anonymous_visitor_costs_nothing(db):
    assert queries_for(Client(), PLAIN_PAGE) == []


def test_the_staff_navigation_and_rules_cost_nothing_more(worker, pages_drawn):
    c = logged_in(worker)
    sql = queries_for(c, PLAIN_PAGE)
    assert len(sql) == 1, sql
    assert "Staff area" in c.get(PLAIN_PAGE).content.decode()


def test_two_people_alternating_on_one_url_each_see_their_own(young_person, worker):
    notify(recipients=[young_person] * 3, kind="test", title="For the young person")
    yp, staff = logged_in(young_person), logged_in(worker)
    for _ in range(3):
        for c, unread, is_staff in ((yp, "3", False), (staff, None, True), (yp, "3", False)):
            html = c.get("/notifications/").content.decode()
            assert badge(html) == unread
            assert ("Staff area" in html) is is_staff
            assert ("For the young person" in html) is not is_staff


def test_a_new_notification_and_a_read_mark_show_on_the_next_request(young_person):
    c = logged_in(young_person)
    assert badge(c.get(PLAIN_PAGE).content.decode()) is None
    notify(recipients=young_person, kind="test", title="One")
    assert badge(c.get(PLAIN_PAGE).content.decode()) == "1"
    notify(recipients=young_person, kind="test", title="Two")
    assert badge(c.get(PLAIN_PAGE).content.decode()) == "2"
    notification_mark_read(user=young_person)
    assert badge(c.get(PLAIN_PAGE).content.decode()) is None


def test_marking_read_in_the_request_shows_in_that_requests_page(young_person):
    notify(recipients=young_person, kind="test", title="One")
    c = logged_in(young_person)
    response = c.post("/notifications/", {"mark_all_read": "1"}, follow=True)
    assert badge(response.content.decode()) is None


def test_a_new_role_shows_on_the_next_request(db):
    person = factories.UserFactory(roles=[])
    c = logged_in(person)
    assert "Training</a>" not in c.get(PLAIN_PAGE).content.decode()
    role_grant(user=User.objects.get(pk=person.pk), role=Role.YOUNG_PERSON)
    assert "Training</a>" in c.get(PLAIN_PAGE).content.decode()


def test_a_password_change_ends_other_sessions(young_person):
    c = logged_in(young_person)
    assert "Log out" in c.get(PLAIN_PAGE).content.decode()
    person = User.objects.get(pk=young_person.pk)
    person.set_password("a-new-password-entirely")
    person.save()
    html = c.get(PLAIN_PAGE).content.decode()
    assert "Log out" not in html and "Log in" in html


def test_a_tampered_session_hash_is_refused(young_person):
    c = logged_in(young_person)
    session = c.session
    session[HASH_SESSION_KEY] = "0" * 64
    session.save()
    assert "Log in" in c.get(PLAIN_PAGE).content.decode()


def test_a_deactivated_account_is_logged_out(young_person):
    c = logged_in(young_person)
    User.objects.filter(pk=young_person.pk).update(is_active=False)
    assert "Log in" in c.get(PLAIN_PAGE).content.decode()


def test_a_person_with_django_permissions_keeps_them(db):
    from django.contrib.auth.models import Permission

    person = factories.UserFactory(roles=[])
    person.user_permissions.add(Permission.objects.get(codename="view_user"))
    from participation import request_cache

    loaded = request_cache.load_person(person.pk)
    assert loaded.has_perm("participation.view_user")
    plain = request_cache.load_person(factories.UserFactory(roles=[]).pk)
    assert not plain.has_perm("participation.view_user")
