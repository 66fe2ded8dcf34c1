"""Digest emails: one a day (17:00) or one a week (Friday 17:00) per person, with everything
waiting for the kinds they chose as digests; a run twice, or late, sends once."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import send_mail as real_send_mail

from participation.models import Notification
from participation.schedules import PERIODIC_TASKS, schedules_install
from participation.services import digests_send, notification_choices_set, notify
from participation.services.notifications import digest_cutoff
from participation.tasks import send_daily_digests, send_weekly_digests
from participation.voice import services
from tests.voice.factories import World, YoungPersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
WEDNESDAY = "2026-11-25"
FRIDAY = "2026-11-27"


def at(when: str, time_machine):
    time_machine.move_to(f"{when}+00:00", tick=False)  # London is on GMT in November


def test_the_daily_digest_sends_once_a_day_after_five(time_machine):
    at(f"{WEDNESDAY} 09:00:00", time_machine)
    person = YoungPersonFactory(first_name="Amira")
    notification_choices_set(user=person, choices={"answers": "daily", "elections": "daily"})
    notify(recipients=person, kind="voice.response", title="An answer to your item", body="Done.")
    notify(recipients=person, kind="election.published", title="Vote for your Youth Council")
    notify(recipients=person, kind="activity.reminder", title="Open Space is tomorrow")  # here only
    at(f"{WEDNESDAY} 16:59:00", time_machine)
    assert send_daily_digests.apply().get() == 0
    assert mail.outbox == []
    at(f"{WEDNESDAY} 17:00:30", time_machine)
    assert send_daily_digests.apply().get() == 1
    assert send_daily_digests.apply().get() == 0  # run twice: sent once
    [email] = mail.outbox
    assert email.to == [person.email]
    assert email.subject == "[Youth Voice] 2 new things for you today"
    assert "Hello Amira," in email.body
    assert "* An answer to your item\n  Done." in email.body
    assert "Vote for your Youth Council" in email.body
    assert "Open Space" not in email.body
    assert "/notifications/" in email.body
    # Written after five: it waits for tomorrow's digest, however often the task runs today.
    at(f"{WEDNESDAY} 17:10:00", time_machine)
    notify(recipients=person, kind="voice.response", title="Another answer")
    at(f"{WEDNESDAY} 23:00:00", time_machine)
    assert send_daily_digests.apply().get() == 0
    at("2026-11-26 17:00:00", time_machine)
    assert send_daily_digests.apply().get() == 1
    assert mail.outbox[1].subject == "[Youth Voice] 1 new thing for you today"
    assert "Another answer" in mail.outbox[1].body
    assert "Vote for" not in mail.outbox[1].body


def test_the_weekly_digest_waits_for_friday_and_is_not_in_the_daily_one(time_machine):
    at("2026-11-23 10:00:00", time_machine)  # a Monday
    weekly, daily = YoungPersonFactory(), YoungPersonFactory()
    notification_choices_set(user=weekly, choices={"elections": "weekly"})
    notification_choices_set(user=daily, choices={"elections": "daily"})
    notify(recipients=[weekly, daily], kind="election.published", title="Vote now")
    at(f"{WEDNESDAY} 18:00:00", time_machine)
    assert send_weekly_digests.apply().get() == 0
    assert send_daily_digests.apply().get() == 1
    assert [m.to for m in mail.outbox] == [[daily.email]]
    at(f"{FRIDAY} 17:00:01", time_machine)
    assert send_daily_digests.apply().get() == 0
    assert send_weekly_digests.apply().get() == 1
    assert send_weekly_digests.apply().get() == 0
    assert [m.to for m in mail.outbox] == [[daily.email], [weekly.email]]
    assert mail.outbox[1].subject == "[Youth Voice] 1 new thing for you this week"
    # A late run (beat was down on Friday) still sends that week's digest, once.
    at(f"{FRIDAY} 18:00:00", time_machine)
    notify(recipients=weekly, kind="election.results", title="The results are out")
    at("2026-12-04 16:59:00", time_machine)
    assert send_weekly_digests.apply().get() == 0  # not due until five
    at("2026-12-05 09:00:00", time_machine)  # Saturday morning: late, but that week's
    assert send_weekly_digests.apply().get() == 1
    assert send_weekly_digests.apply().get() == 0
    assert len(mail.outbox) == 3


def test_fifty_items_answered_at_once_are_one_line_in_the_digest(time_machine):
    at(f"{WEDNESDAY} 10:00:00", time_machine)
    w = World()
    items = [w.public_routed(title=f"Buses in Bilston {n}") for n in range(50)]
    follower = YoungPersonFactory()
    notification_choices_set(user=follower, choices={"answers": "daily"})
    for item in items:
        services.item_follow(item=item, user=follower)
    mail.outbox.clear()
    services.response_publish(
        items=items,
        published_by=w.officer,
        outcome="done",
        text="We lowered youth fares on every route in the city.",
        plain_text="Buses are cheaper now.",
    )
    at(f"{WEDNESDAY} 17:05:00", time_machine)
    assert digests_send(cadence="daily") == 1
    [email] = [m for m in mail.outbox if m.to == [follower.email]]
    assert email.subject == "[Youth Voice] 1 new thing for you today"
    assert email.body.count("* ") == 1
    assert "50 of your items have an answer" in email.body


def test_a_failed_digest_is_given_back_and_the_retry_sends_it_once(time_machine):
    at(f"{WEDNESDAY} 10:00:00", time_machine)
    unlucky, lucky = YoungPersonFactory(), YoungPersonFactory()
    for person in (unlucky, lucky):
        notification_choices_set(user=person, choices={"answers": "daily"})
    notify(recipients=[unlucky, lucky], kind="voice.response", title="An answer")
    at(f"{WEDNESDAY} 17:00:00", time_machine)

    def flaky(*args, recipient_list, **kwargs):
        if recipient_list == [unlucky.email]:
            raise OSError("mail server down")
        return real_send_mail(*args, recipient_list=recipient_list, **kwargs)

    with mock.patch("participation.services.notifications.send_mail", side_effect=flaky):
        with pytest.raises(RuntimeError):
            digests_send(cadence="daily")
    assert [m.to for m in mail.outbox] == [[lucky.email]]
    assert Notification.objects.filter(user=unlucky, digest_sent_at__isnull=True).count() == 1
    assert digests_send(cadence="daily") == 1
    assert digests_send(cadence="daily") == 0
    assert [m.to for m in mail.outbox] == [[lucky.email], [unlucky.email]]


def test_digests_leave_email_at_once_and_here_only_people_alone(
    time_machine, django_capture_on_commit_callbacks
):
    at(f"{WEDNESDAY} 10:00:00", time_machine)
    at_once, here_only = YoungPersonFactory(), YoungPersonFactory()
    notification_choices_set(user=at_once, choices={"answers": "email_now"})
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[at_once, here_only], kind="voice.response", title="An answer")
    assert [m.to for m in mail.outbox] == [[at_once.email]]
    at(f"{FRIDAY} 17:30:00", time_machine)
    assert digests_send(cadence="daily") == 0
    assert digests_send(cadence="weekly") == 0
    assert len(mail.outbox) == 1


def test_digests_are_scheduled_after_school_daily_and_on_fridays(db):
    daily = PERIODIC_TASKS["Send the daily notification emails"]
    weekly = PERIODIC_TASKS["Send the weekly notification emails"]
    assert daily["task"] == "participation.tasks.send_daily_digests"
    assert daily["crontab"] == {"minute": "0", "hour": "17"}
    assert weekly["task"] == "participation.tasks.send_weekly_digests"
    assert weekly["crontab"] == {"minute": "0", "hour": "17", "day_of_week": "5"}
    from django_celery_beat.models import PeriodicTask

    schedules_install()
    task = PeriodicTask.objects.get(name="Send the weekly notification emails")
    assert (task.crontab.hour, task.crontab.day_of_week) == ("17", "5")
    assert str(task.crontab.timezone) == "Europe/London"


def test_the_digest_hour_stays_at_five_on_the_clock_across_a_clock_change():
    # Clocks went forward on Sunday 29 March 2026: 17:00 that day was 16:00 UTC.
    monday_noon = datetime(2026, 3, 30, 12, 0, tzinfo=LONDON)
    cutoff = digest_cutoff(cadence="daily", now=monday_noon)
    assert cutoff.astimezone(LONDON).replace(tzinfo=None) == datetime(2026, 3, 29, 17, 0)
    assert cutoff.utcoffset().total_seconds() == 3600
    friday = digest_cutoff(cadence="weekly", now=monday_noon)
    assert friday.astimezone(LONDON).replace(tzinfo=None) == datetime(2026, 3, 27, 17, 0)
    assert friday.utcoffset().total_seconds() == 0
