"""Log in, log out, password reset, change email, and the login rate limit."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_log_in_and_log_out(client, young_person):
    response = client.post(
        reverse("account_login"), {"login": young_person.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("notifications")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("notifications")).status_code == 302


def test_a_wrong_password_says_so_plainly_and_keeps_the_email(client, young_person):
    response = client.post(
        reverse("account_login"), {"login": young_person.email, "password": "not-it"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert young_person.email in page


def test_password_reset_by_email(client, young_person):
    client.post(reverse("account_reset_password"), {"email": young_person.email})
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)[1]
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "a-brand-new-password-9", "password2": "a-brand-new-password-9"}
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": young_person.email, "password": "a-brand-new-password-9"},
    )
    assert response.status_code == 302
    assert client.get(reverse("notifications")).status_code == 200


def test_change_email_needs_the_new_address_verified(client, login, young_person):
    login(young_person)
    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    new = EmailAddress.objects.get(user=young_person, email="new@example.org")
    assert not new.verified
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)[1]
    client.post(link)
    new.refresh_from_db()
    assert new.verified


def test_login_is_rate_limited(client, young_person, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("account_login"), {"login": young_person.email, "password": "no"})
    response = client.post(
        reverse("account_login"), {"login": young_person.email, "password": "no"}
    )
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    # Even the right password does not get in while locked out.
    client.post(reverse("account_login"), {"login": young_person.email, "password": PASSWORD})
    assert client.get(reverse("notifications")).status_code == 302
