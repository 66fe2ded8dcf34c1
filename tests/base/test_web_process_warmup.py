"""A web process loads its URL patterns and templates before it serves, then leaves them out of
the garbage collector's full scans (config/wsgi.py, participation/warmup.py; issue 24's p99)."""

import os
import subprocess
import sys
from pathlib import Path

from participation.warmup import _portal_template_names, load_everything

ROOT = Path(__file__).resolve().parents[2]


def test_every_portal_template_compiles_at_start_up():
    names = _portal_template_names()
    assert "base.html" in names
    assert "forums/list.html" in names
    # Libraries' own templates are theirs to load (some need apps the portal leaves out).
    assert not {"admin/base.html", "socialaccount/snippets/login.html"} & set(names)
    assert load_everything() == len(names)


def test_the_web_process_starts_with_nothing_left_for_a_full_collection_to_scan():
    script = (
        "import gc, config.wsgi\n"
        "from django.urls import get_resolver\n"
        "assert get_resolver()._populated\n"
        "print(gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(DEBUG="false", SECRET_KEY="start-up-test-" + "k" * 50)  # as production runs
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    frozen, tracked = map(int, out.stdout.split())
    assert frozen > 50_000  # the portal as loaded: settings, models, views, templates
    assert tracked < 1_000, f"{tracked} objects still scanned by every full collection"
