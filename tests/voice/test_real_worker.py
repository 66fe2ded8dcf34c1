"""Through a real Celery worker and Redis: publishing an answer puts one email per opted-in
follower in the worker's file outbox, and none for those who chose the portal only."""

import os
import secrets
import subprocess
import sys
import time
from email import message_from_string
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from participation.models import Notification
from participation.services import notification_preference_set
from participation.tasks import deliver_notification
from participation.voice import services
from tests.voice.factories import World, YoungPersonFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]

# The worker is the real one with one change: emails go to files the test can read (under
# pytest the settings choose the in-memory outbox, which only the worker's process could see).
WORKER = """
import os, sys
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
settings.EMAIL_FILE_PATH = sys.argv[2]
from config.celery import app
app.worker_main(["worker", "-Q", sys.argv[1], "--pool=solo", "--concurrency=1",
                 "--without-gossip", "--without-mingle", "--loglevel=WARNING"])
"""


def _skip_or_fail(reason: str):
    if os.environ.get("REQUIRE_WORKER_TESTS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def worker_with_file_outbox(tmp_path):
    if not settings.REDIS_URL:
        _skip_or_fail("REDIS_URL is not set: the real-worker test needs Redis")
    if connection.vendor != "postgresql":
        _skip_or_fail("the worker needs a database it can share with the test: set DATABASE_URL")
    queue = f"test-{secrets.token_hex(4)}"
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "TESTING": "true",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, queue, str(outbox)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue, outbox
    finally:
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def emails_in(outbox: Path) -> list:
    found = []
    for path in outbox.iterdir():
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                found.append(message_from_string(chunk.strip()))
    return found


def test_publishing_emails_each_opted_in_follower_once(worker_with_file_outbox, monkeypatch):
    queue, outbox = worker_with_file_outbox
    monkeypatch.setattr(
        deliver_notification,
        "delay",
        lambda pk: deliver_notification.apply_async(args=[pk], queue=queue),
    )
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
