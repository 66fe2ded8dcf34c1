"""A task goes through a real Celery worker and Redis, and its effect is seen in the database."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from participation.models import AuditEvent, Notification
from participation.services import notify
from participation.tasks import deliver_notification, ping_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def _skip_or_fail(reason: str):
    if os.environ.get("REQUIRE_WORKER_TESTS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def real_worker():
    if not settings.REDIS_URL:
        _skip_or_fail("REDIS_URL is not set: the real-worker test needs Redis")
    if connection.vendor != "postgresql":
        _skip_or_fail("the worker needs a database it can share with the test: set DATABASE_URL")
    queue = f"test-{secrets.token_hex(4)}"  # other test runs may share this Redis
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "TESTING": "true",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue
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


def test_a_task_runs_in_a_real_worker_through_redis(real_worker):
    marker = secrets.token_hex(8)
    ping_task.apply_async(args=[marker], queue=real_worker)
    assert wait_for(
        lambda: AuditEvent.objects.filter(action="worker.ping", detail__marker=marker).exists()
    ), "the worker did not run the task within a minute"


def test_a_notification_is_delivered_by_the_real_worker(real_worker, young_person, monkeypatch):
    monkeypatch.setattr(
        deliver_notification,
        "delay",
        lambda pk: deliver_notification.apply_async(args=[pk], queue=real_worker),
    )
    [notification] = notify(recipients=young_person, kind="test", title="From the worker")
    assert wait_for(
        lambda: Notification.objects.get(pk=notification.pk).delivered_at is not None
    ), "the worker did not deliver the notification within a minute"
