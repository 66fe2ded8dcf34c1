"""Through a real Celery worker and Redis: publishing an answer puts one email per opted-in
follower in the worker's file outbox, and none for those who chose the portal only."""

import time

import pytest

from participation.models import Notification
from participation.services import notification_preference_set
from participation.tasks import deliver_notification
from participation.voice import services
from tests.realworker import emails_in, real_worker, route_to, wait_for  # noqa: F401 (fixture)
from tests.voice.factories import World, YoungPersonFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_publishing_emails_each_opted_in_follower_once(real_worker, monkeypatch):  # noqa: F811
    route_to(monkeypatch, deliver_notification, real_worker)
    outbox = real_worker.outbox
    w = World()
    item = w.public_routed()
    emailed = [YoungPersonFactory() for _ in range(3)]
    for person in emailed:
        notification_preference_set(user=person, email_enabled=True)
        services.item_follow(item=item, user=person, me_too=True)
    services.item_follow(item=item, user=w.friend)  # the portal only (the default)
    Notification.objects.all().delete()  # only this answer's deliveries matter
    w.answer(item)
    notes = Notification.objects.filter(kind="voice.response")
    assert notes.count() == 5  # the raiser, three supporters and a follower
    assert wait_for(lambda: not notes.filter(delivered_at__isnull=True).exists()), (
        "the worker did not deliver the notifications within a minute"
    )
    # A notification is claimed (delivered_at set) just before its email is written, so the
    # files may land a moment after the claims: wait for them, then for any duplicate.
    assert wait_for(lambda: len(emails_in(outbox)) >= len(emailed), timeout=30)
    time.sleep(1)
    sent = emails_in(outbox)
    assert sorted(m["To"] for m in sent) == sorted(p.email for p in emailed)
