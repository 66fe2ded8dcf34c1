"""Benchmark fixtures: a fresh PostgreSQL database, gunicorn serving the portal, and wrk.

Run with `make bench` (pytest tests/benchmarks -m bench -s). What it needs, and what it does
when something is missing:
- PostgreSQL on 127.0.0.1:5432 (BENCH_DATABASE_URL, default database h_bench_elections, which
  is dropped and made again): skipped, saying so, if it is not running;
- wrk (Debian package `wrk`): installed with apt-get when running as root, else skipped;
- gunicorn from the virtualenv.
The server runs as production does (DEBUG off, connections kept open, gthread workers with
--reuse-port), with tests/benchmarks/settings.py on top of config/settings.py.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_bench_elections"
)
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.bench)


def _server_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.benchmarks.settings",
        DATABASE_URL=BENCH_DATABASE_URL,
        DEBUG="false",
        TESTING="false",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE="600",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture(scope="session")
def wrk() -> str:
    path = shutil.which("wrk")
    if path is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            "apt-get install -y wrk >/dev/null 2>&1 || "
            "(apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1)",
            shell=True,
            check=False,
        )
        path = shutil.which("wrk")
    if path is None:
        pytest.skip("benchmark skipped: wrk is not installed (apt-get install -y wrk)")
    return path


@pytest.fixture(scope="session")
def bench_database() -> str:
    try:
        import psycopg2
    except ImportError:
        pytest.skip("benchmark skipped: psycopg2 is not installed")
    parts = urlsplit(BENCH_DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_dsn = BENCH_DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        admin = psycopg2.connect(admin_dsn, connect_timeout=3)
    except psycopg2.OperationalError as error:
        pytest.skip(f"benchmark skipped: PostgreSQL is not reachable at {admin_dsn}: {error}")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=_server_env(),
        check=True,
    )
    return BENCH_DATABASE_URL


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(
    app: str,
    *,
    env: dict,
    workers: int,
    threads: int,
    ready_path: str,
    log_name: str,
    extra: tuple[str, ...] = (),
):
    """Serve `app` as production does (gthread, --reuse-port, keep-alive) until the block ends;
    yields the base URL once `ready_path` answers."""
    binary = VENV_BIN / "gunicorn"
    if not binary.exists():
        pytest.skip("benchmark skipped: gunicorn is not installed in the virtualenv")
    port = _free_port()
    log = open(ROOT / "var" / log_name, "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(binary),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--reuse-port",
            "--keep-alive",
            "30",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + ready_path, timeout=2).read()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"gunicorn did not start; see {log.name}")
            time.sleep(0.2)
    try:
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(20)
        log.close()


@pytest.fixture(scope="session")
def bench_server(bench_database):
    # config.wsgi's application, plus the bare view without middleware (see wsgi.py).
    with gunicorn(
        "tests.benchmarks.wsgi:application",
        env=_server_env(),
        workers=WORKERS,
        threads=THREADS,
        ready_path="/privacy/",
        log_name="bench-gunicorn.log",
        extra=("--backlog", "2048", "--worker-connections", "1000"),
    ) as base:
        yield base
