"""Who sees what: an officer works only on items routed to their organisation; an anonymous
raiser's name never reaches the officer in a page, an email or an export; words a worker has
not approved are never public."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from participation.models import Role
from participation.services import notification_preference_set, personal_data_export
from participation.voice import services
from tests.voice.factories import World, YoungPersonFactory

pytestmark = pytest.mark.django_db

SECRET_WORDS = "My foster carer shouts at me about the bus money"
RAISER = "Amira Khan"


class Matrix(World):
    def __init__(self, make_user):
        super().__init__()
        self.admin = make_user(Role.ADMINISTRATOR)
        self.board = make_user(Role.BOARD_MEMBER)
        # Unapproved words, already routed: the officer may answer but nobody else may read.
        self.unapproved = self.routed(self.raise_item(title="Unchecked item", text=SECRET_WORDS))
        # Anonymous to the officer, public, routed to the council.
        self.anonymous = self.public_routed(title="Anonymous item", anonymous=True)
        self.named = self.public_routed(title="Named item")
        self.for_headstart = self.routed(
            self.approved(self.raise_item(title="HeadStart item")), to=self.headstart
        )
        self.waiting = self.raise_item(title="Waiting item")

    def who(self, name):
        return None if name == "anonymous" else getattr(self, name)


PRINCIPALS = [
    "anonymous",
    "young",
    "friend",
    "parent",
    "worker",
    "officer",
    "other_officer",
    "admin",
    "board",
]


def get(client, login, user, url):
    client.logout()
    if user is not None:
        login(user)
    return client.get(url)


# page -> who gets 200 (everyone else: 302 to log in if anonymous, 403 or 404 otherwise)
PAGES = {
    "unapproved item": (
        lambda m: reverse("voice:item", args=[m.unapproved.pk]),
        {"young", "worker", "officer"},
    ),
    "waiting item": (lambda m: reverse("voice:item", args=[m.waiting.pk]), {"young", "worker"}),
    "public item": (lambda m: reverse("voice:item", args=[m.named.pk]), set(PRINCIPALS)),
    "answer the council's item": (
        lambda m: reverse("voice:respond", args=[m.named.pk]),
        {"officer"},
    ),
    "answer HeadStart's item": (
        lambda m: reverse("voice:respond", args=[m.for_headstart.pk]),
        {"other_officer"},
    ),
    "route": (lambda m: reverse("voice:route", args=[m.waiting.pk]), {"worker"}),
    "worker queue": (lambda m: reverse("voice:worker_queue"), {"worker"}),
    "officer queue": (lambda m: reverse("voice:officer_queue"), {"officer", "other_officer"}),
    "raise": (lambda m: reverse("voice:raise"), {"young", "friend", "parent", "worker"}),
    "public page": (lambda m: reverse("voice:public"), set(PRINCIPALS)),
    "records": (lambda m: reverse("voice:records"), set(PRINCIPALS)),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_matrix(client, login, make_user, page):
    m = Matrix(make_user)
    url_of, allowed = PAGES[page]
    url = url_of(m)
    for name in PRINCIPALS:
        status = get(client, login, m.who(name), url).status_code
        if name in allowed:
            assert status == 200, (page, name, status)
        elif name == "anonymous":
            assert status == 302, (page, name, status)
        else:
            assert status in (403, 404), (page, name, status)


def test_an_officer_lists_only_their_organisations_items(client, login, make_user):
    m = Matrix(make_user)
    page = get(client, login, m.officer, reverse("voice:officer_queue")).content.decode()
    assert "Named item" in page and "Anonymous item" in page
    assert "HeadStart item" not in page
    other = get(client, login, m.other_officer, reverse("voice:officer_queue")).content.decode()
    assert "HeadStart item" in other and "Named item" not in other


def test_an_anonymous_raiser_is_never_named_to_the_officer(
    client, login, make_user, django_capture_on_commit_callbacks
):
    m = Matrix(make_user)
    for url in (
        reverse("voice:item", args=[m.anonymous.pk]),
        reverse("voice:respond", args=[m.anonymous.pk]),
        reverse("voice:officer_queue"),
    ):
        page = get(client, login, m.officer, url).content.decode()
        assert RAISER not in page and "Amira" not in page, url
    # ... whereas a named raiser is named, and the worker sees both.
    named = get(client, login, m.officer, reverse("voice:item", args=[m.named.pk]))
    assert RAISER in named.content.decode()
    worker_view = get(client, login, m.worker, reverse("voice:item", args=[m.anonymous.pk]))
    assert RAISER in worker_view.content.decode()
    # Email: routing an anonymous item to an officer who wants email.
    notification_preference_set(user=m.officer, email_enabled=True)
    item = m.raise_item(title="Another anonymous one", anonymous=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        m.routed(item, officer=m.officer)
    assert mail.outbox and all("Amira" not in e.subject + e.body for e in mail.outbox)
    # Export: the officer's own data download.
    m.answer(m.anonymous)
    exported = json.dumps(personal_data_export(user=m.officer), default=str)
    assert "Anonymous item" in exported and "Amira" not in exported


def test_unapproved_words_are_never_public(client, login, make_user):
    m = Matrix(make_user)
    for name in ("anonymous", "friend", "parent", "board", "other_officer"):
        for url in (reverse("voice:public"), reverse("voice:records")):
            page = get(client, login, m.who(name), url).content.decode()
            assert SECRET_WORDS not in page and "Unchecked item" not in page, (name, url)
    assert "Waiting item" not in get(client, login, None, reverse("voice:public")).content.decode()
    services.item_text_approve(item=m.unapproved, approved_by=m.worker)
    public = get(client, login, None, reverse("voice:public")).content.decode()
    assert "Unchecked item" in public


def test_the_public_page_never_names_a_raiser(client, login, make_user):
    m = Matrix(make_user)
    for user in (None, m.friend, m.officer):
        page = get(client, login, user, reverse("voice:item", args=[m.named.pk])).content.decode()
        if user is not m.officer:
            assert RAISER not in page
        public = get(client, login, user, reverse("voice:public")).content.decode()
        assert RAISER not in public


def test_only_followers_and_raisers_may_rate(make_user):
    m = Matrix(make_user)
    m.answer(m.named)
    m.named.refresh_from_db()
    stranger = YoungPersonFactory()
    from participation.access import allowed

    assert allowed(m.young, "voice.rate_response", m.named)
    assert not allowed(stranger, "voice.rate_response", m.named)
    services.item_follow(item=m.named, user=stranger)
    assert allowed(stranger, "voice.rate_response", m.named)
