"""The all-URL × role matrix: every URL pattern, as anonymous and as every demo user.

Every pattern of the root resolver (Django admin aside; allauth's account and two-factor pages
included) is requested with GET, with arguments picked from the demo data by the table in
tests/url_matrix/kwargs.py, as anonymous and as each demo account from seed_demo (staff are
logged in past two-factor: they have TOTP set up, as the per-app matrices do). The status code,
and for a redirect where it goes, is compared with tests/all_urls_expected.txt.

- A 500 fails, whatever the expected file says.
- A new pattern with arguments and no kwargs entry fails, naming the URL.
- A pattern with no line in the expected file fails, saying how to add it.
- Regenerate the expected file (then review the diff):
  UPDATE_URL_MATRIX=1 .venv/bin/python -m pytest tests/test_all_urls.py
"""

import os

import pytest

from tests.url_matrix.demo import PRINCIPALS, seeded_demo
from tests.url_matrix.kwargs import KWARGS
from tests.url_matrix.matrix import (
    EXPECTED_FILE,
    REGENERATE,
    cases,
    observe,
    pattern_of,
    read_expected,
    render,
)
from tests.url_matrix.patterns import all_patterns

pytestmark = pytest.mark.django_db  # so that pytest-django sets the test database up

UPDATE = os.environ.get("UPDATE_URL_MATRIX") == "1"


@pytest.fixture(scope="module")
def observed(django_db_setup, django_db_blocker):
    """The whole matrix, requested once on one seeded database (rolled back afterwards)."""
    with seeded_demo(django_db_blocker) as demo:
        result = observe(demo)
    if UPDATE:
        EXPECTED_FILE.write_text(render(result))
    patterns = all_patterns()
    print(
        f"\nAll-URL matrix: {len(patterns)} URL patterns, {len(result.routes)} cases "
        f"(with variants) × {len(PRINCIPALS)} principals = {len(result.outcomes)} URL × role "
        "requests"
    )
    return result


def test_every_pattern_with_arguments_has_a_kwargs_entry():
    patterns = all_patterns()
    _cases, missing = cases(patterns)
    assert not missing, (
        "These URL patterns take arguments but tests/url_matrix/kwargs.py has no entry saying "
        "which demo objects to use:\n  "
        + "\n  ".join(f"{p.name}  (/{p.route})" for p in patterns if p.name in missing)
        + "\nAdd one entry per URL name to KWARGS (a function demo -> kwargs)."
    )
    stale = sorted(set(KWARGS) - {p.name for p in patterns})
    assert not stale, f"kwargs.py has entries for URL names that no longer exist: {stale}"


def test_no_url_gives_a_500(observed):
    assert not observed.errors, "These gave a 500 (never acceptable):\n\n" + "\n".join(
        f"{key} as {who}:\n{trace}" for (key, who), trace in sorted(observed.errors.items())
    )


def test_every_case_could_be_built_from_the_demo_data(observed):
    assert not observed.unbuildable, (
        "No URL could be built for these (a demo object the kwargs table looks for is "
        "missing, or the arguments do not fit the pattern):\n  "
        + "\n  ".join(f"{key}: {why}" for key, why in sorted(observed.unbuildable.items()))
    )


def test_the_expected_file_covers_exactly_the_resolvers_patterns(observed):
    expected, _routes = read_expected()
    in_file = {pattern_of(key) for key, _who in expected}
    in_resolver = {p.name for p in all_patterns()}
    missing = sorted(in_resolver - in_file)
    assert not missing, (
        f"These URL patterns have no entry in tests/{EXPECTED_FILE.name}:\n  "
        + "\n  ".join(missing)
        + f"\nAdd them by running\n  {REGENERATE}\n"
        "and check the new lines in the diff are what each role should get."
    )
    gone = sorted(in_file - in_resolver)
    assert not gone, (
        f"The expected file lists URL names the resolver no longer has: {gone}.\n"
        f"Regenerate it with\n  {REGENERATE}"
    )
    requested = {(key, who) for key in observed.routes for who in PRINCIPALS} - {
        (key, who) for key in observed.unbuildable for who in PRINCIPALS
    }
    unlisted = sorted(requested - set(expected))
    assert not unlisted, (
        f"{len(unlisted)} URL × role cases have no line in the expected file, for example "
        f"{unlisted[:5]}. Add them by running\n  {REGENERATE}"
    )


def test_every_url_answers_each_role_as_expected(observed):
    expected, routes = read_expected()
    changed = [
        f"  {key} as {who}: expected {expected[(key, who)]}, got {outcome}"
        for (key, who), outcome in sorted(observed.outcomes.items())
        if (key, who) in expected and expected[(key, who)] != outcome
    ]
    moved = [
        f"  {key}: route was {routes[key]}, now {route}"
        for key, route in sorted(observed.routes.items())
        if key in routes and routes[key] != route
    ]
    not_in_file = sorted({key for key, who in observed.outcomes if (key, who) not in expected})
    stale = sorted({key for key, _who in expected if key not in observed.routes})
    problems = []
    if changed:
        problems.append("Answers that differ from the expected matrix:\n" + "\n".join(changed))
    if moved:
        problems.append("Routes that changed:\n" + "\n".join(moved))
    if not_in_file:
        problems.append("Cases with no line in the expected file: " + ", ".join(not_in_file))
    if stale:
        problems.append("Lines for cases that no longer exist: " + ", ".join(stale))
    assert not problems, (
        "\n\n".join(problems)
        + f"\n\nIf the new answers are right, regenerate the expected file with\n  {REGENERATE}\n"
        "and review the diff."
    )
