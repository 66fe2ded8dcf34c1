"""The foundation's pages in a real browser: axe-core clean, keyboard-friendly, phone-friendly.

Every page these tests open is checked by tests/browser/helpers.check_page (axe-core for WCAG 2.2
A and AA, one h1, a title, and no sideways scrolling on a phone); the `page` fixture fails any
test that leaves a page unchecked.
"""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from participation.models import Role, User
from participation.services import notify
from tests import factories
from tests.browser.helpers import (
    browser_login,
    enter_totp_code,
    navigation,
    path_of,
    visit,
)

BOTH_SIZES = pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)


def under_13_birthday() -> str:
    return factories.birthday_for_age(11).isoformat()


def fill_signup_form(page, *, email: str, name: str, born: str, area: str = "", password: str):
    page.get_by_label("Email").fill(email)
    page.get_by_label("What should we call you?").fill(name)
    page.get_by_label("Your date of birth").fill(born)
    page.get_by_label("Which part of the city").fill(area)
    page.get_by_role("textbox", name=re.compile(r"^Password\*?$")).fill(password)
    page.get_by_role("textbox", name=re.compile(r"^Password \(again\)")).fill(password)


# --- Pages anyone can open ----------------------------------------------------------------------


@BOTH_SIZES
@pytest.mark.parametrize(
    "url_name", ["home", "account_signup", "account_login", "privacy", "under_13"]
)
def test_public_pages_pass_axe_and_fit_the_screen(page, url_name):
    response = visit(page, reverse(url_name))
    assert response.status == 200


@BOTH_SIZES
def test_sign_up_errors_are_summarised_focused_and_keep_what_was_typed(page):
    visit(page, reverse("account_signup"))
    fill_signup_form(
        page,
        email="kid@example.org",
        name="Kai",
        born=under_13_birthday(),
        area="Bilston",
        password="a-long-test-password-1",
    )
    with navigation(page):  # the page with the errors is checked by axe too
        page.locator("main form").get_by_role("button", name="Sign up").click()

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    assert "You need to be 13 or older" in summary.inner_text()
    # The summary takes focus when the page opens, so a screen reader reads it out first.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    # Each error in it links to its field, and the field says what is wrong.
    link = summary.get_by_role("link", name=re.compile("date of birth", re.I))
    assert link.get_attribute("href") == "#id_date_of_birth"
    date_field = page.locator("#id_date_of_birth")
    assert date_field.get_attribute("aria-invalid") == "true"
    assert "13 or older" in page.locator("main form").inner_text()
    # What was typed is still there (passwords are never sent back to the browser).
    assert page.get_by_label("Email").input_value() == "kid@example.org"
    assert page.get_by_label("What should we call you?").input_value() == "Kai"
    assert date_field.input_value() == under_13_birthday()
    assert page.get_by_label("Which part of the city").input_value() == "Bilston"
    assert not User.objects.filter(email="kid@example.org").exists()


# --- Keyboard -----------------------------------------------------------------------------------


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    visit(page, reverse("home"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box and box["y"] >= 0, "the skip link must be on screen when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab goes to the first link inside main, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const atCentre = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        shadow: s.boxShadow !== 'none',
        onScreen: r.bottom > 0 && r.top < window.innerHeight && r.width > 0,
        covered: !!atCentre && !el.contains(atCentre) && !atCentre.contains(el),
    };
}"""


@pytest.mark.parametrize("url_name", ["home", "account_signup", "account_login"])
def test_every_tab_stop_has_a_visible_focus_indicator(page, url_name):
    visit(page, reverse(url_name))
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] == "body":  # tabbed past the last element
            break
        seen += 1
        where = f"{focus['tag']} {focus['text']!r} on {url_name}"
        assert focus["outline"] or focus["shadow"], f"no visible focus indicator: {where}"
        assert focus["onScreen"], f"focused element is off screen: {where}"
        assert not focus["covered"], f"focused element is hidden under something: {where}"
    assert seen >= 4


# --- Signed-in pages ----------------------------------------------------------------------------


@BOTH_SIZES
def test_young_persons_pages_pass_axe(page):
    person = factories.YoungPersonFactory(first_name="Amara")
    notify(
        recipients=person,
        kind="test",
        title="Your training certificate is ready",
        body="Well done on finishing Total Respect.",
        url="/",
    )
    browser_login(page, person)
    assert path_of(page) == reverse("home")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Amara"
    # The header says there is one unread notification, in words as well as a number.
    assert page.get_by_role("link", name="Notifications 1 unread").is_visible()
    visit(page, reverse("notifications"))
    assert page.get_by_text("Your training certificate is ready").is_visible()
    with navigation(page):
        page.get_by_role("button", name="Mark all as read").click()
    assert page.get_by_role("status").get_by_text("marked as read").is_visible()


@BOTH_SIZES
def test_staff_without_mfa_is_sent_to_set_it_up_and_can_do_so(page):
    worker = factories.WorkerFactory(mfa=False)
    browser_login(page, worker)
    # allauth asks for the password once more before MFA can be set up (its
    # MFA_REAUTHENTICATION_REQUIRED), then goes on to the set-up page.
    if path_of(page) == reverse("account_reauthenticate"):
        assert "activate" in page.url
        page.get_by_role("textbox", name=re.compile(r"^Password")).fill(factories.PASSWORD)
        with navigation(page):
            page.locator("main form").get_by_role("button", name="Confirm").click()
    assert path_of(page) == reverse("mfa_activate_totp")
    # Any staff page sends them back here until MFA is on.
    visit(page, reverse("staff_home"))
    assert path_of(page) == reverse("mfa_activate_totp")

    # Set it up as a person would, with the secret shown on the page (all of it, on a phone too).
    secret_field = page.locator("#authenticator_secret")
    assert secret_field.evaluate("el => el.scrollWidth <= el.clientWidth"), "secret is cut off"
    secret = secret_field.input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_role("textbox", name=re.compile(r"^Authenticator code")).fill(code)
    with navigation(page):
        page.locator("main form").get_by_role("button", name="Turn it on").click()
    assert path_of(page) != reverse("mfa_activate_totp")

    visit(page, reverse("staff_home"))
    assert path_of(page) == reverse("staff_home")
    visit(page, reverse("mfa_index"))


@BOTH_SIZES
def test_staff_with_mfa_gets_the_code_step_then_the_staff_pages(page):
    worker = factories.WorkerFactory()
    browser_login(page, worker, totp=False)
    assert path_of(page) == reverse("mfa_authenticate")  # the code page was checked by axe
    visit(page, reverse("staff_home"))  # not logged in until the code is given
    assert path_of(page) == reverse("mfa_authenticate")

    enter_totp_code(page)
    assert path_of(page) == reverse("home")
    visit(page, reverse("staff_home"))
    assert page.get_by_role("heading", level=1).inner_text() == "Staff area"
    visit(page, reverse("mfa_index"))
    visit(page, reverse("notifications"))
    visit(page, reverse("young_person_create"))
    # The worker's form with every error showing.
    with navigation(page):
        page.locator("main form").get_by_role("button", name="Make the account").click()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert "Tick this box to confirm the parent or carer agreed." in summary.inner_text()


# --- A whole flow -------------------------------------------------------------------------------


def test_a_young_person_signs_up_verifies_their_email_and_lands_logged_in(page):
    visit(page, reverse("home"))
    with navigation(page):
        page.locator("main").get_by_role("link", name="Sign up").click()
    fill_signup_form(
        page,
        email="jay@example.org",
        name="Jay",
        born=factories.birthday_for_age(15).isoformat(),
        area="Whitmore Reans",
        password="a-long-test-password-1",
    )
    with navigation(page):
        page.locator("main form").get_by_role("button", name="Sign up").click()
    # Not logged in yet: the page says to check their email.
    assert "Verify" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name="Log in").count() >= 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jay@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)

    visit(page, link)
    with navigation(page):
        page.locator("main form").get_by_role("button", name="Confirm").click()

    assert path_of(page) == reverse("home")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Jay"
    assert page.get_by_role("button", name="Log out").is_visible()
    user = User.objects.get(email="jay@example.org")
    assert user.has_role(Role.YOUNG_PERSON)
    assert EmailAddress.objects.get(user=user).verified

    with navigation(page):
        page.get_by_role("button", name="Log out").click()
    assert page.get_by_role("link", name="Log in").first.is_visible()
