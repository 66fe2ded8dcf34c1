"""A real Celery worker on Redis for the tests that need one (`pytest.mark.worker`).

    from tests.realworker import real_worker, route_to, wait_for, emails_in  # noqa: F401

`real_worker` (a fixture) starts the portal's own worker in a subprocess on a queue of its
own (other test runs may share the Redis), sharing the test's PostgreSQL database, and yields
`Worker(queue, outbox)`. Emails it sends land as files in `outbox` (under pytest the settings
choose the in-memory outbox, which only the worker's process could see), read by `emails_in`.
Without Redis or PostgreSQL the test is skipped, or fails when REQUIRE_WORKER_TESTS=1 (CI).
"""

import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from email import message_from_string
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]

# The real worker with one change: emails go to files in the directory given.
WORKER = """
import sys
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
settings.EMAIL_FILE_PATH = sys.argv[2]
from config.celery import app
app.worker_main(["worker", "-Q", sys.argv[1], "--pool=solo", "--concurrency=1",
                 "--without-gossip", "--without-mingle", "--loglevel=WARNING"])
"""


@dataclass(frozen=True)
class Worker:
    queue: str
    outbox: Path


def _skip_or_fail(reason: str):
    if os.environ.get("REQUIRE_WORKER_TESTS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def real_worker(tmp_path):
    if not settings.REDIS_URL:
        _skip_or_fail("REDIS_URL is not set: the real-worker test needs Redis")
    if connection.vendor != "postgresql":
        _skip_or_fail("the worker needs a database it can share with the test: set DATABASE_URL")
    worker = Worker(queue=f"test-{secrets.token_hex(4)}", outbox=tmp_path / "outbox")
    worker.outbox.mkdir()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "TESTING": "true",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, worker.queue, str(worker.outbox)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def route_to(monkeypatch, task, worker: Worker) -> None:
    """Make `task.delay(...)` go to the test's own worker queue."""
    monkeypatch.setattr(
        task, "delay", lambda *args, **kwargs: task.apply_async(args, kwargs, queue=worker.queue)
    )


def wait_for(condition, timeout=60.0) -> bool:
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
