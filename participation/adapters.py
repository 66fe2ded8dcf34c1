"""allauth adapters and the two-step log-in code forms, in the portal's own words.

Settings (config/settings.py): ACCOUNT_ADAPTER points at AccountAdapter; MFA_ADAPTER at
MFAAdapter; MFA_FORMS names AuthenticateForm and ReauthenticateForm for "authenticate" and
"reauthenticate", so a code that was right but has been used already is refused with its own
words instead of "Incorrect code.".
"""

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from allauth.mfa.utils import decrypt
from django.core.exceptions import ValidationError

SITE_NAME = "Youth Voice Portal"


class AccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request):
        return super().get_signup_redirect_url(request)

    def format_email_subject(self, subject: str) -> str:
        # allauth's own fallback is "[<the request's host>] ", so a subject could read
        # "[127.0.0.1:8100] ...". Without ACCOUNT_EMAIL_SUBJECT_PREFIX we name the site.
        prefix = account_settings.EMAIL_SUBJECT_PREFIX
        if prefix is None:
            prefix = f"{SITE_NAME}: "
        return f"{prefix}{subject}"


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": (
            "That code is not right. Open your authenticator app and type the 6-digit code "
            "it shows now."
        ),
        "reused_code": (
            "You've already used that code. Wait for your app to show a new one, then type it in."
        ),
        "reused_recovery_code": (
            "You've already used that recovery code. Each one works only once. "
            "Type a different one."
        ),
        "add_email_blocked": (
            "You can't add an email address while two-step log-in is on. "
            "Ask an administrator to change it for you."
        ),
        "cannot_delete_authenticator": "You can't turn off two-step log-in on this account.",
        "cannot_generate_recovery_codes": (
            "Set up your authenticator app first. Then you can make recovery codes."
        ),
        "unverified_email": (
            "Confirm your email address first. Then you can set up two-step log-in."
        ),
    }


def reused_code_error(user, code: str) -> str | None:
    """The error key if `code` is one of the user's codes that has been used, else None.

    allauth refuses a used code as an incorrect one. A TOTP code that is right for now but was
    refused has been used already (allauth marks each code used for the whole tolerance
    window); a recovery code that is on the user's list but not among the unused ones has been
    used too.
    """
    code = (code or "").strip()
    if not code:
        return None
    for authenticator in Authenticator.objects.filter(user=user):
        if authenticator.type == Authenticator.Type.TOTP:
            secret = decrypt(authenticator.data["secret"])
            if validate_totp_code(secret, code):
                return "reused_code"
        elif authenticator.type == Authenticator.Type.RECOVERY_CODES:
            codes = authenticator.wrap()
            if any(compare_user_code(actual=code, expected=c) for c in codes.generate_codes()):
                unused = codes.get_unused_codes()
                if not any(compare_user_code(actual=code, expected=c) for c in unused):
                    return "reused_recovery_code"
    return None


class _SaysWhenACodeWasUsedMixin:
    def clean_code(self) -> str:
        try:
            return super().clean_code()
        except ValidationError as error:
            if getattr(error, "code", None) != "incorrect_code":
                raise
            reused = reused_code_error(self.user, self.data.get("code", ""))
            if not reused:
                raise
            # Our words even if MFA_ADAPTER is not (yet) set to MFAAdapter.
            messages = getattr(get_mfa_adapter(), "error_messages", {})
            message = messages.get(reused) or MFAAdapter.error_messages[reused]
            raise ValidationError(message, code=reused) from error


class AuthenticateForm(_SaysWhenACodeWasUsedMixin, mfa_forms.AuthenticateForm):
    """The code step of logging in (MFA_FORMS["authenticate"])."""


class ReauthenticateForm(_SaysWhenACodeWasUsedMixin, mfa_forms.ReauthenticateForm):
    """Checking it's you again with a code (MFA_FORMS["reauthenticate"])."""
