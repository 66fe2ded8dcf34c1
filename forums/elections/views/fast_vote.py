"""The logged-in fast path: a clean ballot cast without loading the voter (see ballot.py and
cast_sql.py), with a receipt page rendered once per election, set of roles and unread count.

`try_cast` runs before the ballot page's own view. Anything but a clean ballot returns None,
and the ordinary path (voting.VoteView) explains what was wrong.
"""

from functools import lru_cache

import rules
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages import get_messages
from django.http import HttpResponse

from participation.models.accounts import STAFF_ROLES

from .. import ballot, services
from ..codes import format_receipt
from .receipt import receipt_response, render_around_slot, voter_receipt


class StandInVoter:
    """What the page around a receipt needs to know about a logged-in voter: their roles (the
    menu depends on nothing else), as the cast statement returned them."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, role_names: frozenset[str]):
        self.role_names = role_names

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def has_staff_role(self) -> bool:
        return bool(self.role_names & STAFF_ROLES)

    def has_perm(self, perm: str, obj=None) -> bool:
        return rules.has_perm(perm, self, obj)


@lru_cache(maxsize=1024)
def _logged_in_page(
    election_pk: int, election_title: str, role_names: frozenset[str], unread: int
) -> tuple[str, str]:
    """Without a CSRF token its "Log out" is a link to the log-out page (which asks, with its
    own form) rather than a button: making a token re-sends the CSRF cookie on every response,
    which cost a sixth of this path's time under load."""
    return render_around_slot(
        {
            "user": StandInVoter(role_names),
            "unread_notifications": unread,
            "election_title": election_title,
            "election_pk": election_pk,
        }
    )


def _session_ballot(request):
    """(user id, session hash, constituency, choices) from a logged-in POST, or None."""
    session = request.session
    try:
        return (
            int(session[SESSION_KEY]),
            session[HASH_SESSION_KEY],
            int(request.POST.get("constituency", "")),
            [int(c) for c in request.POST.getlist("choice")],
        )
    except (KeyError, TypeError, ValueError):
        return None


def try_cast(request, pk) -> HttpResponse | None:
    if not ballot.fast_path_available():
        return None
    found = _session_ballot(request)
    if found is None or request.session.get(BACKEND_SESSION_KEY) not in (
        settings.AUTHENTICATION_BACKENDS
    ):
        return None
    user_id, session_hash, constituency_id, choice_ids = found
    result = services.ballot_cast_for_session(
        election_id=pk,
        constituency_id=constituency_id,
        user_id=user_id,
        session_hash=session_hash,
        choice_ids=choice_ids,
    )
    if result is None:
        return None
    if len(get_messages(request)):
        return receipt_response(request, pk, result)
    before, after = _logged_in_page(
        pk, result.election_title, result.role_names, result.unread_notifications
    )
    return voter_receipt(f"{before}{format_receipt(result.receipt)}{after}")
