"""A worker pairs a trained peer mentor with a child; the mentor records a meeting; the child
sees it and ends the mentoring. axe and the portal's checks on every page, desktop and phone."""

import pytest
from django.utils import timezone

from participation.mentoring.models import Pairing
from tests.browser.helpers import browser_force_login, browser_login, navigation, visit
from tests.mentoring.factories import World


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_pairing_and_logging_a_meeting(page, live_server):
    w = World()
    browser_login(page, w.worker)
    visit(page, "/mentoring/pairings/")
    with navigation(page):
        page.get_by_role("link", name="Pair a mentor with a young person").click()
    page.get_by_label("Peer mentoring: an older young person and a younger one").check()
    page.locator("#id_mentor").select_option(label="Jordan Clarke (19 to 25)")
    page.locator("#id_mentee").select_option(label="Leo Patel (10 to 12)")
    page.get_by_label("Goals to start with (one on each line, you can leave this)").fill(
        "Try one new club"
    )
    with navigation(page):
        page.get_by_role("button", name="Pair them").click()
    assert "The mentoring is set up" in page.content()
    pairing = Pairing.objects.get()

    page.context.clear_cookies()
    browser_force_login(page, w.jordan)
    visit(page, f"/mentoring/{pairing.pk}/")
    with navigation(page):
        page.get_by_role("link", name="Record a meeting").click()
    page.locator("#id_held_on").fill(timezone.localdate().isoformat())
    page.locator("#id_place").fill("Bilston Youth Project")
    page.locator("#id_worked_on").fill("Looked at the clubs. Leo picked football.")
    with navigation(page):
        page.get_by_role("button", name="Save the meeting").click()
    assert "Leo picked football." in page.content()

    page.context.clear_cookies()
    browser_force_login(page, w.leo)
    visit(page, "/mentoring/")
    with navigation(page):
        page.get_by_role("link", name="See the record of your mentoring with Jordan Clarke").click()
    assert "Leo picked football." in page.content()
    with navigation(page):
        page.get_by_role("link", name="End this mentoring").click()
    with navigation(page):
        page.get_by_role("button", name="End the mentoring").click()
    pairing.refresh_from_db()
    assert pairing.status == "ended"
