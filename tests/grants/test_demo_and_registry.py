"""The demo Pay it Forward comes from the seeds; the app hands its parts to the base through
the registry (export, record, dashboard, erasure, home items, periodic tasks, moderation)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from grants.models import Application, ApplicationStatus, Award, Round, ShowcaseEntry, Visit
from participation.models import User
from participation.registry import registry
from participation.schedules import PERIODIC_TASKS
from participation.services import account_erase, personal_data_export
from participation.services.personal_data import ERASE_CONFIRMATION
from participation.voice.moderation import REPORTABLE
from tests.grants.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_comes_from_the_seeds_and_runs_twice(seeded, client):
    finished = Round.objects.get(name="Pay it Forward 2020")
    assert finished.opens_at.year == 2020
    assert sorted(ShowcaseEntry.objects.values_list("title", flat=True)) == [
        "Born Again Pond",
        "Homely Hampers Project",
        "Lego Club",
    ]
    assert Award.objects.filter(round=finished, status="completed").count() == 3
    assert Visit.objects.filter(award__round=finished, status="done").count() == 3
    current = Round.objects.exclude(pk=finished.pk).get()
    assert current.is_open()
    amira = User.objects.get(email="young@example.org")
    draft = Application.objects.get(applicant=amira)
    assert draft.status == ApplicationStatus.DRAFT and draft.round == current
    assert current.applications.filter(status="submitted").count() == 2
    # The Ambassador (19) is a trained reviewer on both panels.
    ambassador = User.objects.get(email="ambassador@example.org")
    assert current.panel.panellists.filter(person=ambassador).exists()
    call_command("seed_demo", stdout=StringIO())
    assert Round.objects.count() == 2
    showcase = client.get(reverse("grants:showcase")).content.decode()
    assert "Born Again Pond" in showcase and "The Pond Team" in showcase
    assert "Ellis" not in showcase and "Baker" not in showcase
    assert "£2,050" in showcase  # 1,000 + 450 + 600
    client.force_login(ambassador)
    reviews = client.get(reverse("grants:reviews", args=[current.slug]))
    assert reviews.status_code == 200
    assert "Friday Board Games Club" in reviews.content.decode()
    assert "Noah" not in reviews.content.decode()


def test_the_registry_has_every_part():
    assert "grants" in registry.export_sections
    assert "grants" in registry.record_sections
    assert "grants" in registry.dashboard_sections
    assert "grants" in registry.home_items
    assert "grants" in registry.erasers
    assert "grants.showcaseentry" in REPORTABLE
    tasks = {entry["task"] for entry in PERIODIC_TASKS.values()}
    assert {"grants.tasks.send_review_reminders", "grants.tasks.send_visit_reminders"} <= tasks


def test_export_record_home_and_erasure():
    w = World()
    application = w.reviewed(w.submitted())
    w.award(application)
    exported = personal_data_export(user=w.applicant)
    assert "Knit and Natter" in str(exported)
    assert "Heath Park School" in str(exported)
    record = registry.record_sections["grants"](w.applicant)
    assert any("Knit and Natter" in i["text"] for i in record["items"])
    reviewer_record = registry.record_sections["grants"](w.reviewers[0])
    assert any(
        "Reviewed a Pay it Forward application" in i["text"] for i in reviewer_record["items"]
    )
    items = registry.home_items["grants"](w.applicant)
    assert any("decided" in i["text"] for i in items)
    assert any("Review" in i["text"] for i in registry.home_items["grants"](w.reviewers[0]))
    dashboard = registry.dashboard_sections["grants"]()
    assert dashboard["rows"][0]["awarded"] == "£500"
    assert dashboard["rows"][0]["grants"] == "fewer than 5"
    account_erase(user=w.applicant, confirmation=ERASE_CONFIRMATION)
    assert not Application.objects.exists()
    award = Award.objects.get()
    assert award.application is None and award.amount == 500
