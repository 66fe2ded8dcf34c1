from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow

from .forums import Forum


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a worker to decide"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not this time"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A worker says yes or no (a no always with a reason, which the service and the database
# insist on); the young person may take it back while nobody has decided.
APPLICATION_FLOW = Workflow(
    "forums.application",
    moves=[
        Move(
            "approve",
            source=[ApplicationStatus.PENDING],
            target=ApplicationStatus.APPROVED,
            permission="forums.decide_requests",
        ),
        Move(
            "decline",
            source=[ApplicationStatus.PENDING],
            target=ApplicationStatus.DECLINED,
            permission="forums.decide_requests",
        ),
        Move(
            "withdraw",
            source=[ApplicationStatus.PENDING],
            target=ApplicationStatus.WITHDRAWN,
            permission="forums.withdraw_application",
        ),
    ],
    refusals={
        "approve": "This application has already been decided.",
        "decline": "This application has already been decided.",
        "withdraw": "This application has already been decided.",
    },
)


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


# Only the young person answers (it is their right to take part or not); the person who put
# them forward, or a forum worker, may withdraw it before they answer.
NOMINATION_FLOW = Workflow(
    "forums.nomination",
    moves=[
        Move(
            "accept",
            source=[NominationStatus.PENDING],
            target=NominationStatus.ACCEPTED,
            permission="forums.respond_to_nomination",
        ),
        Move(
            "decline",
            source=[NominationStatus.PENDING],
            target=NominationStatus.DECLINED,
            permission="forums.respond_to_nomination",
        ),
        Move(
            "withdraw",
            source=[NominationStatus.PENDING],
            target=NominationStatus.WITHDRAWN,
            permission="forums.withdraw_nomination",
        ),
    ],
    refusals={
        "accept": "You have already answered.",
        "decline": "You have already answered.",
        "withdraw": "The young person has already answered.",
    },
)


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
