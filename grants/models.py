"""Pay it Forward: young people give grants of £250 to £1,000 to young people aged 11 to 16
who want to do something for the wellbeing of other people (Kent, since 2017).

A round has a budget, grant limits, an age range (on the day of applying), dates, and a rubric
young people designed. An application is saved as a draft while the young person writes it,
then sent; trained young reviewers score it blind on the round's review panel (the base's
scoring engine, participation/scoring/), and a worker-led panel of young people awards or
declines it within what is left of the budget. An award is paid to the trusted adult who holds
the money; young people visit the project afterwards; a finished project can go on the public
showcase under the name its young person chose.

Money is `Decimal` pounds and pence (two places), never a float. Every status changes only
through the workflows below.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from participation.transitions import Move, Workflow

DEFAULT_MIN_GRANT = Decimal("250.00")
DEFAULT_MAX_GRANT = Decimal("1000.00")
DEFAULT_MIN_AGE = 11
DEFAULT_MAX_AGE = 16
# Under this age on the day of applying, a parent or carer must say yes.
CONSENT_UNDER_AGE = 16
MIN_REVIEWS = 2
BUDGET_LINES = 8
REVIEW_REMINDER_DAYS_BEFORE = 3
VISIT_DUE_DAYS_AFTER_PAYMENT = 90


def money(value) -> str:
    """£1,000 or £12.50: whole pounds without pence."""
    value = Decimal(value or 0)
    if value == value.to_integral_value():
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


class Round(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(blank=True, help_text="What this round is for, in plain words.")
    area = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where applicants must live, for example Kent (commas between several). "
        "Leave empty for anywhere.",
    )
    budget = models.DecimalField(max_digits=9, decimal_places=2)
    min_grant = models.DecimalField(max_digits=7, decimal_places=2, default=DEFAULT_MIN_GRANT)
    max_grant = models.DecimalField(max_digits=7, decimal_places=2, default=DEFAULT_MAX_GRANT)
    min_age = models.PositiveSmallIntegerField(default=DEFAULT_MIN_AGE)
    max_age = models.PositiveSmallIntegerField(default=DEFAULT_MAX_AGE)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    review_deadline = models.DateTimeField()
    # The round's peer review: a blind panel of the scoring engine, whose rubric young people
    # designed, open only to people trained as grant reviewers.
    panel = models.OneToOneField(
        "scoring.Panel", on_delete=models.PROTECT, related_name="grant_round"
    )
    # The worker-led panel of young people that decides.
    decision_group = models.ForeignKey(
        "participation.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    review_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="round_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(min_grant__gt=0) & Q(min_grant__lte=F("max_grant")),
                name="round_grant_limits_in_order",
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=F("max_age")), name="round_ages_in_order"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")) & Q(closes_at__lte=F("review_deadline")),
                name="round_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def year(self) -> int:
        return timezone.localtime(self.opens_at).year


class Helps(models.TextChoices):
    PERSON = "person", "One person"
    GROUP = "group", "A group of people"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft, not sent yet"
    SUBMITTED = "submitted", "Sent, waiting for young reviewers"
    AWARDED = "awarded", "Awarded a grant"
    DECLINED = "declined", "Not funded this time"
    WITHDRAWN = "withdrawn", "Withdrawn"


DECIDED = (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED)

APPLICATION_FLOW = Workflow(
    "grants.application",
    moves=[
        # The applicant's own move: the submitting service has checked it is theirs.
        Move("submit", source=[ApplicationStatus.DRAFT], target=ApplicationStatus.SUBMITTED),
        Move(
            "award",
            source=[ApplicationStatus.SUBMITTED],
            target=ApplicationStatus.AWARDED,
            permission="grants.decide",
        ),
        Move(
            "decline",
            source=[ApplicationStatus.SUBMITTED],
            target=ApplicationStatus.DECLINED,
            permission="grants.decide",
        ),
        # Only a draft: a sent application is on the review panel, which has no way yet to
        # take an item off (asked of the scoring engine in /tmp/coord/engine-changes.md).
        Move("withdraw", source=[ApplicationStatus.DRAFT], target=ApplicationStatus.WITHDRAWN),
    ],
    refusals={
        "submit": "This application has already been sent.",
        "award": "This application has already been decided.",
        "decline": "This application has already been decided.",
        "withdraw": "This application has been sent, so it can't be withdrawn here. Ask a "
        "participation worker.",
    },
)


class Application(models.Model):
    """A young person's application to one round. Everything except the title may be empty
    while it is a draft; sending it checks every rule (services.application_submit)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_applications"
    )
    # Per round, from 1: the reference reviewers see instead of a name.
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    title = models.CharField("project name", max_length=200)
    helps = models.CharField(max_length=10, choices=Helps.choices, blank=True)
    who_it_helps = models.TextField(blank=True)
    people_helped = models.PositiveIntegerField(null=True, blank=True)
    wellbeing = models.TextField("how it helps their wellbeing", blank=True)
    plan = models.TextField("what will happen and when", blank=True)
    amount = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    co_applicants = models.TextField(blank=True)
    school = models.CharField(max_length=200, blank=True)
    # The adult who holds the money; the grant is paid to them, never to a child.
    adult_name = models.CharField(max_length=200, blank=True)
    adult_relationship = models.CharField(max_length=100, blank=True)
    adult_contact = models.CharField(max_length=200, blank=True)
    # A parent or carer says yes for applicants under 16 on the day they apply; a worker
    # checks with them before any money is paid.
    consent_name = models.CharField(max_length=200, blank=True)
    consent_relationship = models.CharField(max_length=100, blank=True)
    consent_contact = models.CharField(max_length=200, blank=True)
    consent_needed = models.BooleanField(default=False)
    consent_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_confirmed_at = models.DateTimeField(null=True, blank=True)
    showcase_name = models.CharField("the name to show if funded", max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    # The panel's decision, in words the applicant reads.
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The stored inputs, rule version and results of the scores the decision was made on.
    ranking = models.ForeignKey(
        "scoring.Ranking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_application_number"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="application_amount_gt_0"
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"PIF-{self.round.year}-{self.number:03d}"

    @property
    def item_ref(self) -> str:
        return f"grants.application:{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def consent_ok(self) -> bool:
        return not self.consent_needed or self.consent_confirmed_at is not None


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    position = models.PositiveSmallIntegerField()
    item = models.CharField("what it is for", max_length=200)
    cost = models.DecimalField(max_digits=7, decimal_places=2)

    class Meta:
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="one_budget_line_per_place"
            ),
            models.CheckConstraint(condition=Q(cost__gt=0), name="budget_line_cost_gt_0"),
        ]

    def __str__(self):
        return f"{self.item}: {money(self.cost)}"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CHEQUE = "cheque", "Cheque"
    PREPAID_CARD = "prepaid_card", "Prepaid card"


class AwardStatus(models.TextChoices):
    AWARDED = "awarded", "Awarded, not paid yet"
    PAID = "paid", "Paid to the trusted adult"
    COMPLETED = "completed", "Project finished"


AWARD_FLOW = Workflow(
    "grants.award",
    moves=[
        Move(
            "pay",
            source=[AwardStatus.AWARDED],
            target=AwardStatus.PAID,
            permission="grants.record_payment",
        ),
        # The visit report finishes the project; the visit service asked the permission.
        Move("complete", source=[AwardStatus.PAID], target=AwardStatus.COMPLETED),
    ],
    refusals={
        "pay": "This grant has already been paid.",
        "complete": "This project can only be finished once the grant has been paid.",
    },
)


class Award(models.Model):
    # Kept (without the application) when the young person erases their account, so the
    # round's figures and budget still count the money that was given.
    application = models.OneToOneField(
        Application, null=True, on_delete=models.SET_NULL, related_name="award"
    )
    # Kept on the award, with the round, so the budget check sums one table.
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    conditions = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=AwardStatus.choices, default=AwardStatus.AWARDED
    )
    awarded_at = models.DateTimeField(default=timezone.now)
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices, blank=True)
    paid_to = models.CharField(max_length=200, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-awarded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_gt_0"),
        ]

    def __str__(self):
        return f"{money(self.amount)} for {self.application_id}"


def _receipt_path(instance, filename):
    return f"grants/receipts/{filename}"


def _photo_path(instance, filename):
    return f"grants/photos/{filename}"


class Receipt(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="receipts")
    what = models.CharField("what it was for", max_length=200)
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    file = models.FileField(upload_to=_receipt_path)
    file_kind = models.CharField(max_length=20)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_gt_0"),
        ]

    def __str__(self):
        return f"Receipt: {self.what}"


class Wellbeing(models.TextChoices):
    MUCH_BETTER = "much_better", "Much better"
    BETTER = "better", "A bit better"
    SAME = "same", "About the same"
    NOT_SURE = "not_sure", "We could not tell"


class VisitStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Visited"
    DID_NOT_HAPPEN = "did_not_happen", "The project did not happen"


VISIT_FLOW = Workflow(
    "grants.visit",
    moves=[
        Move(
            "record",
            source=[VisitStatus.PLANNED],
            target=VisitStatus.DONE,
            permission="grants.record_visit",
        ),
        Move(
            "record_not_happened",
            source=[VisitStatus.PLANNED],
            target=VisitStatus.DID_NOT_HAPPEN,
            permission="grants.record_visit",
        ),
    ],
    refusals={
        "record": "This visit has already been written up.",
        "record_not_happened": "This visit has already been written up.",
    },
)


class Visit(models.Model):
    """Young people visit a funded project (an activity of the base, so sign-up, attendance and
    reminders work as for any session) and write down what they found."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="visits")
    activity = models.OneToOneField(
        "participation.Activity", on_delete=models.PROTECT, related_name="grant_visit"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    money_used = models.TextField("how the money was used", blank=True)
    people_said = models.TextField("what the people it helped said", blank=True)
    wellbeing = models.CharField(max_length=20, choices=Wellbeing.choices, blank=True)
    people_helped = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"Visit to {self.award.application_id}"


class VisitPhoto(models.Model):
    """Only ever kept when the people in it said yes (services.visit_record refuses otherwise)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_photo_path)
    file_kind = models.CharField(max_length=20)
    caption = models.CharField(max_length=200, blank=True)
    consent = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="photo_only_with_consent"),
        ]

    def __str__(self):
        return f"Photo of visit {self.visit_id}"


class ShowcaseStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a worker to check it"
    PUBLISHED = "published", "On the showcase"
    HIDDEN = "hidden", "Taken off the showcase"


SHOWCASE_FLOW = Workflow(
    "grants.showcase",
    moves=[
        Move(
            "publish",
            source=[ShowcaseStatus.WAITING, ShowcaseStatus.HIDDEN],
            target=ShowcaseStatus.PUBLISHED,
            permission="grants.moderate_showcase",
        ),
        Move(
            "hide",
            source=[ShowcaseStatus.WAITING, ShowcaseStatus.PUBLISHED],
            target=ShowcaseStatus.HIDDEN,
            permission="grants.moderate_showcase",
        ),
    ],
    refusals={
        "publish": "This project is already on the showcase.",
        "hide": "This project is already off the showcase.",
    },
)


class ShowcaseEntry(models.Model):
    """A finished project on the public showcase, under the name its young person chose.
    Everything shown is checked by a worker first, and anyone can report a concern about it
    through the base's moderation queue."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="showcase"
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="showcase")
    name_shown = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    story = models.TextField()
    quote = models.TextField(blank=True)
    people_helped = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=20, choices=ShowcaseStatus.choices, default=ShowcaseStatus.WAITING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title
