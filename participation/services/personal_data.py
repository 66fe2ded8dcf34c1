"""A person's own data: download it all, or delete the account (ICO Children's Code).

Each app hands its part of both to the base through the registry: an export section, and an
eraser with a policy for every model of the app that points at a person. The base's own part
is `participation_export` and `participation_erase` below, registered in `apps.py` like any
other app's.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from participation.models import (
    OPEN_SIGNUP_STATUSES,
    ActivitySignup,
    Attendance,
    AuditEvent,
    LessonProgress,
    Membership,
    Notification,
    NotificationChoice,
    ParentalConsent,
    QuizAttempt,
    RoleAssignment,
    RungRating,
    TrainingCompletion,
    TrainingModule,
    User,
)
from participation.registry import registry

from .audit import audit

ERASE_CONFIRMATION = "delete my account"
DELETED_NAME = "someone who deleted their account"

# What happens to each model that points at a person when they delete their account. Rows that
# point at them as the one who *did* something for others (a worker who recorded attendance,
# signed off training, made an activity) keep pointing at the anonymised account where the
# link is needed, or lose the link where it is not.
ERASURE_POLICIES = {
    "participation.user": "anonymise",  # name, email, date of birth, area, password all go
    "participation.roleassignment": "erase",  # theirs go; `granted_by` on others' is unset
    "participation.parentalconsent": "erase",  # about them; those a worker recorded stay
    "participation.membership": "erase",
    "participation.notification": "erase",  # theirs; others' that name them are reworded
    "participation.notificationchoice": "erase",
    "participation.activitysignup": "erase",  # future places are cancelled first, for others
    "participation.attendance": "erase",  # theirs; what a worker recorded keeps the link
    "participation.rungrating": "erase",
    "participation.lessonprogress": "erase",
    "participation.quizattempt": "erase",
    "participation.trainingcompletion": "erase",  # theirs; `signed_off_by` on others' unset
    "participation.trainingmodule": "anonymise",  # `created_by` is unset
    "participation.activity": "keep: an activity stays for the people who went; the worker "
    "who made it is the anonymised account, which holds nothing about them",
    "participation.auditevent": "anonymise",  # actor unset; events about them keep no detail
    "account.emailaddress": "erase",
    "mfa.authenticator": "erase",
}


def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about one person, in plain JSON-ready data: the account,
    then every app's section from the registry (the base's own among them)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_of_birth": user.date_of_birth.isoformat() if user.date_of_birth else None,
            "area": user.area,
            "joined": user.date_joined.isoformat(),
            "made_by_a_worker": user.created_by_id is not None,
            "email_addresses": list(
                EmailAddress.objects.filter(user=user).values_list("email", flat=True)
            ),
            "two_factor_methods": list(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
    }
    for name, section in sorted(registry.export_sections.items()):
        data[name] = section(user)
    return data


def participation_export(user: User) -> dict:
    """The base's own part of a person's download (training and activities have theirs)."""
    return {
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
                "contact": c.contact,
                "how": c.get_how_given_display(),
                "recorded_at": c.recorded_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
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
            {
                "title": n.title,
                "body": n.body,
                "sent": n.created_at.isoformat(),
                "read": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(user=user)
        ],
        "notification_choices": {
            c.get_kind_display(): c.get_delivery_display()
            for c in NotificationChoice.objects.filter(user=user).order_by("kind")
        },
        "audit_log": [
            {"what": e.action, "when": e.created_at.isoformat(), "by_you": e.actor_id == user.pk}
            for e in AuditEvent.objects.filter(
                Q(actor=user) | Q(target_type=User._meta.label_lower, target_id=str(user.pk))
            )
        ],
    }


def participation_erase(user: User) -> None:
    """The base's eraser (see `ERASURE_POLICIES`). Runs inside `account_erase`'s transaction,
    before the account itself is anonymised."""
    from .activities import activity_cancel

    # Places they hold at activities still to come go to the next people waiting.
    upcoming = ActivitySignup.objects.filter(
        user=user,
        status__in=OPEN_SIGNUP_STATUSES,
        activity__starts_at__gt=timezone.now(),
    ).select_related("activity")
    for signup in upcoming:
        activity_cancel(activity=signup.activity, user=user)

    # Theirs: erased.
    for model in (
        ActivitySignup,
        Attendance,
        RungRating,
        LessonProgress,
        TrainingCompletion,
        QuizAttempt,
        Notification,
        NotificationChoice,
        Membership,
        RoleAssignment,
    ):
        model.objects.filter(user=user).delete()
    ParentalConsent.objects.filter(child=user).delete()

    # Links from others' rows to them, where the link is not needed: unset.
    TrainingCompletion.objects.filter(signed_off_by=user).update(signed_off_by=None)
    RoleAssignment.objects.filter(granted_by=user).update(granted_by=None)
    TrainingModule.objects.filter(created_by=user).update(created_by=None)
    User.objects.filter(created_by=user).update(created_by=None)
    AuditEvent.objects.filter(actor=user).update(actor=None)
    AuditEvent.objects.filter(target_type=User._meta.label_lower, target_id=str(user.pk)).update(
        detail={}
    )
    # Activities they made, attendance and consents they recorded keep pointing at the
    # anonymised account (see the policies above).

    # Others' notifications that name them (a worker's "Consent needed: Kai Smith for ...").
    _reword_notifications_naming(user)


def _reword_notifications_naming(user: User) -> None:
    names = {n for n in (user.display_name, user.email) if n and len(n) >= 3}
    if user.first_name and user.last_name:
        names.add(f"{user.first_name} {user.last_name}")
    for name in sorted(names, key=len, reverse=True):
        rows = Notification.objects.filter(Q(title__contains=name) | Q(body__contains=name))
        for note in rows.exclude(user=user).only("id", "title", "body"):
            note.title = note.title.replace(name, DELETED_NAME)[:200]
            note.body = note.body.replace(name, DELETED_NAME)
            note.save(update_fields=["title", "body"])


@transaction.atomic
def account_erase(*, user: User, confirmation: str) -> None:
    """Delete what we hold about a person; keep an anonymous row so shared records stay whole.

    Every app's eraser runs first (the base's own among them), then the account is anonymised.
    Votes were never linked to people, so nothing about them changes.
    """
    if confirmation.strip().lower() != ERASE_CONFIRMATION:
        raise ValidationError(
            {"confirmation": f'Type "{ERASE_CONFIRMATION}" in the box to show you are sure.'}
        )
    for _name, erase in sorted(registry.erasers.items()):
        erase(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.first_name = "Deleted"
    user.last_name = "account"
    user.date_of_birth = None
    user.area = ""
    user.is_active = False
    user.created_by = None
    user.set_unusable_password()
    user.save()
    user.__dict__.pop("role_names", None)
    audit(actor=None, action="account.erase", target=user)
