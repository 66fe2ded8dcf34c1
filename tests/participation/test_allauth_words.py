"""allauth's pages and emails in the portal's own words, with the site's name, never the host.

Issue 23 found allauth's own words: "Verify Your Email Address … finalize the signup process",
"Hello from 127.0.0.1:8100! … user Noor has given your email address", a "Reset My Password"
button, and a reused two-factor code refused as "Incorrect code.".
"""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from participation.models import Role, User
from tests.conftest import current_totp_code
from tests.factories import PASSWORD, StaffFactory
from tests.participation.test_signup import signup_data

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8100"  # where the issue was seen: allauth named the site by it
SUBJECT_PREFIX = "Youth Voice Portal: "
ALLAUTH_WORDS = [
    "Hello from",
    "finalize",
    "has given your email address",
    "Verify Your Email Address",
    "Reset My Password",
    "Password Reset",
    "Confirm Access",
    "Sign Out",
    "Incorrect code.",
    "Thank you for using",
]
MFA_SETTINGS = {
    "MFA_ADAPTER": "participation.adapters.MFAAdapter",
    "MFA_FORMS": {
        "authenticate": "participation.adapters.AuthenticateForm",
        "reauthenticate": "participation.adapters.ReauthenticateForm",
    },
}


@pytest.fixture
def portal_settings(settings):
    """The settings lines the lead adds to config/settings.py."""
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = SUBJECT_PREFIX
    for name, value in MFA_SETTINGS.items():
        setattr(settings, name, value)
    return settings


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def assert_portal_page(page: str, h1: str) -> None:
    """In the site's layout, with one h1 saying what the page is, and none of allauth's words."""
    assert "Skip to main content" in page  # the portal's base.html
    assert "Youth Voice Portal</title>" in page
    assert page.count("<h1") == 1
    assert re.search(rf"<h1[^>]*>{re.escape(h1)}</h1>", page), h1
    for words in ALLAUTH_WORDS:
        assert words not in page, words


def without_links(body: str) -> str:
    """An email's words with its links taken out (a link has to name the host)."""
    return re.sub(r"https?://\S+", "<link>", body)


def assert_portal_email(message, subject: str) -> str:
    assert message.subject == SUBJECT_PREFIX + subject
    words = without_links(message.body)
    for host_word in ["127.0.0.1", "8100", "testserver", "example.com"]:
        assert host_word not in words, host_word
        assert host_word not in message.subject, host_word
    for words_ in ALLAUTH_WORDS + ["You're receiving this email", "user account"]:
        assert words_ not in message.body, words_
    assert "Youth Voice Portal" in words
    assert words.rstrip().endswith("From the Youth Voice Portal team")
    return words


# --- Sign up and verify the email address -------------------------------------------------------


def test_sign_up_shows_our_verify_page_and_sends_our_email(client, mailoutbox, portal_settings):
    response = client.post(
        reverse("account_signup"), signup_data(first_name="Noor"), HTTP_HOST=HOST, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    page = page_text(response)
    assert_portal_page(page, "Verify your email address")
    assert "We have sent you an email from the Youth Voice Portal." in page
    assert "Open it and press the link inside." in page
    assert "Look in your junk or spam folder." in page
    assert HOST not in page

    [message] = mailoutbox
    assert message.to == ["newperson@example.org"]
    words = assert_portal_email(message, "Confirm your email address")
    assert words.startswith("Hello Noor,")
    assert "Thank you for signing up to the Youth Voice Portal." in words
    assert "Open this link and press the button to show us this is your email address" in words
    assert "Didn't sign up?" in words
    # The link still works, from wherever the person signed up.
    link = re.search(rf"http://{re.escape(HOST)}(/accounts/confirm-email/\S+/)", message.body)[1]

    page = page_text(client.get(link, HTTP_HOST=HOST))
    assert_portal_page(page, "Confirm your email address")
    assert "Is <strong>newperson@example.org</strong> your email address?" in page
    assert ">Confirm my email address</button>" in page
    client.post(link, HTTP_HOST=HOST)
    assert User.objects.get(email="newperson@example.org").emailaddress_set.get().verified


def test_without_a_subject_prefix_the_subject_names_the_site_not_the_host(
    client, mailoutbox, settings
):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = None  # allauth would use "[127.0.0.1:8100] "
    client.post(reverse("account_signup"), signup_data(), HTTP_HOST=HOST)
    [message] = mailoutbox
    assert message.subject == "Youth Voice Portal: Confirm your email address"


def test_an_old_confirmation_link_says_what_to_do(client):
    page = page_text(client.get(reverse("account_confirm_email", args=["not-a-real-key"])))
    assert_portal_page(page, "This link does not work")
    assert "log in</a> and we will send you a new link" in page


# --- Forgotten password -------------------------------------------------------------------------


def test_password_reset_page_button_and_email_are_ours(
    client, mailoutbox, portal_settings, young_person
):
    page = page_text(client.get(reverse("account_reset_password")))
    assert_portal_page(page, "Forgotten your password?")
    assert '<button type="submit" class="btn btn-primary">Send me a link</button>' in page
    assert "Type the email address you use to log in." in page

    response = client.post(
        reverse("account_reset_password"), {"email": young_person.email}, HTTP_HOST=HOST
    )
    assert response.status_code == 302
    page = page_text(client.get(response.url))
    assert_portal_page(page, "Check your email")
    assert "press the link inside to choose a new password" in page

    [message] = mailoutbox
    words = assert_portal_email(message, "Set a new password")
    assert words.startswith(f"Hello {young_person.first_name},")
    assert "Someone asked to set a new password for your Youth Voice Portal account." in words
    assert "Your password stays the same." in words
    link = re.search(rf"http://{re.escape(HOST)}(/accounts/password/reset/key/\S+/)", message.body)
    response = client.get(link[1], HTTP_HOST=HOST, follow=True)
    page = page_text(response)
    assert_portal_page(page, "Choose a new password")
    assert ">Save my new password</button>" in page


def test_a_used_reset_link_says_so_plainly(client):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "set-nothing"})
    page = page_text(client.get(url, follow=True))
    assert_portal_page(page, "This link does not work")
    assert "Ask for a new link" in page


def test_a_reset_for_an_unknown_address_gets_our_email(client, mailoutbox, portal_settings):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, HTTP_HOST=HOST)
    [message] = mailoutbox
    words = assert_portal_email(message, "We couldn't find an account with this email address")
    assert "we don't have an account with this email address" in words
    assert "Wasn't you? You don't need to do anything." in words


# --- Check it's you (reauthenticate) ------------------------------------------------------------


def test_reauthenticate_page_asks_for_the_password_in_our_words(client, login, young_person):
    login(young_person)
    page = page_text(client.get(reverse("account_reauthenticate")))
    assert_portal_page(page, "Check it's you")
    assert "Type your password again" in page
    assert ">Confirm</button>" in page
    assert 'for="id_password"' in page  # the field has its label

    response = client.post(reverse("account_reauthenticate"), {"password": "not-it"})
    page = page_text(response)
    assert "There is a problem" in page  # the error summary
    assert page.count("<h1") == 1


def test_mfa_reauthenticate_page_is_ours(client, login, portal_settings):
    worker = StaffFactory(roles=[Role.WORKER])
    login(worker)
    page = page_text(client.get(reverse("mfa_reauthenticate")))
    assert_portal_page(page, "Check it's you")
    assert "type the 6-digit code it shows" in page
    assert "Type your password" in page  # the other way to check it's you


# --- The two-factor code step -------------------------------------------------------------------


def fresh_code() -> str:
    """Today's code, with time left in its 30 seconds to be used twice."""
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.2)
    return current_totp_code()


def log_in_with_password(client, user) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")


def test_a_reused_code_is_refused_with_its_own_words(client, portal_settings):
    worker = StaffFactory(roles=[Role.WORKER])
    code = fresh_code()
    log_in_with_password(client, worker)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302  # logged in
    client.post(reverse("account_logout"))

    log_in_with_password(client, worker)
    page = page_text(client.post(reverse("mfa_authenticate"), {"code": code}))
    assert_portal_page(page, "Enter your code")
    assert "There is a problem" in page
    assert (
        "You&#x27;ve already used that code. Wait for your app to show a new one, "
        "then type it in." in page
    )
    assert "That code is not right" not in page
    assert client.get(reverse("staff_home")).status_code == 302  # still not logged in


def test_a_wrong_code_is_refused_in_plain_words(client, portal_settings):
    worker = StaffFactory(roles=[Role.WORKER])
    log_in_with_password(client, worker)
    wrong = "000000" if current_totp_code() != "000000" else "111111"
    page = page_text(client.post(reverse("mfa_authenticate"), {"code": wrong}))
    assert "That code is not right." in page
    assert "already used" not in page


def test_a_used_recovery_code_is_refused_with_its_own_words(client, portal_settings):
    worker = StaffFactory(roles=[Role.WORKER])
    recovery = RecoveryCodes.activate(worker)
    code = recovery.generate_codes()[0]
    log_in_with_password(client, worker)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post(reverse("account_logout"))

    log_in_with_password(client, worker)
    page = page_text(client.post(reverse("mfa_authenticate"), {"code": code}))
    assert "You&#x27;ve already used that recovery code." in page
    assert Authenticator.objects.filter(user=worker).count() == 2


# --- Other account pages people reach from "Me" -------------------------------------------------


@pytest.mark.parametrize(
    "url_name, h1",
    [
        ("account_logout", "Log out"),
        ("account_change_password", "Change your password"),
        ("account_email", "Your email address"),
    ],
)
def test_account_pages_are_ours(client, login, young_person, url_name, h1):
    login(young_person)
    page = page_text(client.get(reverse(url_name)))
    assert_portal_page(page, h1)
    for words in ["Make Primary", "Re-send Verification", "Change Password", "Email Addresses"]:
        assert words not in page


def test_two_step_log_in_pages_are_ours(client, login):
    worker = StaffFactory(roles=[Role.WORKER])
    RecoveryCodes.activate(worker)
    login(worker)
    page = page_text(client.get(reverse("mfa_index")))
    assert_portal_page(page, "Your two-step log-in")
    assert "You have 10 of 10 codes left." in page
    # Seeing the codes asks for the password again first.
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(response.url, {"password": PASSWORD}, follow=True)
    page = page_text(response)
    assert_portal_page(page, "Your recovery codes")
    assert "Each code works only once." in page
