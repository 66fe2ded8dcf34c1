"""Every "you said" list page runs the same number of queries at 1 and at 50 items, followers
and responses (tests/pagebudget.py)."""

import pytest
from django.urls import reverse

from participation.voice import services
from tests.pagebudget import assert_page_budget
from tests.voice.factories import World, YoungPersonFactory

pytestmark = pytest.mark.django_db

# Staff pages read a little more per person (MFA, roles) than a young person's.
STAFF_BUDGET = 12


def answered_item(w, n):
    item = w.public_routed(title=f"Item {n}")
    w.answer(item, outcome="in_progress", progress=10)
    return item


def test_public_page(client):
    w = World()
    assert_page_budget(
        client,
        reverse("voice:public"),
        grow=lambda n: [answered_item(w, i) for i in range(n)],
    )


def test_records_page(client):
    w = World()

    def grow(n):
        for i in range(n):
            org = w.council if i % 2 else w.headstart
            officer = w.officer if i % 2 else w.other_officer
            item = w.routed(w.approved(w.raise_item(title=f"Item {i}")), to=org)
            w.answer(item, officer=officer)
            services.response_rate(
                item=item, user=w.young, good_enough=bool(i % 3), reason="Too slow"
            )

    assert_page_budget(client, reverse("voice:records"), grow=grow)


def test_my_items(client, login):
    w = World()
    login(w.young)
    client.get(reverse("home"))
    assert_page_budget(
        client, reverse("voice:mine"), grow=lambda n: [answered_item(w, i) for i in range(n)]
    )


def test_item_page_with_many_followers_and_answers(client, login):
    w = World()
    item = w.public_routed()
    login(w.young)
    client.get(reverse("home"))

    def grow(n):
        for _ in range(n):
            services.item_follow(item=item, user=YoungPersonFactory(), me_too=True)
            w.answer(item, outcome="in_progress", progress=20)
            item.refresh_from_db()

    assert_page_budget(client, reverse("voice:item", args=[item.pk]), grow=grow)


def test_worker_queue(client, login):
    w = World()
    login(w.worker)
    client.get(reverse("home"))

    def grow(n):
        for i in range(n):
            w.raise_item(title=f"To route {i}")
            answered = answered_item(w, i)
            services.response_rate(item=answered, user=w.young, good_enough=False, reason="No")

    assert_page_budget(client, reverse("voice:worker_queue"), grow=grow, at_most=STAFF_BUDGET)


def test_officer_queue(client, login):
    w = World()
    login(w.officer)
    client.get(reverse("home"))
    assert_page_budget(
        client,
        reverse("voice:officer_queue"),
        grow=lambda n: [w.public_routed(title=f"Item {i}") for i in range(n)],
        at_most=STAFF_BUDGET,
    )


def _open_consultation(w, title="Parks"):
    from datetime import timedelta

    from django.utils import timezone

    c = services.consultation_create(
        created_by=w.officer,
        title=title,
        description="Parks",
        audience="young_people",
        organisation=w.council,
        success_measure="Two changes.",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=7),
    )
    services.question_add(consultation=c, added_by=w.officer, kind="rating", text="How good?")
    services.question_add(consultation=c, added_by=w.officer, kind="text", text="Why?")
    services.consultation_open(consultation=c, opened_by=w.officer)
    return c


def test_consultation_list(client):
    w = World()
    assert_page_budget(
        client,
        reverse("voice:consultations"),
        grow=lambda n: [_open_consultation(w, f"Parks {i}") for i in range(n)],
    )


def test_consultation_page_with_many_answers(client, login):
    w = World()
    c = _open_consultation(w)
    rating, why = c.questions.all()
    login(w.officer)
    client.get(reverse("home"))

    def grow(n):
        for _ in range(n):
            services.consultation_answer(
                consultation=c,
                user=YoungPersonFactory(),
                answers={rating.pk: "4", why.pk: "Because it is dark."},
            )

    assert_page_budget(
        client, reverse("voice:consultation", args=[c.pk]), grow=grow, at_most=STAFF_BUDGET
    )
