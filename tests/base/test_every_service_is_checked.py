"""Every write service of every app is in its app's refusal table (called by an actor without
the permission, it refuses) or exempt with the reason written down.

Each app's table lives in tests/<app>/test_service_refusals.py as `COVERED` (the services the
table calls) and `EXEMPT` ({service: why it has no actor to check}). A new service that is in
neither fails here, so nobody can add a write that forgets to ask the permission layer.
"""

import importlib
import inspect

import pytest
from django.apps import apps

# The app whose services are checked -> the module holding its refusal table.
TABLES = {
    "participation": "tests.participation.test_service_refusals",
    "forums": "tests.forums.test_service_refusals",
    "forums.elections": "tests.elections.test_service_refusals",
    "participation.voice": "tests.voice.test_service_refusals",
    "charter": "tests.charter.test_service_refusals",
    "participation.scoring": "tests.scoring.test_service_refusals",
    "grants": "tests.grants.test_service_refusals",
    "commissioning": "tests.commissioning.test_service_refusals",
    "participation.content": "tests.content.test_service_refusals",
    "participation.mentoring": "tests.mentoring.test_service_refusals",
    # A services module of its own inside an app (the Youth Council's year, in forums).
    "forums.services.year": "tests.forums.year.test_service_refusals",
}


def _our_apps() -> list[str]:
    return [c.name for c in apps.get_app_configs() if not c.name.startswith(("django", "allauth"))]


def public_services(app: str) -> set:
    try:
        module = importlib.import_module(app if ".services." in app else f"{app}.services")
    except ModuleNotFoundError:
        return set()
    names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
    found = set()
    for name in names:
        value = getattr(module, name)
        if inspect.isfunction(value) and value.__module__.startswith(app):
            found.add(value)
    return found


def test_every_app_with_services_has_a_table():
    for app in _our_apps():
        if public_services(app):
            assert app in TABLES, f"{app} has services but no refusal table in TABLES"


@pytest.mark.parametrize("app", sorted(TABLES))
def test_every_public_service_is_covered_or_exempt_with_a_reason(app):
    table = importlib.import_module(TABLES[app])
    covered, exempt = set(table.COVERED), dict(table.EXEMPT)
    for service, why in exempt.items():
        assert isinstance(why, str) and len(why) > 10, f"{service.__name__}: say why it is exempt"
    missing = sorted(
        s.__name__ for s in public_services(app) if s not in covered and s not in exempt
    )
    assert not missing, f"{app}: services with no refusal case and no exemption: {missing}"
    assert not covered & set(exempt), "a service cannot be both covered and exempt"
