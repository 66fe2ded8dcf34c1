"""Counting the figures and drawing the report's pages take the same number of queries with 1
and with 50 meetings (each with attendance), recipients and saved edits."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import AnnualReportEdit, AnnualReportRecipient
from forums.services import year
from forums.year_selectors import annual_report_figures
from participation.models import Attendance
from tests.factories import YoungPersonFactory
from tests.forums.factories import member_of
from tests.forums.year.factories import World, meeting
from tests.pagebudget import PAGE_BUDGET, assert_page_budget

pytestmark = pytest.mark.django_db

STAFF_PAGE_BUDGET = 12


def _grower(w, report):
    def grow(n):
        for _ in range(n):
            person = member_of(w.forum, YoungPersonFactory()).user
            m = meeting(
                w.forum, timezone.now() - timedelta(days=40 + AnnualReportEdit.objects.count())
            )
            Attendance.objects.create(
                activity=m.activity, user=person, status="present", recorded_by=w.worker
            )
            AnnualReportEdit.objects.create(report=report, edited_by=person, foreword="x")
            AnnualReportRecipient.objects.create(
                report=report,
                name="Councillor",
                role="Leader",
                email=f"c{AnnualReportRecipient.objects.count()}@example.org",
                sent_at=timezone.now(),
                acknowledged_at=timezone.now(),
            )
        report.figures = annual_report_figures(
            forum=w.forum, start=report.period_start, end=report.period_end
        )
        report.save(update_fields=["figures"])

    return grow


def _staff(client, login, person):
    login(person)
    session = client.session
    session["portal.staff_mfa_ok"] = True
    session.save()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "worker"])
def test_the_report_page_is_flat(client, login, who):
    w = World()
    report = w.published()
    if who == "outsider":
        login(w.outsider)
    elif who == "member":
        login(w.ruby)
    elif who == "worker":
        _staff(client, login, w.worker)
    at_most = STAFF_PAGE_BUDGET if who == "worker" else PAGE_BUDGET
    assert_page_budget(
        client,
        reverse("forums:annual_report", args=[report.pk]),
        grow=_grower(w, report),
        at_most=at_most,
    )


@pytest.mark.parametrize("who", ["anonymous", "member", "worker"])
def test_the_list_of_reports_is_flat(client, login, who):
    w = World()
    report = w.published()
    if who == "member":
        login(w.ruby)
    elif who == "worker":
        _staff(client, login, w.worker)

    def grow(n):
        for i in range(n):
            day = report.period_start - timedelta(days=i + 1 + w.forum.annual_reports.count())
            year.annual_report_start(
                forum=w.forum, started_by=w.worker, agm=None, period_start=day, period_end=day
            )

    assert_page_budget(
        client,
        reverse("forums:annual_reports", args=[w.forum.slug]),
        grow=grow,
        at_most=STAFF_PAGE_BUDGET if who == "worker" else PAGE_BUDGET,
    )


def test_counting_the_figures_is_flat():
    w = World()
    report = w.draft()
    grow = _grower(w, report)
    counts = []
    for n in (1, 49):
        grow(n)
        with CaptureQueriesContext(connection) as queries:
            year.annual_report_figures_refresh(report=report, refreshed_by=w.worker)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
