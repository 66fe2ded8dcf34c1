"""Helpers for browser tests: axe-core on every page, logging in, navigating.

House rule: a browser test runs axe-core on every page it visits and fails on any violation.
The `page` fixture (see conftest.py) enforces it: each document the page loads is recorded, and
a test that leaves one unchecked fails at teardown, naming the URL. Checking is done by:

- `visit(page, "/path/")`            open a page and check it;
- `with navigation(page): ...click()` for a click or submit that loads a new page, checked after;
- `check_page(page)`                 check what is showing now (after anything else that loaded a
                                      page, for example `page.goto` or `page.go_back`);
- `axe_check(page)`                  axe-core only (check_page calls it).

`check_page` runs axe (WCAG 2.0, 2.1 and 2.2, levels A and AA), then the portal's own rules: exactly
one `h1`, a page title, and on a phone-size viewport nothing wider than the screen.

Logging in: `browser_login(page, user)` goes through the real log-in form (and the MFA code step
for staff); `browser_force_login(page, user)` just puts a session cookie in the browser, for
tests about what comes after logging in.

Example (a test in tests/browser/, where the fixtures live):

    def test_a_young_person_votes(page, live_server):
        voter = YoungPersonFactory()
        browser_login(page, voter)                  # every page on the way is checked
        visit(page, "/elections/")
        with navigation(page):
            page.get_by_role("link", name="Vote in the Youth Council election").click()
        ...
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from tests import factories

# axe-core tags: everything WCAG 2.2 AA asks for (2.2 AA includes 2.1 and 2.0 A/AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHONE_MAX_WIDTH = 480  # a viewport this narrow or narrower is checked for sideways scrolling


# --- Which documents were checked ---------------------------------------------------------------


@dataclass
class _Document:
    number: int
    url: str
    checked: bool = False
    early: bool = False  # checked before its load event reached us


@dataclass
class PageTracker:
    """Records every document a page loads and whether axe checked it (one per Page)."""

    base_url: str = ""
    documents: list[_Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def loaded(self, url: str) -> None:
        if not url.startswith(("http://", "https://")):
            return  # about:blank, data: URLs
        last = self.documents[-1] if self.documents else None
        if last and last.early and last.url == url:
            last.early = False
            return
        self.documents.append(_Document(len(self.documents) + 1, url))

    def mark_checked(self, url: str) -> None:
        """Mark the newest document as checked (the one showing when axe ran)."""
        if self.documents and self.documents[-1].url == url:
            self.documents[-1].checked = True
        else:  # the load event has not reached us yet: record it now, already checked
            self.documents.append(_Document(len(self.documents) + 1, url, True, early=True))

    def unchecked(self) -> list[str]:
        return [f"#{d.number} {d.url}" for d in self.documents if not d.checked]


_trackers: dict[int, PageTracker] = {}


def track(page, base_url: str = "") -> PageTracker:
    """Start recording the documents `page` loads, JavaScript errors and CSP violations."""
    tracker = PageTracker(base_url=base_url)
    _trackers[id(page)] = tracker
    page.on("domcontentloaded", lambda p: tracker.loaded(p.url))
    page.on("pageerror", lambda exc: tracker.errors.append(f"JavaScript error: {exc}"))

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            tracker.errors.append(f"CSP violation: {message.text}")

    page.on("console", on_console)
    return tracker


def untrack(page) -> PageTracker | None:
    return _trackers.pop(id(page), None)


def tracker_for(page) -> PageTracker | None:
    """The record of what `page` loaded (None for a page the fixtures did not make)."""
    return _trackers.get(id(page))


# --- Checks -------------------------------------------------------------------------------------


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']}")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def axe_check(page, *, exclude: list[str] | None = None) -> None:
    """Run axe-core on the page showing now; fail with a readable list of violations.

    `exclude` takes CSS selectors of parts to leave out. Use it only for markup we do not
    control, and say why in the test.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    context = {"exclude": [[s] for s in exclude]} if exclude else None
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, context=context, options=options)
    tracker = tracker_for(page)
    if tracker is not None:
        tracker.mark_checked(page.url)
    violations = results.response["violations"]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


def assert_one_h1(page) -> None:
    headings = page.locator("h1").all_inner_texts()
    assert len(headings) == 1, f"{page.url} should have exactly one h1, has {headings!r}"


def assert_no_sideways_scroll(page) -> None:
    """Nothing is wider than the screen (WCAG 1.4.10 Reflow); names the elements that are."""
    overflow = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width && r.right > width + 1) {
                    const id = el.id ? '#' + el.id : '';
                    const cls = el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                    wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${r.right}px)`);
                }
            }
            const scrollWidth = document.documentElement.scrollWidth;
            return {width, scrollWidth, wide: wide.slice(0, 10)};
        }"""
    )
    assert overflow is None, (
        f"{page.url} scrolls sideways on a {overflow['width']}px screen "
        f"(content is {overflow['scrollWidth']}px wide). Too wide: {overflow['wide']}"
    )


def check_page(page, *, exclude: list[str] | None = None) -> None:
    """Everything we check on every page: axe-core, one h1, a title, no sideways scroll."""
    axe_check(page, exclude=exclude)
    assert_one_h1(page)
    assert page.title().strip(), f"{page.url} has no title"
    viewport = page.viewport_size
    if viewport and viewport["width"] <= PHONE_MAX_WIDTH:
        assert_no_sideways_scroll(page)


# --- Moving around ------------------------------------------------------------------------------


def visit(page, path: str, *, exclude: list[str] | None = None):
    """Open `path` (relative to the live server) and check the page. Returns the response."""
    response = page.goto(path)
    check_page(page, exclude=exclude)
    return response


@contextmanager
def navigation(page, *, exclude: list[str] | None = None) -> Iterator[None]:
    """Wrap an action that loads a new page; the page it lands on is checked afterwards.

    with navigation(page):
        page.get_by_role("button", name="Sign up").click()
    """
    with page.expect_navigation():
        yield
    check_page(page, exclude=exclude)


def path_of(page) -> str:
    from urllib.parse import urlsplit

    return urlsplit(page.url).path


# --- Logging in ---------------------------------------------------------------------------------


def fresh_totp_code() -> str:
    """The current code for factories.TOTP_SECRET, never one about to run out."""
    from tests.conftest import current_totp_code

    if time.time() % 30 > 27:  # too close to the end of its 30 seconds: wait for the next one
        time.sleep(30 - time.time() % 30 + 0.1)
    return current_totp_code()


def browser_force_login(page, user) -> None:
    """Put a logged-in session for `user` straight into the browser, without the log-in form.

    For tests about what comes after logging in (the log-in form and the MFA step have tests
    of their own, which use `browser_login`). Staff made by the factories have MFA, so staff
    pages open. Opens no page, so there is nothing to check yet.
    """
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    tracker = tracker_for(page)
    url = tracker.base_url if tracker and tracker.base_url else page.url
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": url}])


def enter_totp_code(page) -> None:
    """On the log-in code page, type the current code for factories.TOTP_SECRET and go on."""
    page.get_by_role("textbox", name=re.compile(r"^Code")).fill(fresh_totp_code())
    with navigation(page):
        page.locator("main form").get_by_role(
            "button", name=re.compile(r"^(Sign in|Log in)$")
        ).click()


def browser_login(page, user, *, password: str = factories.PASSWORD, totp: bool = True) -> None:
    """Log in through the real log-in form, checking every page on the way.

    A staff member with an authenticator is then asked for a code; with `totp=True` (the
    default) the current code for factories.TOTP_SECRET is typed in, with `totp=False` the test
    is left on the code page (finish with `enter_totp_code(page)`). A staff member without MFA
    is sent on to set it up (allauth first asks for their password again).
    """
    visit(page, reverse("account_login"))
    page.get_by_role("textbox", name=re.compile(r"^Email")).fill(user.email)
    page.get_by_role("textbox", name=re.compile(r"^Password")).fill(password)
    with navigation(page):
        page.locator("main form").get_by_role("button", name="Log in").click()
    if totp and path_of(page) == reverse("mfa_authenticate"):
        enter_totp_code(page)
