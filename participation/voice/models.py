""" "You said, we did": an item someone raised, where it was sent, and what was done.

An item is raised (by a young person, a parent or carer, a forum meeting action, a consultation,
an activity or a campaign), a worker routes it to an organisation and officer with a due date
or declines it with a plain reason, the officer publishes responses, and the people who raised,
supported or follow it say whether the answer was good enough. A "not good enough" goes back to
the worker (`returned_at`), who can send it back to the officer or close it.

The raiser can stay anonymous to the officer: officers' pages, emails and exports never name
the raiser of such an item (`raiser_shown_to`). A young person's own words are public only
after a worker approves them (`text_approved_at`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow


class Source(models.TextChoices):
    YOUNG_PERSON = "young_person", "A young person"
    PARENT_CARER = "parent_carer", "A parent or carer"
    FORUM_MEETING_ACTION = "forum_meeting_action", "A forum meeting"
    CONSULTATION = "consultation", "A consultation"
    ACTIVITY = "activity", "An activity (Open Space or Big Conversation)"
    CAMPAIGN = "campaign", "A Make Your Mark campaign"


class Topic(models.TextChoices):
    SCHOOL = "school", "School and learning"
    HEALTH = "health", "Health and feeling well"
    SAFETY = "safety", "Feeling safe"
    TRANSPORT = "transport", "Getting around"
    THINGS_TO_DO = "things_to_do", "Things to do"
    CARE = "care", "Being in care and leaving care"
    JOBS_MONEY = "jobs_money", "Jobs and money"
    ENVIRONMENT = "environment", "Our area and the environment"
    OTHER = "other", "Something else"


class ItemStatus(models.TextChoices):
    RAISED = "raised", "Waiting to be sent on"
    ROUTED = "routed", "Sent to the people who can act"
    IN_PROGRESS = "in_progress", "Being worked on"
    DONE = "done", "Done"
    CANT_DO = "cant_do", "Can't be done"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Not taken forward"


# The statuses an officer's answer can set (a response's `outcome`).
class Outcome(models.TextChoices):
    IN_PROGRESS = ItemStatus.IN_PROGRESS.value, "We are working on it"
    DONE = ItemStatus.DONE.value, "We did it"
    CANT_DO = ItemStatus.CANT_DO.value, "We can't do it"


ANSWERED = (ItemStatus.IN_PROGRESS, ItemStatus.DONE, ItemStatus.CANT_DO)
# Public once a worker has approved its words; a declined item is shown only to its raiser.
PUBLIC_STATUSES = (ItemStatus.ROUTED, *ANSWERED, ItemStatus.CLOSED)

ITEM_FLOW = Workflow(
    "voice.item",
    moves=[
        Move(
            "route",
            source=[ItemStatus.RAISED],
            target=ItemStatus.ROUTED,
            permission="voice.route_item",
        ),
        Move(
            "decline",
            source=[ItemStatus.RAISED],
            target=ItemStatus.DECLINED,
            permission="voice.route_item",
        ),
        Move(
            "answer_in_progress",
            source=[ItemStatus.ROUTED, ItemStatus.IN_PROGRESS],
            target=ItemStatus.IN_PROGRESS,
            permission="voice.respond_item",
        ),
        Move(
            "answer_done",
            source=[ItemStatus.ROUTED, ItemStatus.IN_PROGRESS],
            target=ItemStatus.DONE,
            permission="voice.respond_item",
        ),
        Move(
            "answer_cant_do",
            source=[ItemStatus.ROUTED, ItemStatus.IN_PROGRESS],
            target=ItemStatus.CANT_DO,
            permission="voice.respond_item",
        ),
        # The worker sends an answer that was not good enough back to the officer.
        Move(
            "reopen", source=list(ANSWERED), target=ItemStatus.ROUTED, permission="voice.route_item"
        ),
        Move(
            "close",
            source=[ItemStatus.DONE, ItemStatus.CANT_DO],
            target=ItemStatus.CLOSED,
            permission="voice.route_item",
        ),
    ],
    refusals={
        "route": "This item has already been sent on or declined.",
        "decline": "This item has already been sent on or declined.",
        "answer_in_progress": "This item isn't waiting for an answer.",
        "answer_done": "This item isn't waiting for an answer.",
        "answer_cant_do": "This item isn't waiting for an answer.",
        "reopen": "Only an answered item can be sent back.",
        "close": "Only an item that is done, or can't be done, can be closed.",
    },
)
ANSWER_MOVE = {
    Outcome.IN_PROGRESS: "answer_in_progress",
    Outcome.DONE: "answer_done",
    Outcome.CANT_DO: "answer_cant_do",
}


class YouSaidItem(models.Model):
    topic = models.CharField(max_length=20, choices=Topic.choices)
    title = models.CharField("what it is about, in a few words", max_length=200)
    text = models.TextField("what you said")
    source = models.CharField(max_length=30, choices=Source.choices)
    source_url = models.CharField(max_length=300, blank=True)
    consultation = models.ForeignKey(
        "Consultation", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    # The forum (or other group) it came from, for the public page's filter.
    group = models.ForeignKey(
        "participation.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who the raiser thinks it is for; the worker decides when routing (`routed_to`).
    organisation = models.ForeignKey(
        "participation.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymous_to_officer = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.RAISED)
    created_at = models.DateTimeField(default=timezone.now)
    text_approved_at = models.DateTimeField(null=True, blank=True)
    text_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    routed_to = models.ForeignKey(
        "participation.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="you_said_items",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    # Claimed with a conditional UPDATE, so a task run twice reminds and escalates once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # A raiser or follower said the answer was not good enough: back on the worker's list.
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["routed_to", "status"]),
            models.Index(
                fields=["due_on"],
                condition=Q(status="routed", first_answered_at__isnull=True),
                name="you_said_waiting_by_due",
            ),
            # The public page pages through approved, public items newest first: at 200,000
            # items this took it from about 200 ms to about 45 ms (issue 18's benchmark).
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(text_approved_at__isnull=False, status__in=PUBLIC_STATUSES),
                name="you_said_public_newest",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.text_approved_at is not None and self.status in PUBLIC_STATUSES

    @property
    def is_declined(self) -> bool:
        return self.status in (ItemStatus.DECLINED,)

    @property
    def answered_on_time(self) -> bool | None:
        if self.due_on is None or self.first_answered_at is None:
            return None
        return timezone.localdate(self.first_answered_at) <= self.due_on


class Response(models.Model):
    """What the officer says was done: published at once, never edited (a later response is
    the update), so the timeline shows what people were told and when."""

    item = models.ForeignKey(YouSaidItem, on_delete=models.CASCADE, related_name="responses")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    text = models.TextField("the full answer")
    plain_text = models.TextField("the answer in words a 10-year-old can read")
    progress = models.PositiveSmallIntegerField(default=0)
    check_back_on = models.DateField(null=True, blank=True)
    check_back_sent_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "participation.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["published_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="response_progress_max_100")
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.item}"


class Milestone(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="milestones")
    on = models.DateField()
    what = models.CharField(max_length=200)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.on}: {self.what}"


class FollowKind(models.TextChoices):
    RAISED = "raised", "Raised it"
    ME_TOO = "me_too", "Me too"
    FOLLOW = "follow", "Following"


class Follow(models.Model):
    """One row per person per item, so each of them is told once whatever they did."""

    item = models.ForeignKey(YouSaidItem, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="you_said_follows"
    )
    kind = models.CharField(max_length=10, choices=FollowKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="one_follow_each")]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user} {self.get_kind_display()} {self.item}"


class Rating(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="you_said_ratings"
    )
    good_enough = models.BooleanField()
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "user"], name="one_rating_each"),
            models.CheckConstraint(
                condition=Q(good_enough=True) | ~Q(reason=""), name="not_good_enough_says_why"
            ),
        ]

    def __str__(self):
        return f"{'Good enough' if self.good_enough else 'Not good enough'}: {self.response}"


class ParticipationLead(models.Model):
    """A participation worker an administrator has made a participation lead: they receive the
    escalations of overdue items. Kept here, not as a base role, because being a lead is a job
    a worker does on top of being a worker, and only "you said" escalations need it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_lead"
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Participation lead: {self.user}"


# --- Consultations ("we asked") ---------------------------------------------------------------


class Audience(models.TextChoices):
    GROUP = "group", "A forum or group"
    YOUNG_PEOPLE = "young_people", "Young people (of any age, or an age band)"
    PARENTS_CARERS = "parents_carers", "Parents and carers"
    STAFF_PARTNERS = "staff_partners", "Staff and partner organisations"


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"
    SUMMARISED = "summarised", "You said: summary written"


CONSULTATION_FLOW = Workflow(
    "voice.consultation",
    moves=[
        Move(
            "open",
            source=[ConsultationStatus.DRAFT],
            target=ConsultationStatus.OPEN,
            permission="voice.manage_consultation",
        ),
        Move(
            "close",
            source=[ConsultationStatus.OPEN],
            target=ConsultationStatus.CLOSED,
            permission="voice.manage_consultation",
            automatic=True,
        ),
        Move(
            "summarise",
            source=[ConsultationStatus.CLOSED],
            target=ConsultationStatus.SUMMARISED,
            permission="voice.summarise_consultation",
        ),
    ],
    refusals={
        "open": "This consultation is already open or finished.",
        "close": "This consultation isn't open.",
        "summarise": "Close the consultation before writing what people said.",
    },
)


class Consultation(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField("what it is about")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    group = models.ForeignKey(
        "participation.Group", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    organisation = models.ForeignKey(
        "participation.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # "How we will know we listened": the service's own success measure, needed before opening.
    success_measure = models.TextField(blank=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField("you said: what people told us", blank=True)
    summarised_at = models.DateTimeField(null=True, blank=True)
    # Later: how the service did against its success measure.
    success_report = models.TextField(blank=True)
    closing_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_after"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status in (ConsultationStatus.DRAFT,)

    @property
    def is_open(self) -> bool:
        return self.status in (ConsultationStatus.OPEN,)

    @property
    def is_summarised(self) -> bool:
        return self.status in (ConsultationStatus.SUMMARISED,)


class QuestionKind(models.TextChoices):
    RATING = "rating", "A rating from 1 to 5"
    CHOICE = "choice", "Choose one answer"
    TEXT = "text", "Write an answer"


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField("the question", max_length=300)
    # For a choice question: one answer a line.
    options = models.TextField(blank=True)

    class Meta:
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="one_question_per_position"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Submission(models.Model):
    """One person's answers to one consultation: once each."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="submissions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_answers"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "user"], name="one_submission_each")
        ]

    def __str__(self):
        return f"{self.user} answered {self.consultation}"


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="one_answer_each")
        ]

    def __str__(self):
        return self.value[:50]


# --- Report a concern, and the moderation queue -----------------------------------------------


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Waiting for a worker"
    RESOLVED = "resolved", "Dealt with"


CONCERN_FLOW = Workflow(
    "voice.concern",
    moves=[
        Move(
            "resolve",
            source=[ConcernStatus.OPEN],
            target=ConcernStatus.RESOLVED,
            permission="voice.moderate",
        )
    ],
    refusals={"resolve": "This concern has already been dealt with."},
)


class Concern(models.Model):
    """Someone reported a concern about something in the portal (an item, an answer; other
    apps add theirs through `moderation.reportable`). One about a child's safety alerts the
    designated safeguarding leads at once."""

    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    about_safety = models.BooleanField(default=False)
    what = models.TextField("what worries you")
    status = models.CharField(
        max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    safeguarding_alerted_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-about_safety", "created_at", "id"]
        indexes = [models.Index(fields=["status", "-about_safety", "created_at"])]

    def __str__(self):
        return f"Concern about {self.target_type.model} {self.target_id}"


class SafeguardingLead(models.Model):
    """A worker an administrator has named a designated safeguarding lead: they are alerted at
    once when a concern about a child's safety is reported."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safeguarding_lead"
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Safeguarding lead: {self.user}"


# --- Session feedback -------------------------------------------------------------------------


class SessionFeedback(models.Model):
    """After an activity, someone who was there rates it 1 to 5 and says what was good and what
    could be better (asked in the same short form as the rung of the ladder it reached)."""

    activity = models.ForeignKey(
        "participation.Activity", on_delete=models.CASCADE, related_name="session_feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_feedback"
    )
    score = models.PositiveSmallIntegerField()
    what_was_good = models.TextField(blank=True)
    could_be_better = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_feedback_each"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="feedback_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.score}/5 for {self.activity}"


class FeedbackReminder(models.Model):
    """The one reminder each attendee gets: the unique row is what makes it one, never more."""

    activity = models.ForeignKey(
        "participation.Activity", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_feedback_reminder_each")
        ]

    def __str__(self):
        return f"Feedback reminder for {self.activity}"
