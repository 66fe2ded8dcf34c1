"""The page-budget helper itself, and the main pages of a young person within it (issue 24)."""

import itertools

import pytest
from django.http import HttpResponse
from django.urls import include, path

from participation.models import Notification, User
from participation.services.notifications import notify
from tests import factories
from tests.pagebudget import PAGE_BUDGET, assert_page_budget


def _flat(request):
    return HttpResponse(", ".join(u.email for u in User.objects.all()))


def _per_row(request):
    return HttpResponse(", ".join(n.user.email for n in Notification.objects.all()))


def _heavy(request):
    for _ in range(PAGE_BUDGET + 1):
        list(User.objects.all()[:1])
    return HttpResponse("heavy")


urlpatterns = [
    path("flat/", _flat),
    path("per-row/", _per_row),
    path("heavy/", _heavy),
    path("", include("config.urls")),
]


@pytest.fixture
def cached_sessions(settings):
    """Sessions read from the cache, as production reads them from Redis."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _add_notifications(user):
    def grow(n):
        for i in range(n):
            notify(recipients=user, kind="test.budget", title=f"Note {i}", body="Hello")

    return grow


@pytest.mark.urls(__name__)
def test_a_flat_page_passes(client, db):
    def grow(n):
        factories.UserFactory.create_batch(n)

    assert assert_page_budget(client, "/flat/", grow=grow) == (1, 1)


@pytest.mark.urls(__name__)
def test_a_query_per_row_fails(client, young_person):
    with pytest.raises(AssertionError, match="a query per row"):
        assert_page_budget(client, "/per-row/", grow=_add_notifications(young_person))


@pytest.mark.urls(__name__)
def test_a_page_over_the_budget_fails(client, db):
    with pytest.raises(AssertionError, match="over the budget"):
        assert_page_budget(client, "/heavy/")
    assert_page_budget(client, "/heavy/", at_most=PAGE_BUDGET + 1)


@pytest.mark.urls(__name__)
def test_a_wrong_status_fails(client, db):
    with pytest.raises(AssertionError, match="answered 404"):
        assert_page_budget(client, "/no-such-page/")


# --- The young person's main pages ------------------------------------------------------------


def _forums(n):
    for _ in range(n):
        group = factories.GroupFactory()
        from forums.models import Forum

        Forum.objects.create(group=group)


def _activities(n):
    from datetime import timedelta

    from django.utils import timezone

    from participation.models import Activity, ActivityKind

    start = timezone.now() + timedelta(days=3)
    worker = factories.WorkerFactory()
    for i in range(n):
        Activity.objects.create(
            title=f"Session {i}",
            description="Come along",
            kind=ActivityKind.choices[0][0],
            place="Civic Centre",
            created_by=worker,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
        )


_serial = itertools.count()


def _modules(n):
    from participation.models import TrainingAudience, TrainingDelivery, TrainingModule

    for _ in range(n):
        i = next(_serial)
        TrainingModule.objects.create(
            title=f"Module {i}",
            slug=f"module-{i}",
            audience=TrainingAudience.BOTH,
            delivery=TrainingDelivery.choices[0][0],
            is_published=True,
        )


# The home page and /my-data/ gather a part from every app (registry.home_items,
# registry.record_sections), one read each: they may use the staff budget, and each is drawn
# at most once a minute per person (page_cache.py).
GATHERING_PAGE_BUDGET = 12

PAGES = [
    ("/notifications/", "notifications"),
    ("/forums/", _forums),
    ("/training/", _modules),
    ("/activities/", _activities),
    ("/elections/", None),
    ("/forums/mine/", None),
    ("/training/mine/", None),
]


@pytest.mark.parametrize(("url", "grow"), PAGES, ids=[p[0] for p in PAGES])
def test_young_persons_pages_within_the_budget(cached_sessions, client, young_person, url, grow):
    client.force_login(young_person, backend="django.contrib.auth.backends.ModelBackend")
    if grow == "notifications":
        grow = _add_notifications(young_person)
    assert_page_budget(client, url, grow=grow)


@pytest.mark.parametrize("url", ["/", "/my-data/"])
def test_the_pages_gathering_every_app_within_their_budget(
    cached_sessions, client, young_person, url
):
    client.force_login(young_person, backend="django.contrib.auth.backends.ModelBackend")
    assert_page_budget(client, url, at_most=GATHERING_PAGE_BUDGET)


# --- A forum's page, for a member and for its worker ------------------------------------------

STAFF_PAGE_BUDGET = 12  # a worker's page carries the forum's tools as well (see README)


def _forum_with_members(forum):
    from tests.forums.factories import member_of

    return lambda n: [member_of(forum) for _ in range(n)]


def test_a_forum_page_for_a_member_within_the_budget(cached_sessions, client, young_person):
    from tests.forums.factories import ForumFactory, member_of

    forum = ForumFactory(name="Youth Council")
    member_of(forum, young_person)
    client.force_login(young_person, backend="django.contrib.auth.backends.ModelBackend")
    assert_page_budget(client, f"/forums/{forum.group.slug}/", grow=_forum_with_members(forum))


@pytest.mark.parametrize("page", ["", "requests/", "members/"])
def test_a_forum_workers_pages_within_the_staff_budget(cached_sessions, client, db, page):
    from tests.forums.factories import ForumFactory, worker_of

    forum = ForumFactory(name="Youth Council")
    client.force_login(worker_of(forum), backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["portal.staff_mfa_ok"] = True
    session.save()
    assert_page_budget(
        client,
        f"/forums/{forum.group.slug}/{page}",
        grow=_forum_with_members(forum),
        at_most=STAFF_PAGE_BUDGET,
    )
