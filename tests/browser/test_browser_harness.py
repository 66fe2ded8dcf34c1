"""The browser-test harness itself: axe really fails on violations, unchecked pages are caught.

Without these, a mistake in the harness (say, an axe tag list that matches no rules) would let
every browser test pass while checking nothing.
"""

import pytest
from django.urls import reverse

from tests.browser.helpers import (
    assert_names_and_ids,
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


def small_page(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Small</title></head><body><main>'
        f"<h1>Small</h1><form>{body}</form></main></body></html>"
    )


GOOD_FORM = small_page(
    '<input type="hidden" name="csrf" value="x">'
    '<label for="name">Your name</label><input id="name" name="name">'
    "<fieldset><legend>Pick one</legend>"
    '<input type="radio" id="a" name="pick"><label for="a">A</label>'
    '<input type="radio" id="b" name="pick"><label for="b">B</label></fieldset>'
    '<span id="seat-label">Seats</span><input id="seats" aria-labelledby="seat-label">'
    '<input id="gone" style="display:none">'
    '<div role="region" aria-label="Results in Maidstone">1</div>'
    '<div role="region" aria-label="Results in Canterbury">2</div><div role="region">3</div>'
    '<button type="submit">Save</button>'
)


def test_names_and_ids_pass_a_good_form(page):
    page.set_content(GOOD_FORM)
    check_page(page)


@pytest.mark.parametrize(
    "body, problem",
    [
        (
            '<label for="name">Name</label><input id="name">'
            '<p id="name">Also called name</p><button>Save</button>',
            "the id 'name' is used 2 times",
        ),
        ('<select id="seats"><option>1</option></select>', "select#seats (combobox) has no"),
        ('<input type="checkbox" id="keep">', "input#keep[type=checkbox] (checkbox) has no"),
        ("<textarea name=why></textarea>", "textarea[name=why] (textbox) has no accessible"),
        ('<button type="submit"></button>', "button (button) has no accessible name"),
        (
            '<label for="n">Constituency name</label><label for="n">Who are the seats for?</label>'
            '<input id="n">',
            'input#n[type=text] has 2 labels: "Constituency name" and "Who are the seats for?"',
        ),
        (
            '<span id="other">Seats</span><label for="n">Name</label>'
            '<input id="n" aria-labelledby="other">',
            'input#n[type=text] has aria-labelledby "Seats" and also the label "Name"',
        ),
        (
            '<div role="region" tabindex="0" aria-label="Results, scrolls sideways">a</div>'
            '<div role="region" tabindex="0" aria-label="Results, scrolls sideways">b</div>',
            "2 region landmarks are all called 'Results, scrolls sideways'",
        ),
    ],
    ids=[
        "duplicate-id",
        "select",
        "checkbox",
        "textarea",
        "button",
        "two-labels",
        "labelledby",
        "same-region-name",
    ],
)
def test_names_and_ids_fail_a_bad_form(page, body, problem):
    page.set_content(small_page(body))
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_names_and_ids(page)
    assert problem in str(failure.value)


def test_check_page_fails_a_duplicate_id_that_axe_lets_through(page):
    page.set_content(
        small_page('<label for="x">One</label><input id="x"><p id="x">Two</p><button>Go</button>')
    )
    axe_check(page)  # axe-core no longer reports duplicate ids
    with pytest.raises(pytest.fail.Exception, match="the id 'x' is used 2 times"):
        check_page(page)


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
