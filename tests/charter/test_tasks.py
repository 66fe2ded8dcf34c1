"""Membership lasts a year: the officers are reminded a month before, once; a membership not
renewed lapses the day after, once, visibly; renewing starts the year again (time travel,
through the Celery tasks beat runs)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from charter import services, tasks
from charter.models import Signatory, Standing
from participation.models import AuditEvent, Notification
from participation.schedules import PERIODIC_TASKS
from tests.charter.factories import World

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SIGNED_ON = date(2026, 3, 2)
RENEW_BY = date(2027, 3, 2)


def at(day: date, hour=9):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=LONDON), tick=False
    )


def count(kind, user=None):
    rows = Notification.objects.filter(kind=kind)
    return rows.filter(user=user).count() if user else rows.count()


def signed_world():
    with at(SIGNED_ON):
        w = World()
        signatory = w.sign()
    assert signatory.renew_by == RENEW_BY
    return w, signatory


def test_the_tasks_are_on_the_schedule():
    names = {spec["task"] for spec in PERIODIC_TASKS.values()}
    assert {
        "charter.tasks.send_renewal_reminders",
        "charter.tasks.escalate_renewals",
        "charter.tasks.lapse_memberships",
    } <= names


def test_the_officers_are_reminded_a_month_before_and_only_once():
    w, _signatory = signed_world()
    with at(RENEW_BY - timedelta(days=31)):
        assert tasks.send_renewal_reminders.apply().get() == 0
    with at(RENEW_BY - timedelta(days=30)):
        assert tasks.send_renewal_reminders.apply().get() == 1
        assert tasks.send_renewal_reminders.apply().get() == 0
    with at(RENEW_BY - timedelta(days=5)):
        assert tasks.send_renewal_reminders.apply().get() == 0
    assert count("charter.renewal_reminder", w.officer) == 1
    assert count("charter.renewal_reminder", w.other_officer) == 0


def test_a_membership_not_renewed_lapses_the_day_after_once_and_visibly(client):
    w, signatory = signed_world()
    with at(RENEW_BY):
        assert tasks.lapse_memberships.apply().get() == 0
    with at(RENEW_BY + timedelta(days=1)):
        assert tasks.lapse_memberships.apply().get() == 1
        assert tasks.lapse_memberships.apply().get() == 0
    signatory.refresh_from_db()
    assert signatory.standing == Standing.LAPSED and signatory.lapsed_at is not None
    assert count("charter.lapsed", w.officer) == 1
    assert AuditEvent.objects.filter(action="charter.signatory.lapse").count() == 1
    page = client.get(reverse("charter:detail", args=[w.charter.slug])).content.decode()
    assert "Lapsed" in page


def test_renewing_in_time_means_no_lapse_and_a_reminder_again_next_year():
    w, signatory = signed_world()
    with at(RENEW_BY - timedelta(days=30)):
        tasks.send_renewal_reminders.apply()
    with at(RENEW_BY - timedelta(days=10)):
        services.signatory_renew(signatory=signatory, renewed_by=w.officer)
    with at(RENEW_BY + timedelta(days=1)):
        assert tasks.lapse_memberships.apply().get() == 0
    next_year = Signatory.objects.get(pk=signatory.pk).renew_by
    assert next_year == RENEW_BY - timedelta(days=10) + timedelta(days=365)
    with at(next_year - timedelta(days=30)):
        assert tasks.send_renewal_reminders.apply().get() == 1
    assert count("charter.renewal_reminder", w.officer) == 2


def test_a_lapsed_membership_can_be_renewed():
    w, signatory = signed_world()
    with at(RENEW_BY + timedelta(days=3)):
        tasks.lapse_memberships.apply()
        renewed = services.signatory_renew(signatory=signatory, renewed_by=w.officer)
    assert renewed.standing == Standing.RENEWED
    assert renewed.renew_by == RENEW_BY + timedelta(days=368)


def test_a_reminder_left_unanswered_for_two_weeks_goes_to_the_participation_lead_once():
    from participation.voice.models import ParticipationLead
    from tests.factories import WorkerFactory

    w, _signatory = signed_world()
    lead = WorkerFactory(first_name="Lena", last_name="Lead")
    ParticipationLead.objects.create(user=lead)
    reminded_on = RENEW_BY - timedelta(days=30)
    with at(reminded_on):
        assert tasks.escalate_renewals.apply().get() == 0  # no reminder yet
        tasks.send_renewal_reminders.apply()
    with at(reminded_on + timedelta(days=13)):
        assert tasks.escalate_renewals.apply().get() == 0
    with at(reminded_on + timedelta(days=14)):
        assert tasks.escalate_renewals.apply().get() == 1
        assert tasks.escalate_renewals.apply().get() == 0
    with at(reminded_on + timedelta(days=20)):
        assert tasks.escalate_renewals.apply().get() == 0
    assert count("charter.renewal_escalation", lead) == 1
    assert count("charter.renewal_escalation", w.worker) == 0  # a lead is named
    assert count("charter.renewal_escalation", w.officer) == 0
    note = Notification.objects.get(kind="charter.renewal_escalation")
    assert "City of Wolverhampton Council has not renewed" in note.title
    assert AuditEvent.objects.filter(action="charter.signatory.escalate").count() == 1


def test_with_no_lead_every_worker_hears_and_renewing_means_no_escalation():
    w, signatory = signed_world()
    with at(RENEW_BY - timedelta(days=30)):
        tasks.send_renewal_reminders.apply()
    with at(RENEW_BY - timedelta(days=16)):
        assert tasks.escalate_renewals.apply().get() == 1
    assert count("charter.renewal_escalation", w.worker) == 1

    with at(RENEW_BY - timedelta(days=10)):
        services.signatory_renew(signatory=signatory, renewed_by=w.officer)
    next_year = Signatory.objects.get(pk=signatory.pk).renew_by
    with at(next_year - timedelta(days=30)):
        tasks.send_renewal_reminders.apply()
    with at(next_year - timedelta(days=29)):
        services.signatory_renew(signatory=signatory, renewed_by=w.officer)
    with at(next_year - timedelta(days=10)):
        assert tasks.escalate_renewals.apply().get() == 0
    assert count("charter.renewal_escalation") == 1
