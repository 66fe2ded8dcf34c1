"""What is waiting for a person now, as the base hands it to the home page: their next
activity with a place, and their unread notifications. Two queries, whatever they hold."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation import services
from participation.registry import registry
from tests.participation.training.helpers import make_activity, young

pytestmark = pytest.mark.django_db


def items_for(user):
    return registry.home_items["participation"](user)


def test_the_next_activity_with_a_place_and_the_unread_count():
    kai = young()
    later = make_activity(title="The Big Conversation", days=20)
    sooner = make_activity(title="SpeakOut session", days=3)
    full = make_activity(title="Open Space", days=1, capacity=1)
    services.activity_signup(activity=full, user=young())
    for activity in (later, sooner, full):
        services.activity_signup(activity=activity, user=kai)  # waiting at the full one
    past = make_activity(title="Make Your Mark", starts_at=timezone.now() - timedelta(days=2))
    services.notify(recipients=kai, kind="test", title="One")
    services.notify(recipients=kai, kind="test", title="Two")
    with CaptureQueriesContext(connection) as queries:
        items = items_for(kai)
    assert len(queries) <= 2
    activity_item, notes_item = items
    assert activity_item["kind"] == "activity"
    assert "SpeakOut session" in activity_item["text"]
    assert activity_item["url"] == reverse("activity_detail", args=[sooner.pk])
    assert past.title not in activity_item["text"]
    assert notes_item == {
        "text": "You have 2 unread notifications.",
        "url": reverse("notifications"),
        "kind": "notifications",
    }


def test_a_cancelled_place_or_read_notifications_are_not_waiting():
    kai = young()
    activity = make_activity()
    services.activity_signup(activity=activity, user=kai)
    services.activity_cancel(activity=activity, user=kai)
    services.notify(recipients=kai, kind="test", title="Seen")
    services.notification_mark_read(user=kai)
    assert items_for(kai) == []


def test_queries_do_not_grow_with_what_they_hold():
    kai = young()
    for n in range(8):
        services.activity_signup(activity=make_activity(days=n + 1), user=kai)
        services.notify(recipients=kai, kind="test", title=f"Note {n}")
    with CaptureQueriesContext(connection) as queries:
        items = items_for(kai)
    assert len(queries) <= 2
    assert [item["kind"] for item in items] == ["activity", "notifications"]


def test_nobody_logged_in_has_nothing_waiting():
    from django.contrib.auth.models import AnonymousUser

    with CaptureQueriesContext(connection) as queries:
        assert items_for(AnonymousUser()) == []
    assert not queries
