from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    NHS = "nhs", "NHS"
    SCHOOL = "school", "School"
    COMMUNITY = "community", "Community group"
    SERVICE = "service", "Specialist service"
    CHARITY = "charity", "Charity"
    POLICE = "police", "Police"
    PROVIDER = "provider", "Provider"
    PROGRAMME = "programme", "Programme"
    OTHER = "other", "Other"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    area = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class GroupKind(models.TextChoices):
    FORUM = "forum", "Forum"
    TASK_GROUP = "task_group", "Task group"
    BOARD = "board", "Board"
    PANEL = "panel", "Panel"
    ELECTORATE = "electorate", "Electorate"
    OTHER = "other", "Other"


class Group(models.Model):
    """A group of people with members, roles and dates.

    A forum, a task group, a board, a panel or a school's electorate is each one of these, so
    activities, consultations and notifications can be aimed at a group without knowing its kind.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="groups"
    )
    # Membership of some groups (Children in Care Council, CLIC) reveals care status.
    membership_is_sensitive = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(started_on__lte=on), Q(ended_on__isnull=True) | Q(ended_on__gt=on))


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=40, default="member")
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user", "role"],
                condition=Q(ended_on__isnull=True),
                name="one_open_membership_per_role",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.role})"
