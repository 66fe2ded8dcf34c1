"""Bench-only settings: the real settings, plus what the benchmark server needs.

- sessions in signed cookies, so a logged-in request needs no session query (the fast path
  DESIGN.md measured; whether production does the same is the lead's call);
- plain static storage (no collectstatic manifest on a bench run);
- its own URLs, adding the bare insert view the ballot is compared with;
"""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.urls"
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# Kept pages' versions on Redis, as production keeps them (participation/page_cache.py): every
# ballot's write gives the voter-mark table a new version there. (Without REDIS_URL the portal
# keeps them in files, the embedded default, which is no measure of production.)
CACHES = {
    **CACHES,  # noqa: F405
    "pages": {
        "BACKEND": "participation.cache.SharedClientRedisCache",
        "LOCATION": os.environ.get("BENCH_PAGES_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "KEY_PREFIX": "bench-pages",
    },
}
