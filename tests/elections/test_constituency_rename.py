"""Issue 23: the first constituency starts with the election's title; a worker renames any
constituency while the election is a draft, and is told plainly why not after that."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.elections import services
from forums.elections.models import ElectionStatus
from participation.access import Refused
from participation.models import AuditEvent
from tests.elections.factories import ConstituencyFactory, ElectionFactory
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

TOO_LATE = "You can only change a constituency's name before the election is published."


def test_a_worker_renames_the_first_constituency_of_a_draft(worker):
    election = ElectionFactory(title="Kent Youth County Council election", status="draft")
    first = election.constituencies.get()
    assert first.name == election.title
    services.constituency_rename(actor=worker, constituency=first, name="  Tunbridge Wells ")
    first.refresh_from_db()
    assert first.name == "Tunbridge Wells"
    assert AuditEvent.objects.filter(action="election.constituency_rename").count() == 1


def test_renaming_is_refused_once_the_election_is_published(worker):
    constituency = ElectionFactory(status=ElectionStatus.OPEN).constituencies.get()
    with pytest.raises(ValidationError) as refusal:
        services.constituency_rename(actor=worker, constituency=constituency, name="Maidstone")
    assert refusal.value.messages == [TOO_LATE]
    constituency.refresh_from_db()
    assert constituency.name != "Maidstone"


def test_a_young_person_cannot_rename_a_constituency():
    constituency = ElectionFactory(status=ElectionStatus.DRAFT).constituencies.get()
    with pytest.raises(Refused):
        services.constituency_rename(
            actor=YoungPersonFactory(), constituency=constituency, name="Mine"
        )


def test_the_manage_page_renames_each_constituency_in_its_own_form(client, login, worker):
    election = ElectionFactory(status=ElectionStatus.DRAFT)
    first = election.constituencies.get()
    second = ConstituencyFactory(election=election, name="Maidstone")
    login(worker)
    manage = reverse("elections:manage", args=[election.pk])
    html = client.get(manage).content.decode()
    for constituency in (first, second):
        assert f'id="id_rename{constituency.pk}-name"' in html
        assert f"New name for {constituency.name}" in html
    url = reverse("elections:constituency_rename", args=[election.pk, second.pk])
    empty = client.post(url, {f"rename{second.pk}-name": "  "})
    assert empty.status_code == 400
    assert "There is a problem" in empty.content.decode()
    done = client.post(url, {f"rename{second.pk}-name": "Canterbury"}, follow=True)
    assert "Name changed." in done.content.decode()
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.name, second.name) == (election.title, "Canterbury")


def test_a_late_rename_shows_why_on_the_manage_page(client, login, worker):
    election = ElectionFactory(status=ElectionStatus.OPEN)
    constituency = election.constituencies.get()
    login(worker)
    url = reverse("elections:constituency_rename", args=[election.pk, constituency.pk])
    response = client.post(url, {f"rename{constituency.pk}-name": "Maidstone"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert TOO_LATE.replace("'", "&#x27;") in html
    assert 'value="Maidstone"' in html  # what was typed is kept


def test_a_constituency_of_another_election_is_not_found(client, login, worker):
    election = ElectionFactory(status=ElectionStatus.DRAFT)
    other = ElectionFactory(status=ElectionStatus.DRAFT).constituencies.get()
    login(worker)
    url = reverse("elections:constituency_rename", args=[election.pk, other.pk])
    assert client.post(url, {f"rename{other.pk}-name": "Mine"}).status_code == 404
