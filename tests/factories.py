"""factory_boy factories shared by every test module."""

from datetime import date

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from django.utils.text import slugify

from participation.models import (
    Group,
    GroupKind,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    RoleAssignment,
    User,
)

PASSWORD = "a-long-test-password-1"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def birthday_for_age(age: int) -> date:
    return date(timezone.localdate().year - age, 1, 1)


def _assign_roles(user, create, roles) -> None:
    if create:
        RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=r) for r in roles)
    user.__dict__.pop("role_names", None)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        _assign_roles(obj, create, extracted or [])


class YoungPersonFactory(UserFactory):
    date_of_birth = factory.LazyFunction(lambda: birthday_for_age(15))

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        _assign_roles(obj, create, [Role.YOUNG_PERSON] if extracted is None else extracted)


class StaffFactory(UserFactory):
    """A staff member with TOTP already set up (use `mfa=False` for one without)."""

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(obj, TOTP_SECRET)


class WorkerFactory(StaffFactory):
    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        _assign_roles(obj, create, [Role.WORKER] if extracted is None else extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = OrganisationKind.COUNCIL


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = GroupKind.FORUM


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(YoungPersonFactory)
