"""Acceptance: the training list runs a number of queries that does not grow with modules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation import services
from participation.models import LessonProgress

from .helpers import a_worker, make_module, young


@pytest.fixture(autouse=True)
def _pages_drawn(settings):
    """Count what drawing the page costs: a kept page (participation/page_cache.py) would
    cost only the person and hide a query per row."""
    settings.PAGE_CACHE_ENABLED = False


pytestmark = pytest.mark.django_db

# Session, user, roles, MFA check, unread count, permissions and the page's own reads.
LIST_QUERIES = 12


def add_modules(n: int, start: int, worker, person):
    for i in range(start, start + n):
        module = make_module(
            title=f"Module {i}", unlocks=["grant_reviewer", "young_inspector"], worker=worker
        )
        lesson = services.lesson_create(module=module, edited_by=worker, title="One", body="Hi")
        LessonProgress.objects.create(user=person, lesson=lesson)
        if i % 3 == 0:
            services.training_complete(
                user=person,
                module=module,
                completed_on=timezone.localdate(),
                method="face_to_face",
                signed_off_by=worker,
            )


def count(client, url) -> int:
    client.get(url)  # the first request after logging in also records the MFA check
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["young_person", "worker"])
def test_training_list_queries_do_not_grow(client, login, django_assert_max_num_queries, who):
    worker = a_worker()
    person = young()
    login(worker if who == "worker" else person)
    url = reverse("training_list")
    add_modules(1, 0, worker, person)
    with django_assert_max_num_queries(LIST_QUERIES):
        client.get(url)
    at_one = count(client, url)
    add_modules(49, 1, worker, person)
    with django_assert_max_num_queries(LIST_QUERIES):
        page = client.get(url).content.decode()
    assert page.count('class="card mb-3"') == 50
    assert count(client, url) == at_one


def test_my_training_page_queries_do_not_grow(client, login):
    worker = a_worker()
    person = young()
    login(person)
    url = reverse("training_mine")
    add_modules(1, 0, worker, person)
    at_one = count(client, url)
    add_modules(49, 1, worker, person)
    assert count(client, url) == at_one
