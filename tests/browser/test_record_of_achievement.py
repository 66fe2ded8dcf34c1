"""The record of achievement in a real browser, on a phone and on a desktop: a young person
reads her record and asks a worker to check it, the worker checks it and downloads it, and she
downloads it as a PDF that says who checked it. axe-core and the portal's checks on every page
visited."""

import pytest
from django.urls import reverse

from participation.mentoring.models import RecordCheck
from tests.browser.helpers import navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.mentoring.factories import World, attended, on_a_panel


def _download(page, link_name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    download = info.value
    with open(download.path(), "rb") as pdf:
        return download.suggested_filename, pdf.read()


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_she_asks_a_worker_checks_and_she_downloads_the_pdf(page, live_server):
    w = World()
    attended(w, w.jordan, hours=2, title="SpeakOut session")
    on_a_panel(w, w.jordan)
    w.meeting(w.peer())

    # --- Jordan reads her record and asks for it to be checked ----------------------------
    log_in(page, live_server, w.jordan)
    visit(page, reverse("mentoring:my_record"))
    content = page.content()
    assert "Not checked by a worker yet." in content
    assert "Sat on 1 panel choosing grants, services or staff" in content
    with navigation(page):
        page.get_by_role("link", name="Ask a worker to check my record").click()
    page.get_by_label("Anything the worker should know? (you can leave this)").fill(
        "It is for my apprenticeship form."
    )
    with navigation(page):
        page.get_by_role("button", name="Ask for a check").click()
    assert "A participation worker will check your record." in page.content()

    # --- The worker checks it and downloads it ---------------------------------------------
    log_in(page, live_server, w.worker)
    visit(page, reverse("mentoring:record_checks"))
    with navigation(page):
        page.get_by_role("link", name="Jordan Clarke").click()
    assert "It is for my apprenticeship form." in page.content()
    with navigation(page):
        page.get_by_role("button", name="It is right: confirm it").click()
    assert "Checked by Priya Sharma, participation worker" in page.content()
    name, pdf = _download(page, "Download Jordan's checked record as a PDF")
    assert pdf.startswith(b"%PDF") and name.startswith("participation-record-jordan-clarke-")
    assert RecordCheck.objects.get(person=w.jordan).status == "checked"

    # --- Jordan downloads her checked record -----------------------------------------------
    log_in(page, live_server, w.jordan)
    visit(page, reverse("mentoring:my_record"))
    assert "Checked by Priya Sharma, participation worker, on" in page.content()
    name, pdf = _download(page, "Download my record as a PDF")
    assert pdf.startswith(b"%PDF") and name.endswith(".pdf")
