from dataclasses import asdict

from allauth.mfa.utils import is_mfa_enabled
from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
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


_PER_RESPONSE_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp, with the policy built once per process.

    The portal uses no nonces and no per-view policies (no inline scripts anywhere), so the
    header is the same on every response, and django-csp building it afresh was a tenth of a
    kept page's time (issue 24). A response or request that does use a per-view policy or a
    nonce, or a report-only policy, goes through django-csp's own building unchanged.
    """

    _header: str | None = None

    def process_response(self, request, response):
        plain = (
            getattr(request, "_csp_nonce", None) is None
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not any(hasattr(response, name) for name in _PER_RESPONSE_POLICY)
        )
        if not plain or (settings.DEBUG and response.status_code in (404, 500)):
            return super().process_response(request, response)
        if PortalCSPMiddleware._header is None:
            parts = self.get_policy_parts(request=request, response=response)
            PortalCSPMiddleware._header = build_policy(**asdict(parts))
        prefixes = (settings.CONTENT_SECURITY_POLICY or {}).get("EXCLUDE_URL_PREFIXES") or ()
        if (
            PortalCSPMiddleware._header
            and CSP_HEADER not in response
            and not getattr(response, "_csp_exempt", False)
            and not request.path_info.startswith(tuple(prefixes))
        ):
            response[CSP_HEADER] = PortalCSPMiddleware._header
        return response


def _forget_csp_header(**kwargs):
    PortalCSPMiddleware._header = None


setting_changed.connect(_forget_csp_header, dispatch_uid="portal_csp_header")
