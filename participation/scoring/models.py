"""The scoring engine's records: rubrics of weighted criteria, panels of trained people, the items
they score, conflict declarations, one sheet of scores per panellist and item, moderated scores
and the rankings behind decisions.

Grants (peer review, decision panels), commissioning (bid evaluation, Dragon's Den) and
recruitment panels all use these, and none of them imports another. An item names what is
scored by a `ref` string ("grants.application:12"), so this app never imports the apps whose
things it scores. The arithmetic is not here: it is one pure function in `engine.py`; the
database only holds what goes into it and, in `Ranking`, what came out of it for a decision.

Blind scoring is a rule about reading, applied in `selectors.visible_sheets` and
`selectors.results`: what is stored is the same either way.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from participation.models.training import Unlock
from participation.transitions import Move, Workflow


class Rubric(models.Model):
    """A set of criteria with one scale. Young people design these (`designed_by` says who)."""

    name = models.CharField(max_length=200)
    scale_min = models.PositiveSmallIntegerField("lowest score", default=0)
    scale_max = models.PositiveSmallIntegerField("highest score", default=5)
    allow_na = models.BooleanField(
        '"n/a" allowed',
        default=True,
        help_text='Panellists may say a criterion does not apply ("n/a"). It is then left out '
        "and the other criteria count for more. It is never counted as 0.",
    )
    designed_by = models.TextField(
        "who designed it",
        blank=True,
        help_text="For example: Designed by the Pay it Forward young people's group, 2017.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="rubric_scale_goes_up"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    question = models.TextField("what to look for")
    # Relative: the engine divides by the sum of the weights that count. Commissioning also
    # wants them to add up to 100 (`services.rubric_check_weights`).
    weight = models.PositiveSmallIntegerField()
    # Plain words per score, keyed by the score as a string: {"0": "Not there at all", ...}.
    guidance = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "number"], name="one_criterion_per_number"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_counts"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def guidance_for(self, value: int) -> str:
        return str(self.guidance.get(str(value), "")) if isinstance(self.guidance, dict) else ""


class PanelStatus(models.TextChoices):
    OPEN = "open", "Open for scoring"
    CLOSED = "closed", "Closed"


PANEL_FLOW = Workflow(
    "scoring.panel",
    moves=[
        Move(
            "close",
            source=[PanelStatus.OPEN],
            target=PanelStatus.CLOSED,
            permission="scoring.manage_panel",
        ),
        Move(
            "reopen",
            source=[PanelStatus.CLOSED],
            target=PanelStatus.OPEN,
            permission="scoring.manage_panel",
        ),
    ],
    refusals={
        "close": "This panel is already closed.",
        "reopen": "This panel is already open.",
    },
)


class Panel(models.Model):
    name = models.CharField(max_length=200)
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="panels")
    unlock = models.CharField(
        "training needed",
        max_length=40,
        choices=Unlock.choices,
        help_text="Only people who have done this training (and it is still valid) can score.",
    )
    blind = models.BooleanField(
        "hide who made each item",
        default=True,
        help_text="Items are shown by a reference, never by a person's name.",
    )
    deadline = models.DateTimeField("scores due by", null=True, blank=True)
    status = models.CharField(max_length=10, choices=PanelStatus.choices, default=PanelStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The panel's people as a base group (kind PANEL), so activities and notifications can be
    # aimed at them without knowing about panels.
    group = models.ForeignKey(
        "participation.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scoring_panels",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == PanelStatus.OPEN

    def is_past_deadline(self, now=None) -> bool:
        return self.deadline is not None and (now or timezone.now()) > self.deadline


class Panellist(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="panellists")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scoring_places"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["panel", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "person"], name="one_place_per_panel"),
        ]

    def __str__(self):
        return f"{self.person} on {self.panel}"


class Item(models.Model):
    """One thing a panel scores. `ref` names it in its own app ("grants.application:12");
    `label` is what panellists see, never a person's name when the panel is blind."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="items")
    ref = models.CharField(max_length=80)
    label = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["panel", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "ref"], name="one_item_per_ref"),
        ]

    def __str__(self):
        return self.label


class Conflict(models.Model):
    """A panellist's declaration that they should not score this item (they know the applicant,
    they work for the bidder). It blocks scoring; it is not a judgement of anyone."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scoring_conflicts"
    )
    reason = models.TextField()
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "declared_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="one_conflict_per_item"),
        ]

    def __str__(self):
        return f"{self.person} stepped aside from {self.item}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SUBMITTED = "submitted", "Sent"


SHEET_FLOW = Workflow(
    "scoring.sheet",
    moves=[
        # Who may send is the scoring service's question (a panellist, trained, no conflict),
        # asked before the move; the move itself only checks the state.
        Move("submit", source=[SheetStatus.DRAFT], target=SheetStatus.SUBMITTED),
        Move(
            "return",
            source=[SheetStatus.SUBMITTED],
            target=SheetStatus.DRAFT,
            permission="scoring.manage_panel",
        ),
    ],
    refusals={
        "submit": "You have already sent your scores.",
        "return": "These scores have not been sent yet.",
    },
)


class Sheet(models.Model):
    """One panellist's scores for one item. `person` is empty only after the panellist deleted
    their account: a sent sheet stays (without their comments) because decisions rest on it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="sheets")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scoring_sheets",
    )
    status = models.CharField(max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="one_sheet_per_panellist"),
            models.CheckConstraint(
                condition=Q(status=SheetStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="sent_sheet_has_a_time",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self):
        return f"Scores for {self.item}"

    @property
    def is_submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class Score(models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    # Null is "n/a": left out, never counted as 0.
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["sheet", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion}: {'n/a' if self.value is None else self.value}"


class ModeratedScore(models.Model):
    """The score a panel agreed for one item and criterion after talking it through, with the
    reason written down. It replaces the mean of the sheets for that criterion."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="moderated_scores"
    )
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField()
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "criterion"], name="one_moderated_score_per_criterion"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="moderated_score_has_reason"),
        ]

    def __str__(self):
        return f"{self.item}, {self.criterion}: {'n/a' if self.value is None else self.value}"


class Ranking(models.Model):
    """What a decision rested on: the engine's inputs exactly as it saw them, the version of the
    rule, and what it worked out. Re-running `engine.rank` on `inputs` gives `results`."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="rankings")
    rule_version = models.CharField(max_length=80)
    inputs = models.JSONField()
    results = models.JSONField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["panel", "-recorded_at", "-id"]
        get_latest_by = "recorded_at"

    def __str__(self):
        return f"Ranking for {self.panel} ({self.recorded_at:%d %b %Y})"
