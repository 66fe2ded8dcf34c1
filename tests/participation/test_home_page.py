"""The home page: what is waiting for this person now, then what they can do here.

It offers only what exists: every link resolves and opens for the person who sees it, and
neither the home page nor the README mentions pages that are still to come.
"""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.urls import resolve, reverse

from participation.models import Role
from participation.registry import registry
from participation.services.notifications import notify

README = Path(__file__).resolve().parents[2] / "README.md"
# The apps still to come ("you said, we did" and the charter have their pages now).
NOT_YET = re.compile(r"dashboard", re.I)

VOTE = {
    "text": "Vote in the Youth Council election, open until 5 December",
    "url": "/elections/",
    "kind": "vote",
}

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _as(client, login, make_user, role):
    if role is not None:
        login(make_user(role))
    return client


@pytest.fixture
def only(monkeypatch):
    """Replace every app's home items with these contributions."""

    def use(**contributions):
        monkeypatch.setattr(registry, "home_items", dict(contributions))

    return use


def test_what_is_waiting_is_shown_first_as_links(client, login, young_person, only):
    only(elections=lambda user: [VOTE] if user == young_person else [])
    login(young_person)
    main = _main(client.get(reverse("home")))
    waiting = _section(main, "waiting-heading")
    assert f'<a href="/elections/">{VOTE["text"]}</a>' in waiting
    assert main.index("Waiting for you now") < main.index("What you can do here")


def test_nothing_waiting_says_so_kindly(client, login, young_person, only):
    only()
    login(young_person)
    waiting = _text(_section(_main(client.get(reverse("home"))), "waiting-heading"))
    assert "Nothing is waiting for you right now. You are all up to date!" in waiting


def test_unread_notifications_come_after_what_needs_doing(client, login, young_person, only):
    unread = {"text": "You have 3 unread notifications.", "url": "/notifications/"}
    only(
        participation=lambda user: [{**unread, "kind": "notifications"}],
        elections=lambda user: [VOTE],
    )
    login(young_person)
    waiting = _section(_main(client.get(reverse("home"))), "waiting-heading")
    assert waiting.index(VOTE["text"]) < waiting.index(unread["text"])


def test_one_app_failing_leaves_the_others(client, login, young_person, only, caplog):
    def broken(user):
        raise RuntimeError("boom")

    only(forums=broken, elections=lambda user: [VOTE])
    login(young_person)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert VOTE["text"] in _main(response)
    assert "home item 'forums' failed" in caplog.text


def test_the_real_apps_tell_a_young_person_about_unread_notifications(client, login, young_person):
    notify(recipients=young_person, kind="test", title="Hello")
    login(young_person)
    waiting = _section(_main(client.get(reverse("home"))), "waiting-heading")
    assert f'href="{reverse("notifications")}"' in waiting
    assert "1 unread" in _text(waiting)


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r or "anonymous")
def test_every_link_resolves_and_opens_for_who_sees_it(client, login, make_user, role):
    client = _as(client, login, make_user, role)
    response = client.get(reverse("home"))
    main = _main(response)
    hrefs = re.findall(r'href="([^"]+)"', _section(main, "can-do-heading"))
    assert hrefs, "the page says what this person can do, with links"
    for href in set(re.findall(r'href="([^"]+)"', main)):
        resolve(urlparse(href).path)  # a URL that does not resolve raises Resolver404
        assert client.get(href).status_code == 200, f"{role}: {href}"


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r or "anonymous")
def test_no_promise_of_pages_that_do_not_exist(client, login, make_user, role):
    client = _as(client, login, make_user, role)
    page = _text(client.get(reverse("home")).content.decode())
    assert not NOT_YET.findall(page)


def test_the_youth_council_is_elected_not_joined(client, login, young_person):
    login(young_person)
    main = _main(client.get(reverse("home")))
    lines = re.findall(r"<(?:a|p|li)\b[^>]*>(.*?)</(?:a|p|li)>", main, re.S)
    assert not [line for line in lines if re.search(r"join.*Youth Council", line, re.I)]
    text = _text(main)
    assert "stand to be elected: this is how people get onto the Youth Council" in text


def test_one_h1_and_labelled_regions(client, login, young_person):
    login(young_person)
    html = client.get(reverse("home")).content.decode()
    assert html.count("<h1") == 1
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    for heading_id in re.findall(r'aria-labelledby="([^"]+)"', _main(client.get("/"))):
        assert f'id="{heading_id}"' in html


def test_the_readme_promises_no_pages_that_do_not_exist():
    # Folder names in `code` (grants/) are where those apps will live, not pages.
    prose = re.sub(r"`[^`]*`", "", README.read_text())
    assert not NOT_YET.findall(prose)


def test_you_said_and_the_charter_are_offered_once_they_exist(client, login, young_person):
    login(young_person)
    text = _text(client.get(reverse("home")).content.decode())
    assert "You said, we did: what was done about what young people said" in text
    assert "The Co-Production Charter and who has signed it" in text
    assert "Tell us about something that needs to change" in text
