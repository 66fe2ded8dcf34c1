"""Forum list, forum page and meeting page run a number of queries that does not grow with
members, meetings, agenda items or actions: measured at 1 and at 50 of each."""

import pytest
from django.urls import reverse

from tests.factories import YoungPersonFactory
from tests.forums.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingActionFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)


@pytest.fixture(autouse=True)
def _pages_drawn(settings):
    """Count what drawing the page costs: a kept page (participation/page_cache.py) would
    cost only the person and hide a query per row."""
    settings.PAGE_CACHE_ENABLED = False


pytestmark = pytest.mark.django_db

# The most queries each page may run, whoever looks and however big the forum is.
LIMITS = {"list": 8, "forum": 17, "meeting": 12}


def build(n: int, *, private: bool):
    """n forums; the first has n members (with roles), n meetings, n task groups, and its first
    meeting has n agenda items and n actions."""
    forums = [ForumFactory(private=private) for _ in range(n)]
    forum = forums[0]
    members = [member_of(forum).user for _ in range(n)]
    for person in members[:n]:
        member_of(forum, person, role="chair")
    for other in forums[1:]:
        member_of(other)
    meetings = [MeetingFactory(forum=forum) for _ in range(n)]
    for i in range(n):
        TaskGroupFactory(forum=forum)
        AgendaItemFactory(meeting=meetings[0], position=i + 1)
        MeetingActionFactory(meeting=meetings[0], owner=members[i])
    return forum, meetings[0], members[0]


def viewers(forum, member):
    return {
        "anonymous": None,
        "young person": YoungPersonFactory(),
        "member": member,
        "worker": worker_of(forum),
    }


@pytest.mark.parametrize("private", [False, True], ids=["ordinary", "private"])
@pytest.mark.parametrize("n", [1, 50])
def test_query_counts_do_not_grow(client, login, django_assert_max_num_queries, n, private):
    forum, meeting, member = build(n, private=private)
    for who, user in viewers(forum, member).items():
        client.logout()
        if user is not None:
            login(user)
            client.get(reverse("home"))  # the MFA check is remembered after the first page
        with django_assert_max_num_queries(LIMITS["list"], info=who):
            assert client.get(reverse("forums:list")).status_code == 200
        with django_assert_max_num_queries(LIMITS["forum"], info=who):
            assert client.get(reverse("forums:detail", args=[forum.slug])).status_code == 200
        if who in ("member", "worker"):
            with django_assert_max_num_queries(LIMITS["meeting"], info=who):
                response = client.get(reverse("forums:meeting", args=[meeting.pk]))
                assert response.status_code == 200
            with django_assert_max_num_queries(LIMITS["forum"], info=who):
                assert client.get(reverse("forums:members", args=[forum.slug])).status_code == 200


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_same_number_of_queries_at_1_and_at_50(client, login):
    forum, meeting, member = build(1, private=True)
    worker = worker_of(forum)
    login(worker)
    client.get(reverse("home"))
    urls = [
        reverse("forums:list"),
        reverse("forums:detail", args=[forum.slug]),
        reverse("forums:meeting", args=[meeting.pk]),
        reverse("forums:members", args=[forum.slug]),
    ]
    small = [count_queries(client, url) for url in urls]
    for i in range(49):
        person = member_of(forum).user
        member_of(forum, person, role="youth_mp")
        ForumFactory()
        MeetingFactory(forum=forum)
        TaskGroupFactory(forum=forum)
        AgendaItemFactory(meeting=meeting, position=i + 2)
        MeetingActionFactory(meeting=meeting, owner=person)
    large = [count_queries(client, url) for url in urls]
    print("queries at 1:", small, "at 50:", large)
    assert small == large
