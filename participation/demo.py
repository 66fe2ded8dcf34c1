"""Demo data from the seed documents: real organisations, boards and one account per role."""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from participation.models import Group, GroupKind, Organisation, OrganisationKind, Role, User
from participation.services import consent_record, role_grant

DEMO_PASSWORD = "youth-voice-demo"
# Documented for local use only: add it to any authenticator app, or run
# `python manage.py demo_totp <email>` to print the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

ORGANISATIONS = [
    ("City of Wolverhampton Council", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("HeadStart Wolverhampton", OrganisationKind.PROGRAMME, "Wolverhampton"),
    ("Wolverhampton Participation Team", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("Transitions Team", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("Youth Offending Team", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("Kent County Council", OrganisationKind.COUNCIL, "Kent"),
    ("HeadStart Kent", OrganisationKind.PROGRAMME, "Kent"),
    ("Kent Clinical Commissioning Group", OrganisationKind.NHS, "Kent"),
    ("Bilston Youth Project", OrganisationKind.PROVIDER, "Bilston"),
]

BOARDS = [
    "Growing Well Board",
    "Corporate Parenting Board",
    "Children and Families Together Board",
    "Youth Partnership Board",
    "HeadStart Shadow Board",
    "SEND Challenge Board",
    "Children and Young People Scrutiny Panel",
    "Youth Offending Management Board",
]

# email, first name, last name, age (None for adults), roles, needs MFA
ACCOUNTS = [
    ("young@example.org", "Amira", "Khan", 15, [Role.YOUNG_PERSON]),
    ("ambassador@example.org", "Jordan", "Clarke", 19, [Role.YOUNG_PERSON, Role.BOARD_MEMBER]),
    ("parent@example.org", "Sam", "Patel", None, [Role.PARENT_CARER]),
    ("worker@example.org", "Priya", "Sharma", None, [Role.WORKER]),
    ("professional@example.org", "Dan", "Evans", None, [Role.PROFESSIONAL]),
    ("officer@example.org", "Helen", "Morris", None, [Role.OFFICER]),
    ("board@example.org", "Councillor Grace", "Ade", None, [Role.BOARD_MEMBER]),
    ("provider@example.org", "Tom", "Baker", None, [Role.PROVIDER]),
    ("admin@example.org", "Alex", "Admin", None, [Role.ADMINISTRATOR]),
]


def _birthday_for_age(age: int) -> date:
    # 1 January: the birthday has always passed this year, so the age is exactly `age`.
    return date(timezone.localdate().year - age, 1, 1)


def _user(email, first_name, last_name, age, *, created_by=None):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "created_by": created_by,
            "date_of_birth": _birthday_for_age(age) if age else None,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


@transaction.atomic
def seed_base(stdout) -> None:
    organisations = {
        name: Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "kind": kind, "area": area}
        )[0]
        for name, kind, area in ORGANISATIONS
    }
    boards = {
        name: Group.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "kind": GroupKind.BOARD}
        )[0]
        for name in BOARDS
    }
    council = organisations["City of Wolverhampton Council"]
    users = {}
    for email, first, last, age, roles in ACCOUNTS:
        user = _user(email, first, last, age)
        users[email] = user
        for role in roles:
            organisation = council if role in (Role.OFFICER, Role.WORKER) else None
            if role == Role.PROVIDER:
                organisation = organisations["Bilston Youth Project"]
            group = None
            if role == Role.BOARD_MEMBER:
                group = boards["HeadStart Shadow Board" if age else "Growing Well Board"]
            role_grant(user=user, role=role, organisation=organisation, group=group)
        if (
            user.has_staff_role
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    admin = users["admin@example.org"]
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])

    worker = users["worker@example.org"]
    child = _user("child@example.org", "Leo", "Patel", 11, created_by=worker)
    role_grant(user=child, role=Role.YOUNG_PERSON, granted_by=worker)
    if not child.consents.exists():
        consent_record(
            child=child,
            recorded_by=worker,
            given_by_name="Sam Patel",
            relationship="Dad",
            how_given="in_person",
            contact="parent@example.org",
        )
    stdout.write(
        f"  base: {len(organisations)} organisations, {len(boards)} boards, "
        f"{len(users) + 1} demo accounts"
    )
