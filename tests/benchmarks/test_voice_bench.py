"""Benchmark for "you said, we did" (issue 18), on a fresh PostgreSQL database (h_bench_voice)
with Redis as the Celery broker, as production runs:

1. One answer published to an item with 10,000 followers, each of whom chose email at once:
   the time to write and commit the answer and the 10,000 notifications (target <= 2 s), the
   time to queue their deliveries after the commit, and the time for ONE Celery worker process
   (solo pool) to deliver all 10,000, emails going to files (target <= 60 s).
2. The public "You said, we did" page over 200,000 public items, anonymous, beside the bare
   template page (page_urls.BARE_PAGE_PATH, no middleware) in the same gunicorn processes:
   rounds alternating the two under wrk, median and p95 of each, and req/s.

Targets are reported, not enforced, unless BENCH_ENFORCE_VOICE=1. Run: `make bench`, or
`.venv/bin/python -m pytest tests/benchmarks/test_voice_bench.py -m bench -s -o addopts=""`.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import ROOT, gunicorn
from tests.benchmarks.test_page_bench import BARE_PAGE_PATH, LUA

DATABASE_URL = os.environ.get(
    "BENCH_VOICE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_bench_voice"
)
REDIS_URL = os.environ.get("BENCH_VOICE_REDIS_URL", "redis://127.0.0.1:6379/10")
FOLLOWERS = int(os.environ.get("BENCH_VOICE_FOLLOWERS", "10000"))
ITEMS = int(os.environ.get("BENCH_VOICE_ITEMS", "200000"))
DURATION = int(os.environ.get("BENCH_VOICE_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_VOICE_ROUNDS", "3"))
# About one per server thread, so the latencies are the page's own, not a queue in front of it.
CONNECTIONS = int(os.environ.get("BENCH_VOICE_CONNECTIONS", "10"))
WORKERS, THREADS = 2, 4  # as the Procfile
PUBLIC_PATH = "/you-said/"
FOLLOWED_TITLE = "Cheaper bus tickets for everyone under 18"

# The real worker with one change: emails go to files in the folder given.
WORKER = """
import sys
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
settings.EMAIL_FILE_PATH = sys.argv[1]
from config.celery import app
app.worker_main(["worker", "--pool=solo", "--concurrency=1", "--without-gossip",
                 "--without-mingle", "--loglevel=INFO"])
"""


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.benchmarks.page_settings",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        DEBUG="false",
        TESTING="false",
        CELERY_TASK_ALWAYS_EAGER="false",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE="600",
        PYTHONPATH=str(ROOT),
    )
    return env


def _in_django(call: str, env: dict) -> dict:
    """Run `call` (a function of this module) in a process of its own set up as production
    is; it prints one line of JSON."""
    code = (
        "import django; django.setup(); "
        f"from tests.benchmarks import test_voice_bench as bench; bench.{call}()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- Run in the bench database's own process ----------------------------------------------------


def seed() -> None:
    """An officer's council, ten organisations, six forums, 10,000 young people following one
    routed item (each chose email at once for answers), and ITEMS public items in all."""
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from participation.models import (
        Delivery,
        Group,
        GroupKind,
        NotificationChoice,
        NotificationTopic,
        Organisation,
        OrganisationKind,
        Role,
        RoleAssignment,
        User,
    )
    from participation.services import role_grant
    from participation.voice.models import (
        ANSWERED,
        PUBLIC_STATUSES,
        Follow,
        FollowKind,
        ItemStatus,
        Response,
        Source,
        Topic,
        YouSaidItem,
    )

    started = time.monotonic()
    now = timezone.now()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Service {n}", slug=f"service-{n}", kind=OrganisationKind.choices[0][0])
        for n in range(10)
    )
    forums = Group.objects.bulk_create(
        Group(name=f"Forum {n}", slug=f"forum-{n}", kind=GroupKind.FORUM) for n in range(6)
    )
    password = make_password("bench-password")
    officer = User.objects.create(
        email="officer@example.org", first_name="Helen", password=password
    )
    role_grant(user=officer, role=Role.OFFICER, organisation=organisations[0])
    worker = User.objects.create(email="worker@example.org", first_name="Priya", password=password)
    role_grant(user=worker, role=Role.WORKER)
    followers = User.objects.bulk_create(
        (
            User(email=f"young{n}@example.org", first_name=f"Young{n}", password=password)
            for n in range(FOLLOWERS)
        ),
        batch_size=2000,
    )
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user=u, role=Role.YOUNG_PERSON) for u in followers), batch_size=5000
    )
    NotificationChoice.objects.bulk_create(
        (
            NotificationChoice(user=u, kind=NotificationTopic.ANSWERS, delivery=Delivery.EMAIL_NOW)
            for u in followers
        ),
        batch_size=5000,
    )
    topics, statuses = Topic.values, list(PUBLIC_STATUSES)

    def item(n: int, **fields) -> YouSaidItem:
        created = now - timedelta(minutes=n * 5)
        values = {
            "topic": topics[n % len(topics)],
            "title": f"Something young people said, number {n}",
            "text": "We want more things to do after school, near where we live.",
            "source": Source.YOUNG_PERSON,
            "group": forums[n % len(forums)],
            "raised_by": followers[n % len(followers)],
            "status": statuses[n % len(statuses)],
            "created_at": created,
            "text_approved_at": created,
            "routed_to": organisations[n % len(organisations)],
            "routed_by": worker,
            "routed_at": created,
            "due_on": (created + timedelta(days=28)).date(),
        }
        values.update(fields)
        if values["status"] in ANSWERED:
            values["first_answered_at"] = created + timedelta(days=10)
        return YouSaidItem(**values)

    followed = item(0, title=FOLLOWED_TITLE, status=ItemStatus.ROUTED)
    followed.save()
    Follow.objects.bulk_create(
        (
            Follow(item=followed, user=u, kind=FollowKind.RAISED if n == 0 else FollowKind.FOLLOW)
            for n, u in enumerate(followers)
        ),
        batch_size=5000,
    )
    for start in range(1, ITEMS, 10000):
        rows = YouSaidItem.objects.bulk_create(
            item(n) for n in range(start, min(start + 10000, ITEMS))
        )
        Response.objects.bulk_create(
            Response(
                item=r,
                outcome=r.status if r.status in ANSWERED else ItemStatus.DONE,
                text="We opened the youth centre on Saturdays.",
                plain_text="The youth centre is open on Saturdays now.",
                published_by=officer,
                organisation=r.routed_to,
                published_at=r.first_answered_at or r.created_at,
            )
            for r in rows
            if r.status in ANSWERED or r.status == ItemStatus.CLOSED
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(json.dumps({"seconds": round(time.monotonic() - started, 1)}))


def publish() -> None:
    """Publish the officer's answer to the followed item; times the write and the queueing."""
    from django.db import transaction

    from participation.models import Notification, User
    from participation.voice import services
    from participation.voice.models import YouSaidItem

    officer = User.objects.get(email="officer@example.org")
    item = YouSaidItem.objects.get(title=FOLLOWED_TITLE)
    marks = {}
    started_wall, started = time.time(), time.perf_counter()
    with transaction.atomic():
        # Registered first, so it runs first after the commit, before the deliveries are queued.
        transaction.on_commit(lambda: marks.setdefault("committed", time.perf_counter()))
        services.response_publish(
            items=[item],
            published_by=officer,
            outcome="done",
            text="From January, everyone under 18 pays £1 for a day ticket on every bus.",
            plain_text="Bus tickets for under-18s cost £1 a day from January.",
        )
    queued = time.perf_counter()
    committed_wall = started_wall + (marks["committed"] - started)
    print(
        json.dumps(
            {
                "write_seconds": round(marks["committed"] - started, 3),
                "queue_seconds": round(queued - marks["committed"], 3),
                "committed_at": committed_wall,
                "notifications": Notification.objects.filter(kind="voice.response").count(),
                "to_email": Notification.objects.filter(
                    kind="voice.response", wants_email=True
                ).count(),
            }
        )
    )


# --- The benchmark ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def voice_database():
    try:
        import psycopg2
        import redis
    except ImportError as error:
        pytest.skip(f"voice benchmark skipped: {error}")
    admin_dsn = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    name = DATABASE_URL.rsplit("/", 1)[1]
    try:
        admin = psycopg2.connect(admin_dsn, connect_timeout=3)
        redis.Redis.from_url(REDIS_URL).flushdb()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"voice benchmark skipped: PostgreSQL or Redis not reachable: {error}")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    env = _env()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seeded = _in_django("seed", env)
    return env, seeded


def run_wrk(wrk: str, url: str, seconds: int) -> dict:
    command = [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "30s"]
    out = subprocess.run(
        [*command, "-s", LUA, url, "--", "-"], capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _undelivered(cursor) -> int:
    cursor.execute(
        "SELECT count(*) FROM participation_notification "
        "WHERE kind = 'voice.response' AND delivered_at IS NULL"
    )
    return cursor.fetchone()[0]


def _emails_in(outbox: Path) -> int:
    return sum(path.read_text().count("\nSubject: ") for path in outbox.iterdir())


def test_publish_to_ten_thousand_followers_and_deliver(voice_database, tmp_path):
    import psycopg2

    env, seeded = voice_database
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    log_path = ROOT / "var" / "bench-voice-worker.log"
    log = open(log_path, "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(outbox)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        # Ready when it says so (or after 30 s, when its start-up then counts in the figure).
        deadline = time.monotonic() + 30
        while "ready." not in log_path.read_text() and time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail(f"the Celery worker stopped; see {log_path}")
            time.sleep(0.2)
        published = _in_django("publish", env)
        database = psycopg2.connect(DATABASE_URL)
        database.autocommit = True
        with database.cursor() as cursor:
            deadline = time.monotonic() + 600
            while _undelivered(cursor) and time.monotonic() < deadline:
                time.sleep(0.1)
            delivered_at = time.time()
            left = _undelivered(cursor)
        database.close()
    finally:
        worker.terminate()
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
    deliver_seconds = round(delivered_at - published["committed_at"], 1)
    emails = _emails_in(outbox)
    summary = {
        "data": f"{FOLLOWERS} followers who chose email at once, {ITEMS} items in all",
        "seeded_in_seconds": seeded["seconds"],
        "notifications_written": published["notifications"],
        "write_and_commit_seconds": published["write_seconds"],
        "write_target_seconds": 2,
        "queue_after_commit_seconds": published["queue_seconds"],
        "one_worker_delivers_all_seconds": deliver_seconds,
        "deliver_target_seconds": 60,
        "emails_in_outbox": emails,
        "left_undelivered": left,
        "worker": "one Celery worker process (solo pool), Redis broker, emails to files",
    }
    print("\nBENCH voice: one answer to 10,000 followers\n" + json.dumps(summary, indent=2))
    assert left == 0 and emails == published["to_email"] == FOLLOWERS, summary
    if os.environ.get("BENCH_ENFORCE_VOICE") == "1":
        assert published["write_seconds"] <= 2 and deliver_seconds <= 60, summary


def test_public_page_over_many_items_beside_a_bare_page(voice_database, wrk):
    env, _ = voice_database
    with gunicorn(
        "tests.benchmarks.page_wsgi:application",
        env=env,
        workers=WORKERS,
        threads=THREADS,
        ready_path=BARE_PAGE_PATH,
        log_name="bench-voice-gunicorn.log",
    ) as base:
        pages = {"bare": base + BARE_PAGE_PATH, "public": base + PUBLIC_PATH}
        for url in pages.values():  # warm up
            run_wrk(wrk, url, 1)
        runs = {name: [] for name in pages}
        for i in range(ROUNDS):
            order = list(pages.items())
            if i % 2:
                order.reverse()
            for name, url in order:
                runs[name].append(run_wrk(wrk, url, DURATION))
    report = {}
    for name, rs in runs.items():
        report[name] = {
            "per_second": round(statistics.median(r["rate"] for r in rs)),
            "p50_ms": round(statistics.median(r["p50_us"] for r in rs) / 1000, 1),
            "p95_ms": round(statistics.median(r["p95_us"] for r in rs) / 1000, 1),
            "p99_ms": round(statistics.median(r["p99_us"] for r in rs) / 1000, 1),
            "statuses": sorted({s for r in rs for s in r["statuses"]}),
            "errors": sum(r["errors"] for r in rs),
        }
    ratio = report["public"]["per_second"] / max(report["bare"]["per_second"], 1)
    summary = {
        "page": f"{PUBLIC_PATH} (anonymous, first page of {ITEMS} public items)",
        "server": f"gunicorn gthread {WORKERS} x {THREADS}, --reuse-port",
        "rounds": f"{ROUNDS} x {DURATION} s each, alternating with the bare page",
        "connections": CONNECTIONS,
        "ratio_to_bare": round(ratio, 2),
        **report,
    }
    print("\nBENCH voice: public page beside a bare page\n" + json.dumps(summary, indent=2))
    print(f"{'page':10} req/s  p50 ms  p95 ms  p99 ms")
    for name, r in report.items():
        print(f"{name:10} {r['per_second']:5} {r['p50_ms']:7} {r['p95_ms']:7} {r['p99_ms']:7}")
    assert report["public"]["statuses"] == ["200"] and report["bare"]["statuses"] == ["200"]
