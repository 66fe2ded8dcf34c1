"""A worker sets up an under-13's account, recording the parent or carer's consent."""

from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from participation.models import AuditEvent, ParentalConsent, Role, User

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "first_name": "Leo",
        "last_name": "Patel",
        "email": "leo@example.org",
        "date_of_birth": date(today.year - 11, 1, 1).isoformat(),
        "area": "Whitmore Reans",
        "parent_name": "Sam Patel",
        "relationship": "Dad",
        "parent_contact": "07700 900123",
        "how_given": "in_person",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return data


def test_worker_creates_account_and_consent_is_recorded(client, login, worker):
    login(worker)
    response = client.post(reverse("young_person_create"), form_data())
    assert response.status_code == 302
    child = User.objects.get(email="leo@example.org")
    assert child.has_role(Role.YOUNG_PERSON)
    assert child.age_band == "10 to 12"
    assert child.created_by == worker
    assert not child.has_usable_password()
    assert EmailAddress.objects.get(user=child).verified
    consent = ParentalConsent.objects.get(child=child)
    assert (consent.given_by_name, consent.relationship, consent.recorded_by) == (
        "Sam Patel",
        "Dad",
        worker,
    )
    assert AuditEvent.objects.filter(action="consent.record", target_id=str(child.pk)).exists()


def test_without_the_consent_tick_nothing_is_made_and_the_form_keeps_its_values(
    client, login, worker
):
    login(worker)
    response = client.post(reverse("young_person_create"), form_data(consent_confirmed=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick this box to confirm the parent or carer agreed." in page
    assert 'value="Sam Patel"' in page
    assert not User.objects.filter(email="leo@example.org").exists()


def test_an_email_already_in_use_is_a_clear_error(client, login, worker, young_person):
    login(worker)
    response = client.post(
        reverse("young_person_create"), form_data(email=young_person.email.upper())
    )
    assert response.status_code == 400
    assert "already has an account with this email" in response.content.decode()
    assert ParentalConsent.objects.count() == 0


def test_a_date_of_birth_outside_10_to_25_is_refused(client, login, worker):
    login(worker)
    response = client.post(reverse("young_person_create"), form_data(date_of_birth="2024-01-01"))
    assert response.status_code == 400
    assert "aged 10 to 25" in response.content.decode()


def test_each_empty_box_is_named_in_plain_words(client, login, worker):
    login(worker)
    response = client.post(reverse("young_person_create"), form_data(parent_name="", email=""))
    page = response.content.decode()
    assert "Fill in: Parent or carer&#x27;s name." in page
    assert "Fill in: Email address for the account." in page
    assert "This field is required" not in page
