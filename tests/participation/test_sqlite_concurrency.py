"""The embedded default (SQLite) under concurrent writers gives no 500.

Everything runs for real, in subprocesses against a fresh FILE database, whatever database the
rest of the suite uses: `manage.py migrate`, a gunicorn server with two gthread workers (two
processes, several threads each, as `make run` serves), 20 threads that each log in through
the real form and then submit the notification-preference and mark-as-read forms, and beside
them a separate process that writes notifications in a loop and delivers them, as the Celery
worker does.

With the settings before this change (no OPTIONS for SQLite: rollback journal, transactions
that take the write lock only when they first write, Python's 5 s busy timeout) this test
fails here: of the ~120 submissions, some answer 500 with `OperationalError: database is
locked`, and the writer process dies with the same error.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from participation.models import NotificationTopic

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 20
ROUNDS = 3  # each round: one preference form and one mark-as-read form
PASSWORD = "a-long-test-password-1"

# The schema, straight from the models (`migrate --run-syncdb` with migrations turned off):
# running every migration here would cost ~30 s on a busy 2-core machine, and the migrations
# have tests of their own. Then the people who will log in.
SETUP = f"""
import django
django.setup()
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
settings.MIGRATION_MODULES = {{app.label: None for app in apps.get_app_configs()}}
call_command("migrate", run_syncdb=True, verbosity=0)
from tests.factories import YoungPersonFactory
for n in range({PEOPLE}):
    YoungPersonFactory(email=f"pupil{{n}}@example.org")
"""

# A stand-in for the Celery worker and beat: notify everybody, then deliver what is waiting,
# again and again, until the test says stop.
WRITER = """
import os, time
from django.db import transaction
from participation.models import User
from participation.services import notifications as n
stop, ready = os.environ["STOP_FILE"], os.environ["READY_FILE"]
people = list(User.objects.filter(email__startswith="pupil"))
rounds = 0
while not os.path.exists(stop):
    with transaction.atomic():
        rows = n.notify(recipients=people, kind="test", title=f"Round {rounds}", url="/")
    for row in rows:
        n.notification_deliver(notification_id=row.pk)
    for pk in n.undelivered_ids(older_than_seconds=0, limit=50):
        n.notification_deliver(notification_id=pk)
    rounds += 1
    open(ready, "w").close()
print("writer rounds", rounds)
"""


def _env(database: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="true",
        # A fast password hasher, emails kept in memory and tasks run in the process (no
        # broker folder shared with a running `make run`).
        TESTING="true",
        CELERY_TASK_ALWAYS_EAGER="true",
        AXES_ENABLED="true",
        PYTHONUNBUFFERED="1",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"server stopped: {server.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError("server did not start")


class Person:
    """One pupil's browser: cookies, and the CSRF token from the last form page."""

    def __init__(self, base: str, email: str):
        self.base = base
        self.email = email
        self.statuses: list[tuple[str, int]] = []
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def _request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.statuses.append((f"{'POST' if data is not None else 'GET'} {path}", status))
        return status, text

    def submit(self, path: str, fields: dict) -> int:
        """Open the page, then send its form with the CSRF token, as a browser would."""
        status, text = self._request(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        assert token, f"no form on {path} ({status})"
        status, _ = self._request(path, {"csrfmiddlewaretoken": token[1], **fields})
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_twenty_people_submit_forms_while_the_worker_writes(tmp_path):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.skip("gunicorn is not installed in this environment")
    database = tmp_path / "portal.sqlite3"
    env = _env(database)
    subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        timeout=120,
    )

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--worker-class", "gthread", "--workers", "2", "--threads", "10", "--preload"]
        + ["--timeout", "90", "--graceful-timeout", "3"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    stop_file, ready_file = tmp_path / "stop", tmp_path / "ready"
    writer = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", WRITER],
        cwd=ROOT,
        env={**env, "STOP_FILE": str(stop_file), "READY_FILE": str(ready_file)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_serving(f"{base}/accounts/login/", server)
        # The worker is writing before the first form arrives.
        deadline = time.monotonic() + 30
        while not ready_file.exists():
            assert writer.poll() is None, writer.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the writer did not start"
            time.sleep(0.1)

        people = [Person(base, f"pupil{n}@example.org") for n in range(PEOPLE)]
        start = threading.Barrier(PEOPLE)
        problems: list[str] = []

        def run(person: Person) -> None:
            try:
                start.wait()
                status = person.submit(
                    "/accounts/login/", {"login": person.email, "password": PASSWORD}
                )
                assert status == 302, f"{person.email} could not log in ({status})"
                for n in range(ROUNDS):
                    way = "email_now" if n % 2 else "portal"
                    person.submit("/notifications/", dict.fromkeys(NotificationTopic.values, way))
                    person.submit("/notifications/", {"mark_all_read": "1"})
            except Exception as error:  # noqa: BLE001 (reported below, with every status)
                problems.append(f"{person.email}: {error!r}")

        threads = [threading.Thread(target=run, args=(p,)) for p in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        stop_file.touch()
        try:
            writer_out, writer_err = writer.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            writer.kill()
            writer_out, writer_err = writer.communicate()
        server.terminate()
        try:
            _, server_err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, server_err = server.communicate()

    statuses = [s for person in people for s in person.statuses]
    errors = [s for s in statuses if s[1] >= 500]
    posts = [s for s in statuses if s[0].startswith("POST")]
    assert not errors, (
        f"{len(errors)} of {len(statuses)} requests failed: {errors[:5]}\n" + (server_err[-3000:])
    )
    assert not problems, problems
    assert len(posts) == PEOPLE * (1 + 2 * ROUNDS)
    assert {status for _, status in posts} == {302}, posts  # each form was taken and saved
    assert writer.returncode == 0, writer_err[-3000:]
    rounds = int(re.search(r"writer rounds (\d+)", writer_out)[1])
    assert rounds > 0
    assert "database is locked" not in server_err
