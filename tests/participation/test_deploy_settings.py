"""`manage.py check --deploy` is clean under production settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    skip = {"DEBUG", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests set the last
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "false",
    "TESTING": "false",
    "SECRET_KEY": "x9!" + "k" * 30 + "q7#z" + "m2@p" * 5 + "unique-and-long",
    "ALLOWED_HOSTS": "youthvoice.example.org",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
}


def test_check_deploy_prints_no_warnings_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_manage("check", SECRET_KEY="", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_seed_demo_refuses_to_run_when_debug_is_off():
    result = run_manage("seed_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "only runs with DEBUG on" in result.stderr
