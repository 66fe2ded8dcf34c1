"""Login throttling counts per person, never per building.

Through the real allauth log-in form, as a school would use it: every pupil shares one
address. With the settings before this change (axes read the username from a field allauth
does not pass, so it counted every failure against an empty username, per address; allauth
limited failures to 10 a minute per address) `test_other_accounts_on_the_same_address_still_log_in`
fails: account B, with the right password, got the 429 lockout page.
"""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, YoungPersonFactory

SCHOOL = "10.0.0.1"
HOME = "192.0.2.7"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def _client(address: str = SCHOOL) -> Client:
    return Client(REMOTE_ADDR=address)


def _log_in(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _is_logged_in(client: Client) -> bool:
    return client.get(reverse("notifications")).status_code == 200


def _wrong_passwords(email: str, *, times: int, address: str = SCHOOL):
    last = None
    for _ in range(times):
        last = _log_in(_client(address), email, "not-my-password")
    return last


def test_other_accounts_on_the_same_address_still_log_in():
    amira = YoungPersonFactory(email="amira@example.org")
    ben = YoungPersonFactory(email="ben@example.org")

    locked = _wrong_passwords(amira.email, times=django_settings.AXES_FAILURE_LIMIT)
    assert locked.status_code == 429

    ben_client = _client()
    response = _log_in(ben_client, ben.email, PASSWORD)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _is_logged_in(ben_client)

    # Amira's account is the one that is locked, even with the right password.
    amira_client = _client()
    response = _log_in(amira_client, amira.email, PASSWORD)
    assert response.status_code == 429
    assert not _is_logged_in(amira_client)


def test_the_locked_account_is_told_plainly_for_how_long():
    amira = YoungPersonFactory(email="amira@example.org")
    response = _wrong_passwords(amira.email, times=django_settings.AXES_FAILURE_LIMIT)
    text = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert "<h1>Too many tries for this account</h1>" in text
    assert "The wrong password was typed for <strong>amira@example.org</strong> 5 times" in text
    minutes = django_settings.LOGIN_COOLOFF_MINUTES
    assert minutes == 15
    assert f"Please wait {minutes} minutes, then try again." in text
    assert "Other people can still log in to their own accounts." in text
    assert "Someone tried" not in text


def test_the_count_is_per_account_whatever_the_case_of_the_email():
    amira = YoungPersonFactory(email="amira@example.org")
    for typed in [
        "Amira@example.org",
        "AMIRA@EXAMPLE.ORG",
        "amira@Example.org",
        " amira@example.org",
    ]:
        _log_in(_client(), typed, "not-my-password")
    response = _log_in(_client(), amira.email, "not-my-password")
    assert response.status_code == 429


def test_after_the_cool_off_the_account_logs_in_again():
    amira = YoungPersonFactory(email="amira@example.org")
    start = dt.datetime(2026, 11, 5, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _wrong_passwords(amira.email, times=django_settings.AXES_FAILURE_LIMIT)
        clock.shift(dt.timedelta(minutes=django_settings.LOGIN_COOLOFF_MINUTES - 1))
        # Trying again while locked does not make the wait longer.
        assert _log_in(_client(), amira.email, PASSWORD).status_code == 429
        clock.shift(dt.timedelta(minutes=1, seconds=1))
        client = _client()
        response = _log_in(client, amira.email, PASSWORD)
        assert response.status_code == 302
        assert _is_logged_in(client)


def test_the_same_account_from_another_address_is_not_locked():
    amira = YoungPersonFactory(email="amira@example.org")
    _wrong_passwords(amira.email, times=django_settings.AXES_FAILURE_LIMIT)
    client = _client(HOME)
    assert _log_in(client, amira.email, PASSWORD).status_code == 302
    assert _is_logged_in(client)


def test_a_class_of_thirty_with_typos_all_log_in_from_one_address():
    pupils = [YoungPersonFactory(email=f"pupil{n}@example.org") for n in range(30)]
    for pupil in pupils:
        # Everybody mistypes, some three times: 60 wrong passwords from one address.
        _wrong_passwords(pupil.email, times=1 + pupils.index(pupil) % 3)
    for pupil in pupils:
        client = _client()
        response = _log_in(client, pupil.email, PASSWORD)
        assert response.status_code == 302, pupil.email


def test_a_right_password_starts_the_count_again():
    amira = YoungPersonFactory(email="amira@example.org")
    _wrong_passwords(amira.email, times=django_settings.AXES_FAILURE_LIMIT - 1)
    assert _log_in(_client(), amira.email, PASSWORD).status_code == 302
    response = _wrong_passwords(amira.email, times=django_settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200  # the form again, with its error; not locked
