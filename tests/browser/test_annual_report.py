"""The Youth Council's annual report in a real browser, on a phone and on a desktop: a worker
starts the report for last year's AGM, a young member writes the foreword (a mistake first:
too long, and what they typed stays), the worker publishes it and sends it to the Leader of
the Council, who opens the link from the email with no account and says they have read it.
axe-core clean on every page visited."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from forums.models import AnnualReport
from tests.browser.helpers import navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.forums.year.factories import World

FOREWORD = "This year we made sure young people across the city were heard."


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_a_member_writes_a_worker_publishes_a_leader_acknowledges(page, live_server):
    w = World()

    # --- The worker starts the report for the AGM ---------------------------------------------
    log_in(page, live_server, w.worker)
    visit(page, reverse("forums:detail", args=[w.forum.slug]))
    with navigation(page):
        page.get_by_role("link", name="Annual reports of Youth Council").click()
    with navigation(page):
        page.get_by_role("link", name="Start an annual report").click()
    page.get_by_label("The AGM it is for (optional)").select_option(str(w.agm.pk))
    with navigation(page):
        page.get_by_role("button", name="Start the report").click()
    assert "The report is started" in page.content()
    report = AnnualReport.objects.get()

    # --- A young member writes the foreword -------------------------------------------------
    log_in(page, live_server, w.ruby)
    visit(page, reverse("forums:annual_report", args=[report.pk]))
    with navigation(page):
        page.get_by_role("link", name="Write the report's words").click()
    page.get_by_label("Foreword").fill(FOREWORD + " " + "x" * 3000)
    page.get_by_label("Highlights").fill("Taking Make Your Mark into schools.")
    with navigation(page):
        page.get_by_role("button", name="Save the words").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.get_by_label("Highlights").input_value() == "Taking Make Your Mark into schools."
    page.get_by_label("Foreword").fill(FOREWORD)
    with navigation(page):
        page.get_by_role("button", name="Save the words").click()
    assert "Your words are saved." in page.content()
    assert FOREWORD in page.content()

    # --- The worker publishes it and sends it to the Leader -----------------------------------
    log_in(page, live_server, w.worker)
    visit(page, reverse("forums:annual_report", args=[report.pk]))
    with navigation(page):
        page.get_by_role("button", name="Publish the report").click()
    assert "The report is published." in page.content()
    with navigation(page):
        page.get_by_role("link", name="Share it with people such as Council Leaders").click()
    page.get_by_label("Their name").fill("Councillor Sarah Hughes")
    page.get_by_label("Their role").fill("Leader of the City of Wolverhampton Council")
    page.get_by_label("Their email address").fill("leader@example.org")
    with navigation(page):
        page.get_by_role("button", name="Add them to the list").click()
    with navigation(page):
        page.get_by_role("button", name="Send it to everyone not sent it yet").click()
    assert "The report is on its way to Councillor Sarah Hughes." in page.content()
    link = re.search(r"/forums/annual-reports/shared/\S+/", mail.outbox[-1].body).group(0)

    # --- The Leader opens the link, with no account, and says they have read it ---------------
    page.context.clear_cookies()
    visit(page, link)
    assert FOREWORD in page.content()
    page.get_by_label("A short message for the young people (optional)").fill(
        "A brilliant year. I will bring your priorities to Cabinet."
    )
    with navigation(page):
        page.get_by_role("button", name="I have read this report").click()
    assert "Thank you. You said you had read it on" in page.content()

    # --- Everyone can read it, and see that the Leader has --------------------------------------
    visit(page, reverse("forums:annual_report", args=[report.pk]))
    content = page.content()
    assert "Councillor Sarah Hughes, Leader of the City of Wolverhampton Council" in content
    assert "Ruby" not in content
    visit(page, reverse("forums:annual_reports", args=[w.forum.slug]))
