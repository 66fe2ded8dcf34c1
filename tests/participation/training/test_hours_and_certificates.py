"""Hours of involvement from attendance and training; a printable certificate; the registry
sections that feed the participation record, the data export and the board dashboard."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participation import services
from participation.registry import registry
from participation.selectors.training import involvement_for

from .helpers import a_worker, make_activity, make_e_learning, make_module, young

pytestmark = pytest.mark.django_db


def test_attendance_and_training_add_up_to_hours():
    worker = a_worker()
    kai = young()
    past = timezone.now() - timedelta(days=3)
    workshop = make_activity(worker=worker, starts_at=past, hours=2)
    missed = make_activity(worker=worker, starts_at=past, hours=5, title="Missed")
    services.attendance_record(activity=workshop, recorded_by=worker, statuses={kai.pk: "present"})
    services.attendance_record(activity=missed, recorded_by=worker, statuses={kai.pk: "apologies"})
    # 30 minutes of e-learning.
    module = make_e_learning(worker=worker)
    services.training_complete(
        user=kai, module=module, completed_on=timezone.localdate(), method="e_learning"
    )
    # A face-to-face module signed off at a session: the session's 3 hours count, not twice.
    interview = make_module(title="Interview training", worker=worker, duration_minutes=180)
    session = make_activity(
        worker=worker, starts_at=past, hours=3, title="Session", training_module=interview
    )
    services.attendance_record(activity=session, recorded_by=worker, statuses={kai.pk: "present"})
    services.training_group_signoff(
        module=interview,
        people=[kai],
        signed_off_by=worker,
        completed_on=timezone.localdate(past),
        activity=session,
    )

    involvement = involvement_for(person=kai)
    assert involvement.activity_hours == 5.0
    assert involvement.training_hours == 0.5
    assert involvement.total_hours == 5.5


def test_my_page_shows_my_hours(client, login):
    worker = a_worker()
    kai = young()
    workshop = make_activity(
        worker=worker, starts_at=timezone.now() - timedelta(days=1), hours=2, title="Workshop"
    )
    services.attendance_record(activity=workshop, recorded_by=worker, statuses={kai.pk: "present"})
    login(kai)
    page = client.get(reverse("training_mine")).content.decode()
    assert "2.0 hours" in page
    assert "Workshop" in page


def test_the_certificate_prints_cleanly(client, login):
    worker = a_worker()
    module = make_module(
        title="Interview training", unlocks=["recruitment_panel"], valid_for_months=24
    )
    kai = young(first_name="Kai", last_name="Jones")
    [completion] = services.training_group_signoff(
        module=module, people=[kai], signed_off_by=worker, completed_on=date(2026, 3, 2)
    )
    login(kai)
    page = client.get(reverse("training_certificate", args=[completion.pk])).content.decode()
    assert "Certificate of training" in page
    assert "Kai Jones" in page
    assert "Interview training" in page
    assert "on 2 March 2026, at a face-to-face session" in page
    assert "Recruitment panel member" in page
    assert "Valid until 1 March 2028." in page
    assert "css/certificate.css" in page
    assert page.count("<h1") == 1

    from django.contrib.staticfiles import finders

    with open(finders.find("css/certificate.css")) as css:
        rules = css.read()
    assert "@media print" in rules
    assert ".site-header" in rules and ".no-print" in rules


def test_the_registry_carries_the_record_export_and_dashboard_sections():
    worker = a_worker()
    kai = young()
    workshop = make_activity(
        worker=worker, starts_at=timezone.now() - timedelta(days=1), planned_rung="co_production"
    )
    services.attendance_record(activity=workshop, recorded_by=worker, statuses={kai.pk: "present"})
    services.rung_rate(activity=workshop, user=kai, rung="consultation")

    record = registry.record_sections["participation.training_and_activities"](kai)
    assert record["hours"] == 2.0
    exported = registry.export_sections["participation.training_and_activities"](kai)
    assert exported["attendance"] == [{"activity": "SpeakOut session", "status": "present"}]
    assert exported["ladder_ratings"] == [{"activity": "SpeakOut session", "rung": "consultation"}]
    dashboard = registry.dashboard_sections["participation.activities"]()
    rows = {row["rung"]: row for row in dashboard["rows"]}
    assert rows["Co-production"]["planned"] == 1
    assert rows["Consultation"]["reported"] == 1
    assert not any("kai" in str(v).lower() for v in dashboard.values())
    assert registry.record_sections["participation.training_and_activities"](young()) is None
