"""A report of a forum whose membership is private (Children in Care Council, CLIC) is seen
only by its members, its workers and the people it was sent to: every other role gets 404
on every page of it, as if it did not exist. An ordinary forum's published report is public.
No report names a young person, and where a report is public, counts under 5 show as "fewer
than 5"."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forums.models import CareStatusNeeded
from forums.services import year
from forums.views.year import _report_context
from participation.models import Attendance, Organisation, Role
from participation.services import role_grant
from tests.factories import StaffFactory, UserFactory, WorkerFactory, YoungPersonFactory
from tests.forums.year.factories import World, meeting

pytestmark = pytest.mark.django_db


def outsiders():
    officer = StaffFactory(roles=[])
    role_grant(
        user=officer,
        role=Role.OFFICER,
        organisation=Organisation.objects.create(name="Council", slug="council", kind="council"),
    )
    return {
        "young person": YoungPersonFactory(),
        "another worker": WorkerFactory(),
        "professional": StaffFactory(roles=[Role.PROFESSIONAL]),
        "officer": officer,
        "board member": UserFactory(roles=[Role.BOARD_MEMBER]),
        "parent or carer": UserFactory(roles=[Role.PARENT_CARER]),
        "administrator": StaffFactory(roles=[Role.ADMINISTRATOR]),
    }


def _as(client, login, person):
    client.logout()
    if person is not None:
        login(person)
        session = client.session
        session["portal.staff_mfa_ok"] = True
        session.save()
    return client


def _pages(report):
    return [
        reverse("forums:annual_reports", args=[report.forum.slug]),
        reverse("forums:annual_report_start", args=[report.forum.slug]),
        reverse("forums:annual_report", args=[report.pk]),
        reverse("forums:annual_report_pdf", args=[report.pk]),
        reverse("forums:annual_report_words", args=[report.pk]),
        reverse("forums:annual_report_recipients", args=[report.pk]),
    ]


@pytest.mark.parametrize(
    "needs", [CareStatusNeeded.IN_CARE, CareStatusNeeded.CARE_LEAVER], ids=["CiCC", "CLIC"]
)
def test_every_outsider_gets_404_on_every_page_of_a_private_forums_report(client, login, needs):
    w = World(private=True)
    w.forum.care_status_needed = needs
    w.forum.save()
    report = w.published()
    for who, person in outsiders().items():
        _as(client, login, person)
        for url in _pages(report):
            assert client.get(url).status_code == 404, (who, url)
        for url in (
            reverse("forums:annual_report_refresh", args=[report.pk]),
            reverse("forums:annual_report_publish", args=[report.pk]),
            reverse("forums:annual_report_send", args=[report.pk]),
        ):
            assert client.post(url).status_code == 404, (who, url)
    _as(client, login, None)
    for url in _pages(report):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_its_members_workers_and_recipients_see_it(
    client, login, django_capture_on_commit_callbacks
):
    w = World(private=True)
    report = w.published()
    w.recipient(report)
    with django_capture_on_commit_callbacks(execute=True):
        year.annual_report_send(report=report, sent_by=w.worker)
    for person in (w.ruby, w.kai, w.worker):
        _as(client, login, person)
        for url in _pages(report)[2:4] + _pages(report)[:1]:
            assert client.get(url).status_code == 200, (person, url)
    _as(client, login, w.worker)
    assert (
        client.get(reverse("forums:annual_report_recipients", args=[report.pk])).status_code == 200
    )
    link = re.search(r"/forums/annual-reports/shared/\S+/", mail.outbox[0].body).group(0)
    for person in (None, YoungPersonFactory()):  # the link is the key, whoever is logged in
        _as(client, login, person)
        assert client.get(link).status_code == 200
        pdf = client.get(link + "pdf/")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_outsiders_cannot_tell_a_private_forum_has_a_report(client, login):
    w = World(private=True)
    url = reverse("forums:detail", args=[w.forum.slug])
    people = {"anonymous": None, **outsiders()}

    def page(person):
        _as(client, login, person)
        return re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", client.get(url).content.decode()
        )

    before = {who: page(person) for who, person in people.items()}
    w.published()
    for who, person in people.items():
        assert page(person) == before[who], who
        assert "nnual report" not in before[who]


def test_an_ordinary_forums_published_report_is_public_and_its_draft_is_not(client, login):
    w = World()
    draft = w.draft()
    _as(client, login, None)
    assert client.get(reverse("forums:annual_report", args=[draft.pk])).status_code == 302
    _as(client, login, w.outsider)
    assert client.get(reverse("forums:annual_report", args=[draft.pk])).status_code == 403
    w.write(draft)
    year.annual_report_publish(report=draft, published_by=w.worker)
    for person in (None, w.outsider, w.officer, w.board_member):
        _as(client, login, person)
        assert client.get(reverse("forums:annual_report", args=[draft.pk])).status_code == 200
        assert client.get(reverse("forums:annual_reports", args=[w.forum.slug])).status_code == 200
        assert client.get(reverse("forums:annual_report_pdf", args=[draft.pk])).status_code == 200


def test_no_report_names_a_young_person(client, login):
    w = World()
    report = w.draft()
    w.write(report, by=w.ruby, foreword="We met every month.")
    w.write(report, by=w.kai, foreword="We met every month and went to Parliament.")
    year.annual_report_publish(report=report, published_by=w.worker)
    for person in (None, w.outsider):
        _as(client, login, person)
        page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
        assert "went to Parliament" in page
        for name in ("Ruby", "Shah", "Kai", "Ward"):
            assert name not in page, name
    printed = render_to_string("forums/year/report_pdf.html", _report_context(report))
    for name in ("Ruby", "Shah", "Kai", "Ward"):
        assert name not in printed
    # The forum's own people see who changed the words, by first name.
    _as(client, login, w.ruby)
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert "Kai, on" in page and "Ward" not in page


def _three_came(w):
    m = meeting(w.forum, timezone.now() - timedelta(days=60))
    for person in (w.ruby, w.kai, YoungPersonFactory()):
        Attendance.objects.create(
            activity=m.activity, user=person, status="present", recorded_by=w.worker
        )


def test_a_public_report_shows_small_counts_as_fewer_than_5(client):
    w = World()
    _three_came(w)
    report = w.published()
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert "<dt>Different people who came to meetings</dt>\n      <dd>Fewer than 5</dd>" in page
    assert "Not shown, because very few came" in page
    assert 'Numbers under 5 show as "fewer than 5"' in page
    assert report.figures["attendance"]["people"] == 3  # kept exactly, shown safely


def test_a_private_report_shows_its_members_the_real_counts(client, login):
    w = World(private=True)
    _three_came(w)
    report = w.published()
    _as(client, login, w.ruby)
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert "<dt>Different people who came to meetings</dt>\n      <dd>3</dd>" in page
    assert "fewer than 5" not in page.lower()
