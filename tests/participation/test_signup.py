"""Self sign-up: 13 to 25 only, after email verification; under-13s get a friendly page."""

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participation.models import Role, User

pytestmark = pytest.mark.django_db


def years_ago(years: int, days_extra: int = 0) -> date:
    today = timezone.localdate()
    return date(today.year - years, today.month, min(today.day, 28)) - timezone.timedelta(
        days=days_extra
    )


def signup_data(**overrides):
    data = {
        "email": "newperson@example.org",
        "password1": "a-very-good-password-42",
        "password2": "a-very-good-password-42",
        "first_name": "Kai",
        "date_of_birth": years_ago(13).isoformat(),
        "area": "Bilston",
    }
    data.update(overrides)
    return data


def test_under_13_is_refused_with_a_clear_message_and_keeps_what_was_typed(client):
    twelve = years_ago(13) + timezone.timedelta(days=1)
    response = client.post(reverse("account_signup"), signup_data(date_of_birth=twelve.isoformat()))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You need to be 13 or older to make your own account" in page
    assert "There is a problem" in page  # the error summary
    assert 'value="newperson@example.org"' in page
    assert 'value="Kai"' in page
    assert reverse("under_13") in page
    assert not User.objects.filter(email="newperson@example.org").exists()


def test_over_25_is_refused(client):
    response = client.post(
        reverse("account_signup"), signup_data(date_of_birth=years_ago(26, 1).isoformat())
    )
    assert "for young people aged 13 to 25" in response.content.decode()
    assert not User.objects.exists()


def test_a_date_in_the_future_is_refused(client):
    future = timezone.localdate() + timezone.timedelta(days=3)
    response = client.post(reverse("account_signup"), signup_data(date_of_birth=future.isoformat()))
    assert "be in the future" in response.content.decode()


def test_13_signs_up_and_can_only_log_in_after_verifying_email(client):
    response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="newperson@example.org")
    assert user.has_role(Role.YOUNG_PERSON)
    assert user.first_name == "Kai"
    assert not EmailAddress.objects.get(user=user).verified

    client.logout()
    login = client.post(
        reverse("account_login"),
        {"login": "newperson@example.org", "password": "a-very-good-password-42"},
    )
    assert login.status_code == 302
    assert login.url == reverse("account_email_verification_sent")

    [message] = [m for m in mail.outbox if "newperson@example.org" in m.to][-1:]
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", message.body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    login = client.post(
        reverse("account_login"),
        {"login": "newperson@example.org", "password": "a-very-good-password-42"},
    )
    assert login.status_code == 302
    assert client.get(reverse("notifications")).status_code == 200


def test_the_under_13_page_explains_what_to_do(client):
    page = client.get(reverse("under_13")).content.decode()
    assert "parent or carer" in page
    assert "participation worker" in page


def test_date_of_birth_is_never_shown_only_an_age_band(young_person):
    assert young_person.age_band == "13 to 15"
