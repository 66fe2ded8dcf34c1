"""The demo round and recruitment come from the seeds; the app hands its parts to the base
through the registry (export, erasure, record, dashboard, home items)."""

from io import StringIO

import pytest
from django.urls import reverse

from commissioning.demo import RECRUITMENT_TITLE, ROUND_TITLE
from commissioning.models import (
    Bid,
    BidStatus,
    Recruitment,
    RecruitmentStatus,
    Round,
    SpecComment,
    Stage,
    Statement,
)
from participation.models import User
from participation.registry import registry
from participation.services import personal_data_export
from participation.services.personal_data import ERASE_CONFIRMATION, account_erase

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo):
    return demo


def test_the_demo_round_comes_from_the_seeds_and_runs_twice(seeded, client, login):
    round = Round.objects.get(title=ROUND_TITLE)
    assert round.stage == Stage.EVALUATION
    assert round.versions.count() == 2
    bids = Bid.objects.filter(round=round, status=BidStatus.SUBMITTED)
    assert {b.organisation.name for b in bids} == {
        "Bilston Youth Project",
        "Whitmore Reans Community Trust",
        "Wolverhampton Young Minds",
    }
    assert round.quality_panel.panellists.count() == 2
    recruitment = Recruitment.objects.get(title=RECRUITMENT_TITLE)
    assert recruitment.status == RecruitmentStatus.INTERVIEWING
    assert recruitment.candidates.count() == 3
    from commissioning.demo import seed_commissioning

    seed_commissioning(StringIO())
    assert Round.objects.count() == 1 and Recruitment.objects.count() == 1
    worker = User.objects.get(email="worker@example.org")
    login(worker)
    for url in (
        reverse("commissioning:round_detail", args=[round.slug]),
        reverse("commissioning:moderation", args=[round.slug, "quality"]),
        reverse("commissioning:recruitment_detail", args=[recruitment.pk]),
    ):
        assert client.get(url).status_code == 200


def test_export_record_and_erasure_of_a_young_person(seeded):
    amira = User.objects.get(email="young@example.org")
    export = personal_data_export(user=amira)
    text = str(export)
    assert "friendly, not like a clinic" in text
    assert "What would you do if a pupil told you" in text
    record = registry.record_sections["commissioning"](amira)
    assert record and record["items"]
    account_erase(user=amira, confirmation=ERASE_CONFIRMATION)
    assert not SpecComment.objects.filter(text__contains="not like a clinic").exists()
    # Her accepted idea stays in the published specification, without her name.
    idea = Statement.objects.get(text="Young people can bring a friend with them")
    assert idea.proposed_by is None


def test_the_registry_has_every_part():
    assert "commissioning" in registry.export_sections
    assert "commissioning" in registry.erasers
    assert "commissioning" in registry.dashboard_sections
    assert "commissioning" in registry.home_items
    assert "commissioning" in registry.record_sections
    assert any(name == "commissioning" for _o, name, _s in registry.demo_seeders)


def test_the_dashboard_counts_small_numbers_as_fewer_than_5(seeded):
    section = registry.dashboard_sections["commissioning"]()
    (row,) = section["rows"]
    assert row["young_evaluators"] == "fewer than 5"
    assert row["bids"] == 3


def test_a_provider_is_told_on_the_home_page_about_an_open_round(seeded):
    provider = User.objects.get(email="provider@example.org")
    # The demo round is being scored, so nothing is open.
    assert registry.home_items["commissioning"](provider) == []
    amira = User.objects.get(email="young@example.org")
    assert registry.home_items["commissioning"](amira) == []
