from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .forums import Forum


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a worker to decide"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not this time"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Application(models.Model):
    """A young person asks to join a forum whose route in is an application."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_applications"
    )
    why = models.TextField("why you want to join")
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "applicant"],
                condition=Q(status="pending"),
                name="one_pending_application_per_forum",
            ),
            # A "no" always comes with a reason the young person can read.
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="declined_application_has_reason",
            ),
        ]

    def __str__(self):
        return f"Application {self.pk} to {self.forum_id}"


class NominationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the young person to answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Said no, thank you"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Nomination(models.Model):
    """A professional puts a young person forward. Nothing changes until the young person says
    yes: they have the right to participate or not."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="nominations")
    young_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_nominations"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("why they would get a lot from it")
    status = models.CharField(
        max_length=20, choices=NominationStatus.choices, default=NominationStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "young_person"],
                condition=Q(status="pending"),
                name="one_pending_nomination_per_forum",
            ),
        ]

    def __str__(self):
        return f"Nomination {self.pk} to {self.forum_id}"
