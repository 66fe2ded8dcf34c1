from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class JoinRoute(models.TextChoices):
    ELECTION = "election", "Elected"
    NOMINATION = "nomination", "Put forward by a professional"
    APPLICATION = "application", "Apply to join"
    OPEN = "open", "Open to join"


JOIN_ROUTE_MEANING = {
    JoinRoute.ELECTION: "Members are elected. Look out for the next election and stand.",
    JoinRoute.NOMINATION: (
        "A social worker, IRO, foster carer or another professional puts you forward. "
        "Then you choose if you want to join."
    ),
    JoinRoute.APPLICATION: "You apply. A participation worker reads it and tells you what next.",
    JoinRoute.OPEN: "Anyone who can join may join straight away.",
}


class CareStatusNeeded(models.TextChoices):
    ANY = "", "No"
    IN_CARE = "in_care", "Only young people in care"
    CARE_LEAVER = "care_leaver", "Only care leavers"


class CareStatusKind(models.TextChoices):
    IN_CARE = "in_care", "In the care of the council"
    CARE_LEAVER = "care_leaver", "Care leaver, supported by the Transitions Team"
    NOT_IN_CARE = "not_in_care", "Not in care and not a care leaver"


class Forum(models.Model):
    """A Youth Voice forum. Its members live in participation.Membership on `group`, so
    elections and activities can aim at the group without importing forums."""

    group = models.OneToOneField(
        "participation.Group", on_delete=models.CASCADE, related_name="forum"
    )
    summary = models.CharField(
        "what it does, in one line",
        max_length=200,
        help_text="For example: Young people elected by their school who help the council "
        "make decisions.",
    )
    description = models.TextField("more about what it does")
    join_route = models.CharField("how to join", max_length=20, choices=JoinRoute.choices)
    how_to_join = models.TextField(
        "how to join, in your own words",
        blank=True,
        help_text="Optional. For example who can put a young person forward.",
    )
    min_age = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    care_status_needed = models.CharField(
        "only for young people in care or care leavers?",
        max_length=20,
        choices=CareStatusNeeded.choices,
        default=CareStatusNeeded.ANY,
        blank=True,
    )
    area = models.CharField(
        max_length=80,
        blank=True,
        help_text="Leave empty if young people from anywhere can join. For example: Kent.",
    )
    meets = models.CharField(
        "when it meets",
        max_length=200,
        help_text="For example: Once a month, after school.",
    )
    is_listed = models.BooleanField("show in the forum list", default=True)
    # The forum's own participation workers: the only people who see a private forum's members.
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="forums_supported", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="forum_age_range_in_order",
            ),
        ]

    def __str__(self):
        return self.group.name

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def slug(self) -> str:
        return self.group.slug

    @property
    def is_private(self) -> bool:
        return self.group.membership_is_sensitive

    # How young people join, as flags for pages (which never compare route strings).
    @property
    def is_open(self) -> bool:
        return self.join_route == JoinRoute.OPEN

    @property
    def takes_applications(self) -> bool:
        return self.join_route == JoinRoute.APPLICATION

    @property
    def takes_nominations(self) -> bool:
        return self.join_route == JoinRoute.NOMINATION

    @property
    def route_meaning(self) -> str:
        return self.how_to_join or JOIN_ROUTE_MEANING[self.join_route]

    @property
    def age_label(self) -> str:
        if self.min_age is None and self.max_age is None:
            return "Any age from 10 to 25"
        if self.max_age is None:
            return f"Aged {self.min_age} and over"
        if self.min_age is None:
            return f"Aged up to {self.max_age}"
        return f"Aged {self.min_age} to {self.max_age}"

    @property
    def who_can_join(self) -> list[str]:
        """The eligibility rules in plain words, one line each."""
        lines = [self.age_label]
        if self.care_status_needed == CareStatusNeeded.IN_CARE:
            lines.append("In the care of the council")
        elif self.care_status_needed == CareStatusNeeded.CARE_LEAVER:
            lines.append("Care leavers supported by the Transitions Team")
        if self.area:
            lines.append(f"Living in {self.area}")
        return lines


class CareStatus(models.Model):
    """Whether a young person is in care or a care leaver. Private: only workers record or see
    it, it is never shown on any page about a forum, and every change is audited."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_status"
    )
    status = models.CharField(max_length=20, choices=CareStatusKind.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "care statuses"

    def __str__(self):
        return f"Care status of user {self.user_id}"


class TaskGroup(models.Model):
    """A task group inside a forum: a participation.Group of kind task_group whose parent is
    the forum's group, plus what it is for."""

    group = models.OneToOneField(
        "participation.Group", on_delete=models.CASCADE, related_name="task_group"
    )
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="task_groups")
    purpose = models.TextField("what it is for")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group__name"]

    def __str__(self):
        return self.group.name

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def slug(self) -> str:
        return self.group.slug
