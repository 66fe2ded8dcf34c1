"""Every grants page, on the demo data, as each kind of person: never a server error, and the
answer each should get (the all-URL matrix repeats this for every role)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse

from participation.models import User
from tests.grants.url_kwargs import KWARGS

pytestmark = pytest.mark.django_db

PEOPLE = [None, "young@example.org", "ambassador@example.org", "worker@example.org"]


def _grants_names():
    resolver = get_resolver()
    return sorted(
        f"grants:{name}"
        for name in resolver.namespace_dict["grants"][1].reverse_dict
        if isinstance(name, str)
    )


def _urls(demo=None):
    for name in _grants_names():
        entry = KWARGS.get(name)
        if entry is None:
            yield name, reverse(name)
        elif isinstance(entry, dict):
            for label, fn in entry.items():
                yield f"{name}[{label}]", reverse(name, kwargs=fn(demo))
        else:
            yield name, reverse(name, kwargs=entry(demo))


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_every_url_with_arguments_has_kwargs():
    from django.urls import get_resolver

    patterns = get_resolver().namespace_dict["grants"][1]
    for name in _grants_names():
        short = name.split(":", 1)[1]
        _, pattern, defaults, _ = patterns.reverse_dict.getlist(short)[0]
        if "<" in str(pattern) or "(?P" in str(pattern):
            assert name in KWARGS, name


def test_every_page_answers_everyone_without_an_error(seeded, client):
    expected_ok = {
        None: {"grants:list", "grants:showcase", "grants:round[open]", "grants:round[finished]"},
        "young@example.org": {
            "grants:mine",
            "grants:application[draft]",
            "grants:edit",
            "grants:start",
            "grants:showcase_report",
        },
        "ambassador@example.org": {"grants:reviews", "grants:review", "grants:conflict"},
        "worker@example.org": {
            "grants:manage",
            "grants:panel[open]",
            "grants:panel[finished]",
            "grants:decide",
            "grants:award",
            "grants:visit",
            "grants:showcase_queue",
            "grants:round_create",
            "grants:reviewer_add",
            "grants:consent",
            "grants:application[sent]",
            "grants:receipt_file",
            "grants:photo_file",
            "grants:pay",
            "grants:receipt_add",
            "grants:visit_plan",
        },
    }
    urls = list(_urls())
    for email in PEOPLE:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for name, url in urls:
            response = client.get(url)
            assert response.status_code < 500, (email, name, url)
            if name in expected_ok[email]:
                assert response.status_code == 200, (email, name, url, response.status_code)
