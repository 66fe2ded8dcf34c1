"""The receipt page, rendered without the context processors: the cast statement already
returned the one thing they would have queried (the unread count). See ballot.py."""

from functools import lru_cache

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from participation import page_cache

from ..codes import format_receipt

SLOT = "RECEIPTSLOT"  # letters only, so escaping leaves it as it is


def render_around_slot(context: dict) -> tuple[str, str]:
    """The receipt page with the code's place kept: (before, after)."""
    html = render_to_string(
        "elections/receipt.html", {"csrf_token": "", "messages": (), **context, "receipt": SLOT}
    )
    before, after = html.split(SLOT)
    return before, after


@lru_cache(maxsize=256)
def _anonymous_page(election_pk: int, election_title: str) -> tuple[str, str]:
    return render_around_slot(
        {
            "user": AnonymousUser(),
            "unread_notifications": 0,
            "election_title": election_title,
            "election_pk": election_pk,
        }
    )


def receipt_response(request, pk, result) -> HttpResponse:
    code = format_receipt(result.receipt)
    if not request.user.is_authenticated and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}:
        # A pupil voting with a code: the page is the same for every one of them but for the
        # code, so it is rendered once per election and the code put in its place.
        before, after = _anonymous_page(pk, result.election_title)
        return HttpResponse(f"{before}{code}{after}")
    context = {
        "user": request.user,
        "request": request,
        # Lazy, as Django's own context processor does: only a logged-in page (its log-out
        # button) needs a token, and making one costs randomness and a cookie.
        "csrf_token": SimpleLazyObject(lambda: get_token(request)),
        "messages": get_messages(request),
        "unread_notifications": result.unread_notifications,
        "election_title": result.election_title,
        "election_pk": pk,
        "receipt": code,
    }
    return voter_receipt(render_to_string("elections/receipt.html", context))


def voter_receipt(page: str) -> HttpResponse:
    """A logged-in voter's receipt: their own kept pages ("Vote in ...") are drawn again on
    their next request (their mark is a coarse table: see ElectionsConfig.ready)."""
    response = HttpResponse(page)
    page_cache.renew_for_browser(response)
    return response
