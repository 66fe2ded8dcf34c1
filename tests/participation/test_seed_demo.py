"""seed_demo: idempotent, and every demo account can log in (staff with their TOTP code)."""

from io import StringIO

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import call_command
from django.urls import reverse

from participation.demo import ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from participation.models import Group, Organisation, RoleAssignment, User
from tests.conftest import current_totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Group.objects.count(),
        RoleAssignment.objects.count(),
    )


def test_seed_demo_is_idempotent(seeded, settings):
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before
    assert Organisation.objects.filter(name="City of Wolverhampton Council").exists()
    assert Group.objects.filter(name="Corporate Parenting Board", kind="board").exists()


@pytest.mark.parametrize("email", [a[0] for a in ACCOUNTS] + ["child@example.org"])
def test_every_demo_login_works(seeded, client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email=email)
    if user.has_staff_role or is_mfa_enabled(user):  # providers too (commissioning/views/mfa.py)
        assert response.url == reverse("mfa_authenticate")
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_totp_code(DEMO_TOTP_SECRET)}
        )
        assert response.status_code == 302
        home = "staff_home" if user.has_staff_role else "notifications"
        assert client.get(reverse(home)).status_code == 200
    else:
        assert client.get(reverse("notifications")).status_code == 200


def test_demo_totp_prints_the_current_code(seeded):
    out = StringIO()
    call_command("demo_totp", "worker@example.org", stdout=out)
    assert out.getvalue().strip() == current_totp_code(DEMO_TOTP_SECRET)
