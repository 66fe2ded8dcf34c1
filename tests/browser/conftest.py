"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core on every page.

Put browser tests in tests/browser/ (for example tests/browser/test_elections_flow.py): every
test here is marked `browser`, gets these fixtures, and runs after the rest of the suite (so
Playwright's event loop never shares a thread with the other tests).

Fixtures
- `browser`: one Chromium for the whole run (/usr/bin/chromium, or $CHROMIUM_PATH). Without
  it the tests skip, saying why; with REQUIRE_BROWSER_TESTS=1 (CI) they fail instead.
- `page`: a fresh browser context and tab per test, pointed at pytest-django's `live_server`
  (so `page.goto("/privacy/")` works). Desktop size by default; for a phone, parametrize it:
      @pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
  The tab records every page it loads; at the end of the test, any page that was not checked
  with axe (see helpers.py: visit, navigation, check_page) fails the test, as do JavaScript
  errors and Content-Security-Policy violations.
- `phone_page`: the same, phone-size (320 CSS pixels wide, the width WCAG 1.4.10 asks for).

Helpers (tests/browser/helpers.py): `visit`, `navigation`, `check_page`, `axe_check`,
`browser_login` (through the real log-in form and MFA step), `browser_force_login` (a session
cookie, for tests about what comes after logging in), `enter_totp_code`, `path_of`.

Data: `live_server` serves from another thread, so it only sees committed rows; it implies
`transactional_db`, so factories called in the test are committed and visible to it. Emails the
portal sends land in `django.core.mail.outbox` (locmem), which the test can read.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread, and Django refuses ORM calls
# where an event loop runs unless this is set. Set before any test runs.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from tests.browser.helpers import track, untrack  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # needed as root
    "--disable-gpu",
    # Without these Chromium keeps calling Google's hosts, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 320, "height": 640},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


def _in_browser_dir(item) -> bool:
    return Path(str(item.path)).resolve().is_relative_to(BROWSER_DIR)


def pytest_collection_modifyitems(config, items):
    """Mark every test in tests/browser as `browser` and run them after all the others."""
    browser_items = [item for item in items if _in_browser_dir(item)]
    if not browser_items:
        return
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    chosen = set(browser_items)
    items[:] = [item for item in items if item not in chosen] + browser_items


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's result on the test, so `page` knows whether the test itself failed."""
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"REQUIRE_BROWSER_TESTS=1 but browser tests cannot run: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        _unavailable(
            f"no Chromium at {CHROMIUM_PATH} (install it with `apt-get install -y chromium`, "
            "or set CHROMIUM_PATH)"
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        _unavailable(f"Playwright is not installed ({error}); run `make install`")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        _unavailable(f"Chromium at {CHROMIUM_PATH} did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()


def _new_page(request, browser, live_server, kind: str):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        # No smooth scrolling or transitions, so what a test measures has settled.
        reduced_motion="reduce",
        **VIEWPORTS[kind],
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    tracker = track(page, base_url=live_server.url)
    yield page
    untrack(page)
    context.close()
    call = getattr(request.node, "_report_call", None)
    if call is None or not call.passed:
        return  # the test already failed (or was skipped): don't pile more on
    problems = [f"page loaded but not checked with axe: {url}" for url in tracker.unchecked()]
    problems += tracker.errors
    if problems:
        pytest.fail(
            "Browser house rules broken (see tests/browser/helpers.py):\n- "
            + "\n- ".join(problems),
            pytrace=False,
        )


@pytest.fixture
def page(request, browser, live_server):
    """A new tab in a new context. Parametrize indirectly with "desktop" or "phone"."""
    kind = getattr(request, "param", "desktop")
    yield from _new_page(request, browser, live_server, kind)


@pytest.fixture
def phone_page(request, browser, live_server):
    """A new phone-size tab (320 CSS pixels wide) in a new context."""
    yield from _new_page(request, browser, live_server, "phone")
