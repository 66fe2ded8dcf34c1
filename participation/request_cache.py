"""The logged-in person of a request in ONE database query (issue 24).

Django's own `auth.get_user` costs a query for the user, then the pages asked again for the
person's roles (the navigation, the rules, the staff MFA check) and their unread count (the
badge): three queries on every page. `get_user` here loads the user row, its role names and the
unread count in one statement, then verifies the session exactly as Django does (the session's
auth hash against the password hash just read, with SECRET_KEY_FALLBACKS, `is_active` through
the backend's `user_can_authenticate`), so authentication is as strict as before.

Nothing is cached across requests: every fact is read fresh each request, so one person's facts
can never reach another and a new role, notification or read mark shows on the next request
without any invalidation. (A cross-request cache of the user row would put the password hash and
`is_active` in the cache, and every write path to them would then have to invalidate it.)
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
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


def get_user(request):
    """`django.contrib.auth.get_user`, with the user loaded by `load_person`."""
    try:
        user_id = auth._get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return AnonymousUser()
    backend = load_backend(backend_path)
    if type(backend).get_user is not ModelBackend.get_user:
        return auth.get_user(request)  # a backend that loads users its own way
    user = load_person(user_id)
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
