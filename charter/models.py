"""The Co-Production Charter and the Kent Youth Charter: versions of principles and promises,
the organisations that sign a version, their pledge and evidence per promise, and what trained
young inspectors judged of it.

A signatory's standing (signed, evidence reviewed, renewed, lapsed) changes only through
`SIGNATORY_FLOW`, so the public list and the audit log always agree about how it got there.
Membership lasts a year from signing or renewing (`renew_by`); the daily task reminds the
organisation's officers before then and lapses it after.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow

MEMBERSHIP_DAYS = 365
REMINDER_DAYS_BEFORE = 30
# A reminder left unanswered this long goes to the participation leads, while there is still
# time to help the organisation renew before it lapses.
ESCALATE_DAYS_AFTER_REMINDER = 14


class Charter(models.Model):
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="What the charter is for, in plain words.")
    summary_for_children = models.TextField(blank=True)
    written_by = models.CharField(
        max_length=200, blank=True, help_text="Who wrote it, for example young people in SpeakOut"
    )
    # Young people rate, after a session, how the staff there lived its principles (the Kent
    # Youth Charter is about how staff and volunteers behave).
    rates_staff = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class CharterVersion(models.Model):
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_on = models.DateField(default=timezone.localdate)
    what_changed = models.TextField(blank=True)

    class Meta:
        ordering = ["charter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="one_charter_version_number")
        ]

    def __str__(self):
        return f"{self.charter} (version {self.number})"


class Principle(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="principles")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    text_for_children = models.TextField("for younger children", blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_principle_per_place")
        ]

    def __str__(self):
        return self.name


class Promise(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="promises")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    text_for_children = models.CharField("for younger children", max_length=300, blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_promise_per_place")
        ]

    def __str__(self):
        return self.text


class Standing(models.TextChoices):
    SIGNED = "signed", "Signed"
    REVIEWED = "reviewed", "Evidence reviewed by young inspectors"
    RENEWED = "renewed", "Renewed"
    LAPSED = "lapsed", "Lapsed"


ACTIVE = (Standing.SIGNED, Standing.REVIEWED, Standing.RENEWED)

SIGNATORY_FLOW = Workflow(
    "charter.signatory",
    moves=[
        # Young inspectors' judgement of every promise moves it; the judging service has asked
        # the permission already (it is per promise, not per signatory).
        Move("review", source=[Standing.SIGNED, Standing.RENEWED], target=Standing.REVIEWED),
        Move(
            "renew",
            source=[Standing.SIGNED, Standing.REVIEWED, Standing.RENEWED, Standing.LAPSED],
            target=Standing.RENEWED,
            permission="charter.renew",
        ),
        Move("lapse", source=ACTIVE, target=Standing.LAPSED, automatic=True),
    ],
    state_field="standing",
    refusals={"lapse": "This membership has already lapsed."},
)


class Signatory(models.Model):
    """An organisation that signed a version of a charter, and how it stands now."""

    organisation = models.ForeignKey(
        "participation.Organisation", on_delete=models.CASCADE, related_name="charter_signings"
    )
    version = models.ForeignKey(
        CharterVersion, on_delete=models.PROTECT, related_name="signatories"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    adopted_by_board = models.ForeignKey(
        "participation.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The board that agreed to it.",
    )
    adopted_on = models.DateField(null=True, blank=True)
    standing = models.CharField(max_length=20, choices=Standing.choices, default=Standing.SIGNED)
    renew_by = models.DateField()
    renewed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    lapsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="one_signature_per_version"
            )
        ]

    def __str__(self):
        return f"{self.organisation} signed {self.version}"

    @staticmethod
    def year_from(day):
        return day + timedelta(days=MEMBERSHIP_DAYS)


class Level(models.TextChoices):
    """Hear by Right's levels."""

    EMERGING = "emerging", "Emerging"
    ESTABLISHED = "established", "Established"
    ADVANCED = "advanced", "Advanced"


class Pledge(models.Model):
    """What an organisation does to keep one promise, with its own view of how well."""

    signatory = models.ForeignKey(Signatory, on_delete=models.CASCADE, related_name="pledges")
    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="pledges")
    text = models.TextField()
    own_level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["promise__position"]
        constraints = [
            models.UniqueConstraint(fields=["signatory", "promise"], name="one_pledge_per_promise")
        ]

    def __str__(self):
        return f"{self.signatory.organisation}: {self.promise}"


def _evidence_path(instance, filename):
    return f"charter/evidence/{instance.pledge.signatory_id}/{filename}"


class Evidence(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="evidence")
    text = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to=_evidence_path, blank=True)
    # What the file's content turned out to be, not what its name said.
    file_kind = models.CharField(max_length=20, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(link="") | ~Q(file=""), name="evidence_is_not_empty"
            )
        ]

    def __str__(self):
        return f"Evidence for {self.pledge}"

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class Judgement(models.Model):
    """A trained young inspector's view of one pledge and its evidence."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="judgements")
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    young_people_say = models.TextField("what young people say")
    judged_at = models.DateTimeField(default=timezone.now)
    # A level other than the one the organisation gave itself challenges it, and the
    # organisation answers; both are published beside each other.
    challenged = models.BooleanField(default=False)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["judged_at", "pk"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.pledge}"


class Visit(models.Model):
    """Young inspectors went to one of the organisation's activities and saw for themselves.
    Their report is part of the organisation's evidence, beside what it says about itself."""

    signatory = models.ForeignKey(Signatory, on_delete=models.CASCADE, related_name="visits")
    activity = models.ForeignKey(
        "participation.Activity", on_delete=models.CASCADE, related_name="+"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField("what we saw")
    visited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["visited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "inspector"], name="one_visit_per_inspector_activity"
            )
        ]

    def __str__(self):
        return f"Young inspectors' visit to {self.activity_id}"


class VisitFinding(models.Model):
    """What the inspectors saw on a visit about one promise."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="+")
    saw = models.TextField()

    class Meta:
        ordering = ["promise__position"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "promise"], name="one_finding_per_promise")
        ]

    def __str__(self):
        return f"On {self.promise}: {self.saw[:40]}"


# --- Staff rated against a charter's principles -----------------------------------------------
#
# Anonymous by design, not by promise: a young person's answers are never stored as a row of
# their own. `StaffRatingGiven` records only that they have answered for an activity (so they
# answer once), with no scores and no time. Their scores only ever add one to counters
# (`StaffRatingTally`), which exist for every principle and answer from the first rating of the
# activity on, made in a fixed order, so neither the order rows were made in nor when they
# were made can pair a person with what they said. Results are shown for an activity only once
# its ratings have closed and at least five people answered (participation/small_numbers.py),
# and totals add up only what is shown, so nothing hidden can be worked out by subtracting.

RATING_CLOSES_AFTER_DAYS = 14


def rating_closes_at(activity):
    """Ratings close, and results can appear, this long after the activity ends, so that
    watching the results change cannot show what one more person said."""
    return activity.ends_at + timedelta(days=RATING_CLOSES_AFTER_DAYS)


class StaffScore(models.IntegerChoices):
    NOT_REALLY = 1, "Not really"
    MOSTLY = 2, "Mostly"
    ALWAYS = 3, "Yes, always"


class StaffRatingGiven(models.Model):
    activity = models.ForeignKey(
        "participation.Activity", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_staff_rating_each")
        ]

    def __str__(self):
        return f"Staff at activity {self.activity_id} rated"


class StaffRatingTally(models.Model):
    activity = models.ForeignKey(
        "participation.Activity", on_delete=models.CASCADE, related_name="+"
    )
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="tallies")
    score = models.PositiveSmallIntegerField(choices=StaffScore.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "principle", "score"], name="one_tally_per_answer"
            )
        ]

    def __str__(self):
        return f"{self.count} x {self.get_score_display()} for {self.principle}"
