from datetime import date

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from participation.access import require
from participation.models import ParentalConsent, Role, RoleAssignment, User
from participation.models.accounts import SELF_SIGNUP_MIN_AGE, YOUNG_PERSON_MAX_AGE, age_on

from .audit import audit


def self_signup_age_error(date_of_birth: date, *, today: date | None = None) -> str | None:
    """Plain-English reason a person may not sign themselves up, or None if they may."""
    today = today or timezone.localdate()
    if date_of_birth > today:
        return "Your date of birth can't be in the future. Please check it."
    age = age_on(date_of_birth, today)
    if age < SELF_SIGNUP_MIN_AGE:
        return (
            "You need to be 13 or older to make your own account. A participation worker can "
            "set one up for you with your parent or carer."
        )
    if age > YOUNG_PERSON_MAX_AGE:
        return (
            "This sign-up is for young people aged 13 to 25. If you work with young people, "
            "ask the participation team to set up your account."
        )
    return None


@transaction.atomic
def user_signup_details_set(*, user: User, first_name: str, date_of_birth: date, area: str = ""):
    """Called by allauth when a young person signs up (after the age check in the form)."""
    user.first_name = first_name.strip()
    user.date_of_birth = date_of_birth
    user.area = area.strip()
    user.save(update_fields=["first_name", "date_of_birth", "area"])
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.YOUNG_PERSON, organisation=None, group=None
    )
    return user


@transaction.atomic
def role_grant(
    *, user: User, role: str, granted_by: User | None = None, organisation=None, group=None
) -> RoleAssignment:
    """Give someone a role. `granted_by` needs the permission; without one, the system gives
    it (the demo data, a management command, a test's setup)."""
    if granted_by is not None:
        require(
            granted_by,
            "participation.grant_role",
            RoleAssignment(user=user, role=role, organisation=organisation, group=group),
        )
    if role == Role.OFFICER and organisation is None:
        raise ValidationError("An officer must belong to an organisation.")
    if role == Role.BOARD_MEMBER and group is None:
        raise ValidationError("A board member must belong to a board.")
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        organisation=organisation,
        group=group,
        defaults={"granted_by": granted_by},
    )
    if created:
        audit(
            actor=granted_by,
            action="role.grant",
            target=user,
            role=role,
            organisation=getattr(organisation, "pk", None),
            group=getattr(group, "pk", None),
        )
    user.__dict__.pop("role_names", None)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, revoked_by: User) -> None:
    require(revoked_by, "participation.revoke_role", assignment)
    audit(actor=revoked_by, action="role.revoke", target=assignment.user, role=assignment.role)
    assignment.delete()


@transaction.atomic
def consent_record(
    *,
    child: User,
    recorded_by: User,
    given_by_name: str,
    relationship: str,
    how_given: str,
    contact: str = "",
    purpose: str = "Having a Youth Voice Portal account",
) -> ParentalConsent:
    require(recorded_by, "participation.record_consent", child)
    consent = ParentalConsent(
        child=child,
        recorded_by=recorded_by,
        given_by_name=given_by_name.strip(),
        relationship=relationship.strip(),
        how_given=how_given,
        contact=contact.strip(),
        purpose=purpose,
    )
    consent.full_clean()
    consent.save()
    audit(actor=recorded_by, action="consent.record", target=child, purpose=purpose)
    return consent


@transaction.atomic
def young_person_create_by_worker(
    *,
    worker: User,
    email: str,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    area: str,
    parent_name: str,
    relationship: str,
    parent_contact: str,
    how_given: str,
) -> User:
    """A worker sets up an account (usually for an under-13) with a parent or carer's consent.

    The worker has seen the family, so the email counts as checked; the family then sets a
    password through the password-reset email.
    """
    require(worker, "participation.create_young_person_account")
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Someone already has an account with this email address."})
    if date_of_birth > timezone.localdate():
        raise ValidationError({"date_of_birth": "The date of birth can't be in the future."})
    age = age_on(date_of_birth, timezone.localdate())
    if not 10 <= age <= YOUNG_PERSON_MAX_AGE:
        raise ValidationError(
            {"date_of_birth": "The portal is for young people aged 10 to 25. Check the date."}
        )
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        area=area.strip(),
        created_by=worker,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    RoleAssignment.objects.create(user=user, role=Role.YOUNG_PERSON, granted_by=worker)
    consent_record(
        child=user,
        recorded_by=worker,
        given_by_name=parent_name,
        relationship=relationship,
        how_given=how_given,
        contact=parent_contact,
    )
    audit(actor=worker, action="account.create_for_young_person", target=user)
    return user
