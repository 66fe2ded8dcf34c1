"""When an answer is published, everyone who raised, supported or follows the item is told
exactly once; when one action answers many items, each person gets one note."""

import pytest
from django.core import mail

from participation.models import Notification
from participation.services import notification_preference_set
from participation.voice import services
from participation.voice.models import YouSaidItem
from tests.voice.factories import World, YoungPersonFactory

pytestmark = pytest.mark.django_db


def response_notes(user):
    return list(Notification.objects.filter(user=user, kind="voice.response"))


def test_raiser_supporters_and_followers_are_each_told_once():
    w = World()
    item = w.public_routed()
    supporter, follower = YoungPersonFactory(), YoungPersonFactory()
    services.item_follow(item=item, user=supporter, me_too=True)
    services.item_follow(item=item, user=follower)
    services.item_follow(item=item, user=w.friend)
    services.item_follow(item=item, user=w.friend, me_too=True)  # follows, then says me too
    w.answer(item)
    for person in (w.young, supporter, follower, w.friend):
        assert len(response_notes(person)) == 1, person
    assert not response_notes(w.officer)
    assert Notification.objects.filter(kind="voice.response").count() == 4


def test_fifty_items_answered_at_once_give_each_follower_one_note():
    w = World()
    items = [w.public_routed(title=f"Buses in Bilston {n}") for n in range(50)]
    only_one = YoungPersonFactory()
    services.item_follow(item=items[7], user=only_one)
    every = YoungPersonFactory()
    for item in items:
        services.item_follow(item=item, user=every, me_too=True)
    services.response_publish(
        items=items,
        published_by=w.officer,
        outcome="done",
        text="We lowered youth fares on every route in the city.",
        plain_text="Buses are cheaper now.",
    )
    [raiser_note] = response_notes(w.young)  # raised all 50
    assert raiser_note.title == "50 of your items have an answer"
    [every_note] = response_notes(every)
    assert every_note.title == "50 of your items have an answer"
    [one_note] = response_notes(only_one)
    assert one_note.title == "An answer to your item: Buses in Bilston 7"
    assert "Buses are cheaper now." in one_note.body
    assert YouSaidItem.objects.filter(status="done").count() == 50


def test_one_email_per_opted_in_follower(django_capture_on_commit_callbacks):
    w = World()
    item = w.public_routed()
    emailed = YoungPersonFactory()
    notification_preference_set(user=emailed, email_enabled=True)
    services.item_follow(item=item, user=emailed)
    services.item_follow(item=item, user=w.friend)  # in the portal only: the default
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        w.answer(item)
    assert [m.to for m in mail.outbox] == [[emailed.email]]
    assert "We asked for cheaper tickets for you." in mail.outbox[0].body


def test_with_the_broker_down_the_sweep_delivers_every_answer_later(
    django_capture_on_commit_callbacks, monkeypatch
):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from participation.tasks import deliver_notification, sweep_undelivered_notifications

    w = World()
    item = w.public_routed()
    emailed = YoungPersonFactory()
    notification_preference_set(user=emailed, email_enabled=True)
    services.item_follow(item=item, user=emailed)

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    mail.outbox.clear()
    with monkeypatch.context() as patched:
        patched.setattr(deliver_notification, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            w.answer(item)  # publishing still succeeds
    notes = Notification.objects.filter(kind="voice.response")
    assert notes.count() == 2 and not notes.filter(delivered_at__isnull=False).exists()
    assert not mail.outbox
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        sweep_undelivered_notifications.apply()
        sweep_undelivered_notifications.apply()  # a second sweep sends nothing twice
    assert not notes.filter(delivered_at__isnull=True).exists()
    assert [m.to for m in mail.outbox] == [[emailed.email]]
