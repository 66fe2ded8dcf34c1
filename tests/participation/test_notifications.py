"""notify(): written in the caller's transaction, delivered once after commit, swept if lost."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from participation.models import Notification
from participation.services import notification_deliver, notification_preference_set, notify
from participation.tasks import deliver_notification, sweep_undelivered_notifications

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def test_notify_inside_a_transaction_that_rolls_back_leaves_nothing(young_person):
    with mock.patch("participation.tasks.deliver_notification.delay") as delay:
        with pytest.raises(Boom), transaction.atomic():
            notify(recipients=young_person, kind="test", title="Hello")
            raise Boom
    assert Notification.objects.count() == 0
    delay.assert_not_called()


def test_delivery_is_queued_only_after_commit(young_person):
    with mock.patch("participation.tasks.deliver_notification.delay") as delay:
        with transaction.atomic():
            [n] = notify(recipients=young_person, kind="test", title="Hello")
            delay.assert_not_called()
        delay.assert_called_once_with([n.pk])


def test_delivery_run_twice_sends_one_email(young_person):
    notification_preference_set(user=young_person, email_enabled=True)
    with mock.patch("participation.tasks.deliver_notification.delay"):
        [n] = notify(recipients=young_person, kind="test", title="Your place is confirmed")
    assert notification_deliver(notification_id=n.pk) is True
    assert notification_deliver(notification_id=n.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [young_person.email]
    n.refresh_from_db()
    assert n.delivered_at and n.emailed_at


def test_no_email_unless_the_person_chose_it(young_person):
    [n] = notify(recipients=young_person, kind="test", title="In the app only")
    n.refresh_from_db()
    assert n.delivered_at is not None
    assert mail.outbox == []


def test_a_failed_send_is_retried_later_and_still_sends_once(young_person):
    notification_preference_set(user=young_person, email_enabled=True)
    with mock.patch("participation.tasks.deliver_notification.delay"):
        [n] = notify(recipients=young_person, kind="test", title="Retry me")
    with mock.patch("participation.services.notifications.send_mail", side_effect=OSError):
        with pytest.raises(OSError):
            notification_deliver(notification_id=n.pk)
    n.refresh_from_db()
    assert n.emailed_at is None and n.delivered_at is None
    notification_deliver(notification_id=n.pk)
    notification_deliver(notification_id=n.pk)
    assert len(mail.outbox) == 1


def test_the_sweep_delivers_a_notification_whose_task_was_never_queued(young_person, time_machine):
    notification_preference_set(user=young_person, email_enabled=True)
    time_machine.move_to("2026-11-25 10:00:00+00:00", tick=False)
    with mock.patch("participation.tasks.deliver_notification.delay"):  # the broker lost it
        [n] = notify(recipients=young_person, kind="test", title="Lost in the post")
    assert sweep_undelivered_notifications() == 0  # too new: its own task may still be coming
    time_machine.move_to("2026-11-25 10:05:00+00:00", tick=False)
    assert sweep_undelivered_notifications() == 1
    n.refresh_from_db()
    assert n.delivered_at is not None
    assert len(mail.outbox) == 1
    assert sweep_undelivered_notifications() == 0


def test_a_broker_outage_does_not_break_the_event(young_person):
    with mock.patch("participation.tasks.deliver_notification.delay", side_effect=OSError):
        notify(recipients=young_person, kind="test", title="Still saved")
    assert Notification.objects.filter(user=young_person, delivered_at__isnull=True).exists()


def test_unread_count_in_header_and_mark_read(client, login, young_person):
    notify(recipients=young_person, kind="test", title="One")
    notify(recipients=young_person, kind="test", title="Two")
    login(young_person)
    page = client.get(reverse("home")).content.decode()
    assert '2<span class="visually-hidden"> unread</span>' in page
    client.post(reverse("notifications"), {"mark_all_read": "1"})
    page = client.get(reverse("home")).content.decode()
    assert "unread</span>" not in page


def test_notification_list_queries_do_not_grow(
    client, login, young_person, django_assert_max_num_queries
):
    login(young_person)
    notify(recipients=young_person, kind="test", title="First")
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("notifications"))
    for i in range(49):
        notify(recipients=young_person, kind="test", title=f"Number {i}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("notifications"))
    assert response.content.decode().count("Number ") == 49


def test_people_only_see_their_own_notifications(client, login, young_person, make_user):
    other = make_user("young_person")
    notify(recipients=other, kind="test", title="Private to someone else")
    login(young_person)
    assert "Private to someone else" not in client.get(reverse("notifications")).content.decode()


def test_a_big_fan_out_is_delivered_in_batches_each_email_once(make_user):
    people = [make_user("young_person") for _ in range(250)]
    for person in people:
        notification_preference_set(user=person, email_enabled=True)
    with mock.patch("participation.tasks.deliver_notification.delay") as delay:
        with transaction.atomic():
            rows = notify(recipients=people, kind="test", title="Big news")
    batches = [call.args[0] for call in delay.call_args_list]
    assert [len(b) for b in batches] == [100, 100, 50]
    assert sorted(pk for b in batches for pk in b) == sorted(n.pk for n in rows)
    for batch in batches:
        assert deliver_notification(batch) == len(batch)
    for batch in batches:  # a retry, or the same task delivered twice by the broker
        assert deliver_notification(batch) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert not Notification.objects.filter(delivered_at__isnull=True).exists()


def test_one_failed_email_in_a_batch_is_given_back_and_the_rest_are_not_resent(make_user):
    people = [make_user("young_person") for _ in range(3)]
    for person in people:
        notification_preference_set(user=person, email_enabled=True)
    with mock.patch("participation.tasks.deliver_notification.delay"):
        rows = notify(recipients=people, kind="test", title="Big news")
    real_send_mail = mail.send_mail

    def flaky(*args, recipient_list, **kwargs):
        if recipient_list == [people[1].email]:
            raise OSError("mail server down")
        return real_send_mail(*args, recipient_list=recipient_list, **kwargs)

    ids = [n.pk for n in rows]
    with mock.patch("participation.services.notifications.send_mail", side_effect=flaky):
        with pytest.raises(OSError):
            deliver_notification(ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, people[2].email])
    assert list(Notification.objects.filter(delivered_at__isnull=True)) == [rows[1]]
    assert deliver_notification(ids) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_a_task_queued_with_one_id_before_batches_still_delivers(young_person):
    notification_preference_set(user=young_person, email_enabled=True)
    with mock.patch("participation.tasks.deliver_notification.delay"):
        [n] = notify(recipients=young_person, kind="test", title="From before")
    assert deliver_notification(n.pk) == 1
    assert len(mail.outbox) == 1
