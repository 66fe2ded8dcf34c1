"""Settings for the page benchmark (issue 24): the real settings as production runs them, with
sessions on Redis (cached_db: read from the cache, kept in the database), plain static storage
and the page-bench URLs (the portal plus the bare template page)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.page_urls"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
