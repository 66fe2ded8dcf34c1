"""Round, review, decision panel and showcase pages run the same number of queries at 1 and at
50 applications (tests/pagebudget.py: a young person's page at most 8, staff at most 12)."""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import Award
from tests.grants.factories import LINES, World, young
from tests.pagebudget import assert_page_budget

pytestmark = pytest.mark.django_db

STAFF_BUDGET = 12


def _applications(w, *, reviewed=False, made=None):
    numbers = itertools.count()

    def grow(n):
        for _ in range(n):
            application = w.submitted(young(14), title=f"Project {next(numbers)}", lines=LINES)
            if reviewed:
                w.reviewed(application)
            if made is not None:
                made.append(application)

    return grow


def _showcase_entries(w):
    def grow(n):
        made = []
        _applications(w, reviewed=True, made=made)(n)
        for application in made:
            w.award(application)
            award = Award.objects.get(application=application)
            services.payment_record(
                actor=w.worker, award=award, paid_on=timezone.localdate(), method="cheque"
            )
            visit = services.visit_plan(
                actor=w.worker, award=award, starts_at=timezone.now(), place="Hall"
            )
            services.visit_record(
                actor=w.worker,
                visit=visit,
                happened=True,
                money_used="Wool.",
                people_said="Lovely.",
                wellbeing="better",
                people_helped=10,
            )
            entry = services.showcase_suggest(actor=w.worker, application=application, story="s")
            services.showcase_publish(actor=w.worker, entry=entry)

    return grow


def test_the_round_list(client, cached_sessions, login):
    w = World(budget="100000")
    login(w.applicant)
    assert_page_budget(client, reverse("grants:list"), grow=_applications(w))


def test_the_round_page(client, cached_sessions, login):
    w = World(budget="100000")
    login(w.applicant)
    assert_page_budget(client, reverse("grants:round", args=[w.round.slug]), grow=_applications(w))


def test_the_review_list(client, cached_sessions, login):
    w = World(budget="100000")
    login(w.reviewers[0])
    assert_page_budget(
        client, reverse("grants:reviews", args=[w.round.slug]), grow=_applications(w)
    )


def test_the_review_page(client, cached_sessions, login):
    w = World(budget="100000")
    first = w.submitted()
    w.review(first, w.reviewers[0])
    login(w.reviewers[0])
    assert_page_budget(
        client, reverse("grants:review", args=[w.round.slug, first.pk]), grow=_applications(w)
    )


def test_the_decision_panel(client, cached_sessions, login):
    w = World(budget="100000")
    login(w.worker)
    assert_page_budget(
        client,
        reverse("grants:panel", args=[w.round.slug]),
        grow=_applications(w, reviewed=True),
        at_most=STAFF_BUDGET,
    )


def test_the_workers_round_page(client, cached_sessions, login):
    w = World(budget="100000")
    login(w.worker)
    assert_page_budget(
        client,
        reverse("grants:manage", args=[w.round.slug]),
        grow=_applications(w),
        at_most=STAFF_BUDGET,
    )


def test_the_showcase(client, cached_sessions):
    w = World(budget="100000")
    assert_page_budget(client, reverse("grants:showcase"), grow=_showcase_entries(w))


def test_my_applications(client, cached_sessions, login):
    w = World(budget="100000")
    login(w.applicant)

    def grow(n):
        for i in range(n):
            w.start(title=f"Idea {i}")

    assert_page_budget(client, reverse("grants:mine"), grow=grow)


def test_the_review_page_before_scoring(client, cached_sessions, login):
    """Before sending, the page also asks the engine whether they may score (on the panel,
    trained, no conflict) and shows the rubric's form: still flat, still within 8."""
    w = World(budget="100000")
    first = w.submitted()
    login(w.reviewers[0])
    assert_page_budget(
        client,
        reverse("grants:review", args=[w.round.slug, first.pk]),
        grow=_applications(w),
    )
