"""The record of achievement as a PDF, for a CV or a college application: the young person
downloads their own at any time; a worker downloads a young person's record from its check page
once it is checked; nobody else can. The foot of every page says who checked it and when, or
that it is not checked yet; it is drawn with its own print stylesheet, and never names another
host."""

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.mentoring import services, views
from participation.models import Role
from tests.factories import StaffFactory, UserFactory, YoungPersonFactory
from tests.mentoring.factories import World, attended

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(monkeypatch):
    """The HTML each PDF was drawn from (the PDF itself is compressed)."""
    pages = []
    real = views.render_pdf

    def spy(template, context):
        pages.append(render_to_string(template, context))
        return real(template, context)

    monkeypatch.setattr(views, "render_pdf", spy)
    return pages


def _foot(html: str) -> str:
    return html.split('<footer class="pdf-foot">', 1)[1].split("</footer>", 1)[0]


def _is_a_private_pdf(response, name="jordan-clarke"):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    today = timezone.localdate().isoformat()
    assert f'filename="participation-record-{name}-{today}.pdf"' in response["Content-Disposition"]


def test_a_young_person_downloads_her_record_checked_or_not(client, login, drawn):
    w = World()
    attended(w, w.jordan, hours=2, title="SpeakOut session")
    login(w.jordan)
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert reverse("mentoring:my_record_pdf") in page

    _is_a_private_pdf(client.get(reverse("mentoring:my_record_pdf")))
    html = drawn[-1]
    assert "Participation record: Jordan Clarke" in html and "SpeakOut session" in html
    assert "Not checked yet" in _foot(html)
    assert "http" not in html.replace("https://portal.invalid/", "")
    assert 'href="/static/mentoring/record-pdf.css"' in html
    with open(finders.find("mentoring/record-pdf.css")) as css:
        sheet = css.read()
    assert "@page" in sheet and "running(foot)" in sheet

    check = services.record_check_ask(person=w.jordan)
    services.record_check_confirm(check=check, checked_by=w.worker)
    client.get(reverse("mentoring:my_record_pdf"))
    today = date_format(timezone.localdate(), "j F Y")
    assert f"Checked by Priya Sharma, participation worker, on {today}." in _foot(drawn[-1])
    assert "new since the check" not in _foot(drawn[-1])

    attended(w, w.jordan, hours=1, days_ago=1, title="Open Space event")
    client.get(reverse("mentoring:my_record_pdf"))
    assert 'Things marked "new since the check" were added after that' in _foot(drawn[-1])
    assert 'Open Space event <strong class="record-new">(new since the check)' in drawn[-1]


def test_a_worker_downloads_a_checked_record_from_its_check_page(client, login, drawn):
    w = World()
    attended(w, w.jordan, hours=2)
    check = services.record_check_ask(person=w.jordan)
    url = reverse("mentoring:record_check_pdf", args=[check.pk])
    login(w.other_worker)
    assert client.get(url).status_code == 403  # not checked yet
    services.record_check_confirm(check=check, checked_by=w.worker)
    _is_a_private_pdf(client.get(url))
    assert "Checked by Priya Sharma" in _foot(drawn[-1])
    login(w.jordan)  # her own checked record, from the same address
    _is_a_private_pdf(client.get(url))


@pytest.mark.parametrize(
    "who",
    [
        "another young person",
        "the mentee's parent",
        "a board member",
        "an officer",
        "a professional",
        "a provider",
    ],
)
def test_nobody_else_downloads_a_record(client, login, who):
    w = World()
    check = services.record_check_ask(person=w.jordan)
    services.record_check_confirm(check=check, checked_by=w.worker)
    person = {
        "another young person": YoungPersonFactory(),
        "the mentee's parent": w.dad,
        "a board member": w.grace,
        "an officer": StaffFactory(roles=[Role.OFFICER]),
        "a professional": StaffFactory(roles=[Role.PROFESSIONAL]),
        "a provider": UserFactory(roles=[Role.PROVIDER]),
    }[who]
    login(person)
    response = client.get(reverse("mentoring:record_check_pdf", args=[check.pk]))
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_logged_out_is_sent_to_log_in(client):
    w = World()
    check = services.record_check_ask(person=w.jordan)
    for url in (
        reverse("mentoring:my_record_pdf"),
        reverse("mentoring:record_check_pdf", args=[check.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url
