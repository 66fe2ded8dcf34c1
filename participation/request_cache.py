"""The logged-in person of a request in ONE database query (issue 24).

Django's own `auth.get_user` costs a query for the user, then the pages asked again for the
person's roles (the navigation, the rules, the staff MFA check) and their unread count (the
badge): three queries on every page. `get_user` here loads the user row, its role names and the
unread count in one statement, then verifies the session exactly as Django does (the session's
auth hash against the password hash just read, with SECRET_KEY_FALLBACKS, `is_active` through
the backend's `user_can_authenticate`), so authentication is as strict as before.

`person_facts` goes one step further for the pages that are kept (page_cache.py): what a kept
page needs of the person (their id, a digest of their account, roles and unread count, whether
they hold a staff role) and what checking the session needs (the session auth hash Django would
compute, never the password hash itself, and whether the account may log in) are kept in the
`pages` cache beside the versions of the tables they were read from (the user, their roles,
notifications and Django permissions). Any write to one of those tables, by any process, makes
them be read again from the database. So a kept page is served with no database query, and a
changed password, a deactivated account, a new role or a read notification shows on the next
request exactly as before.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connections
from django.utils.crypto import constant_time_compare

_SQL: dict[str, str] = {}


def _person_sql(alias: str) -> str:
    sql = _SQL.get(alias)
    if sql is None:
        from participation.models import Notification, RoleAssignment, User

        connection = connections[alias]
        q = connection.ops.quote_name
        agg = "string_agg" if connection.vendor == "postgresql" else "group_concat"
        user_t, role_t, note_t, perm_t, group_t = (
            q(m._meta.db_table)
            for m in (
                User,
                RoleAssignment,
                Notification,
                User.user_permissions.through,
                User.groups.through,
            )
        )
        columns = ", ".join(f"u.{q(f.column)}" for f in User._meta.concrete_fields)
        # Only quoted table and column names are formatted in; the id is a parameter.
        sql = (
            f"SELECT {columns}, "  # noqa: S608
            f"(SELECT {agg}(r.{q('role')}, ',') FROM {role_t} r "
            f"WHERE r.{q('user_id')} = u.{q('id')}) AS portal_roles, "
            f"(SELECT count(*) FROM {note_t} n WHERE n.{q('user_id')} = u.{q('id')} "
            f"AND n.{q('read_at')} IS NULL) AS portal_unread, "
            f"(EXISTS (SELECT 1 FROM {perm_t} p WHERE p.{q('user_id')} = u.{q('id')}) OR "
            f"EXISTS (SELECT 1 FROM {group_t} g WHERE g.{q('user_id')} = u.{q('id')})) "
            f"AS portal_django_perms "
            f"FROM {user_t} u WHERE u.{q('id')} = %s"
        )
        _SQL[alias] = sql
    return sql


def load_person(user_id):
    """The user with `role_names`, `unread_notification_count` and (when they have none)
    their Django permissions filled in, or None."""
    from participation.models import User

    pk = User._meta.pk.to_python(user_id)
    alias = User.objects.db
    rows = list(User.objects.raw(_person_sql(alias), [pk]))
    if not rows:
        return None
    user = rows[0]
    roles = user.__dict__.pop("portal_roles", None)
    user.__dict__["role_names"] = frozenset(roles.split(",")) if roles else frozenset()
    user.unread_notification_count = int(user.__dict__.pop("portal_unread", 0) or 0)
    if not user.__dict__.pop("portal_django_perms", True) and not user.is_superuser:
        # No Django permissions or groups at all: ModelBackend (asked whenever a rule says no)
        # would spend two queries finding that out.
        user._user_perm_cache = set()
        user._group_perm_cache = set()
        user._perm_cache = set()
    return user


def _session_user(request):
    """(user id, backend) from the session, or None when nobody is logged in, or "other" when
    a backend that loads users its own way logged them in."""
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return None
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    backend = load_backend(backend_path)
    if type(backend).get_user is not ModelBackend.get_user:
        return "other"
    return user_id, backend


def get_user(request):
    """`django.contrib.auth.get_user`, with the user loaded by `load_person`."""
    found = _session_user(request)
    if found is None:
        return AnonymousUser()
    if found == "other":
        return auth.get_user(request)
    user_id, backend = found
    user = request.__dict__.pop("_person_user", None) or load_person(user_id)
    if user is None or not backend.user_can_authenticate(user):
        return AnonymousUser()
    # Verify the session, as django.contrib.auth.get_user does.
    session_hash = request.session.get(HASH_SESSION_KEY)
    session_auth_hash = user.get_session_auth_hash()
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return user
    if session_hash and any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    ):
        request.session.cycle_key()
        request.session[HASH_SESSION_KEY] = session_auth_hash
        return user
    request.session.flush()
    return AnonymousUser()


def forget_unread(users) -> None:
    """The unread count loaded with these users is out of date (a notification was written or
    read in this request): the badge asks the database again when the page is drawn."""
    for user in users:
        try:
            del user.unread_notification_count
        except AttributeError:
            pass


# --- What a kept page needs of the person, kept across requests ---------------------------------

PERSON_PREFIX = "pp:"
PERSON_SECONDS = 3600


@dataclass(frozen=True)
class PersonFacts:
    user_id: int
    digest: str  # changes whenever anything a page could show of the person changes
    has_staff_role: bool
    can_authenticate: bool
    session_hash: str  # a session signed with an older SECRET_KEY goes through request.user


def _person_tables() -> tuple[str, ...]:
    from participation.models import Notification, RoleAssignment, User

    return tuple(
        sorted(
            m._meta.db_table
            for m in (
                User,
                RoleAssignment,
                Notification,
                User.user_permissions.through,
                User.groups.through,
            )
        )
    )


def person_digest(user) -> str:
    """Changes whenever anything a page could show of the person changes: every field of their
    user row but the password hash and last log-in, their roles, their unread count."""
    fields = tuple(
        getattr(user, f.attname)
        for f in user._meta.concrete_fields
        if f.name not in ("password", "last_login")
    )
    roles = ",".join(sorted(user.role_names))
    unread = getattr(user, "unread_notification_count", None)
    return hashlib.sha256(f"{user.pk}|{fields!r}|{roles}|{unread}".encode()).hexdigest()


def facts_of(user, backend) -> PersonFacts:
    return PersonFacts(
        user_id=user.pk,
        digest=person_digest(user),
        has_staff_role=user.has_staff_role,
        can_authenticate=backend.user_can_authenticate(user),
        session_hash=user.get_session_auth_hash(),
    )


def _fetch_together(request, session_key: str) -> dict:
    """In one round trip: the session's data (loaded into request.session when it comes from
    the cache, as the cached_db engine would load it), this session's kept person facts and
    their tables' versions, and the page's entry and versions (page_cache.prefetch_keys)."""
    from participation import page_cache
    from participation.cache import get_together

    pages = caches["pages"]
    keys = [PERSON_PREFIX + session_key]
    keys += [page_cache.VERSION_PREFIX + t for t in _person_tables()]
    page_keys = page_cache.prefetch_keys(request, "s:" + session_key)
    keys += page_keys
    items = [(pages, k) for k in keys]
    session = request.session
    fold_session = (
        settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
        and not hasattr(session, "_session_cache")
    )
    if fold_session:
        items.append((caches[settings.SESSION_CACHE_ALIAS], session.cache_key))
    values = get_together(items)
    if fold_session and values[-1] is not None:
        session._session_cache = values[-1]  # what SessionStore.load() would have returned
    found = {k: v for k, v in zip(keys, values, strict=False) if v is not None}
    if page_keys:
        request._page_prefetch = (page_keys[0], found)
    return found


def _kept_facts(request, session_key, found) -> tuple[PersonFacts | None, object]:
    """The person's facts, from the cache while their tables are unchanged, else from the
    database (then kept, under the versions read BEFORE the database: a write in between
    leaves them out of date at once)."""
    from participation import page_cache

    session_user = _session_user(request)
    if session_user is None or session_user == "other":
        return None, None
    user_id, backend = session_user
    tables = _person_tables()
    versions = {t: found.get(page_cache.VERSION_PREFIX + t) for t in tables}
    entry = found.get(PERSON_PREFIX + session_key)
    if entry is not None and entry[0] == versions and str(entry[1].user_id) == str(user_id):
        return entry[1], None
    if None in versions.values():
        versions = page_cache._versions(tables)
    user = load_person(user_id)
    if user is None:
        return None, None
    facts = facts_of(user, backend)
    caches["pages"].set(PERSON_PREFIX + session_key, (versions, facts), timeout=PERSON_SECONDS)
    return facts, user


def person_facts(request) -> PersonFacts | None:
    """The logged-in person's facts when their session is valid, else None (nobody logged in,
    a session that no longer matches, or the cache unreachable: then `request.user` decides,
    from the database, as Django does)."""
    if "_person_facts" in request.__dict__:
        return request._person_facts
    facts = None
    session_key = request.session.session_key
    if session_key:
        try:
            found = _fetch_together(request, session_key)
            facts, user = _kept_facts(request, session_key, found)
        except Exception:  # the cache is down: the database still answers through request.user
            facts, user = None, None
        if user is not None:
            request._person_user = user  # request.user then needs no second query
        if facts is not None and not _session_is_valid(request, facts):
            facts = None
    request._person_facts = facts
    return facts


def _session_is_valid(request, facts: PersonFacts) -> bool:
    session_hash = request.session.get(HASH_SESSION_KEY)
    return bool(
        facts.can_authenticate
        and session_hash
        and constant_time_compare(session_hash, facts.session_hash)
    )
