import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from participation.models import Role
from tests import factories


def current_totp_code(secret: str = factories.TOTP_SECRET) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()
    yield


@pytest.fixture
def young_person(db):
    return factories.YoungPersonFactory()


@pytest.fixture
def worker(db):
    return factories.WorkerFactory()


@pytest.fixture
def make_user(db):
    """Build a user holding the given roles; staff roles get MFA unless mfa=False."""

    def make(*roles: str, mfa: bool = True, **fields):
        from participation.models.accounts import STAFF_ROLES

        if any(r in STAFF_ROLES for r in roles):
            return factories.StaffFactory(roles=list(roles), mfa=mfa, **fields)
        if Role.YOUNG_PERSON in roles:
            return factories.YoungPersonFactory(roles=list(roles), **fields)
        return factories.UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def login(client):
    """Log a user in directly (the log-in and MFA pages have tests of their own)."""

    def do_login(user, *, the_client=None):
        c = the_client or client
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    return do_login
