"""Sharing the report with named people (Council Leaders): a worker adds them, sending emails
each their own signed link; they open the report with no account and say they have read it,
once; the report then shows who and when. A second acknowledgement, a wrong, replaced or
expired link: a plain message, never a 500."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forums.models import AnnualReportRecipient
from forums.services import year
from forums.year_selectors import recipient_link
from participation.models import Notification
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(django_capture_on_commit_callbacks):
    w = World()
    report = w.published()
    leader = w.recipient(report)
    deputy = w.recipient(report, name="Councillor Mark Lewis", email="deputy.leader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        year.annual_report_send(report=report, sent_by=w.worker)
    return w, report, leader, deputy


def _link_in(message) -> str:
    return re.search(r"http://\S+/forums/annual-reports/shared/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return re.sub(r"^http://[^/]+", "", link)


def test_each_recipient_gets_their_own_link_by_email(shared):
    w, report, leader, deputy = shared
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deputy.leader@example.org",
        "leader@example.org",
    ]
    to_leader = next(m for m in mail.outbox if m.to == ["leader@example.org"])
    assert to_leader.subject == f"[Youth Voice] {report.title}"
    assert "Dear Councillor Sarah Hughes" in to_leader.body
    assert "you don't need an account" in to_leader.body
    links = {_link_in(m) for m in mail.outbox}
    assert len(links) == 2
    leader.refresh_from_db()
    assert leader.emailed_at is not None and leader.sent_at is not None


def test_the_recipient_opens_the_report_and_says_they_read_it(client, shared):
    w, report, leader, deputy = shared
    path = _path(_link_in(next(m for m in mail.outbox if m.to == ["leader@example.org"])))
    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert report.title in page.content.decode()
    assert "I have read this report" in page.content.decode()
    response = client.post(
        path, {"message": "Brilliant work. I will take it to Cabinet."}, follow=True
    )
    assert response.redirect_chain == [(path, 302)]
    assert "Thank you. You said you had read it on" in response.content.decode()
    leader.refresh_from_db()
    assert leader.acknowledged_at is not None
    assert leader.acknowledgement == "Brilliant work. I will take it to Cabinet."
    # The report page shows who and when; the message is for the forum's own people.
    public = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    when = timezone.localdate(leader.acknowledged_at).strftime("%-d %B %Y")
    assert (
        f"Councillor Sarah Hughes, Leader of the City of Wolverhampton Council, said they had "
        f"read it on {when}." in public
    )
    assert "Councillor Mark Lewis" not in public  # sent, not read yet
    assert "take it to Cabinet" not in public
    client.force_login(w.ruby)
    assert (
        "take it to Cabinet"
        in client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    )
    assert Notification.objects.filter(
        user=w.ruby, kind="forums.annual_report_acknowledged"
    ).exists()


def test_a_second_acknowledgement_is_a_plain_message(client, shared):
    w, report, leader, deputy = shared
    path = _path(_link_in(next(m for m in mail.outbox if m.to == ["leader@example.org"])))
    client.post(path, {"message": "First."})
    response = client.post(path, {"message": "Second."})
    assert response.status_code == 400
    assert "You have already said you read this report, on" in response.content.decode()
    leader.refresh_from_db()
    assert leader.acknowledgement == "First."


def test_a_wrong_link_is_a_plain_page_not_an_error(client, shared):
    w, report, leader, deputy = shared
    good = _path(_link_in(mail.outbox[0]))
    for bad in (
        good[:-4] + "xyz/",  # a changed signature
        "/forums/annual-reports/shared/nonsense/",
        "/forums/annual-reports/shared/WzEsMV0:1u:x/",
    ):
        for method in (client.get, client.post):
            response = method(bad)
            assert response.status_code == 404, bad
            assert "This link doesn't work" in response.content.decode()
    assert not AnnualReportRecipient.objects.filter(acknowledged_at__isnull=False).exists()


def test_an_expired_link_says_so(client, shared):
    w, report, leader, deputy = shared
    path = _path(_link_in(mail.outbox[0]))
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        response = client.get(path)
        assert response.status_code == 410
        assert "This link has run out" in response.content.decode()
        assert client.post(path).status_code == 410
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert client.get(path).status_code == 200


def test_sending_one_person_a_new_link_stops_the_old_one(
    client, shared, django_capture_on_commit_callbacks
):
    w, report, leader, deputy = shared
    old = _path(_link_in(next(m for m in mail.outbox if m.to == ["leader@example.org"])))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        year.annual_report_send(report=report, sent_by=w.worker, recipient=leader)
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    new = _path(_link_in(mail.outbox[0]))
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_sending_again_to_everyone_is_refused_plainly(shared):
    w, report, leader, deputy = shared
    with pytest.raises(Exception) as refused:
        year.annual_report_send(report=report, sent_by=w.worker)
    assert "Everyone on the list has been sent it already" in refused.value.messages[0]


def test_the_email_is_sent_once_however_often_its_task_runs(shared):
    w, report, leader, deputy = shared
    mail.outbox.clear()
    leader.refresh_from_db()
    assert not year.annual_report_email_deliver(
        recipient_id=leader.pk, link_version=leader.link_version
    )
    assert mail.outbox == []


def test_the_sweep_sends_an_email_whose_task_was_lost():
    w = World()
    report = w.published()
    leader = w.recipient(report)
    year.annual_report_send(report=report, sent_by=w.worker)  # no commit: the task never ran
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert year.annual_report_emails_sweep() == 1
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    assert year.annual_report_emails_sweep() == 0
    leader.refresh_from_db()
    assert client_can_open(leader)


def client_can_open(recipient) -> bool:
    from django.test import Client

    return Client().get(recipient_link(recipient)).status_code == 200


def test_the_worker_adds_people_and_a_mistake_keeps_what_was_typed(client, login):
    w = World()
    report = w.published()
    login(w.worker)
    session = client.session
    session["portal.staff_mfa_ok"] = True
    session.save()
    url = reverse("forums:annual_report_recipients", args=[report.pk])
    response = client.post(
        url, {"name": "Councillor Sarah Hughes", "role": "Leader of the Council", "email": "nope"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter an email address, like name@example.org." in page
    assert 'value="Councillor Sarah Hughes"' in page
    client.post(url, {"name": "Sarah", "role": "Leader", "email": "leader@example.org"})
    twice = client.post(url, {"name": "S", "role": "L", "email": "LEADER@example.org"})
    assert "Someone with this email address is on the list already." in twice.content.decode()
    assert report.recipients.count() == 1
