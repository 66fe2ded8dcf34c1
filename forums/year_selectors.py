"""Reads for the Youth Council's year: the annual report's figures, its pages, and the links
its recipients open.

`annual_report_figures` is the one place the figures come from: pure counting over the
period's data, six queries whatever the size of the forum or the year, and no names at all.
What each figure counts:

- meetings held: the forum's meetings (task-group meetings and the AGM too) that started in the
  period and have ended;
- attendance: at those meetings, everyone marked present: how many different people, how many
  times in all, and the average per meeting held;
- elections: the forum's elections (people standing) closed in the period, with their turnout
  (ballots cast online, with voting codes and on paper);
- Make Your Mark: the forum's topic ballots closed in the period, each with its turnout and its
  top topics by votes, and the campaigns adopted in the period (topics the forum took on);
- "you said" items raised for the forum (or one of its task groups) in the period, and how many
  of those had an answer by the end of it;
- training and hours: of the people who were members at some time in the period, the training
  they completed in it, and their hours at activities in it (any activity, not only meetings)
  plus the hours of training done outside a session, counted as the participation record counts
  them (participation.selectors.training).

A published report shows the figures it was published with (`report.figures`), never new ones.
Where a report is public (a published report of a forum whose membership is not sensitive),
counts of people and of what people did that are under 5 show as "fewer than 5", as on every
public page (participation/small_numbers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core import signing
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from forums import selectors
from forums.elections.models import Election, ElectionKind, ElectionStatus, Topic
from forums.models import (
    AnnualReport,
    AnnualReportEdit,
    AnnualReportRecipient,
    AnnualReportStatus,
    Forum,
    Meeting,
    MeetingKind,
    MemberRole,
)
from forums.models.year import LINK_DAYS
from participation.models import Attendance, AttendanceStatus, Membership, TrainingCompletion
from participation.small_numbers import is_shown, small_count
from participation.voice.models import YouSaidItem

FIGURES_VERSION = 1
# How many of a ballot's topics the report lists, most votes first.
TOP_TOPICS = 5
TOKEN_SALT = "forums.annual_report.recipient"


# --- The figures ---------------------------------------------------------------------------


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as times: from the start of its first day to the start of the day after its
    last, in the portal's time zone."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return since, until


def members_in_period(*, forum: Forum, start: date, end: date):
    """The user ids of everyone who was a member of the forum on some day of the period."""
    return (
        Membership.objects.filter(
            group_id=forum.group_id, role=MemberRole.MEMBER, started_on__lte=end
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .values("user_id")
    )


def _hours(duration: timedelta | None) -> float:
    return round(duration.total_seconds() / 3600, 1) if duration else 0.0


def annual_report_figures(
    *, forum: Forum, start: date, end: date, now: datetime | None = None
) -> dict:
    """Every figure of an annual report for `forum` from `start` to `end` (both included), as
    plain JSON to store on the report. Six queries."""
    now = now or timezone.now()
    since, until = period_bounds(start, end)
    in_period = {"activity__starts_at__gte": since, "activity__starts_at__lt": until}
    present = Q(activity__attendances__status=AttendanceStatus.PRESENT)

    # 1. Meetings held, and attendance at them.
    meetings = Meeting.objects.filter(forum=forum, activity__ends_at__lte=now, **in_period)
    held = meetings.aggregate(
        held=Count("pk", distinct=True),
        task_group=Count("pk", distinct=True, filter=Q(task_group__isnull=False)),
        agm=Count("pk", distinct=True, filter=Q(kind=MeetingKind.AGM)),
        attendances=Count("activity__attendances", filter=present),
        people=Count("activity__attendances__user", distinct=True, filter=present),
    )

    # 2. Elections and topic ballots closed in the period.
    closed = Election.objects.filter(
        group_id=forum.group_id,
        status=ElectionStatus.CLOSED,
        closed_at__gte=since,
        closed_at__lt=until,
    )
    elections = list(
        closed.order_by("closed_at", "pk").values("pk", "title", "kind", "closed_at", "turnout")
    )

    # 3. Their topics, and topics of the forum's ballots adopted as campaigns in the period.
    topics = list(
        Topic.objects.filter(
            Q(election__in=closed.filter(kind=ElectionKind.TOPICS))
            | Q(
                election__group_id=forum.group_id,
                adopted_at__gte=since,
                adopted_at__lt=until,
            )
        )
        .order_by("rank", "-votes", "title", "pk")
        .values("election_id", "election__title", "title", "votes", "rank", "adopted_at")
    )

    # 4. "You said" items raised for the forum or its task groups.
    you_said = YouSaidItem.objects.filter(
        Q(group_id=forum.group_id) | Q(group__parent_id=forum.group_id),
        created_at__gte=since,
        created_at__lt=until,
    ).aggregate(
        raised=Count("pk"),
        answered=Count("pk", filter=Q(first_answered_at__lt=until)),
    )

    members = members_in_period(forum=forum, start=start, end=end)
    # 5. Training the members completed.
    training = TrainingCompletion.objects.filter(
        user_id__in=members, completed_on__gte=start, completed_on__lte=end
    ).aggregate(
        completions=Count("pk"),
        people=Count("user_id", distinct=True),
        minutes_outside_sessions=Sum("module__duration_minutes", filter=Q(activity__isnull=True)),
    )

    # 6. Hours at activities the members were at.
    activity_time = Attendance.objects.filter(
        user_id__in=members,
        status=AttendanceStatus.PRESENT,
        **in_period,
    ).aggregate(
        time=Sum(
            ExpressionWrapper(
                F("activity__ends_at") - F("activity__starts_at"), output_field=DurationField()
            )
        ),
        people=Count("user_id", distinct=True),
    )

    ballots = []
    for election in elections:
        if election["kind"] != ElectionKind.TOPICS:
            continue
        ranked = [t for t in topics if t["election_id"] == election["pk"]]
        ballots.append(
            {
                "title": election["title"],
                "closed_on": timezone.localdate(election["closed_at"]).isoformat(),
                "turnout": election["turnout"] or 0,
                "topics": [
                    {
                        "title": t["title"],
                        "votes": t["votes"] or 0,
                        "rank": t["rank"],
                        # Taken on as a campaign by the end of the period.
                        "adopted": t["adopted_at"] is not None and t["adopted_at"] < until,
                    }
                    for t in ranked[:TOP_TOPICS]
                ],
                "more_topics": max(0, len(ranked) - TOP_TOPICS),
            }
        )
    people_elections = [e for e in elections if e["kind"] != ElectionKind.TOPICS]
    campaigns = sorted(
        (t for t in topics if t["adopted_at"] is not None and since <= t["adopted_at"] < until),
        key=lambda t: (t["adopted_at"], t["title"]),
    )
    activity_hours = _hours(activity_time["time"])
    training_hours = round((training["minutes_outside_sessions"] or 0) / 60, 1)
    return {
        "version": FIGURES_VERSION,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "meetings": {
            "held": held["held"],
            "task_group": held["task_group"],
            "agm": held["agm"],
        },
        "attendance": {
            "people": held["people"],
            "attendances": held["attendances"],
            "average": round(held["attendances"] / held["held"], 1) if held["held"] else 0,
        },
        "elections": {
            "held": len(people_elections),
            "turnout": sum(e["turnout"] or 0 for e in people_elections),
            "list": [
                {
                    "title": e["title"],
                    "closed_on": timezone.localdate(e["closed_at"]).isoformat(),
                    "turnout": e["turnout"] or 0,
                }
                for e in people_elections
            ],
        },
        "ballots": ballots,
        "campaigns": [{"title": t["title"], "ballot": t["election__title"]} for t in campaigns],
        "you_said": {"raised": you_said["raised"], "answered": you_said["answered"]},
        "training": {"completions": training["completions"], "people": training["people"]},
        "hours": {
            "activities": activity_hours,
            "training": training_hours,
            "total": round(activity_hours + training_hours, 1),
            "people": activity_time["people"],
        },
    }


# --- Showing the figures -------------------------------------------------------------------


def _shown(n, *, hide_small: bool):
    return small_count(n) if hide_small else n


def figures_shown(report: AnnualReport) -> dict:
    """The report's figures as its page shows them: counts of people and of what people did
    under 5 are "fewer than 5" wherever the report is (or will be, once published) public, so a
    draft already reads as it will."""
    figures = report.figures or {}
    if not figures:
        return {}
    hide = not report.forum.is_private

    def shown(n):
        return _shown(n, hide_small=hide)

    attendance = figures["attendance"]
    return {
        "start": date.fromisoformat(figures["start"]),
        "end": date.fromisoformat(figures["end"]),
        "meetings": figures["meetings"],
        "attendance": {
            "people": shown(attendance["people"]),
            "attendances": shown(attendance["attendances"]),
            # An average of a handful could point at the few who came.
            "average": attendance["average"]
            if not hide or is_shown(attendance["attendances"])
            else None,
        },
        "elections": {
            "held": figures["elections"]["held"],
            "turnout": shown(figures["elections"]["turnout"]),
            "list": [
                {
                    **e,
                    "closed_on": date.fromisoformat(e["closed_on"]),
                    "turnout": shown(e["turnout"]),
                }
                for e in figures["elections"]["list"]
            ],
        },
        "ballots": [
            {
                **b,
                "closed_on": date.fromisoformat(b["closed_on"]),
                "turnout": shown(b["turnout"]),
                "topics": [{**t, "votes": shown(t["votes"])} for t in b["topics"]],
            }
            for b in figures["ballots"]
        ],
        "campaigns": figures["campaigns"],
        "you_said": {k: shown(v) for k, v in figures["you_said"].items()},
        "training": {k: shown(v) for k, v in figures["training"].items()},
        "hours": {**figures["hours"], "people": shown(figures["hours"]["people"])},
    }


# --- Objects for pages ---------------------------------------------------------------------


def annual_report_by_id(*, report_id: int) -> AnnualReport | None:
    return (
        AnnualReport.objects.select_related(
            "forum__group", "forum__group__organisation", "agm__activity"
        )
        .filter(pk=report_id)
        .first()
    )


def recipient_by_id(*, recipient_id) -> AnnualReportRecipient | None:
    try:
        recipient_id = int(recipient_id)
    except (TypeError, ValueError):
        return None
    return (
        AnnualReportRecipient.objects.select_related("report__forum__group")
        .filter(pk=recipient_id)
        .first()
    )


def agm_meetings(*, forum: Forum) -> list[Meeting]:
    """The forum's AGMs, newest first, for choosing the one a report is presented at."""
    return list(
        Meeting.objects.filter(forum=forum, kind=MeetingKind.AGM)
        .select_related("activity")
        .order_by("-activity__starts_at", "-pk")
    )


def agm_of(*, forum: Forum, meeting_id) -> Meeting | None:
    if not meeting_id:
        return None
    return (
        Meeting.objects.filter(forum=forum, pk=meeting_id, kind=MeetingKind.AGM)
        .select_related("activity")
        .first()
    )


def reports_for_forum(*, forum: Forum, viewer: selectors.Viewer) -> list[AnnualReport]:
    """Published reports for everyone who may see the forum's reports; drafts too for its
    members and workers. One query."""
    reports = AnnualReport.objects.filter(forum=forum).select_related("agm__activity")
    if not viewer.sees_members:
        reports = reports.filter(status=AnnualReportStatus.PUBLISHED)
    return list(reports)


def reports_for_meeting(*, meeting: Meeting) -> list[AnnualReport]:
    """The reports presented at this meeting (an AGM), for the meeting's page."""
    if meeting.kind != MeetingKind.AGM:
        return []
    return list(AnnualReport.objects.filter(agm=meeting).order_by("-period_end", "-pk"))


@dataclass(frozen=True)
class EditRow:
    who: str
    when: datetime


def edits_of(*, report: AnnualReport, limit: int = 20) -> list[EditRow]:
    """Who changed the words and when, newest first, by first name (as fellow members see
    each other), for the forum's members and workers only."""
    rows = (
        AnnualReportEdit.objects.filter(report=report)
        .select_related("edited_by")
        .only("edited_at", "edited_by__first_name")[:limit]
    )
    return [
        EditRow(
            who=(row.edited_by.first_name or "A member") if row.edited_by else "Someone who left",
            when=row.edited_at,
        )
        for row in rows
    ]


def recipients_of(*, report: AnnualReport) -> list[AnnualReportRecipient]:
    return list(AnnualReportRecipient.objects.filter(report=report))


# --- Recipients' links ---------------------------------------------------------------------


def recipient_token(recipient: AnnualReportRecipient) -> str:
    """The signed key in a recipient's link: who they are and which link this is."""
    return signing.dumps([recipient.pk, recipient.link_version], salt=TOKEN_SALT)


def recipient_link(recipient: AnnualReportRecipient) -> str:
    return reverse("forums:annual_report_shared", args=[recipient_token(recipient)])


@dataclass(frozen=True)
class SharedLink:
    recipient: AnnualReportRecipient | None = None
    # Why the link does not work, in plain words ("" when it does).
    problem: str = ""
    expired: bool = False


BAD_LINK = (
    "This link doesn't work. It may not have been copied in full, or a newer link has been "
    "sent to you since. Ask the person who sent it to send it again."
)
EXPIRED_LINK = (
    f"This link has run out: links work for {LINK_DAYS} days after they are sent. Ask the "
    "person who sent it to send it again."
)


def recipient_for_token(token: str) -> SharedLink:
    """The recipient a link is for, or why it does not work. Never raises."""
    try:
        pk, version = signing.loads(token, salt=TOKEN_SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        return SharedLink(problem=EXPIRED_LINK, expired=True)
    except (signing.BadSignature, ValueError, TypeError):
        return SharedLink(problem=BAD_LINK)
    recipient = (
        AnnualReportRecipient.objects.select_related(
            "report__forum__group", "report__forum__group__organisation", "report__agm__activity"
        )
        .filter(pk=pk, link_version=version, sent_at__isnull=False)
        .first()
        if isinstance(pk, int) and isinstance(version, int)
        else None
    )
    if recipient is None or not recipient.report.is_published:
        return SharedLink(problem=BAD_LINK)
    return SharedLink(recipient=recipient)


# --- For the registry ----------------------------------------------------------------------


def year_home_items(user) -> list[dict]:
    """For a young member: a draft report of their forum that has no words yet, or is still
    being written. One query."""
    if not (user and user.is_authenticated and user.has_role("young_person")):
        return []
    mine = Membership.objects.active().filter(user=user).values("group_id")
    drafts = AnnualReport.objects.filter(
        status=AnnualReportStatus.DRAFT, forum__group_id__in=mine
    ).select_related("forum__group")
    return [
        {
            "text": f"{report.title} needs your words. Write the foreword, the highlights and "
            "what's next, with the other members.",
            "url": reverse("forums:annual_report_words", args=[report.pk]),
            "kind": "annual_report",
        }
        for report in drafts
    ]


def year_export_section(user) -> dict:
    """The words a person wrote in annual reports, for their data download."""
    return {
        "annual_report_edits": [
            {
                "report": edit.report.title,
                "forum": edit.report.forum.name,
                "when": edit.edited_at.isoformat(),
                "foreword": edit.foreword,
                "highlights": edit.highlights,
                "whats_next": edit.whats_next,
            }
            for edit in AnnualReportEdit.objects.filter(edited_by=user).select_related(
                "report__forum__group"
            )
        ],
        "annual_reports_started": list(
            AnnualReport.objects.filter(created_by=user).values_list("title", flat=True)
        ),
        "annual_reports_published": list(
            AnnualReport.objects.filter(published_by=user).values_list("title", flat=True)
        ),
    }


def long_date(day: date) -> str:
    return date_format(day, "j F Y")
