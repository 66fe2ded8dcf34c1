"""The browser-test harness itself: axe really fails on violations, unchecked pages are caught.

Without these, a mistake in the harness (say, an axe tag list that matches no rules) would let
every browser test pass while checking nothing.
"""

import pytest
from django.urls import reverse

from tests.browser.helpers import (
    axe_check,
    browser_force_login,
    check_page,
    path_of,
    tracker_for,
    visit,
)

BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title></head><body>
<main><h1>Broken</h1><img src="data:,"><input type="text">
<p style="color:#999;background:#fff">Grey on white</p></main></body></html>"""


def test_axe_check_fails_with_a_readable_list_of_violations(page):
    page.set_content(BROKEN_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page)
    report = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "label", "color-contrast"):
        assert f"- {rule} (" in report, report
    assert "at img" in report  # the failing element is named
    assert "dequeuniversity.com" in report  # with a link to how to fix it


def test_a_page_left_unchecked_is_reported(page):
    tracker = tracker_for(page)
    page.goto(reverse("privacy"))
    assert tracker.unchecked() == [f"#1 {page.url}"]
    check_page(page)
    assert tracker.unchecked() == []


def test_check_page_wants_exactly_one_h1(page):
    visit(page, reverse("privacy"))
    page.evaluate("document.querySelector('main').append(document.createElement('h1'))")
    with pytest.raises(AssertionError, match="exactly one h1"):
        check_page(page)


def test_check_page_catches_sideways_scrolling_on_a_phone(phone_page):
    visit(phone_page, reverse("privacy"))
    phone_page.evaluate(
        "() => { const d = document.createElement('div'); d.className = 'too-wide';"
        " d.textContent = 'x'; d.setAttribute('aria-hidden', 'true');"
        " d.style.width = '600px'; document.querySelector('main').append(d); }"
    )
    with pytest.raises(AssertionError, match="scrolls sideways.*too-wide"):
        check_page(phone_page)


def test_browser_force_login_gives_a_logged_in_session(page):
    from tests.factories import WorkerFactory

    browser_force_login(page, WorkerFactory())
    visit(page, reverse("staff_home"))
    assert path_of(page) == reverse("staff_home")
