"""The one permission layer, as services and views use it.

Every rule is a `rules` permission, added with `permission(name, predicate, refusal=...)` from
an app's `permissions.py`, so the rule and the plain-English reason it gives when it says no
live together. Services start with `require(actor, "forums.review_candidate", candidate)`,
which raises `Refused` (a `ValidationError`, so forms show it like any other problem) with that
reason. Views get objects only through `fetch_or_404(user, perm, queryset, ...)`: what the
person may not see does not exist for them.

`allowed` asks `user.has_perm`, as views and the `{% has_perm %}` tag do, so the three can
never disagree (a Django superuser passes every rule everywhere alike).
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

DEFAULT_REFUSAL = "You don't have permission to do this."

_refusals: dict[str, str] = {}


class Refused(ValidationError):
    """The actor may not do this; `message` says why in plain English."""

    def __init__(self, message: str):
        super().__init__(message, code="forbidden")


def permission(name: str, predicate, *, refusal: str = DEFAULT_REFUSAL) -> None:
    """Add (or replace) a rule, with the words `require` uses when it refuses."""
    rules.set_perm(name, predicate)
    _refusals[name] = refusal


def refusal_for(name: str) -> str:
    return _refusals.get(name, DEFAULT_REFUSAL)


def allowed(actor, name: str, obj: Any = None) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return actor.has_perm(name, obj)


def require(actor, name: str, obj: Any = None, *, refusal: str | None = None) -> None:
    """Raise `Refused` unless `actor` has permission `name` (on `obj`)."""
    if not allowed(actor, name, obj):
        raise Refused(refusal or refusal_for(name))


def fetch_or_404(user, name: str, queryset: QuerySet | type[Model], **lookup) -> Model:
    """The object the lookup names, if it exists and `user` has permission `name` on it;
    otherwise 404, so a page never confirms that something hidden exists."""
    manager = queryset._default_manager if isinstance(queryset, type) else queryset
    obj = manager.filter(**lookup).first()
    if obj is None or not allowed(user, name, obj):
        raise Http404("Not found")
    return obj
