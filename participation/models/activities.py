from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow


class ActivityKind(models.TextChoices):
    OPEN_SPACE = "open_space", "Open Space event"
    BIG_CONVERSATION = "big_conversation", "Big Conversation"
    SPEAKOUT = "speakout", "SpeakOut session"
    WORKSHOP = "workshop", "Workshop"
    TRAINING = "training", "Training session"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other"


class LadderRung(models.TextChoices):
    """The ladder of participation from the Wolverhampton strategy, top rung first."""

    CO_PRODUCTION = "co_production", "Co-production"
    CO_DESIGN = "co_design", "Co-design"
    ENGAGEMENT = "engagement", "Engagement"
    CONSULTATION = "consultation", "Consultation"
    INFORMING = "informing", "Informing"
    EDUCATING = "educating", "Educating"
    COERCION = "coercion", "Coercion"


# From the ladder in the HeadStart Wolverhampton write-up, in words a 10-year-old can follow.
LADDER_RUNG_MEANING = {
    LadderRung.CO_PRODUCTION: "Young people and adults were equal partners, from planning to "
    "doing, and made the big decisions together.",
    LadderRung.CO_DESIGN: "Young people helped design it from their own ideas, but were not part "
    "of seeing it through.",
    LadderRung.ENGAGEMENT: "Young people had more chances to say what they think, and could "
    "change some decisions.",
    LadderRung.CONSULTATION: "Young people were asked what they think, but had no power to "
    "change things.",
    LadderRung.INFORMING: "Adults told young people what was decided and why.",
    LadderRung.EDUCATING: "Young people were helped to understand how something works.",
    LadderRung.COERCION: "Young people's views were not thought important and were not taken "
    "into account.",
}


class Activity(models.Model):
    """Anything people sign up to, attend and rate: an Open Space event, a SpeakOut session,
    a training workshop. A forum meeting is one of these too (forums adds agenda and minutes)."""

    title = models.CharField(max_length=200)
    description = models.TextField(help_text="Say in plain words what will happen.")
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    access_info = models.TextField(
        "access information",
        blank=True,
        help_text="Step-free access, quiet room, hearing loop, bus routes, food.",
    )
    # Null means everyone may come; otherwise only the group's current members.
    audience_group = models.ForeignKey(
        "participation.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # Which organisation runs it, so its charter page can show where its activities sit on
    # the ladder of participation.
    organisation = models.ForeignKey(
        "participation.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    # Null means there is no limit on places.
    capacity = models.PositiveIntegerField(null=True, blank=True)
    planned_rung = models.CharField(
        "planned rung on the ladder of participation",
        max_length=20,
        choices=LadderRung.choices,
        default=LadderRung.ENGAGEMENT,
    )
    # A training session can sign off a module for everyone marked present.
    training_module = models.ForeignKey(
        "participation.TrainingModule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="activity_age_range_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def mine(self):
        """The page's person's own sign-up, from the `my_status` the selectors annotate."""
        return SignupState(getattr(self, "my_status", None))

    @property
    def duration_hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 2)

    @property
    def age_range_label(self) -> str:
        if self.min_age is None and self.max_age is None:
            return "Any age"
        if self.max_age is None:
            return f"{self.min_age} and over"
        if self.min_age is None:
            return f"Up to {self.max_age}"
        return f"{self.min_age} to {self.max_age}"


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", "You have a place"
    WAITING = "waiting", "On the waiting list"
    PENDING_CONSENT = "pending_consent", "Waiting for a parent or carer to say yes"
    CANCELLED = "cancelled", "Cancelled"


OPEN_SIGNUP_STATUSES = (
    SignupStatus.CONFIRMED,
    SignupStatus.WAITING,
    SignupStatus.PENDING_CONSENT,
)

# Statuses that hold one of the activity's places.
PLACE_HOLDING = (SignupStatus.CONFIRMED, SignupStatus.PENDING_CONSENT)


class SignupState:
    """Flags for one sign-up status (or none), so pages and services never compare status
    strings: `signup.state.has_place`, `activity.mine.is_waiting`."""

    def __init__(self, status: str | None):
        self.value = status or ""

    def __bool__(self) -> bool:
        return self.is_open

    is_open = property(lambda self: self.value in OPEN_SIGNUP_STATUSES)
    has_place = property(lambda self: self.value in PLACE_HOLDING)
    is_confirmed = property(lambda self: self.value in (SignupStatus.CONFIRMED,))
    is_waiting = property(lambda self: self.value in (SignupStatus.WAITING,))
    needs_consent = property(lambda self: self.value in (SignupStatus.PENDING_CONSENT,))


# A sign-up starts confirmed, waiting or pending consent (`activity_signup` decides which);
# these are the only ways it changes afterwards. The services in participation/services/
# activities.py check who may (the person themselves, or a worker) before they move it.
SIGNUP_FLOW = Workflow(
    "participation.activitysignup",
    moves=[
        Move("cancel", source=OPEN_SIGNUP_STATUSES, target=SignupStatus.CANCELLED),
        # A place came free: the next person waiting gets it (held for consent if under 13).
        Move(
            "promote", source=[SignupStatus.WAITING], target=SignupStatus.CONFIRMED, automatic=True
        ),
        Move(
            "promote_pending_consent",
            source=[SignupStatus.WAITING],
            target=SignupStatus.PENDING_CONSENT,
            automatic=True,
        ),
        Move(
            "consent_given",
            source=[SignupStatus.PENDING_CONSENT],
            target=SignupStatus.CONFIRMED,
        ),
    ],
    refusals={
        "cancel": "This sign-up is already cancelled.",
        "consent_given": "This sign-up was cancelled, so there is nothing to agree to.",
    },
)


class ActivitySignup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_signups"
    )
    status = models.CharField(max_length=20, choices=SignupStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Waiting-list order: set when someone joins the list, so a re-join goes to the back.
    queued_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    # The consent that released a sign-up held for an under-13.
    consent = models.ForeignKey(
        "participation.ParentalConsent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_signups",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=~Q(status="cancelled"),
                name="one_open_signup_per_activity_user",
            )
        ]
        indexes = [models.Index(fields=["activity", "status", "queued_at"])]

    def __str__(self):
        return f"{self.user} for {self.activity} ({self.status})"

    @property
    def state(self) -> SignupState:
        return SignupState(self.status)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


# Attendance is written as present, apologies or absent; recording again corrects it, from any
# of the three to any other.
ATTENDANCE_FLOW = Workflow(
    "participation.attendance",
    moves=[
        Move(f"mark_{status}", source=AttendanceStatus.values, target=status)
        for status in AttendanceStatus.values
    ],
)


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["activity", "user"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_attendance_per_person")
        ]

    def __str__(self):
        return f"{self.user} at {self.activity}: {self.status}"


class RungRating(models.Model):
    """Afterwards, a young person who was there says which rung the activity really reached."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="rung_ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rung_ratings"
    )
    rung = models.CharField(max_length=20, choices=LadderRung.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_rung_rating_per_person")
        ]

    def __str__(self):
        return f"{self.activity}: {self.rung}"
