"""Every youth-made news page, on the demo data, as each kind of person: never a server error,
and the answer each should get for the pages that decide what is public (the all-URL matrix
repeats this for every role)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse

from participation.models import User
from tests.content.url_kwargs import KWARGS

pytestmark = pytest.mark.django_db

PEOPLE = [
    None,
    "young@example.org",  # Amira: wrote the waiting article and the draft
    "child@example.org",  # Leo: a reader
    "ambassador@example.org",  # Jordan: an editor
    "worker@example.org",
    "parent@example.org",
]


def _names():
    resolver = get_resolver().namespace_dict["content"][1]
    return sorted(f"content:{n}" for n in resolver.reverse_dict if isinstance(n, str))


def _urls():
    for name in _names():
        entry = KWARGS.get(name)
        if entry is None:
            yield name, reverse(name)
        elif isinstance(entry, dict):
            for label, fn in entry.items():
                yield f"{name}[{label}]", reverse(name, kwargs=fn(None))
        else:
            yield name, reverse(name, kwargs=entry(None))


def test_every_url_with_arguments_has_kwargs():
    patterns = get_resolver().namespace_dict["content"][1]
    for name in _names():
        _, pattern, _, _ = patterns.reverse_dict.getlist(name.split(":", 1)[1])[0]
        if "<" in str(pattern) or "(?P" in str(pattern):
            assert name in KWARGS, name


def test_every_page_answers_everyone_without_an_error(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    seen = {}
    for email in PEOPLE:
        client.logout()
        if email:
            client.force_login(
                User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
            )
        for key, url in _urls():
            status = client.get(url).status_code
            assert status != 500, (key, email)
            seen[key, email] = status
    # What is public before approval: the draft only for Amira, the waiting article for her
    # and the editors; the published one for everyone.
    for email in PEOPLE:
        assert seen["content:article[published]", email] == 200
    assert {e for e in PEOPLE if seen["content:article[draft]", e] == 200} == {"young@example.org"}
    assert {e for e in PEOPLE if seen["content:article[waiting]", e] == 200} == {
        "young@example.org",
        "ambassador@example.org",
        "worker@example.org",
    }
    assert seen["content:review", "ambassador@example.org"] == 200
    assert seen["content:review", "child@example.org"] == 403
    assert seen["content:write", "parent@example.org"] == 403
    assert seen["content:issue_create", "ambassador@example.org"] == 200
    assert seen["content:issue_create", "young@example.org"] == 403
