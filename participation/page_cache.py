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
- **The clock.** The key holds the current minute, so a page that says "voting is open" or
  "closes today" is drawn again at least once a minute.
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
PAGE_CACHE_SECONDS = 300
# For the clocks of other machines writing the same versions (settings.PAGE_CACHE_CLOCK_MARGIN:
# 0 in tests, where one process writes, so that every test exercises kept pages).
CLOCK_MARGIN_SECONDS = None

_WRITES = re.compile(r'\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)
_READS = re.compile(r'\b(?:FROM|JOIN)\s+["`]?(\w+)', re.IGNORECASE)
_settings_generation = 0


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


def _new_token() -> str:
    """A version: when it was made, and enough randomness that two are never equal."""
    return f"{time.time():.6f}:{os.urandom(4).hex()}"


def _made_at(token: str) -> float:
    return float(token.split(":", 1)[0])


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
    found = cache.get_many(keys)
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


def _person_part(request) -> str:
    from participation import request_cache

    facts = request_cache.person_facts(request)
    if facts is not None:
        return facts.digest
    user = request.user  # no kept facts (the cache was unreachable, or an older session)
    if not user.is_authenticated:
        return "anonymous"
    return request_cache.facts_of(user, _AnyBackend).digest


class _AnyBackend:
    @staticmethod
    def user_can_authenticate(user) -> bool:
        return user.is_active


def _entry_key(request) -> str:
    parts = "\n".join(
        (
            request.get_full_path(),
            _person_part(request),
            request.META.get("CSRF_COOKIE", ""),
            str(int(time.time() // 60)),
            str(_settings_generation),
        )
    )
    return ENTRY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


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


def _lookup(cache, key):
    tables = _tables_of.get(key, ())
    found = cache.get_many([key, *(VERSION_PREFIX + t for t in tables)])
    entry = found.get(key)
    if entry is None:
        return None
    versions, headers, body = entry
    if tuple(versions) == tables:
        current = {t: found.get(VERSION_PREFIX + t) for t in tables}
    else:
        if len(_tables_of) >= _TABLES_OF_MAX:
            _tables_of.clear()
        _tables_of[key] = tuple(versions)
        current = _versions(versions)
    return (headers, body) if current == versions else None


def serve(request, draw):
    """The kept page for this request if nothing it was drawn from changed, else `draw()`,
    kept for next time when it can be."""
    if not settings.PAGE_CACHE_ENABLED or not _cacheable_request(request):
        return draw()
    cache = _pages_cache()
    key = _entry_key(request)
    try:
        kept = _lookup(cache, key)
    except Exception:
        logger.exception("page cache: lookup failed")
        return draw()
    if kept is not None:
        headers, body = kept
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
            versions = _versions(sorted(reads))
            # A table given a new version while this page was drawn may have been read before
            # or after that write: the page is not kept. (Versions are made after the commit,
            # so one made before the drawing began means the drawing saw that write.)
            margin = CLOCK_MARGIN_SECONDS
            if margin is None:
                margin = settings.PAGE_CACHE_CLOCK_MARGIN
            if all(_made_at(v) < started - margin for v in versions.values()):
                headers = list(response.headers.items())
                key = _entry_key(request)  # the CSRF secret may be new, set by this very page
                cache.set(key, (versions, headers, response.content), timeout=PAGE_CACHE_SECONDS)
                if len(_tables_of) >= _TABLES_OF_MAX:
                    _tables_of.clear()
                _tables_of[key] = tuple(versions)
        except Exception:
            logger.exception("page cache: store failed")
    return response


def cached_page(view):
    """Decorate a function view whose page may be kept (see the module's docstring)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    return wrapped
