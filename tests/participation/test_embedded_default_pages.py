"""The README's first command runs the portal on SQLite with the demo data: every demo
account's main pages answer 200 there, not only on PostgreSQL (where the rest of the suite and
CI run), and no part of one fails and is left out: a query SQLite cannot run (a LIMIT inside a
UNION, in the grants home items) took a young person's Pay it Forward items off their home
page on the embedded default only, logged and unseen.

In a subprocess against a fresh FILE database, whatever database the suite uses: the schema
straight from the models, `seed_demo`, then each account's pages through Django's test client.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PAGES = [
    "/",
    "/my-data/",
    "/notifications/",
    "/forums/",
    "/forums/mine/",
    "/elections/",
    "/training/",
    "/training/mine/",
    "/activities/",
    "/you-said/",
    "/news/",
    "/grants/",
    "/charter/",
    "/commissioning/",
    "/mentoring/",
    "/mentoring/record/",
    "/staff/",
]

SCRIPT = """
import django
django.setup()
from io import StringIO
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import Client
settings.MIGRATION_MODULES = {{app.label: None for app in apps.get_app_configs()}}
settings.ALLOWED_HOSTS = ["testserver"]
settings.MEDIA_ROOT = {media!r}
settings.CACHES["pages"]["LOCATION"] = {page_cache!r}  # not the developer's own var/
call_command("migrate", run_syncdb=True, verbosity=0)
call_command("seed_demo", stdout=StringIO())
import logging
class Failures(logging.Handler):
    # A part of a page that fails is logged and left out (the home page's items): a failure too.
    def emit(self, record):
        print("FAIL logged", record.name, record.getMessage(), record.exc_text or "")
logging.getLogger().addHandler(Failures(level=logging.ERROR))
from participation.demo import ACCOUNTS
from participation.models import User
for email, *_ in ACCOUNTS:
    user = User.objects.get(email=email)
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["portal.staff_mfa_ok"] = True
    session.save()
    for url in {pages!r}:
        status = client.get(url).status_code
        if status >= 500:
            print("FAIL", email, url, status)
print("DONE")
"""


def test_every_demo_accounts_main_pages_answer_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        DEBUG="true",
    )
    script = SCRIPT.format(
        media=str(tmp_path / "media"), page_cache=str(tmp_path / "page-cache"), pages=PAGES
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "DONE" in out.stdout, out.stdout + out.stderr[-3000:]
    failures = [line for line in out.stdout.splitlines() if line.startswith("FAIL")]
    assert not failures, "\n".join(failures) + "\n" + out.stderr[-3000:]
