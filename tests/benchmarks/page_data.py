"""The page benchmark's data: the demo data (and with BENCH_VOLUME=1 the larger set of
`manage.py bench_volume`), and a logged-in session for the demo young person and worker.

Run under tests.benchmarks.page_settings: `python -m tests.benchmarks.page_data OUT_DIR`.
Writes OUT_DIR/cookies.json: {"young": "<Cookie header>", "worker": "<Cookie header>"}, each
with the session and a CSRF cookie, as a browser sends after its first page.
"""

import json
import os
import sys
from pathlib import Path

import django


def main(out_dir: Path) -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils.module_loading import import_string

    from participation.middleware import MFA_CHECKED_SESSION_KEY
    from participation.models import User

    call_command("seed_demo", verbosity=0)
    if os.environ.get("BENCH_VOLUME") == "1":
        call_command("bench_volume", yes=True)
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")
    cookies = {}
    for name, email in (("young", "young@example.org"), ("worker", "worker@example.org")):
        user = User.objects.get(email=email)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if user.has_staff_role:
            session[MFA_CHECKED_SESSION_KEY] = True  # as after the worker's first MFA log-in
        session.save()
        # A browser keeps the CSRF cookie the first page set; so does the benchmark's client.
        cookies[name] = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
        )
    (out_dir / "cookies.json").write_text(json.dumps(cookies))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.benchmarks.page_settings")
    main(Path(sys.argv[1]))
