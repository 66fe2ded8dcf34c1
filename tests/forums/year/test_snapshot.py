"""Figures are counted when the report starts, again when a worker asks, and one last time at
publishing; from then on they are a stored snapshot that nothing changes."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums.models import AnnualReport, AnnualReportStatus
from forums.services import year
from participation.models import Attendance
from tests.forums.year.factories import World, meeting

pytestmark = pytest.mark.django_db


def _came(world, m, *people):
    for person in people:
        Attendance.objects.create(
            activity=m.activity, user=person, status="present", recorded_by=world.worker
        )


def test_a_draft_counts_again_when_a_worker_asks():
    w = World()
    report = w.draft()
    assert report.figures["meetings"]["held"] == 1  # the AGM
    _came(w, meeting(w.forum, timezone.now() - timedelta(days=60)), w.ruby, w.kai)
    report.refresh_from_db()
    assert report.figures["meetings"]["held"] == 1  # stored, not counted on every look
    year.annual_report_figures_refresh(report=report, refreshed_by=w.worker)
    report.refresh_from_db()
    assert report.figures["meetings"]["held"] == 2
    assert report.figures["attendance"]["attendances"] == 2


def test_publishing_counts_once_more_then_keeps_the_figures_as_they_were():
    w = World()
    report = w.draft()
    w.write(report)
    _came(w, meeting(w.forum, timezone.now() - timedelta(days=60)), w.ruby)
    published = year.annual_report_publish(report=report, published_by=w.worker)
    assert published.status == AnnualReportStatus.PUBLISHED
    assert published.figures["meetings"]["held"] == 2  # counted at publishing
    frozen = AnnualReport.objects.get(pk=report.pk).figures

    # Later: more meetings and attendance in the same period, even corrections to the past.
    for days in (40, 50, 70):
        _came(w, meeting(w.forum, timezone.now() - timedelta(days=days)), w.ruby, w.kai)
    with pytest.raises(ValidationError) as refused:
        year.annual_report_figures_refresh(report=published, refreshed_by=w.worker)
    assert refused.value.messages == [
        "This report is published, so its figures stay as they were when it was published."
    ]
    with pytest.raises(ValidationError) as again:
        year.annual_report_publish(report=published, published_by=w.worker)
    assert again.value.messages == ["This report is already published."]
    assert AnnualReport.objects.get(pk=report.pk).figures == frozen


def test_the_published_page_shows_the_snapshot(client):
    w = World()
    report = w.published()
    for days in (40, 50, 70):
        meeting(w.forum, timezone.now() - timedelta(days=days))
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert "<dt>Meetings held</dt>\n      <dd>1 (with the AGM)</dd>" in page


def test_publishing_needs_the_young_peoples_foreword():
    w = World()
    report = w.draft()
    with pytest.raises(ValidationError) as refused:
        year.annual_report_publish(report=report, published_by=w.worker)
    assert "haven't written the foreword yet" in refused.value.messages[0]
    assert AnnualReport.objects.get(pk=report.pk).is_draft


def test_the_year_up_to_the_agm_is_the_default_period():
    w = World()
    report = w.draft()
    agm_day = timezone.localdate(w.agm.activity.starts_at)
    assert report.period_end == agm_day
    assert report.period_start == agm_day.replace(year=agm_day.year - 1) + timedelta(days=1)
    assert report.title == (
        f"Youth Council annual report {report.period_start.year} to {agm_day.year}"
        if report.period_start.year != agm_day.year
        else f"Youth Council annual report {agm_day.year}"
    )


def test_bad_periods_are_refused_in_plain_words():
    w = World()
    today = timezone.localdate()
    cases = {
        "The last day must be on or after the first day.": dict(
            period_start=today, period_end=today - timedelta(days=1), agm=None
        ),
        "A report can cover two years at most.": dict(
            period_start=today - timedelta(days=800), period_end=today, agm=None
        ),
        "Choose the first and last day the report covers, or the AGM it is for.": dict(agm=None),
    }
    for message, kwargs in cases.items():
        with pytest.raises(ValidationError) as refused:
            w.draft(**kwargs)
        assert refused.value.messages == [message]
    w.draft()
    with pytest.raises(ValidationError) as twice:
        w.draft()
    assert twice.value.messages == ["This forum already has a report for these dates."]
    other_forum_agm = World(name="Kent Youth County Council").agm
    with pytest.raises(ValidationError) as wrong_agm:
        w.draft(agm=other_forum_agm)
    assert wrong_agm.value.messages == ["Choose an Annual General Meeting (AGM) of this forum."]
