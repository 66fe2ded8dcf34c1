"""Request every URL pattern as every demo user, and read or write the expected matrix."""

import copy
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from .demo import PRINCIPALS
from .kwargs import KWARGS
from .patterns import Pattern, all_patterns

EXPECTED_FILE = Path(__file__).resolve().parent.parent / "all_urls_expected.txt"
REGENERATE = "UPDATE_URL_MATRIX=1 .venv/bin/python -m pytest tests/test_all_urls.py"
HEADER = f"""\
# The all-URL × role matrix: every URL pattern of the root resolver (Django admin aside),
# requested with GET as anonymous and as each demo user from seed_demo, on the demo data.
# One line per URL × role:  <url name[variant]>  <route>  <who>  <outcome>
# Outcome: the status code; a redirect adds where it goes (">login" is the log-in page).
# The arguments come from the table in tests/url_matrix/kwargs.py.
# Regenerate (then review the diff):  {REGENERATE}
"""


@dataclass(frozen=True)
class Case:
    key: str  # "name" or "name[variant]"
    pattern: Pattern
    make_kwargs: object  # demo -> kwargs


@dataclass
class Observed:
    outcomes: dict[tuple[str, str], str] = field(default_factory=dict)  # (case, who) -> outcome
    routes: dict[str, str] = field(default_factory=dict)  # case -> route
    errors: dict[tuple[str, str], str] = field(default_factory=dict)  # 500s: traceback
    unbuildable: dict[str, str] = field(default_factory=dict)  # case -> why no URL


def cases(patterns: list[Pattern]) -> tuple[list[Case], list[str]]:
    """The cases to request, and the patterns that take arguments but have no kwargs entry."""
    found, missing = [], []
    for pattern in patterns:
        entry = KWARGS.get(pattern.name)
        if entry is None:
            if pattern.takes_arguments:
                missing.append(pattern.name)
                continue
            entry = lambda d: {}  # noqa: E731
        variants = entry if isinstance(entry, dict) else {None: entry}
        for label, make in variants.items():
            key = pattern.name if label is None else f"{pattern.name}[{label}]"
            found.append(Case(key, pattern, make))
    return found, missing


def outcome_of(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path == reverse("account_login"):
            return f"{response.status_code}>login"
        try:
            match = resolve(path)
        except Resolver404:
            return f"{response.status_code}>{path}"
        return f"{response.status_code}>{match.view_name}"
    return str(response.status_code)


class _Rollback(Exception):
    pass


def observe(demo) -> Observed:
    """GET every case as every principal. Each request runs in a savepoint that is rolled back
    (and the cookies and cache are put back), so no request changes what the next one sees."""
    from participation.models import User

    observed = Observed()
    todo, _missing = cases(all_patterns())
    urls = {}
    for case in todo:
        observed.routes[case.key] = "/" + case.pattern.route
        try:
            kwargs = case.make_kwargs(demo)
            name = case.pattern.name.split("@")[0]
            urls[case.key] = reverse(name, kwargs=kwargs)
        except Exception as error:  # noqa: BLE001  (a missing demo object, a bad kwarg)
            observed.unbuildable[case.key] = f"{type(error).__name__}: {error}"
    for who, email in PRINCIPALS.items():
        client = Client(raise_request_exception=False)
        if email is not None:
            client.force_login(
                User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
            )
        cookies = copy.deepcopy(client.cookies)
        for key, url in urls.items():
            cache.clear()
            client.cookies = copy.deepcopy(cookies)
            try:
                with transaction.atomic():
                    response = client.get(url)
                    raise _Rollback
            except _Rollback:
                pass
            observed.outcomes[(key, who)] = outcome_of(response)
            if response.status_code >= 500:
                exc_info = getattr(response, "exc_info", None)
                observed.errors[(key, who)] = (
                    "".join(traceback.format_exception(*exc_info)[-3:]) if exc_info else url
                )
    return observed


def render(observed: Observed) -> str:
    order = list(PRINCIPALS)
    rows = sorted(observed.outcomes.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1])))
    width_key = max(len(key) for (key, _who), _ in rows)
    width_route = max(len(observed.routes[key]) for (key, _who), _ in rows)
    width_who = max(len(w) for w in order)
    lines = [
        f"{key:<{width_key}}  {observed.routes[key]:<{width_route}}  {who:<{width_who}}  {outcome}"
        for (key, who), outcome in rows
    ]
    patterns = {pattern_of(key) for key in observed.routes}
    counts = (
        f"# {len(patterns)} URL patterns, {len(observed.routes)} cases with their variants, "
        f"{len(order)} principals: {len(rows)} URL × role lines.\n"
    )
    return HEADER + counts + "\n".join(lines) + "\n"


def read_expected() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(case, who) -> outcome, and case -> route, from the expected file."""
    outcomes, routes = {}, {}
    if not EXPECTED_FILE.exists():
        return outcomes, routes
    for number, line in enumerate(EXPECTED_FILE.read_text().splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 4:
            raise ValueError(f"{EXPECTED_FILE.name} line {number}: expected 4 columns: {line!r}")
        key, route, who, outcome = parts
        outcomes[(key, who)] = outcome
        routes[key] = route
    return outcomes, routes


def pattern_of(case_key: str) -> str:
    return case_key.split("[")[0]
