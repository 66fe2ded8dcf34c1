"""Pages cached per person and per version of the data they were drawn from (issue 24).

Most of a logged-in page's time is spent building and running the same ORM queries and drawing
the same template for a person whose data has not changed since their last visit. So a page
that opts in (`CachedPageMixin`, `cached_page`) is kept, and served again only while nothing it
was drawn from has changed:

- **The data.** While a page is drawn, every table its SQL reads is recorded (an execute
  wrapper on each database connection). Every INSERT, UPDATE or DELETE, from the ORM, a bulk
  update or raw SQL alike, gives the tables it writes a new version token when its transaction
  commits. A kept page carries the tokens of the tables it read; one changed token and it is
  drawn again. Nothing depends on a service remembering to invalidate: a new meeting, a
  membership or a read notification shows on the next request.
- **The person.** The key holds the person's id, every field of their user row (except the
  password hash and last log-in), their roles and unread count as read this request by
  PersonMiddleware, and their CSRF secret (the page's forms carry a token for it). One person's
  page is never served to another, and a role or a care status changes the key.
- **The clock.** A kept page is drawn again once a minute, so a page that says "voting is
  open" or "closes today" is never more than about a minute behind the clock: at the turn of
  the minute one request draws it while the others are still given the kept one (whose data
  is unchanged), so that pages are not all drawn at once.
- **Tables written at every click** (the ballot box: see `coarse`): a write gives them no new
  version, and a page drawn from one is kept for at most COARSE_SECONDS instead. What the
  person who wrote must see at once (that they have voted) is theirs alone: the response to
  their write renews a cookie that is part of every key (`renew_for_browser`), so their own
  kept pages are drawn again on their next request.
- **What is not cached**: anything but a GET of an HTML 200 from a view that opted in; a request
  with messages waiting to be shown; htmx partials; pages drawn while Redis was unreachable.

The versions live in the `pages` cache: Redis in production (shared by every process and the
Celery worker), local memory in tests, files on the embedded default so the web and worker
processes share them. If a version cannot be written (Redis down), an entry still expires
after PAGE_CACHE_SECONDS, which bounds how stale it can be.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse

logger = logging.getLogger(__name__)

VERSION_PREFIX = "tv:"
ENTRY_PREFIX = "pc:"
REDRAW_PREFIX = "pr:"
REDRAW_LOCK_SECONDS = 10
PAGE_CACHE_SECONDS = 300
# For the clocks of other machines writing the same versions (settings.PAGE_CACHE_CLOCK_MARGIN:
# 0 in tests, where one process writes, so that every test exercises kept pages).
CLOCK_MARGIN_SECONDS = None

_WRITES = re.compile(r'\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)
_READS = re.compile(r'\b(?:FROM|JOIN)\s+["`]?(\w+)', re.IGNORECASE)
_settings_generation = 0

# Tables whose writes give no new version (see coarse()), and how long a page drawn from one of
# them may be kept.
_coarse_tables: set[str] = set()
COARSE_SECONDS = 60
# Part of every key: renewed by a response whose write this browser must see at once.
BROWSER_COOKIE = "pages"


def _pages_cache():
    return caches["pages"]


@functools.cache
def _known_tables() -> frozenset[str]:
    return frozenset(m._meta.db_table for m in apps.get_models(include_auto_created=True))


@functools.lru_cache(maxsize=8192)
def _tables(pattern: re.Pattern, sql: str) -> frozenset[str]:
    known = _known_tables()
    return frozenset(t for t in pattern.findall(sql) if t in known)


# --- Versions of tables -------------------------------------------------------------------------


def _new_token() -> int:
    """A version: when it was made (microseconds) and three random digits, so that two are
    never equal. An int, which Django's Redis serializer stores as it is, unpickled."""
    return int(time.time() * 1_000_000) * 1000 + int.from_bytes(os.urandom(2)) % 1000


def _made_at(token) -> float:
    try:
        return (int(token) // 1000) / 1_000_000
    except (TypeError, ValueError):  # not one of ours (an older format): as if made just now
        return float("inf")


def get_many(keys) -> dict:
    cache = _pages_cache()
    if hasattr(cache, "get_many_fast"):
        return cache.get_many_fast(keys)
    return cache.get_many(keys)


def bump(tables) -> None:
    """Give these tables new versions: every kept page drawn from them is out of date."""
    if not tables:
        return
    cache = _pages_cache()
    versions = {VERSION_PREFIX + t: _new_token() for t in tables}
    try:
        if hasattr(cache, "set_many_forever"):
            cache.set_many_forever(versions)
        else:
            cache.set_many(versions, timeout=None)
    except Exception:  # a cache outage must not fail the write that was already made
        logger.exception("page cache: could not bump versions of %s", sorted(tables))


def coarse(*models) -> None:
    """Versions these tables by time instead of by write: a write to one gives it no new
    version, and a page drawn from one is kept for at most COARSE_SECONDS.

    For tables written at every click of a busy day whose pages can be a minute behind: the
    ballot box (votes, receipts, used voting codes), written by every ballot and read only by
    counts and results. Giving them a version per ballot cost a quarter of a ballot's time (a
    Redis write per vote, issue 24). Never for a table whose change a person must see on their
    next request (their own voter mark, a notification read)."""
    _coarse_tables.update(model._meta.db_table for model in models)


def renew_for_browser(response) -> None:
    """This browser's kept pages are out of date: its next request draws them again. For a write
    to a coarse table that only its writer's pages read (their own voter mark). Not signed:
    a made-up value only makes a key nobody else has. The person's other browsers catch up
    within COARSE_SECONDS."""
    response.set_cookie(
        BROWSER_COOKIE,
        str(_new_token()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _flush(connection) -> None:
    pending = connection.__dict__.get("_page_cache_pending")
    if pending:
        tables, connection._page_cache_pending = set(pending), set()
        bump(tables)


def _written(connection, tables) -> None:
    blocks = connection.atomic_blocks
    if connection.in_atomic_block and not (blocks and blocks[0]._from_testcase):
        # Readers cannot see the rows before the commit, so the versions change then. One
        # callback per write, each flushing everything pending, so a savepoint rolled back
        # (which drops its callbacks) cannot lose a later write's bump.
        connection.__dict__.setdefault("_page_cache_pending", set()).update(tables)
        connection.on_commit(lambda: _flush(connection))
    else:
        # Autocommit, or a test case's transaction that never commits: visible now.
        bump(tables)


# Prepared statements (the ballot's one round trip): what each one writes, learnt from its
# PREPARE, so that its EXECUTE gives those tables new versions.
_PREPARE = re.compile(r"\bPREPARE\s+(\w+)", re.IGNORECASE)
_EXECUTE = re.compile(r"\bEXECUTE\s+(\w+)", re.IGNORECASE)
_prepared_writes: dict[str, frozenset[str]] = {}


def _writes_of(sql: str, head: str) -> frozenset[str]:
    if head.startswith(("INSERT", "UPDATE", "DELETE", "WITH")):
        return _tables(_WRITES, sql)
    if head.startswith(("PREPAR", "EXECUT")):
        for name in _PREPARE.findall(sql):
            _prepared_writes[name] = _tables(_WRITES, sql)
        return frozenset().union(*(_prepared_writes.get(n, ()) for n in _EXECUTE.findall(sql)))
    return frozenset()


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = sql.lstrip()[:6].upper()
    connection = context["connection"]
    written = _writes_of(sql, head)
    if written and _coarse_tables:
        written = written - _coarse_tables
    if written:
        _written(connection, written)
    reads = connection.__dict__.get("_page_cache_reads")
    if reads is not None:
        reads.update(_tables(_READS, sql))
    return result


def _install_on(connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install() -> None:
    """Watch every database connection (called from ParticipationConfig.ready())."""
    connection_created.connect(_install_on, dispatch_uid="page_cache_watch")
    for connection in connections.all(initialized_only=True):
        _install_on(connection)
    setting_changed.connect(_settings_changed, dispatch_uid="page_cache_settings")


def _settings_changed(**kwargs) -> None:
    global _settings_generation
    _settings_generation += 1


def _versions(tables) -> dict[str, str]:
    cache = _pages_cache()
    keys = [VERSION_PREFIX + t for t in tables]
    found = get_many(keys)
    for key in keys:
        if key not in found:  # never written since the cache started: give it a first version
            cache.add(key, _new_token(), timeout=None)
            found[key] = cache.get(key)
    return {t: found[VERSION_PREFIX + t] for t in tables}


# --- Pages --------------------------------------------------------------------------------------


def _messages_waiting(request) -> bool:
    if request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages")):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get("_messages"))


def _messages_shown(request) -> bool:
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(storage._queued_messages or (storage.used and storage._loaded_data))


def _person(request) -> tuple[str, str]:
    """(who, digest): whose page this is (their id, or "anonymous") and the digest of what a
    page could show of them (request_cache.PersonFacts)."""
    from participation import request_cache

    facts = request_cache.person_facts(request)
    if facts is not None:  # kept per session (request_cache._fetch_together)
        return "s:" + request.session.session_key, facts.digest
    user = request.user  # no kept facts (the cache was unreachable, or an older session)
    if not user.is_authenticated:
        return "anonymous", "anonymous"
    return f"u:{user.pk}", request_cache.person_digest(user)


def entry_key(request, who: str) -> str:
    parts = "\n".join(
        (
            request.get_full_path(),
            who,
            request.META.get("CSRF_COOKIE", ""),
            request.COOKIES.get(BROWSER_COOKIE, ""),
            str(_settings_generation),
        )
    )
    return ENTRY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def prefetch_keys(request, who: str) -> list[str]:
    """The keys a lookup of this request's page will read, so that the person's facts and the
    page come back in one round trip (request_cache.person_facts); [] if it won't look."""
    # Not _cacheable_request: its look for waiting messages would read the session, which is
    # to come in this very round trip (serve() asks it before looking up).
    if not settings.PAGE_CACHE_ENABLED or request.method != "GET":
        return []
    key = entry_key(request, who)
    return [key, *(VERSION_PREFIX + t for t in _tables_of.get(key, ()))]


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and not request.headers.get("HX-Request")
        and not _messages_waiting(request)
    )


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
        and not _messages_shown(request)
    )


# The tables each kept page was drawn from, remembered in this process so that a lookup reads
# the entry and its versions in one round trip (a wrong or missing memory costs one more).
_tables_of: dict[str, tuple[str, ...]] = {}
_TABLES_OF_MAX = 20_000


def _remember_tables(key: str, tables: tuple[str, ...]) -> None:
    if len(_tables_of) >= _TABLES_OF_MAX:
        _tables_of.clear()
    _tables_of[key] = tables


def _minute(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // 60)


def _lookup(request, key: str, digest: str):
    """(headers, body, minute drawn) of the kept page if its person and data are unchanged."""
    prefetched = request.__dict__.pop("_page_prefetch", None)
    if prefetched is not None and prefetched[0] == key:
        found = prefetched[1]
    else:
        found = get_many([key, *(VERSION_PREFIX + t for t in _tables_of.get(key, ()))])
    entry = found.get(key)
    if not isinstance(entry, tuple) or len(entry) != 5:  # none, or kept by an older version
        return None
    kept_digest, versions, headers, body, minute = entry
    if kept_digest != digest:
        return None
    tables = tuple(versions)
    if all(VERSION_PREFIX + t in found for t in tables):
        current = {t: found[VERSION_PREFIX + t] for t in tables}
    else:
        _remember_tables(key, tables)
        current = _versions(tables)
    return (headers, body, minute) if current == versions else None


def _redraw_now(key: str, minute: int) -> bool:
    """A kept page from an earlier minute (its data unchanged): one request draws it again while
    the others are still given it, for at most the next minute, so that the turn of a minute
    never has every open page drawn at once."""
    now = _minute()
    if minute == now:
        return False
    if minute < now - 1:
        return True
    return bool(_pages_cache().add(REDRAW_PREFIX + key, 1, timeout=REDRAW_LOCK_SECONDS))


def serve(request, draw):
    """The kept page for this request if nothing it was drawn from changed, else `draw()`,
    kept for next time when it can be."""
    if not settings.PAGE_CACHE_ENABLED or not _cacheable_request(request):
        return draw()
    try:
        who, digest = _person(request)
        key = entry_key(request, who)
        kept = _lookup(request, key, digest)
        if kept is not None and _redraw_now(key, kept[2]):
            kept = None
    except Exception:
        logger.exception("page cache: lookup failed")
        return draw()
    if kept is not None:
        headers, body, _ = kept
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        return response
    connection = connections["default"]
    started = time.time()
    connection._page_cache_reads = reads = set()
    try:
        response = draw()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
    finally:
        connection._page_cache_reads = None
    if _cacheable_response(request, response):
        try:
            _keep(request, response, who, digest, reads, started)
        except Exception:
            logger.exception("page cache: store failed")
    return response


def _keep(request, response, who, digest, reads, started) -> None:
    versions = _versions(sorted(reads - _coarse_tables))
    # A table given a new version while this page was drawn may have been read before or
    # after that write: the page is not kept. (Versions are made after the commit, so one
    # made before the drawing began means the drawing saw that write.)
    margin = CLOCK_MARGIN_SECONDS
    if margin is None:
        margin = settings.PAGE_CACHE_CLOCK_MARGIN
    if any(_made_at(v) >= started - margin for v in versions.values()):
        return
    key = entry_key(request, who)  # the CSRF secret may be new, set by this very page
    entry = (digest, versions, list(response.headers.items()), response.content, _minute(started))
    timeout = COARSE_SECONDS if reads & _coarse_tables else PAGE_CACHE_SECONDS
    _pages_cache().set(key, entry, timeout=timeout)
    _remember_tables(key, tuple(versions))


def cached_page(view):
    """Decorate a function view whose page may be kept (see the module's docstring)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    return wrapped
