"""Every write of the Youth Council's year: starting an annual report, the young people's words,
refreshing and publishing its figures, and sharing it with named recipients who say they have
read it. See forums/models/year.py for how the pieces fit.

Who may do each is one `rules` permission (forums/permissions.py), asked here with `require`:
a worker of the forum starts, refreshes, publishes and shares; its young members write. The
recipient's acknowledgement has no actor: the signed link is their key.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from forums import year_selectors
from forums.models import (
    ANNUAL_REPORT_FLOW,
    AnnualReport,
    AnnualReportEdit,
    AnnualReportRecipient,
    Forum,
    Meeting,
    MeetingKind,
)
from participation.access import require
from participation.models import Membership, User
from participation.services import audit, notify

logger = logging.getLogger(__name__)

# The longest a report may cover, and how long each piece of its words may be.
LONGEST_PERIOD_DAYS = 731
WORD_LIMITS = {"foreword": 3000, "highlights": 5000, "whats_next": 3000}
WORD_LABELS = {"foreword": "The foreword", "highlights": "Highlights", "whats_next": "What's next"}
MESSAGE_LIMIT = 1000
# A recipient whose email was queued this long ago and is still not sent is sent by the sweep.
SWEEP_AFTER = timedelta(minutes=5)


def _long(day: date) -> str:
    return year_selectors.long_date(day)


def _a_year_before(day: date) -> date:
    """The first day of the year that ends on `day` (29 February counts back to 1 March)."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:
        return date(day.year - 1, 3, 1)


def _locked(report: AnnualReport) -> AnnualReport:
    return (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("forum__group", "agm__activity")
        .get(pk=report.pk)
    )


def _report_url(report: AnnualReport) -> str:
    return reverse("forums:annual_report", args=[report.pk])


def _members_of(forum: Forum) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=Membership.objects.active().filter(group_id=forum.group_id).values("user_id"),
            is_active=True,
        )
    )


def _assemble(report: AnnualReport, now) -> None:
    report.figures = year_selectors.annual_report_figures(
        forum=report.forum, start=report.period_start, end=report.period_end, now=now
    )
    report.figures_assembled_at = now


@transaction.atomic
def annual_report_start(
    *,
    forum: Forum,
    started_by: User,
    title: str = "",
    agm: Meeting | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> AnnualReport:
    """A draft annual report for the forum and a period, its figures assembled at once. With an
    AGM and no dates, the period is the year up to the AGM's day."""
    require(started_by, "forums.manage_annual_reports", forum)
    if agm is not None and (agm.forum_id != forum.pk or agm.kind != MeetingKind.AGM):
        raise ValidationError({"agm": "Choose an Annual General Meeting (AGM) of this forum."})
    if agm is not None and period_end is None:
        period_end = timezone.localdate(agm.activity.starts_at)
    if period_end is not None and period_start is None and agm is not None:
        period_start = _a_year_before(period_end)
    if period_start is None or period_end is None:
        raise ValidationError(
            "Choose the first and last day the report covers, or the AGM it is for."
        )
    if period_end < period_start:
        raise ValidationError({"period_end": "The last day must be on or after the first day."})
    if (period_end - period_start).days >= LONGEST_PERIOD_DAYS:
        raise ValidationError({"period_end": "A report can cover two years at most."})
    if AnnualReport.objects.filter(
        forum=forum, period_start=period_start, period_end=period_end
    ).exists():
        raise ValidationError("This forum already has a report for these dates.")
    title = title.strip() or (
        f"{forum.name} annual report {period_start.year}"
        + (f" to {period_end.year}" if period_end.year != period_start.year else "")
    )
    now = timezone.now()
    report = AnnualReport(
        forum=forum,
        title=title[:200],
        period_start=period_start,
        period_end=period_end,
        agm=agm,
        created_by=started_by,
        created_at=now,
    )
    _assemble(report, now)
    report.full_clean()
    report.save()
    audit(actor=started_by, action="forums.annual_report.start", target=report)
    notify(
        recipients=[m for m in _members_of(forum) if m.has_role("young_person")],
        kind="forums.annual_report_words",
        title=f"Help write {report.title}",
        body="Your forum's annual report needs your words: a foreword, the highlights of the "
        "year and what's next.",
        url=reverse("forums:annual_report_words", args=[report.pk]),
    )
    return report


@transaction.atomic
def annual_report_words_save(
    *,
    report: AnnualReport,
    written_by: User,
    foreword: str,
    highlights: str,
    whats_next: str,
    version: int,
) -> AnnualReport:
    """The young people's words, while the report is a draft. `version` is the
    `words_version` the writer started from: if someone saved since, nothing is overwritten."""
    require(written_by, "forums.write_annual_report", report)
    report = _locked(report)
    if not report.is_draft:
        raise ValidationError("This report is published, so its words can't be changed now.")
    if version != report.words_version:
        raise ValidationError(
            "Someone else saved new words while you were writing. Your words are still here: "
            "open the report in a new tab to see theirs, then put the two together and save."
        )
    words = {
        "foreword": foreword.strip(),
        "highlights": highlights.strip(),
        "whats_next": whats_next.strip(),
    }
    too_long = {
        name: f"{WORD_LABELS[name]} can be up to {limit} characters. It has {len(words[name])}."
        for name, limit in WORD_LIMITS.items()
        if len(words[name]) > limit
    }
    if too_long:
        raise ValidationError(too_long)
    if all(getattr(report, name) == text for name, text in words.items()):
        raise ValidationError("Nothing has changed, so there was nothing to save.")
    now = timezone.now()
    for name, text in words.items():
        setattr(report, name, text)
    report.words_version += 1
    report.words_updated_at = now
    report.words_updated_by = written_by
    report.save(update_fields=[*words, "words_version", "words_updated_at", "words_updated_by"])
    AnnualReportEdit.objects.create(report=report, edited_by=written_by, edited_at=now, **words)
    audit(
        actor=written_by,
        action="forums.annual_report.words",
        target=report,
        version=report.words_version,
    )
    return report


@transaction.atomic
def annual_report_figures_refresh(*, report: AnnualReport, refreshed_by: User) -> AnnualReport:
    """Count the period's figures again (a draft only: a published report keeps its own)."""
    require(refreshed_by, "forums.manage_annual_reports", report)
    report = _locked(report)
    if not report.is_draft:
        raise ValidationError(
            "This report is published, so its figures stay as they were when it was published."
        )
    _assemble(report, timezone.now())
    report.save(update_fields=["figures", "figures_assembled_at"])
    audit(actor=refreshed_by, action="forums.annual_report.refresh", target=report)
    return report


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, published_by: User) -> AnnualReport:
    """Publish: the figures are counted one last time and kept as they are from then on. A
    report of an ordinary forum is then public; one of a forum whose membership is private
    (CiCC, CLIC) is still seen only by its members, its workers and the people it is sent to."""
    require(published_by, "forums.manage_annual_reports", report)
    report = _locked(report)
    ANNUAL_REPORT_FLOW.check(report, "publish", published_by)
    if not report.foreword:
        raise ValidationError(
            "The young people haven't written the foreword yet. Ask them to write it first: "
            "it is their report."
        )
    now = timezone.now()
    _assemble(report, now)
    report.published_at = now
    report.published_by = published_by
    ANNUAL_REPORT_FLOW.move(
        report,
        "publish",
        actor=published_by,
        extra_fields=["figures", "figures_assembled_at", "published_at", "published_by"],
    )
    notify(
        recipients=_members_of(report.forum),
        kind="forums.annual_report_published",
        title=f"{report.title} is published",
        body="Thank you for your words. You can print it or download it as a PDF.",
        url=_report_url(report),
    )
    return report


@transaction.atomic
def annual_report_recipient_add(
    *, report: AnnualReport, added_by: User, name: str, role: str, email: str
) -> AnnualReportRecipient:
    """Someone the report will be sent to, such as the Leader of the Council. They need no
    account."""
    require(added_by, "forums.share_annual_report", report)
    name, role, email = name.strip(), role.strip(), email.strip()
    errors = {}
    if not name:
        errors["name"] = "Fill in: Their name."
    if not role:
        errors["role"] = "Fill in: Their role, like Leader of the City of Wolverhampton Council."
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address, like name@example.org."
    if errors:
        raise ValidationError(errors)
    if AnnualReportRecipient.objects.filter(report=report, email__iexact=email).exists():
        raise ValidationError({"email": "Someone with this email address is on the list already."})
    recipient = AnnualReportRecipient(
        report=report, name=name[:150], role=role[:200], email=email, added_by=added_by
    )
    recipient.full_clean()
    try:
        with transaction.atomic():
            recipient.save()
    except IntegrityError as error:  # added twice at the same moment
        raise ValidationError(
            {"email": "Someone with this email address is on the list already."}
        ) from error
    audit(actor=added_by, action="forums.annual_report.recipient_add", target=recipient)
    return recipient


@transaction.atomic
def annual_report_send(
    *, report: AnnualReport, sent_by: User, recipient: AnnualReportRecipient | None = None
) -> list[AnnualReportRecipient]:
    """Email the report's link to everyone on the list not sent it yet, or send one person a new
    link (their old one stops working). The emails go after the transaction commits."""
    require(sent_by, "forums.share_annual_report", report)
    report = _locked(report)
    if not report.is_published:
        raise ValidationError(
            "Publish the report first, so the people you send it to read the finished report."
        )
    rows = AnnualReportRecipient.objects.select_for_update().filter(report=report)
    if recipient is not None:
        rows = rows.filter(pk=recipient.pk)
        if not rows.exists():
            raise ValidationError("That person is not on this report's list.")
    else:
        rows = rows.filter(sent_at__isnull=True)
    chosen = list(rows)
    if not chosen:
        raise ValidationError(
            "Everyone on the list has been sent it already. Add someone, or send one person a "
            "new link."
        )
    now = timezone.now()
    for row in chosen:
        row.link_version += 1
        row.sent_at = now
        row.sent_by = sent_by
        row.emailed_at = None
    AnnualReportRecipient.objects.bulk_update(
        chosen, ["link_version", "sent_at", "sent_by", "emailed_at"]
    )
    audit(
        actor=sent_by,
        action="forums.annual_report.send",
        target=report,
        recipients=[row.pk for row in chosen],
    )
    jobs = [(row.pk, row.link_version) for row in chosen]
    transaction.on_commit(lambda: _queue_emails(jobs))
    return chosen


def _queue_emails(jobs: list[tuple[int, int]]) -> None:
    from forums.tasks import send_annual_report_email

    for recipient_id, version in jobs:
        try:
            send_annual_report_email.delay(recipient_id, version)
        except Exception:  # broker down: the sweep sends it later
            logger.warning("Could not queue an annual report email; the sweep will send it")


def annual_report_email_deliver(*, recipient_id: int, link_version: int) -> bool:
    """Send one recipient their link. Safe to run any number of times: the email is claimed
    with a conditional UPDATE first, so it goes once; a link sent again since is not sent."""
    now = timezone.now()
    claimed = AnnualReportRecipient.objects.filter(
        pk=recipient_id,
        link_version=link_version,
        sent_at__isnull=False,
        emailed_at__isnull=True,
    ).update(emailed_at=now)
    if not claimed:
        return False
    recipient = AnnualReportRecipient.objects.select_related("report__forum__group").get(
        pk=recipient_id
    )
    report = recipient.report
    link = f"{settings.SITE_URL}{year_selectors.recipient_link(recipient)}"
    try:
        send_mail(
            subject=f"[Youth Voice] {report.title}",
            message=(
                f"Dear {recipient.name},\n\n"
                f"The young people of {report.forum.name} are sharing their annual report with "
                f"you, as {recipient.role}. It covers {_long(report.period_start)} to "
                f"{_long(report.period_end)}.\n\n"
                f"Read it here (you don't need an account):\n{link}\n\n"
                'When you have read it, please press "I have read this report" on that page, '
                "so the young people know. You can add a short message for them.\n\n"
                f"The link works for {year_selectors.LINK_DAYS} days. Please don't pass it on: "
                "it is for you."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient.email],
        )
    except Exception:
        # Given back, so the retry (or the sweep) sends it.
        AnnualReportRecipient.objects.filter(pk=recipient_id, emailed_at=now).update(
            emailed_at=None
        )
        raise
    return True


def annual_report_emails_sweep(*, now=None) -> int:
    """Queue again any link email whose task was lost (a broker outage). Safe to run any time."""
    now = now or timezone.now()
    waiting = list(
        AnnualReportRecipient.objects.filter(
            sent_at__isnull=False, emailed_at__isnull=True, sent_at__lt=now - SWEEP_AFTER
        ).values_list("pk", "link_version")[:200]
    )
    _queue_emails(waiting)
    return len(waiting)


@transaction.atomic
def annual_report_acknowledge(*, token: str, message: str = "") -> AnnualReportRecipient:
    """The recipient says they have read the report, once, with a short message if they like.
    The link is their key, so there is no account to check."""
    link = year_selectors.recipient_for_token(token)
    if link.recipient is None:
        raise ValidationError(link.problem)
    recipient = (
        AnnualReportRecipient.objects.select_for_update(of=("self",))
        .select_related("report__forum__group")
        .get(pk=link.recipient.pk)
    )
    if recipient.acknowledged_at is not None:
        raise ValidationError(
            "You have already said you read this report, on "
            f"{_long(timezone.localdate(recipient.acknowledged_at))}. Thank you."
        )
    message = message.strip()
    if len(message) > MESSAGE_LIMIT:
        raise ValidationError(
            {
                "message": f"Your message can be up to {MESSAGE_LIMIT} characters. "
                f"It has {len(message)}."
            }
        )
    recipient.acknowledged_at = timezone.now()
    recipient.acknowledgement = message
    recipient.save(update_fields=["acknowledged_at", "acknowledgement"])
    audit(actor=None, action="forums.annual_report.acknowledge", target=recipient)
    report = recipient.report
    workers = list(report.forum.workers.filter(is_active=True))
    people = {u.pk: u for u in [*_members_of(report.forum), *workers]}
    notify(
        recipients=people.values(),
        kind="forums.annual_report_acknowledged",
        title=f"{recipient.role} has read {report.title}",
        body=f"{recipient.name} says they have read the report."
        + (" They left a message for you." if message else ""),
        url=_report_url(report),
    )
    return recipient
