"""Staff must set up MFA before any staff page; young people get 403 on staff pages."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from participation.models import Role
from tests.conftest import current_totp_code
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["staff_home", "young_person_create"]


@pytest.mark.parametrize("role", [Role.WORKER, Role.PROFESSIONAL, Role.OFFICER, Role.ADMINISTRATOR])
@pytest.mark.parametrize("page", STAFF_PAGES + ["notifications"])
def test_staff_without_mfa_is_sent_to_set_it_up_first(client, login, make_user, role, page):
    user = make_user(role, mfa=False)
    login(user)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_staff_without_mfa_logs_in_and_lands_on_the_mfa_setup_page(client, make_user):
    worker = make_user(Role.WORKER, mfa=False)
    response = client.post(
        reverse("account_login"), {"login": worker.email, "password": PASSWORD}, follow=True
    )
    chain = [url for url, _ in response.redirect_chain]
    assert any(url.startswith(reverse("mfa_activate_totp")) for url in chain)
    # allauth asks for the password once more before adding an authenticator.
    assert chain[-1].startswith(reverse("account_reauthenticate"))
    response = client.post(chain[-1], {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("mfa_activate_totp")
    assert "Set up your authenticator app" in response.content.decode()
    assert response.status_code == 200
    assert "Set up your authenticator app" in response.content.decode()


def test_staff_who_set_up_mfa_can_then_open_staff_pages(client, login, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    worker = make_user(Role.WORKER, mfa=False)
    login(worker)
    assert client.get(reverse("staff_home")).status_code == 302
    TOTP.activate(worker, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert client.get(reverse("staff_home")).status_code == 200


def test_staff_log_in_asks_for_the_code_and_then_opens_staff_pages(client):
    worker = StaffFactory(roles=[Role.WORKER])
    response = client.post(reverse("account_login"), {"login": worker.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("staff_home")).status_code == 302  # not logged in yet
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("staff_home")).status_code == 200
    assert Authenticator.objects.filter(user=worker).exists()


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_young_person_gets_403_on_staff_pages(client, login, young_person, page):
    login(young_person)
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_anonymous_is_sent_to_log_in(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_young_person_pages_do_not_ask_for_mfa(client, login, young_person):
    login(young_person)
    assert client.get(reverse("notifications")).status_code == 200
