"""Acceptance: capacity holds when many people sign up for the last places at once, with real
concurrent transactions on PostgreSQL; cancellations promote the waiting list in order, and
each promoted person is notified once."""

import threading

import pytest
from django.db import connection

from participation import services
from participation.models import ActivitySignup, Notification
from tests.participation.training.helpers import make_activity, young

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Real concurrent transactions need PostgreSQL (set DATABASE_URL); SQLite "
        "serialises every write, so it cannot show a race.",
    ),
]


def run_together(jobs):
    """Start every job at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_never_more_sign_ups_than_places_when_many_sign_up_at_once():
    activity = make_activity(capacity=3)
    # Two places already gone: 12 people race for the last one.
    for _ in range(2):
        services.activity_signup(activity=activity, user=young())
    racers = [young() for _ in range(12)]

    run_together(
        [lambda person=p: services.activity_signup(activity=activity, user=person) for p in racers]
    )

    statuses = list(
        ActivitySignup.objects.filter(activity=activity).values_list("status", flat=True)
    )
    assert statuses.count("confirmed") == 3
    assert statuses.count("waiting") == 11


def test_concurrent_cancellations_promote_in_order_and_notify_each_person_once():
    activity = make_activity(capacity=4)
    holders = [young() for _ in range(4)]
    waiting = [young() for _ in range(6)]
    for person in holders + waiting:
        services.activity_signup(activity=activity, user=person)

    # Three people cancel at once, and one of them double-clicks.
    jobs = [
        lambda person=p: services.activity_cancel(activity=activity, user=person)
        for p in (holders[0], holders[1], holders[2], holders[2])
    ]
    run_together(jobs)

    confirmed = set(
        ActivitySignup.objects.filter(activity=activity, status="confirmed").values_list(
            "user_id", flat=True
        )
    )
    assert confirmed == {holders[3].pk, waiting[0].pk, waiting[1].pk, waiting[2].pk}
    promoted = list(
        Notification.objects.filter(kind="activity.promoted").values_list("user_id", flat=True)
    )
    assert sorted(promoted) == sorted(p.pk for p in waiting[:3])
    assert len(promoted) == len(set(promoted)) == 3


def test_the_same_person_clicking_sign_up_twice_at_once_gets_one_sign_up():
    activity = make_activity(capacity=10)
    kai = young()
    run_together([lambda: services.activity_signup(activity=activity, user=kai)] * 4)
    assert ActivitySignup.objects.filter(activity=activity, user=kai).count() == 1
