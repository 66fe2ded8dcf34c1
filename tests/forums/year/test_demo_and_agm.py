"""The demo has last year's AGM (a past meeting people came to) and the Youth Council's annual
report presented at it: published, shared with two Council Leaders, one of whom has read it.
The AGM's page shows its report, the report links to its AGM, and a young member is told on
their home page when a draft waits for their words."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forums.models import AnnualReport, Meeting, MeetingKind
from forums.services import year
from participation.models import Attendance, User
from participation.registry import registry
from participation.schedules import PERIODIC_TASKS
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_has_last_years_agm_and_annual_report(seeded, client):
    agm = Meeting.objects.get(forum__group__slug="youth-council", kind=MeetingKind.AGM)
    assert agm.activity.ends_at < timezone.now() - timezone.timedelta(days=300)
    assert Attendance.objects.filter(activity=agm.activity, status="present").count() == 3
    report = AnnualReport.objects.get()
    assert report.is_published and report.agm == agm
    assert report.period_end == timezone.localdate(agm.activity.starts_at)
    assert report.figures["meetings"]["held"] == 4
    assert report.figures["training"]["completions"] == 2
    assert report.figures["hours"]["total"] > 0
    roles = sorted(report.recipients.values_list("role", "acknowledged_at"))
    assert [r for r, _ in roles] == [
        "Deputy Leader of the City of Wolverhampton Council",
        "Leader of the City of Wolverhampton Council",
    ]
    assert [bool(a) for _, a in roles] == [False, True]
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert "Councillor Sarah Hughes, Leader of the City of Wolverhampton Council" in page
    call_command("seed_demo", stdout=StringIO())
    assert AnnualReport.objects.count() == 1
    assert Meeting.objects.filter(kind=MeetingKind.AGM).count() == 1


def test_the_agm_page_shows_its_report_and_the_report_links_to_the_agm(seeded, client, login):
    report = AnnualReport.objects.get()
    login(User.objects.get(email="ruby@example.org"))
    meeting_page = client.get(reverse("forums:meeting", args=[report.agm.pk])).content.decode()
    assert reverse("forums:annual_report", args=[report.pk]) in meeting_page
    report_page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert reverse("forums:meeting", args=[report.agm.pk]) in report_page
    forum_page = client.get(reverse("forums:detail", args=["youth-council"])).content.decode()
    assert reverse("forums:annual_reports", args=["youth-council"]) in forum_page


def test_a_young_member_is_told_when_a_draft_waits_for_their_words():
    w = World()
    assert registry.home_items["forums.year"](w.ruby) == []
    report = w.draft()
    items = registry.home_items["forums.year"](w.ruby)
    assert items == [
        {
            "text": f"{report.title} needs your words. Write the foreword, the highlights and "
            "what's next, with the other members.",
            "url": reverse("forums:annual_report_words", args=[report.pk]),
            "kind": "annual_report",
        }
    ]
    assert registry.home_items["forums.year"](w.outsider) == []
    assert registry.home_items["forums.year"](w.worker) == []
    w.write(report)
    year.annual_report_publish(report=report, published_by=w.worker)
    assert registry.home_items["forums.year"](w.ruby) == []


def test_lost_emails_are_swept_on_a_schedule():
    tasks = {spec["task"] for spec in PERIODIC_TASKS.values()}
    assert "forums.tasks.sweep_annual_report_emails" in tasks
