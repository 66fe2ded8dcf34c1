"""The report prints (a print stylesheet) and downloads as a PDF drawn by participation/pdf.py:
the download is a real PDF, never kept by a browser or proxy, and a private forum's report's
PDF is only for its own people."""

import pytest
from django.urls import reverse

from participation import pdf
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db


def test_the_pdf_download_is_a_pdf_and_private(client):
    w = World()
    report = w.published()
    response = client.get(reverse("forums:annual_report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == (
        f'attachment; filename="youth-council-annual-report-{report.period_end:%Y}.pdf"'
    )


def test_the_pdf_uses_only_our_own_stylesheet(monkeypatch, client):
    asked = []
    real_fetch = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    w = World()
    report = w.draft()
    w.write(report, foreword='Our year <img src="https://example.com/tracker.png">')
    client.force_login(w.ruby)
    response = client.get(reverse("forums:annual_report_pdf", args=[report.pk]))
    assert response.content.startswith(b"%PDF")
    assert asked == [pdf.BASE_URL + "static/forums/annual-report.css"]


def test_a_private_forums_pdf_is_only_for_its_own_people(client, login):
    w = World(private=True)
    report = w.published()
    url = reverse("forums:annual_report_pdf", args=[report.pk])
    assert client.get(url).status_code == 302  # to log in
    login(w.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    login(w.kai)
    assert client.get(url).content.startswith(b"%PDF")


def test_the_page_has_a_print_stylesheet_that_prints_only_the_report(client):
    w = World()
    report = w.published()
    page = client.get(reverse("forums:annual_report", args=[report.pk])).content.decode()
    assert 'href="/static/forums/annual-report.css"' in page
    assert page.count("<h1") == 1
    css = open("static/forums/annual-report.css").read()
    assert "@media print" in css and ".no-print" in css and ".site-header" in css
