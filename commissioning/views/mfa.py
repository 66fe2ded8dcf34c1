"""Providers need two-factor authentication before they reach a bid.

A provider acts for an organisation: they send a priced bid for public money that they can
change or withdraw until the closing time, and read the organisation's feedback. Someone who
took over the account could withdraw a rival's bid the hour before the close, change its
price, or read commercially sensitive answers, so the account is guarded like staff accounts
(the base's rule, participation/models/accounts.py STAFF_ROLES, is for roles that "act for an
organisation"). They are not added to STAFF_ROLES because that also opens the staff area and
staff training; the base's StaffMFARequiredMiddleware could take a wider set of roles instead
(asked of the lead), and then this mixin can go.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect
from django.urls import reverse

from participation.middleware import MFA_CHECKED_SESSION_KEY
from participation.models import Role


class ProviderMFAMixin:
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and user.has_role(Role.PROVIDER)
            and not request.session.get(MFA_CHECKED_SESSION_KEY)
        ):
            if not is_mfa_enabled(user):
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
            request.session[MFA_CHECKED_SESSION_KEY] = True
        return super().dispatch(request, *args, **kwargs)
