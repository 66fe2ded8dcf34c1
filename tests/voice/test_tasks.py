"""Reminders, escalations and check-backs fire at the right time (time travel) and never twice,
through the Celery tasks beat runs."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from participation.models import Notification
from participation.schedules import PERIODIC_TASKS
from participation.voice import tasks
from participation.voice.services import MilestoneDraft
from tests.voice.factories import World

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour=9):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=LONDON), tick=False
    )


def count(kind, user=None):
    rows = Notification.objects.filter(kind=kind)
    return rows.filter(user=user).count() if user else rows.count()


def test_the_tasks_are_on_the_schedule():
    names = {spec["task"] for spec in PERIODIC_TASKS.values()}
    assert {
        "participation.voice.tasks.send_officer_reminders",
        "participation.voice.tasks.escalate_overdue_items",
        "participation.voice.tasks.send_check_back_reminders",
    } <= names


def test_the_officer_is_reminded_three_working_days_before_and_only_once():
    w = World()
    with at(date(2026, 3, 2)):  # a Monday
        item = w.routed(w.raise_item(), days=10)  # due Monday 16 March
    assert item.due_on == date(2026, 3, 16)
    with at(date(2026, 3, 10)):  # four working days before
        assert tasks.send_officer_reminders.apply().get() == 0
    with at(date(2026, 3, 11)):  # three working days before
        assert tasks.send_officer_reminders.apply().get() == 1
        assert tasks.send_officer_reminders.apply().get() == 0
    with at(date(2026, 3, 12)):
        assert tasks.send_officer_reminders.apply().get() == 0
    assert count("voice.officer_reminder", w.officer) == 1


def test_an_answered_item_is_not_reminded_or_escalated():
    w = World()
    with at(date(2026, 3, 2)):
        item = w.routed(w.raise_item(), days=10)
        w.answer(item)
    with at(date(2026, 3, 11)):
        assert tasks.send_officer_reminders.apply().get() == 0
    with at(date(2026, 3, 20)):
        assert tasks.escalate_overdue_items.apply().get() == 0


def test_overdue_items_reach_the_participation_lead_once_in_one_note():
    w = World()
    with at(date(2026, 3, 2)):
        for n in range(3):
            w.routed(w.raise_item(title=f"Item {n}"), days=10)
    with at(date(2026, 3, 16)):  # the due date itself: not overdue yet
        assert tasks.escalate_overdue_items.apply().get() == 0
    with at(date(2026, 3, 17)):
        assert tasks.escalate_overdue_items.apply().get() == 3
        assert tasks.escalate_overdue_items.apply().get() == 0
    with at(date(2026, 3, 30)):
        assert tasks.escalate_overdue_items.apply().get() == 0
    [note] = Notification.objects.filter(kind="voice.escalation")
    assert note.user == w.lead
    assert note.title == '3 "you said" items are overdue'
    assert count("voice.escalation", w.worker) == 0


def test_the_check_back_reminder_fires_on_its_date_once():
    w = World()
    with at(date(2026, 3, 2)):
        item = w.routed(w.raise_item(), days=10)
        w.answer(
            item,
            outcome="in_progress",
            progress=30,
            milestones=[MilestoneDraft(on=date(2026, 3, 20), what="Meet the bus company")],
            check_back_on=date(2026, 4, 1),
        )
    with at(date(2026, 3, 31)):
        assert tasks.send_check_back_reminders.apply().get() == 0
    with at(date(2026, 4, 1)):
        assert tasks.send_check_back_reminders.apply().get() == 1
        assert tasks.send_check_back_reminders.apply().get() == 0
    assert count("voice.check_back", w.officer) == 1


def test_an_update_before_the_check_back_date_cancels_the_reminder():
    w = World()
    with at(date(2026, 3, 2)):
        item = w.routed(w.raise_item(), days=10)
        w.answer(item, outcome="in_progress", check_back_on=date(2026, 4, 1))
        w.answer(item, outcome="done")
    with at(date(2026, 4, 2)):
        assert tasks.send_check_back_reminders.apply().get() == 0


def test_with_no_participation_lead_every_worker_hears_of_overdue_items():
    w = World()
    w.lead.participation_lead.delete()
    with at(date(2026, 3, 2)):
        w.routed(w.raise_item(), days=10)
    with at(date(2026, 3, 17)):
        assert tasks.escalate_overdue_items.apply().get() == 1
    assert count("voice.escalation", w.worker) == 1
    assert count("voice.escalation", w.lead) == 1  # still a worker
