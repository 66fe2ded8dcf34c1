from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from participation import request_cache

MFA_CHECKED_SESSION_KEY = "portal.staff_mfa_ok"

# Pages a staff member without MFA may still open: setting it up, leaving, and the basics.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/privacy/", "/favicon")


def mfa_not_required(view):
    """Mark a view that shows and changes nothing of anyone else's (casting one's own secret
    ballot), so it can skip the staff check and, on its fast path, never load the user."""
    view.mfa_not_required = True
    return view


class PersonMiddleware:
    """Right after AuthenticationMiddleware: `request.user` loaded with its roles and unread
    count in one query (see participation/request_cache.py), still only when first used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: request_cache.get_user(request))
        return self.get_response(request)


class StaffMFARequiredMiddleware:
    """Every staff role must set up two-factor authentication before any other page opens.

    allauth.mfa offers MFA but cannot require it, so this does. The result is remembered in the
    session once MFA is on, so the check costs nothing on later requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "mfa_not_required", False):
            return None
        if self._must_set_up_mfa(request):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return None

    def _must_set_up_mfa(self, request) -> bool:
        # The kept facts answer for most people without loading the user (request_cache.py).
        facts = request_cache.person_facts(request)
        if facts is not None:
            is_staff = facts.has_staff_role
        else:
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                return False
            is_staff = user.has_staff_role
        if not is_staff or request.session.get(MFA_CHECKED_SESSION_KEY):
            return False
        if request.path.startswith(ALLOWED_PREFIXES):
            return False
        user = request.user
        if is_mfa_enabled(user):
            request.session[MFA_CHECKED_SESSION_KEY] = True
            return False
        return True
