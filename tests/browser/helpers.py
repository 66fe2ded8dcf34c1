"""Helpers for browser tests: axe-core on every page, logging in, navigating.

House rule: a browser test runs axe-core on every page it visits and fails on any violation.
The `page` fixture (see conftest.py) enforces it: each document the page loads is recorded, and
a test that leaves one unchecked fails at teardown, naming the URL. Checking is done by:

- `visit(page, "/path/")`            open a page and check it;
- `with navigation(page): ...click()` for a click or submit that loads a new page, checked after;
- `check_page(page)`                 check what is showing now (after anything else that loaded a
                                      page, for example `page.goto` or `page.go_back`);
- `axe_check(page)`                  axe-core only (check_page calls it).

`check_page` runs axe (WCAG 2.0, 2.1 and 2.2, levels A and AA), then the portal's own rules: every
`id` used once, every form control with exactly one accessible name (Chromium's own, from its
accessibility tree) and at most one label, exactly one `h1`, a page title, and on a phone-size
viewport nothing wider than the screen.

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


# Form controls a person can reach; each needs exactly one accessible name.
CONTROLS = "input:not([type=hidden]), select, textarea, button"

# For each control (in document order, the order CDP's querySelectorAll gives too): how it is
# described in a failure, whether it is in an excluded part, and whether two labels compete.
_CONTROL_FACTS = """([selector, exclude]) => {
    const outside = (el) => !exclude.some((s) => el.closest(s));
    const describe = (el) => {
        let text = el.tagName.toLowerCase();
        if (el.id) text += '#' + el.id;
        if (el.name) text += `[name=${el.name}]`;
        if (el.type && el.tagName === 'INPUT') text += `[type=${el.type}]`;
        return text;
    };
    const ids = {};
    for (const el of document.querySelectorAll('[id]')) {
        if (outside(el)) ids[el.id] = (ids[el.id] || 0) + 1;
    }
    const duplicates = Object.entries(ids).filter(([, n]) => n > 1).map(([id, n]) => [id, n]);
    const controls = [...document.querySelectorAll(selector)].map((el) => {
        const labels = [...(el.labels || [])];
        const text = (node) => node.textContent.replace(/\\s+/g, ' ').trim();
        let clash = null;
        if (labels.length > 1) {
            clash = `has ${labels.length} labels: ` + labels.map((l) => JSON.stringify(text(l)))
                .join(' and ');
        }
        const labelledby = (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
            .filter(Boolean);
        if (!clash && labelledby.length && labels.length
                && labels.some((l) => !l.id || !labelledby.includes(l.id))) {
            const named = labelledby.map((id) => document.getElementById(id))
                .filter(Boolean).map(text).join(' ');
            clash = `has aria-labelledby ${JSON.stringify(named)} and also the label `
                + JSON.stringify(text(labels[0]));
        }
        return {what: describe(el), checked: outside(el), clash};
    });
    return {duplicates, controls};
}"""


LANDMARKS = {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region"}


def _accessible_names(page, selector: str) -> tuple[list[dict | None], list[dict]]:
    """Chromium's own accessibility tree entry (role, name) for each element matching
    `selector`, in document order (None where the element is not in the tree: hidden), and
    every landmark in the tree."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1})["root"]
        backend = {}
        stack = [document]
        while stack:
            node = stack.pop()
            backend[node["nodeId"]] = node["backendNodeId"]
            stack.extend(node.get("children", []))
            stack.extend(node.get("shadowRoots", []))
            if "contentDocument" in node:
                stack.append(node["contentDocument"])
        found = cdp.send(
            "DOM.querySelectorAll", {"nodeId": document["nodeId"], "selector": selector}
        )["nodeIds"]
        tree = cdp.send("Accessibility.getFullAXTree", {})["nodes"]
    finally:
        cdp.detach()
    by_backend = {}
    landmarks = []
    for node in tree:
        if node.get("backendDOMNodeId") is None or node.get("ignored"):
            continue
        entry = {
            "role": (node.get("role") or {}).get("value", ""),
            "name": ((node.get("name") or {}).get("value") or "").strip(),
        }
        by_backend[node["backendDOMNodeId"]] = entry
        # A form or region is a landmark only when it has a name.
        if entry["role"] in LANDMARKS and (
            entry["name"] or entry["role"] not in ("form", "region")
        ):
            landmarks.append(entry)
    return [by_backend.get(backend.get(node_id)) for node_id in found], landmarks


def assert_names_and_ids(page, *, exclude: list[str] | None = None) -> None:
    """Every id once; every control a person can reach has a name, and only one label; no two
    landmarks of the same kind share a name.

    axe-core no longer reports duplicate ids, and it accepts a control with two labels (a
    screen reader then reads both, run together); its landmark-unique rule is not one of the
    WCAG rules we run. Names come from Chromium's accessibility tree, so they are what a
    screen reader is given, not a guess.
    """
    facts = page.evaluate(_CONTROL_FACTS, [CONTROLS, exclude or []])
    names, landmarks = _accessible_names(page, CONTROLS)
    problems = [f"the id {id_!r} is used {n} times" for id_, n in facts["duplicates"]]
    seen: dict[tuple[str, str], int] = {}
    for landmark in landmarks:
        key = (landmark["role"], landmark["name"])
        seen[key] = seen.get(key, 0) + 1
    problems += [
        f"{n} {role} landmarks are all called {name!r}"
        if name
        else f"{n} {role} landmarks have no name to tell them apart"
        for (role, name), n in seen.items()
        if n > 1
    ]
    for control, node in zip(facts["controls"], names, strict=True):
        if not control["checked"] or node is None:
            continue  # in a part we do not control, or hidden from everyone
        if not node["name"]:
            problems.append(f"{control['what']} ({node['role']}) has no accessible name")
        if control["clash"]:
            problems.append(f"{control['what']} {control['clash']}")
    if problems:
        pytest.fail(
            f"Names and ids on {page.url}:\n- " + "\n- ".join(problems),
            pytrace=False,
        )


def check_page(page, *, exclude: list[str] | None = None) -> None:
    """Everything we check on every page: axe-core, unique ids and one name per control, one
    h1, a title, no sideways scroll."""
    axe_check(page, exclude=exclude)
    assert_names_and_ids(page, exclude=exclude)
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
