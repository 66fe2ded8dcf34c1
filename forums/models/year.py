"""The Youth Council's year: an annual report for a forum and a period (usually the year up to
its Annual General Meeting), shared with named people such as Council Leaders.

- **Figures** come from the period's data, assembled by one selector
  (`forums.year_selectors.annual_report_figures`), and are stored on the report. While it is a
  draft a worker can refresh them; publishing assembles them one last time and keeps them as
  they were (`figures` is the snapshot): nothing that happens later changes a published report.
- **Words** (a foreword, highlights, what's next) are written by the forum's young members
  while it is a draft. Every save is a row in `AnnualReportEdit` with who and when, and the
  report's `words_version` goes up by one, so two members writing at once can't overwrite each
  other without knowing.
- **Recipients** are named people without an account (the Leader of the Council). Sending
  emails each one a link holding a signed token (django.core.signing) of the recipient and its
  `link_version`; sending again raises the version, so an older link stops working, and a link
  runs out after `LINK_DAYS`. Opening the link shows the report; the recipient can say they
  have read it, once, with a short message.

A report never names a young person: it holds counts and the young people's words.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow

from .forums import Forum

# How long a recipient's link works after it was sent.
LINK_DAYS = 90


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft: the young people are writing it"
    PUBLISHED = "published", "Published"


# The one move: a worker of the forum publishes the draft (the service freezes its figures).
ANNUAL_REPORT_FLOW = Workflow(
    "forums.annual_report",
    moves=[
        Move(
            "publish",
            source=[AnnualReportStatus.DRAFT],
            target=AnnualReportStatus.PUBLISHED,
            permission="forums.manage_annual_reports",
        ),
    ],
    refusals={"publish": "This report is already published."},
)


class AnnualReport(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="annual_reports")
    title = models.CharField(max_length=200)
    period_start = models.DateField("first day it covers")
    period_end = models.DateField("last day it covers")
    # The AGM the report is presented at (a meeting of the forum, kind AGM).
    agm = models.ForeignKey(
        "forums.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_reports",
    )
    status = models.CharField(
        max_length=20, choices=AnnualReportStatus.choices, default=AnnualReportStatus.DRAFT
    )
    foreword = models.TextField(blank=True)
    highlights = models.TextField(blank=True)
    whats_next = models.TextField("what's next", blank=True)
    words_version = models.PositiveIntegerField(default=0)
    words_updated_at = models.DateTimeField(null=True, blank=True)
    words_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField(default=dict)
    figures_assembled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="annual_report_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["forum", "period_start", "period_end"],
                name="one_annual_report_per_forum_period",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == AnnualReportStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == AnnualReportStatus.PUBLISHED

    @property
    def has_words(self) -> bool:
        return bool(self.foreword or self.highlights or self.whats_next)


class AnnualReportEdit(models.Model):
    """One save of the report's words: who, when, and the words as they were saved."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="edits")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_report_edits",
    )
    edited_at = models.DateTimeField(default=timezone.now)
    foreword = models.TextField(blank=True)
    highlights = models.TextField(blank=True)
    whats_next = models.TextField(blank=True)

    class Meta:
        ordering = ["-edited_at", "-id"]

    def __str__(self):
        return f"Words of {self.report} changed"


class AnnualReportRecipient(models.Model):
    """A named person the report is shared with. They have no account: their link is the key."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=200)
    email = models.EmailField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    # Goes up by one every time the link is sent: only the newest link works.
    link_version = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Claimed with a conditional UPDATE before the email goes, so a task run twice sends once.
    emailed_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = models.TextField("their message", blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "email"], name="one_recipient_per_email"),
        ]
        indexes = [
            models.Index(
                fields=["sent_at"],
                condition=Q(sent_at__isnull=False, emailed_at__isnull=True),
                name="report_email_waiting",
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.role}"

    @property
    def has_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def was_sent(self) -> bool:
        return self.sent_at is not None
