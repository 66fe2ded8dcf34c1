import pytest


@pytest.fixture
def cached_sessions(settings):
    """Sessions read from the cache, as production reads them from Redis (the page budget is
    counted that way: tests/pagebudget.py)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Bid files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def demo(settings):
    """The demo data up to and including commissioning's (see factories.seed_demo_to_here)."""
    from tests.commissioning.factories import seed_demo_to_here

    settings.DEBUG = True
    seed_demo_to_here()
    settings.DEBUG = False
