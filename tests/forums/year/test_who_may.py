"""Who may write, count, publish and share, on the pages and in the services alike: young
members write the words; the forum's own workers start, count, publish and share. Everyone
else is refused in plain words (403 on an ordinary forum's pages)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums.services import membership_leave, year
from participation.access import Refused
from tests.factories import WorkerFactory
from tests.forums.factories import member_of
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


def _logged_in(client, login, person):
    client.logout()
    login(person)
    session = client.session
    session["portal.staff_mfa_ok"] = True
    session.save()
    return client


def test_a_worker_does_not_write_the_young_peoples_words():
    w = World()
    report = w.draft()
    with pytest.raises(Refused) as refused:
        w.write(report, by=w.worker)
    assert refused.value.messages == [
        "Only the young people of this forum can write its annual report."
    ]


def test_a_former_member_can_no_longer_write():
    w = World()
    report = w.draft()
    leaver = member_of(w.forum).user
    w.write(report, by=leaver, foreword="While I was in.")
    membership_leave(forum=w.forum, person=leaver)
    with pytest.raises(Refused):
        w.write(report, by=leaver, foreword="After I left.")


def test_members_cannot_count_publish_or_share():
    w = World()
    report = w.draft()
    w.write(report)
    for call in (
        lambda: year.annual_report_figures_refresh(report=report, refreshed_by=w.ruby),
        lambda: year.annual_report_publish(report=report, published_by=w.ruby),
        lambda: year.annual_report_recipient_add(
            report=report, added_by=w.ruby, name="A", role="B", email="a@example.org"
        ),
    ):
        with pytest.raises(Refused):
            call()


def test_a_worker_of_another_forum_is_refused_on_every_page(client, login):
    w = World()
    report = w.draft()
    _logged_in(client, login, WorkerFactory())
    pages = [
        ("get", reverse("forums:annual_report_start", args=[w.forum.slug])),
        ("get", reverse("forums:annual_report", args=[report.pk])),
        ("get", reverse("forums:annual_report_words", args=[report.pk])),
        ("get", reverse("forums:annual_report_recipients", args=[report.pk])),
        ("post", reverse("forums:annual_report_refresh", args=[report.pk])),
        ("post", reverse("forums:annual_report_publish", args=[report.pk])),
        ("post", reverse("forums:annual_report_send", args=[report.pk])),
    ]
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 403, url


def test_the_forums_worker_starts_counts_publishes_and_shares_through_the_pages(client, login):
    w = World()
    _logged_in(client, login, w.worker)
    response = client.post(
        reverse("forums:annual_report_start", args=[w.forum.slug]),
        {"agm": w.agm.pk, "period_start": "", "period_end": "", "title": ""},
    )
    assert response.status_code == 302
    report = w.forum.annual_reports.get()
    refused = client.post(reverse("forums:annual_report_publish", args=[report.pk]), follow=True)
    assert "haven&#x27;t written the foreword yet" in refused.content.decode()
    w.write(report)
    client.post(reverse("forums:annual_report_refresh", args=[report.pk]))
    done = client.post(reverse("forums:annual_report_publish", args=[report.pk]), follow=True)
    assert "The report is published." in done.content.decode()
    report.refresh_from_db()
    assert report.is_published and report.published_by == w.worker


def test_the_start_form_explains_what_is_missing_and_keeps_it(client, login):
    w = World()
    _logged_in(client, login, w.worker)
    response = client.post(
        reverse("forums:annual_report_start", args=[w.forum.slug]),
        {"agm": "", "period_start": "2025-06-01", "period_end": "", "title": "Our year"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the last day, or the AGM it is for." in page
    assert 'value="Our year"' in page and 'value="2025-06-01"' in page


def test_sending_before_publishing_is_refused_plainly():
    w = World()
    report = w.draft()
    w.recipient(report)
    with pytest.raises(ValidationError) as refused:
        year.annual_report_send(report=report, sent_by=w.worker)
    assert refused.value.messages == [
        "Publish the report first, so the people you send it to read the finished report."
    ]
