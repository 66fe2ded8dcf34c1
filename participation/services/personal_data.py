"""A person's own data: download it all, or delete the account (ICO Children's Code)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from participation.models import Membership, Notification, NotificationPreference, User
from participation.registry import registry

from .audit import audit

ERASE_CONFIRMATION = "delete my account"


def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about one person, in plain JSON-ready data."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_of_birth": user.date_of_birth.isoformat() if user.date_of_birth else None,
            "area": user.area,
            "joined": user.date_joined.isoformat(),
        },
        "roles": [
            {
                "role": a.get_role_display(),
                "organisation": str(a.organisation) if a.organisation_id else None,
                "board": str(a.group) if a.group_id else None,
            }
            for a in user.role_assignments.select_related("organisation", "group")
        ],
        "parental_consents": [
            {
                "purpose": c.purpose,
                "given_by": c.given_by_name,
                "relationship": c.relationship,
                "how": c.get_how_given_display(),
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in user.consents.all()
        ],
        "groups": [
            {
                "group": m.group.name,
                "role": m.role,
                "from": m.started_on.isoformat(),
                "until": m.ended_on.isoformat() if m.ended_on else None,
            }
            for m in Membership.objects.filter(user=user).select_related("group")
        ],
        "notifications": [
            {"title": n.title, "body": n.body, "sent": n.created_at.isoformat()}
            for n in Notification.objects.filter(user=user)
        ],
    }
    for name, section in sorted(registry.export_sections.items()):
        data[name] = section(user)
    return data


@transaction.atomic
def account_erase(*, user: User, confirmation: str) -> None:
    """Delete what we hold about a person; keep an anonymous row so shared records stay whole.

    Votes were never linked to people, so nothing about them changes.
    """
    if confirmation.strip().lower() != ERASE_CONFIRMATION:
        raise ValidationError(
            {"confirmation": f'Type "{ERASE_CONFIRMATION}" in the box to show you are sure.'}
        )
    for _name, erase in sorted(registry.erasers.items()):
        erase(user)
    audit(actor=None, action="account.erase", target=user)
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.role_assignments.all().delete()
    user.consents.all().delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.first_name = "Deleted"
    user.last_name = "account"
    user.date_of_birth = None
    user.area = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
