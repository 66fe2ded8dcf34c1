"""A person can download everything held about them, and delete their account."""

import json

import pytest
from django.urls import reverse

from participation.models import AuditEvent, Membership, Notification, User
from participation.services import notify
from tests.factories import PASSWORD, GroupFactory

pytestmark = pytest.mark.django_db


def test_download_has_my_information_and_nobody_elses(client, login, young_person, make_user):
    other = make_user("young_person")
    notify(recipients=young_person, kind="test", title="Mine")
    notify(recipients=other, kind="test", title="Theirs")
    login(young_person)
    response = client.get(reverse("my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == young_person.email
    assert [n["title"] for n in data["participation"]["notifications"]] == ["Mine"]
    assert "participation.training_and_activities" in data  # from the registry
    assert other.email not in response.content.decode()


def test_delete_needs_the_words_typed_and_keeps_everything_otherwise(client, login, young_person):
    login(young_person)
    response = client.post(reverse("my_data"), {"confirmation": "yes please"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "delete my account" in page
    assert 'value="yes please"' in page
    assert User.objects.get(pk=young_person.pk).is_active


def test_delete_removes_personal_information_and_logs_out(client, login, young_person):
    Membership.objects.create(group=GroupFactory(), user=young_person)
    notify(recipients=young_person, kind="test", title="Bye")
    email = young_person.email
    login(young_person)
    response = client.post(reverse("my_data"), {"confirmation": "Delete my account "})
    assert response.status_code == 302
    user = User.objects.get(pk=young_person.pk)
    assert not user.is_active and user.date_of_birth is None and user.email != email
    assert not Membership.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="account.erase", target_id=str(user.pk)).exists()
    assert client.get(reverse("notifications")).status_code == 302
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert client.get(reverse("notifications")).status_code == 302


def test_my_data_needs_log_in(client):
    assert client.get(reverse("my_data")).status_code == 302
    assert client.get(reverse("my_data_download")).status_code == 302
