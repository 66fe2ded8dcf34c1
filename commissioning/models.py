"""Young-person-judged commissioning, and staff recruitment panels on the same scoring engine.

A round moves through its stages (co-design, open for bids, evaluation, presentations,
decision, awarded) only through `ROUND_FLOW`. Young people and workers co-design the service
specification: workers draft sections, young people comment, propose statements of what a
good service does and pick the ones that matter most; a worker accepts statements, and
publishing freezes the sections and accepted statements as a new numbered version. Versions are
never changed afterwards, so any two can be shown side by side.

The quality criteria are a rubric of the base's scoring engine (participation/scoring). Price
is kept on the bid and scored here, never by the engine, so the quality panel cannot see it.
Each submitted bid is an engine item on the round's quality panel; shortlisted bids are items on
the presentation (Dragon's Den) panel. The engine keeps the sheets, conflicts, moderated scores
and rankings; this app keeps what is only about commissioning: bids, answers, attachments,
clarifications, conflict declarations (including "no conflict"), the decision and its reasons.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow

MANAGE = "commissioning.manage_round"
# The lowest-price formula: the cheapest bid scores 100, another scores cheapest / its price.
PRICE_RULE = "lowest-price-ratio-v1"
# How long a recruitment's candidates' details are kept after it closes: long enough to answer
# a question or a complaint about the decision, then they are erased.
CANDIDATE_KEEP_DAYS = 180
# Reminders go to panellists with sheets still to send when the deadline is this close.
REMIND_HOURS_BEFORE = 48


class Stage(models.TextChoices):
    CO_DESIGN = "co_design", "Designing the service with young people"
    OPEN = "open", "Open for bids"
    EVALUATION = "evaluation", "Young people are scoring the bids"
    PRESENTATIONS = "presentations", "Presentations (Dragon's Den)"
    DECISION = "decision", "Making the decision"
    AWARDED = "awarded", "Awarded"


ROUND_FLOW = Workflow(
    "commissioning.round",
    moves=[
        Move("open_bids", source=[Stage.CO_DESIGN], target=Stage.OPEN, permission=MANAGE),
        Move("start_evaluation", source=[Stage.OPEN], target=Stage.EVALUATION, permission=MANAGE),
        Move(
            "start_presentations",
            source=[Stage.EVALUATION],
            target=Stage.PRESENTATIONS,
            permission=MANAGE,
        ),
        Move(
            "start_decision", source=[Stage.PRESENTATIONS], target=Stage.DECISION, permission=MANAGE
        ),
        # Made by `decision_record`, which asks the permission and needs the reasons.
        Move("award", source=[Stage.DECISION], target=Stage.AWARDED, permission=MANAGE),
    ],
    state_field="stage",
    refusals={
        "open_bids": "Bids can only be opened while the service is being designed.",
        "start_evaluation": "Scoring can only start once bids have been open.",
        "start_presentations": "Presentations can only start after the bids have been scored.",
        "start_decision": "The decision can only be made after the presentations.",
        "award": "This round has already been decided.",
    },
)

# What each stage lets people do, for the round page's timeline.
STAGE_WORDS = {
    Stage.CO_DESIGN: "Young people and workers write what a good service does.",
    Stage.OPEN: "Organisations send their bids before the closing time.",
    Stage.EVALUATION: "Trained young evaluators score each bid on its own.",
    Stage.PRESENTATIONS: "The shortlisted organisations present to a young people's panel.",
    Stage.DECISION: "The panel chooses and writes down why.",
    Stage.AWARDED: "Every organisation gets its own feedback.",
}


class Round(models.Model):
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    service_title = models.CharField("the service being commissioned", max_length=200)
    summary = models.TextField(help_text="What the service is for, in plain words.")
    budget_pence = models.PositiveBigIntegerField("budget (pence)")
    contract_months = models.PositiveSmallIntegerField("contract length (months)")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.CO_DESIGN)
    bids_close_at = models.DateTimeField("bids must arrive by")
    evaluation_ends_at = models.DateTimeField("scoring must be finished by")
    presentations_at = models.DateTimeField("presentations (Dragon's Den) start")
    presentations_place = models.CharField(max_length=200)
    decision_by = models.DateField("decision by")
    # The stated weights of the result: written quality, price and the presentation.
    quality_weight = models.PositiveSmallIntegerField(default=60)
    price_weight = models.PositiveSmallIntegerField(default=20)
    presentation_weight = models.PositiveSmallIntegerField(default=20)
    shortlist_size = models.PositiveSmallIntegerField(default=3)
    rubric = models.ForeignKey(
        "scoring.Rubric", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presentation_rubric = models.ForeignKey(
        "scoring.Rubric", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quality_panel = models.OneToOneField(
        "scoring.Panel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presentation_panel = models.OneToOneField(
        "scoring.Panel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presentation_activity = models.ForeignKey(
        "participation.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    quality_weight=100 - models.F("price_weight") - models.F("presentation_weight")
                ),
                name="round_weights_add_to_100",
            ),
            models.CheckConstraint(
                condition=Q(evaluation_ends_at__gt=models.F("bids_close_at")),
                name="round_scoring_after_bids_close",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def budget_pounds(self) -> str:
        return money(self.budget_pence)

    def is_open_for_bids(self, now=None) -> bool:
        return self.stage == Stage.OPEN and (now or timezone.now()) < self.bids_close_at


def money(pence: int | None) -> str:
    if pence is None:
        return ""
    pounds, rest = divmod(int(pence), 100)
    return f"£{pounds:,}" + (f".{rest:02d}" if rest else "")


# --- The co-designed specification ----------------------------------------------------------


class SpecSection(models.Model):
    """A part of the draft specification, written by a worker ("What the service does")."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="one_section_per_place")
        ]

    def __str__(self):
        return self.title


class SpecComment(models.Model):
    section = models.ForeignKey(SpecSection, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["section", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class StatementStatus(models.TextChoices):
    PROPOSED = "proposed", "Suggested"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not taken up"


STATEMENT_FLOW = Workflow(
    "commissioning.statement",
    moves=[
        Move(
            "accept",
            source=[StatementStatus.PROPOSED, StatementStatus.DECLINED],
            target=StatementStatus.ACCEPTED,
            permission=MANAGE,
        ),
        Move(
            "decline",
            source=[StatementStatus.PROPOSED, StatementStatus.ACCEPTED],
            target=StatementStatus.DECLINED,
            permission=MANAGE,
        ),
    ],
)


class Statement(models.Model):
    """What a good service does, in a young person's words ("Staff listen before they act")."""

    section = models.ForeignKey(SpecSection, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(max_length=300)
    status = models.CharField(
        max_length=20, choices=StatementStatus.choices, default=StatementStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why a worker did not take it up, told to the young people who suggested it.
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["section", "created_at", "pk"]

    def __str__(self):
        return self.text


# Each young person picks at most this many statements per section as the ones that matter most.
PRIORITIES_PER_SECTION = 3


class StatementPriority(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="priorities")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "person"], name="one_priority_per_person")
        ]

    def __str__(self):
        return f"{self.person} chose {self.statement}"


class SpecVersion(models.Model):
    """A published specification, frozen: `content` is the sections and accepted statements as
    they were, [{"title", "body", "statements": [{"text", "priority"}]}]."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()
    what_changed = models.TextField(blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_spec_version_number")
        ]

    def __str__(self):
        return f"{self.round} specification, version {self.number}"


# --- Bids -----------------------------------------------------------------------------------


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not sent)"
    SUBMITTED = "submitted", "Sent"
    WITHDRAWN = "withdrawn", "Withdrawn"


BID_FLOW = Workflow(
    "commissioning.bid",
    moves=[
        # The bid services check that the actor bids for this organisation and the clock.
        Move("submit", source=[BidStatus.DRAFT], target=BidStatus.SUBMITTED),
        Move("reopen", source=[BidStatus.SUBMITTED], target=BidStatus.DRAFT),
        Move("withdraw", source=[BidStatus.DRAFT, BidStatus.SUBMITTED], target=BidStatus.WITHDRAWN),
    ],
    refusals={
        "submit": "This bid has already been sent.",
        "reopen": "Only a sent bid can be changed.",
        "withdraw": "This bid has already been withdrawn.",
    },
)


class Bid(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bids")
    organisation = models.ForeignKey(
        "participation.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=BidStatus.choices, default=BidStatus.DRAFT)
    # Never shown to the quality panel (selectors.bid_for_panel leaves it out).
    price_pence = models.PositiveBigIntegerField("total price (pence)", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    shortlisted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_bid_per_provider")
        ]

    def __str__(self):
        return f"{self.organisation} for {self.round}"

    @property
    def ref(self) -> str:
        """The bid's name in the scoring engine."""
        return f"commissioning.bid:{self.pk}"

    @property
    def price(self) -> str:
        return money(self.price_pence)


class BidAnswer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey("scoring.Criterion", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="one_answer_per_criterion")
        ]

    def __str__(self):
        return f"Answer to {self.criterion}"


def _attachment_path(instance, filename):
    return f"commissioning/bids/{instance.bid_id}/{filename}"


class BidAttachment(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_attachment_path)
    # What the file's content turned out to be, not what its name said.
    file_kind = models.CharField(max_length=20)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["bid", "uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class ClarificationStatus(models.TextChoices):
    ASKED = "asked", "Waiting for an answer"
    ANSWERED = "answered", "Answered to every bidder"


CLARIFICATION_FLOW = Workflow(
    "commissioning.clarification",
    moves=[
        Move(
            "answer",
            source=[ClarificationStatus.ASKED],
            target=ClarificationStatus.ANSWERED,
            permission=MANAGE,
        )
    ],
    refusals={"answer": "This question has already been answered."},
)


class Clarification(models.Model):
    """A bidder's question. The answer goes to every bidder at once, never saying who asked."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="clarifications")
    question = models.TextField()
    organisation = models.ForeignKey(
        "participation.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=ClarificationStatus.choices, default=ClarificationStatus.ASKED
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "asked_at", "pk"]

    def __str__(self):
        return self.question[:60]


# --- Panels ---------------------------------------------------------------------------------


class Declaration(models.Model):
    """A panellist's conflict form for one item (a bid, a candidate): "I have no link to
    them", or the conflict and why. Nobody scores an item before declaring. A conflict is also
    declared to the engine, which then refuses their scores."""

    item = models.ForeignKey("scoring.Item", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    has_conflict = models.BooleanField()
    reason = models.TextField(blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="one_declaration_per_item"),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(reason=""),
                name="a_conflict_says_why",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {'conflict' if self.has_conflict else 'no conflict'}"


class Reminder(models.Model):
    """A reminder sent to a panellist before a panel's deadline: one each, never a nag."""

    panel = models.ForeignKey("scoring.Panel", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "person"], name="one_reminder_per_panel")
        ]

    def __str__(self):
        return f"Reminder to {self.person}"


class Decision(models.Model):
    """The panel's choice with its reasons, and the figures behind it, as they were."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="decision")
    chosen = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField()
    rule_version = models.CharField(max_length=80)
    results = models.JSONField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Decision on {self.round}"


# --- Recruitment panels ---------------------------------------------------------------------


class RecruitmentStatus(models.TextChoices):
    PLANNING = "planning", "Getting ready"
    INTERVIEWING = "interviewing", "Young people's panel"
    SHORTLISTED = "shortlisted", "Shortlist sent to the adult panel"
    CLOSED = "closed", "Finished"


RECRUITMENT_FLOW = Workflow(
    "commissioning.recruitment",
    moves=[
        Move(
            "start_panel",
            source=[RecruitmentStatus.PLANNING],
            target=RecruitmentStatus.INTERVIEWING,
            permission="commissioning.manage_recruitment",
        ),
        Move(
            "shortlist",
            source=[RecruitmentStatus.INTERVIEWING],
            target=RecruitmentStatus.SHORTLISTED,
            permission="commissioning.manage_recruitment",
        ),
        Move(
            "close",
            source=[RecruitmentStatus.SHORTLISTED],
            target=RecruitmentStatus.CLOSED,
            permission="commissioning.manage_recruitment",
        ),
    ],
    refusals={
        "start_panel": "The panel has already started.",
        "shortlist": "The shortlist can only be made while the young people's panel is on.",
        "close": "Close the recruitment once the shortlist has gone to the adult panel.",
    },
)


class Recruitment(models.Model):
    """Young people on an interview panel for a staff role: an activity task, a 5-minute
    presentation and their own questions, scored on the engine; their shortlist goes on to the
    adult panel."""

    title = models.CharField("the job", max_length=200)
    organisation = models.ForeignKey(
        "participation.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=RecruitmentStatus.choices, default=RecruitmentStatus.PLANNING
    )
    activity = models.ForeignKey(
        "participation.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rubric = models.ForeignKey("scoring.Rubric", on_delete=models.PROTECT, related_name="+")
    panel = models.OneToOneField("scoring.Panel", on_delete=models.PROTECT, related_name="+")
    shortlist_reasons = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # After this the candidates' names and contact details are erased (tasks.py).
    erase_after = models.DateTimeField(null=True, blank=True)
    candidates_erased_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class RecruitmentQuestion(models.Model):
    """A question the young people's panel will ask every candidate."""

    recruitment = models.ForeignKey(Recruitment, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recruitment", "created_at", "pk"]

    def __str__(self):
        return self.text


class Candidate(models.Model):
    """Someone applying for the job. The panel only ever sees `label` ("Candidate A") on their
    scoring sheets; the name and contact details are erased once the recruitment no longer
    needs them."""

    recruitment = models.ForeignKey(
        Recruitment, on_delete=models.CASCADE, related_name="candidates"
    )
    label = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True)
    shortlisted = models.BooleanField(default=False)
    erased_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recruitment", "label"]
        constraints = [
            models.UniqueConstraint(fields=["recruitment", "label"], name="one_candidate_label")
        ]

    def __str__(self):
        return self.label

    @property
    def ref(self) -> str:
        return f"commissioning.candidate:{self.pk}"
