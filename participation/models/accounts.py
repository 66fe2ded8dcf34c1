from datetime import date

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

SELF_SIGNUP_MIN_AGE = 13
YOUNG_PERSON_MAX_AGE = 25


def age_on(date_of_birth: date, on: date) -> int:
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


class AgeBand(models.TextChoices):
    UNDER_13 = "10-12", "10 to 12"
    AGE_13_15 = "13-15", "13 to 15"
    AGE_16_18 = "16-18", "16 to 18"
    AGE_19_25 = "19-25", "19 to 25"
    ADULT = "adult", "Adult"

    @classmethod
    def for_age(cls, age: int) -> "AgeBand":
        if age < 13:
            return cls.UNDER_13
        if age < 16:
            return cls.AGE_13_15
        if age < 19:
            return cls.AGE_16_18
        if age <= YOUNG_PERSON_MAX_AGE:
            return cls.AGE_19_25
        return cls.ADULT


class Role(models.TextChoices):
    YOUNG_PERSON = "young_person", "Young person"
    PARENT_CARER = "parent_carer", "Parent or carer"
    WORKER = "worker", "Participation worker"
    PROFESSIONAL = "professional", "Professional or referrer"
    OFFICER = "officer", "Officer of a partner organisation"
    BOARD_MEMBER = "board_member", "Board member"
    PROVIDER = "provider", "Provider"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles that see named people's information or act for an organisation: these must use MFA.
# Board members are left out on purpose: they only ever see aggregates, and the HeadStart Shadow
# Board is young people, who should not need an authenticator app to read a dashboard.
STAFF_ROLES = frozenset({Role.WORKER, Role.PROFESSIONAL, Role.OFFICER, Role.ADMINISTRATOR})


class PortalUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. What they may do comes from their role assignments, never a single field."""

    username = None
    email = models.EmailField("email address", unique=True)
    # Never shown to anyone else: other people only ever see `age_band`.
    date_of_birth = models.DateField(null=True, blank=True)
    area = models.CharField(
        max_length=80, blank=True, help_text="Part of the city, for example Bilston"
    )
    created_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PortalUserManager()

    class Meta:
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.email.split("@")[0]

    def age(self, on: date | None = None) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, on or timezone.localdate())

    @property
    def age_band(self) -> str:
        age = self.age()
        if age is None:
            return ""
        return AgeBand.for_age(age).label

    @cached_property
    def role_names(self) -> frozenset[str]:
        """Active role names, loaded once per request (one query)."""
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def has_staff_role(self) -> bool:
        return bool(self.role_names & STAFF_ROLES)


class RoleAssignment(models.Model):
    """One role a person holds: an officer's is for an organisation, a board member's a board."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "participation.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    group = models.ForeignKey(
        "participation.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="For a board member: the board they sit on.",
    )
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self):
        where = self.organisation or self.group
        return f"{self.get_role_display()}" + (f" ({where})" if where else "")


class ParentalConsent(models.Model):
    """A parent or carer's consent for an under-13, recorded by the worker who took it."""

    class How(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        SIGNED_FORM = "signed_form", "Signed paper form"
        PHONE = "phone", "On the phone"
        EMAIL = "email", "By email"

    child = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=200, default="Having a Youth Voice Portal account")
    given_by_name = models.CharField("parent or carer's name", max_length=150)
    relationship = models.CharField(max_length=80)
    contact = models.CharField("parent or carer's phone or email", max_length=200, blank=True)
    how_given = models.CharField(max_length=20, choices=How.choices)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Consent for {self.child} from {self.given_by_name}"
