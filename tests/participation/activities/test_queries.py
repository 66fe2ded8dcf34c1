"""Acceptance: the activity list and an activity page run a number of queries that does not
grow with activities or sign-ups."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation.models import ActivitySignup, Attendance
from tests import factories
from tests.participation.training.helpers import a_worker, make_activity, young


@pytest.fixture(autouse=True)
def _pages_drawn(settings):
    """Count what drawing the page costs: a kept page (participation/page_cache.py) would
    cost only the person and hide a query per row."""
    settings.PAGE_CACHE_ENABLED = False


pytestmark = pytest.mark.django_db

# Session, user, roles, MFA check, unread count, permissions and the page's own reads: fixed,
# whatever the number of rows.
LIST_QUERIES = 12
DETAIL_QUERIES = 16


def add_activities(n: int, worker, people):
    group = factories.GroupFactory()
    for i in range(n):
        activity = make_activity(
            worker=worker,
            title=f"Activity {i}",
            capacity=3,
            audience_group=group if i % 2 else None,
        )
        ActivitySignup.objects.bulk_create(
            ActivitySignup(activity=activity, user=p, status="confirmed" if j < 3 else "waiting")
            for j, p in enumerate(people)
        )


def count(client, url) -> int:
    client.get(url)  # the first request after logging in also records the MFA check
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["young_person", "worker"])
def test_activity_list_queries_do_not_grow(client, login, django_assert_max_num_queries, who):
    worker = a_worker()
    people = [young() for _ in range(5)]
    viewer = worker if who == "worker" else people[0]
    login(viewer)
    add_activities(1, worker, people)
    with django_assert_max_num_queries(LIST_QUERIES):
        client.get(reverse("activity_list"))
    at_one = count(client, reverse("activity_list"))

    add_activities(49, worker, people)
    with django_assert_max_num_queries(LIST_QUERIES):
        page = client.get(reverse("activity_list")).content.decode()
    # The first page of twenty (of 50 for the worker, of the 26 open to this young person).
    assert page.count('class="card mb-3"') == 20
    assert count(client, reverse("activity_list")) == at_one


def test_past_activity_list_queries_do_not_grow(client, login, django_assert_max_num_queries):
    worker = a_worker()
    login(young())
    for n in (1, 49):
        for i in range(n):
            make_activity(worker=worker, starts_at=timezone.now() - timedelta(days=i + 1))
        with django_assert_max_num_queries(LIST_QUERIES):
            client.get(reverse("activity_list") + "?when=past")


@pytest.mark.parametrize("who", ["young_person", "worker"])
def test_activity_page_queries_do_not_grow_with_sign_ups(
    client, login, django_assert_max_num_queries, who
):
    worker = a_worker()
    activity = make_activity(
        worker=worker, capacity=30, starts_at=timezone.now() - timedelta(hours=1)
    )
    viewer = worker if who == "worker" else young()
    login(viewer)
    url = reverse("activity_detail", args=[activity.pk])

    def add_people(n):
        for _ in range(n):
            person = young()
            ActivitySignup.objects.create(activity=activity, user=person, status="confirmed")
            Attendance.objects.create(
                activity=activity, user=person, status="present", recorded_by=worker
            )

    add_people(1)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        client.get(url)
    at_one = count(client, url)
    add_people(49)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        page = client.get(url).content.decode()
    if who == "worker":
        assert page.count('class="roster-person') == 50
    assert count(client, url) == at_one


def test_attendance_page_queries_do_not_grow(client, login, django_assert_max_num_queries):
    worker = a_worker()
    activity = make_activity(worker=worker, starts_at=timezone.now() - timedelta(hours=1))
    login(worker)
    url = reverse("activity_attendance", args=[activity.pk])
    ActivitySignup.objects.create(activity=activity, user=young(), status="confirmed")
    at_one = count(client, url)
    for _ in range(49):
        ActivitySignup.objects.create(activity=activity, user=young(), status="confirmed")
    assert count(client, url) == at_one
