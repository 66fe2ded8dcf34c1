"""The record of achievement reads the same number of queries whether a young person has 1 or 50
sessions, panels, forum roles or mentoring meetings on it: on their page, on their worker's
check page, and in both PDFs. It gathers a part from every app (one read or two each), so it
has the budget of the pages that gather every app (tests/base/test_page_budget.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation.mentoring import services
from tests.base.test_page_budget import GATHERING_PAGE_BUDGET
from tests.forums.factories import ForumFactory, member_of
from tests.mentoring.factories import World, attended, on_a_panel
from tests.pagebudget import assert_page_budget

pytestmark = pytest.mark.django_db


def _grow(w: World):
    pairing = w.peer()

    def grow(n):
        for i in range(n):
            attended(w, w.jordan, hours=1, title=f"Session {i}")
            on_a_panel(w, w.jordan, name=f"Panel {i}")
            member_of(ForumFactory(), w.jordan, role="chair")
            w.meeting(pairing)

    return grow


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_her_record_page_is_flat_at_1_and_50_of_everything(client, login, cached_sessions):
    w = World()
    login(w.jordan)
    assert_page_budget(
        client, reverse("mentoring:my_record"), at_most=GATHERING_PAGE_BUDGET, grow=_grow(w)
    )


def test_the_check_page_and_both_pdfs_are_flat(client, login, cached_sessions):
    w = World()
    grow = _grow(w)
    grow(1)
    check = services.record_check_ask(person=w.jordan)
    services.record_check_confirm(check=check, checked_by=w.worker)
    login(w.worker)
    check_page = reverse("mentoring:record_check", args=[check.pk])
    worker_pdf = reverse("mentoring:record_check_pdf", args=[check.pk])
    client.get(check_page)  # warm-up
    small = {"page": _count(client, check_page), "pdf": _count(client, worker_pdf)}
    login(w.jordan)
    client.get(reverse("mentoring:my_record_pdf"))
    small["own pdf"] = _count(client, reverse("mentoring:my_record_pdf"))
    grow(49)
    large = {"own pdf": _count(client, reverse("mentoring:my_record_pdf"))}
    login(w.worker)
    client.get(check_page)  # warm-up after logging in again
    large["page"] = _count(client, check_page)
    large["pdf"] = _count(client, worker_pdf)
    assert small == large
    assert max(large.values()) <= GATHERING_PAGE_BUDGET + 2  # the check and its person
