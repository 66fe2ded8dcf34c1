"""One applicant cannot open or change another's application by URL; workers' pages are for
workers; the files are downloads for workers only."""

import pytest
from django.urls import reverse

from grants.models import Application
from tests.grants.factories import FIELDS, World

pytestmark = pytest.mark.django_db


def test_another_young_person_cannot_open_or_change_an_application(client):
    w = World()
    draft = w.start()
    client.force_login(w.other)
    for name in ("application", "edit", "showcase_suggest"):
        response = client.get(reverse(f"grants:{name}", args=[draft.pk]))
        assert response.status_code in (403, 404), name
    response = client.post(
        reverse("grants:edit", args=[draft.pk]), {**FIELDS, "title": "Stolen", "action": "save"}
    )
    assert response.status_code in (403, 404)
    response = client.post(reverse("grants:withdraw", args=[draft.pk]))
    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.title == "Knit and Natter" and draft.is_draft


def test_the_applicant_can_open_their_own_and_a_worker_can_see_it(client):
    w = World()
    draft = w.start()
    client.force_login(w.applicant)
    assert client.get(reverse("grants:application", args=[draft.pk])).status_code == 200
    assert client.get(reverse("grants:edit", args=[draft.pk])).status_code == 200
    client.force_login(w.worker)
    assert client.get(reverse("grants:application", args=[draft.pk])).status_code == 200
    # A worker can't write a young person's application for them.
    assert client.get(reverse("grants:edit", args=[draft.pk])).status_code == 404


def test_young_people_cannot_reach_the_workers_pages(client):
    w = World()
    application = w.submitted()
    client.force_login(w.applicant)
    for url in (
        reverse("grants:manage", args=[w.round.slug]),
        reverse("grants:panel", args=[w.round.slug]),
        reverse("grants:reviewer_add", args=[w.round.slug]),
        reverse("grants:round_create"),
        reverse("grants:showcase_queue"),
        reverse("grants:decide", args=[application.pk]),
        reverse("grants:consent", args=[application.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url
    response = client.post(
        reverse("grants:decide", args=[application.pk]),
        {"outcome": "award", "reason": "I award myself"},
    )
    assert response.status_code in (403, 404)
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_logged_out_people_are_sent_to_log_in_and_read_pages_are_public(client):
    w = World()
    draft = w.start()
    response = client.get(reverse("grants:application", args=[draft.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url in (
        reverse("grants:list"),
        reverse("grants:round", args=[w.round.slug]),
        reverse("grants:showcase"),
    ):
        assert client.get(url).status_code == 200


def test_a_draft_can_be_withdrawn_but_a_sent_application_only_through_a_worker(client):
    from grants import services

    w = World()
    draft = w.start(w.other, title="Maybe later")
    services.application_withdraw(actor=w.other, application=draft)
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    sent = w.submitted()
    client.force_login(w.applicant)
    response = client.post(reverse("grants:withdraw", args=[sent.pk]), follow=True)
    assert "it can&#x27;t be withdrawn here" in response.content.decode()
    assert Application.objects.get(pk=sent.pk).status == "submitted"
