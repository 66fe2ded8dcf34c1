"""Every commissioning URL, on the demo data, as anonymous and as every demo account: never a
500, and the kwargs table (for the all-URL matrix) fills every pattern that takes arguments."""

import pytest
from django.urls import get_resolver, reverse

from tests.commissioning.url_kwargs import KWARGS
from tests.url_matrix.demo import PRINCIPALS

pytestmark = pytest.mark.django_db


def _patterns():
    resolver = get_resolver()
    (commissioning,) = [
        p for p in resolver.url_patterns if getattr(p, "namespace", None) == "commissioning"
    ]
    return [(f"commissioning:{p.name}", p.pattern.regex.groups) for p in commissioning.url_patterns]


def test_every_pattern_with_arguments_has_kwargs():
    missing = [name for name, groups in _patterns() if groups and name not in KWARGS]
    assert not missing
    stale = set(KWARGS) - {name for name, _ in _patterns()}
    assert not stale


def test_no_page_gives_a_500_to_anyone(demo, client):
    from participation.models import User

    urls = [
        reverse(name, kwargs=KWARGS[name](None) if name in KWARGS else None)
        for name, _groups in _patterns()
    ]
    for who, email in PRINCIPALS.items():
        client.logout()
        if email:
            client.force_login(
                User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
            )
            session = client.session
            session["portal.staff_mfa_ok"] = True
            session.save()
        for url in urls:
            response = client.get(url)
            assert response.status_code != 500, f"{url} as {who}"
            assert response.status_code in (200, 302, 403, 404, 405), (
                url,
                who,
                response.status_code,
            )
