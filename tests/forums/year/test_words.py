"""The young members write the words while the report is a draft; every save records who and
when; a save never overwrites someone else's without them knowing; bad input keeps what was
typed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.models import AnnualReportEdit
from forums.services import year
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


def test_each_save_records_who_and_when_and_the_words():
    w = World()
    report = w.draft()
    w.write(report, by=w.ruby, foreword="First go.")
    w.write(report, by=w.kai, foreword="First go, and more.", highlights="Make Your Mark.")
    report.refresh_from_db()
    assert (report.foreword, report.highlights, report.words_version) == (
        "First go, and more.",
        "Make Your Mark.",
        2,
    )
    assert report.words_updated_by == w.kai
    edits = list(AnnualReportEdit.objects.filter(report=report).order_by("edited_at", "pk"))
    assert [(e.edited_by, e.foreword) for e in edits] == [
        (w.ruby, "First go."),
        (w.kai, "First go, and more."),
    ]
    assert all(e.edited_at for e in edits)


def test_a_save_from_an_older_version_is_refused_and_overwrites_nothing():
    w = World()
    report = w.draft()
    started_from = report.words_version
    w.write(report, by=w.kai, foreword="Kai's words.")
    with pytest.raises(ValidationError) as refused:
        year.annual_report_words_save(
            report=report,
            written_by=w.ruby,
            foreword="Ruby's words.",
            highlights="",
            whats_next="",
            version=started_from,
        )
    assert "Someone else saved new words while you were writing" in refused.value.messages[0]
    report.refresh_from_db()
    assert report.foreword == "Kai's words."


def test_a_published_report_keeps_its_words():
    w = World()
    report = w.published()
    with pytest.raises(ValidationError) as refused:
        w.write(report, foreword="Changed later.")
    assert refused.value.messages == [
        "This report is published, so its words can't be changed now."
    ]


def test_the_words_page_keeps_what_was_typed_when_it_is_too_long(client, login):
    w = World()
    report = w.draft()
    login(w.ruby)
    client.get(reverse("home"))
    url = reverse("forums:annual_report_words", args=[report.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "foreword": "x" * 3001,
            "highlights": "We went to Parliament.",
            "whats_next": "",
            "version": 0,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The foreword can be up to 3000 characters. It has 3001." in page
    assert "We went to Parliament." in page
    response = client.post(
        url, {"foreword": "Our year.", "highlights": "", "whats_next": "", "version": 0}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.foreword == "Our year."
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert "Who changed the words" in page and "Ruby, on" in page


def test_nothing_changed_is_said_plainly():
    w = World()
    report = w.draft()
    w.write(report, foreword="Same.")
    with pytest.raises(ValidationError) as refused:
        w.write(report, foreword="Same.")
    assert refused.value.messages == ["Nothing has changed, so there was nothing to save."]
