import pytest


@pytest.fixture
def cached_sessions(settings):
    """Sessions read from the cache, as production reads them from Redis (the page budget is
    counted that way: tests/pagebudget.py)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
