"""Reads for forum pages. Who may see a private forum's members is decided here, once.

Being a member of the Children in Care Council or CLIC says a young person is in care or a care
leaver. So for a private forum: its own workers see the full list, fellow members see first
names, and nobody else learns anything, not even whether it has members.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from forums.models import (
    APPLICATION_FLOW,
    MEMBER_ROLE_LABELS,
    NOMINATION_FLOW,
    AgendaItem,
    Application,
    ApplicationStatus,
    Forum,
    Meeting,
    MeetingAction,
    MemberRole,
    Nomination,
    NominationStatus,
    PolicyItem,
    PolicyItemStatus,
    TaskGroup,
)
from participation.models import Group, Membership, Role, User
from participation.small_numbers import small_count

RECENT_LIMIT = 5


def is_forum_worker(*, forum: Forum, user) -> bool:
    if not (user and user.is_authenticated and user.has_role(Role.WORKER)):
        return False
    return forum.workers.filter(pk=user.pk).exists()


def is_worker_of_forum_group(group, user) -> bool:
    """For the base app's registry: is `user` a worker of the forum this group (or its parent,
    for a task group) belongs to?"""
    if not (user and user.is_authenticated and user.has_role(Role.WORKER)):
        return False
    group_ids = [group.pk] + ([group.parent_id] if group.parent_id else [])
    return Forum.objects.filter(group_id__in=group_ids, workers=user).exists()


def workers_of_forum_groups(group_ids) -> set[int]:
    """For the base app's registry: the workers of the forums these groups are (or, for a task
    group, belong to)."""
    group_ids = list(group_ids)
    parents = Group.objects.filter(pk__in=group_ids, parent__isnull=False).values("parent_id")
    return set(
        Forum.workers.through.objects.filter(
            Q(forum__group_id__in=group_ids) | Q(forum__group_id__in=parents)
        ).values_list("user_id", flat=True)
    )


def is_forum_member(*, forum: Forum, user, on: date | None = None) -> bool:
    if not (user and user.is_authenticated):
        return False
    return Membership.objects.active(on=on).filter(group_id=forum.group_id, user=user).exists()


@dataclass(frozen=True)
class Viewer:
    """How the person looking at a forum relates to it, worked out once per page."""

    is_authenticated: bool = False
    is_forum_worker: bool = False
    is_member: bool = False
    roles: tuple[str, ...] = ()

    @property
    def sees_members(self) -> bool:
        return self.is_forum_worker or self.is_member

    @property
    def role_labels(self) -> list[str]:
        return [MEMBER_ROLE_LABELS.get(r, r) for r in self.roles if r != MemberRole.MEMBER]


def viewer_for(*, forum: Forum, user) -> Viewer:
    if not (user and user.is_authenticated):
        return Viewer()
    roles = tuple(
        Membership.objects.active()
        .filter(group_id=forum.group_id, user=user)
        .values_list("role", flat=True)
    )
    return Viewer(
        is_authenticated=True,
        is_forum_worker=is_forum_worker(forum=forum, user=user),
        is_member=bool(roles),
        roles=roles,
    )


def _active_member_count():
    """Subquery: how many people are members of the forum today."""
    return Coalesce(
        Subquery(
            Membership.objects.active()
            .filter(group_id=OuterRef("group_id"), role=MemberRole.MEMBER)
            .order_by()
            .values("group_id")
            .annotate(n=Count("user_id", distinct=True))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def forum_directory(*, user) -> list[Forum]:
    """Every listed forum, in plain words. A private forum's member count is never loaded for
    someone who may not know it: `shown_member_count` is None for them."""
    forums = Forum.objects.select_related("group", "group__organisation").annotate(
        member_count=_active_member_count()
    )
    authenticated = bool(user and user.is_authenticated)
    if authenticated:
        forums = forums.annotate(
            viewer_is_member=Exists(
                Membership.objects.active().filter(group_id=OuterRef("group_id"), user=user)
            ),
            viewer_is_worker=Exists(
                Forum.workers.through.objects.filter(forum_id=OuterRef("pk"), user_id=user.pk)
            ),
        )
    if not (authenticated and user.has_role(Role.WORKER)):
        forums = forums.filter(is_listed=True)
    result = list(forums)
    for forum in result:
        member = authenticated and forum.viewer_is_member
        worker = authenticated and forum.viewer_is_worker and user.has_role(Role.WORKER)
        forum.viewer_is_member = member
        forum.viewer_is_worker = worker
        forum.shown_member_count = (
            forum.member_count if (not forum.is_private or member or worker) else None
        )
        del forum.member_count
    return result


@dataclass
class MemberRow:
    user_id: int
    first_name: str
    # Only filled in for the forum's workers.
    full_name: str = ""
    email: str = ""
    age_band: str = ""
    joined_on: date | None = None
    member_membership_id: int | None = None
    offices: list[dict] = field(default_factory=list)


def members_visible_to(*, forum: Forum, viewer: Viewer) -> list[MemberRow] | None:
    """The members this viewer may see, or None when they may see nothing at all."""
    if not viewer.sees_members:
        return None
    full = viewer.is_forum_worker
    rows = (
        Membership.objects.active()
        .filter(group_id=forum.group_id)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user_id", "started_on", "id")
    )
    if not full:
        rows = rows.only("id", "role", "started_on", "user__id", "user__first_name")
    members: dict[int, MemberRow] = {}
    for membership in rows:
        user = membership.user
        row = members.get(user.pk)
        if row is None:
            row = members[user.pk] = MemberRow(
                user_id=user.pk, first_name=user.first_name or "A member"
            )
            if full:
                row.full_name = user.display_name
                row.email = user.email
                row.age_band = user.age_band
        if membership.role == MemberRole.MEMBER:
            row.joined_on = membership.started_on if full else None
            row.member_membership_id = membership.pk if full else None
        else:
            row.offices.append(
                {
                    "label": MEMBER_ROLE_LABELS.get(membership.role, membership.role),
                    "since": membership.started_on if full else None,
                    "membership_id": membership.pk if full else None,
                }
            )
    return list(members.values())


def shown_member_count(*, forum: Forum, viewer: Viewer) -> int | None:
    if forum.is_private and not viewer.sees_members:
        return None
    return (
        Membership.objects.active()
        .filter(group_id=forum.group_id, role=MemberRole.MEMBER)
        .values("user_id")
        .distinct()
        .count()
    )


def _meetings(forum: Forum):
    return Meeting.objects.filter(forum=forum).select_related(
        "activity", "task_group", "task_group__group"
    )


def upcoming_meetings(*, forum: Forum, limit: int = RECENT_LIMIT) -> list[Meeting]:
    now = timezone.now()
    return list(
        _meetings(forum).filter(activity__ends_at__gte=now).order_by("activity__starts_at")[:limit]
    )


def past_meetings(*, forum: Forum, limit: int = RECENT_LIMIT) -> list[Meeting]:
    now = timezone.now()
    return list(
        _meetings(forum).filter(activity__ends_at__lt=now).order_by("-activity__starts_at")[:limit]
    )


def task_groups_for(*, forum: Forum, user) -> list[TaskGroup]:
    groups = TaskGroup.objects.filter(forum=forum).select_related("group")
    if user and user.is_authenticated:
        groups = groups.annotate(
            viewer_is_member=Exists(
                Membership.objects.active().filter(group_id=OuterRef("group_id"), user=user)
            )
        )
    return list(groups)


def pending_request_counts(*, forum: Forum) -> dict[str, int]:
    return {
        "applications": Application.objects.filter(
            forum=forum, status=ApplicationStatus.PENDING
        ).count(),
        "nominations": Nomination.objects.filter(
            forum=forum, status=NominationStatus.PENDING
        ).count(),
        "policy_items": PolicyItem.objects.filter(
            forum=forum, status=PolicyItemStatus.PROPOSED
        ).count(),
    }


def join_requests_for(*, forum: Forum) -> dict[str, list]:
    """For the forum's workers: applications and nominations, open ones first."""
    applications = Application.objects.filter(forum=forum).select_related("applicant", "decided_by")
    nominations = Nomination.objects.filter(forum=forum).select_related(
        "young_person", "nominated_by"
    )
    return {
        "pending_applications": list(applications.filter(status=ApplicationStatus.PENDING)),
        "pending_nominations": list(nominations.filter(status=NominationStatus.PENDING)),
        "recent_applications": list(
            applications.exclude(status=ApplicationStatus.PENDING).order_by("-decided_at", "-id")[
                :20
            ]
        ),
        "recent_nominations": list(
            nominations.exclude(status=NominationStatus.PENDING).order_by("-responded_at", "-id")[
                :20
            ]
        ),
    }


def viewer_pending_request(*, forum: Forum, user) -> dict:
    if not (user and user.is_authenticated):
        return {}
    return {
        "application": Application.objects.filter(
            forum=forum, applicant=user, status=ApplicationStatus.PENDING
        ).first(),
        "nomination": Nomination.objects.filter(
            forum=forum, young_person=user, status=NominationStatus.PENDING
        ).first(),
    }


def meeting_page(*, meeting_id: int) -> Meeting:
    """One meeting with its agenda and actions, in a fixed number of queries."""
    return (
        Meeting.objects.select_related(
            "activity", "forum", "forum__group", "task_group", "task_group__group"
        )
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=_agenda_items(),
            ),
            Prefetch(
                "actions",
                queryset=MeetingAction.objects.select_related("owner", "agenda_item").order_by(
                    "created_at", "id"
                ),
            ),
        )
        .get(pk=meeting_id)
    )


def _agenda_items():
    return AgendaItem.objects.select_related(
        "policy_item", "policy_item__brought_by", "policy_item__organisation"
    ).order_by("position", "id")


def my_forums(*, user: User) -> dict:
    """A young person's own forums, requests and nominations waiting for their answer."""
    memberships = (
        Membership.objects.active()
        .filter(user=user, group__forum__isnull=False)
        .select_related("group", "group__forum")
        .order_by("group__name", "started_on")
    )
    forums: dict[int, dict] = {}
    for membership in memberships:
        entry = forums.setdefault(
            membership.group_id,
            {"forum": membership.group.forum, "since": None, "offices": []},
        )
        if membership.role == MemberRole.MEMBER:
            entry["since"] = membership.started_on
        else:
            entry["offices"].append(MEMBER_ROLE_LABELS.get(membership.role, membership.role))
    task_groups = list(
        Membership.objects.active()
        .filter(user=user, group__task_group__isnull=False)
        .select_related("group", "group__task_group", "group__task_group__forum__group")
    )
    return {
        "forums": list(forums.values()),
        "task_groups": [m.group.task_group for m in task_groups],
        "nominations": list(
            Nomination.objects.filter(
                young_person=user, status=NominationStatus.PENDING
            ).select_related("forum__group", "nominated_by")
        ),
        "applications": [
            _with_flags(
                application, can_withdraw=APPLICATION_FLOW.can(application, "withdraw", user)
            )
            for application in Application.objects.filter(applicant=user)
            .filter(
                Q(status=ApplicationStatus.PENDING)
                | Q(decided_at__gte=timezone.now() - timezone.timedelta(days=90))
            )
            .select_related("forum__group")
            .order_by("-created_at")
        ],
    }


def _with_flags(obj, **flags):
    for name, value in flags.items():
        setattr(obj, name, value)
    return obj


def policy_items_for(*, user: User) -> list[PolicyItem]:
    """An officer sees the items they brought; a worker sees those for the forums they support."""
    items = PolicyItem.objects.select_related("forum__group", "brought_by", "organisation")
    supported = set()
    if user.has_role(Role.WORKER):
        supported = set(user.forums_supported.values_list("pk", flat=True))
        items = items.filter(Q(brought_by=user) | Q(forum_id__in=supported))
    else:
        items = items.filter(brought_by=user)
    result = list(items)
    for item in result:
        item.can_respond = item.forum_id in supported
    return result


def open_policy_items(*, forum: Forum) -> list[PolicyItem]:
    return list(
        PolicyItem.objects.filter(
            forum=forum, status__in=[PolicyItemStatus.PROPOSED, PolicyItemStatus.ON_AGENDA]
        ).select_related("brought_by")
    )


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def forum_people_for_actions(*, forum: Forum) -> list[User]:
    """Who can own an action: the forum's members and workers."""
    member_ids = Membership.objects.active().filter(group_id=forum.group_id).values("user_id")
    return list(
        User.objects.filter(Q(pk__in=member_ids) | Q(forums_supported=forum))
        .distinct()
        .order_by("first_name", "last_name")
    )


def actions_waiting_for_you_said() -> list[MeetingAction]:
    """Actions a worker raised as "you said" items that participation hasn't taken yet."""
    return list(
        MeetingAction.objects.filter(
            you_said_raised_at__isnull=False, you_said_item_id__isnull=True
        ).select_related("meeting__forum__group", "meeting__activity", "agenda_item")
    )


def forums_record_section(user: User) -> dict | None:
    """A young person's participation record: the forums they belong to, the offices they held
    (chair, Youth MP ...), and the elections they stood in, saying when they were elected. Two
    queries, however many. Votes and reserved seats are never shown (a reserved seat says which
    group someone belongs to)."""
    from forums.elections.models import Candidate, CandidateStatus, ElectionStatus, Outcome

    rows = list(
        Membership.objects.filter(user=user, group__forum__isnull=False)
        .select_related("group")
        .order_by("started_on", "id")
    )
    stood = list(
        Candidate.objects.filter(user=user, status=CandidateStatus.APPROVED)
        .exclude(constituency__election__status=ElectionStatus.DRAFT)
        .select_related("constituency__election")
        .only(
            "outcome",
            "constituency__name",
            "constituency__election__title",
            "constituency__election__status",
            "constituency__election__voting_closes_at",
            "constituency__election__closed_at",
        )
        .order_by("constituency__election__voting_closes_at", "id")
    )
    if not rows and not stood:
        return None
    items = []
    for row in rows:
        label = MEMBER_ROLE_LABELS.get(row.role, row.role)
        is_member = row.role == MemberRole.MEMBER
        text = f"Member of {row.group.name}" if is_member else f"{label} of {row.group.name}"
        if row.ended_on:
            text += f" until {date_format(row.ended_on, 'j F Y')}"
        items.append(
            {
                "date": row.started_on,
                "text": text,
                "hours": None,
                "kind": "membership" if is_member else "role",
            }
        )
    for candidate in stood:
        election = candidate.constituency.election
        where = f"{election.title} ({candidate.constituency.name})"
        if election.status != ElectionStatus.CLOSED:
            text, kind = f"Standing for election: {where}", "stood"
        elif candidate.outcome == Outcome.ELECTED:
            text, kind = f"Stood for election and was elected: {where}", "elected"
        else:
            text, kind = f"Stood for election: {where}", "stood"
        when = election.closed_at or election.voting_closes_at
        items.append({"date": timezone.localdate(when), "text": text, "hours": None, "kind": kind})
    items.sort(key=lambda item: item["date"])
    return {"title": "Youth Voice forums", "hours": None, "items": items}


def forums_export_section(user: User) -> dict:
    """Everything forums holds about a person, for their data download."""
    from forums.models import CareStatus

    care = CareStatus.objects.filter(user=user).first()
    return {
        "forum_memberships": [
            {
                "forum": name,
                "role": MEMBER_ROLE_LABELS.get(role, role),
                "from": started.isoformat(),
                "until": ended.isoformat() if ended else None,
            }
            for name, role, started, ended in Membership.objects.filter(
                user=user, group__kind__in=["forum", "task_group"]
            ).values_list("group__name", "role", "started_on", "ended_on")
        ],
        "forum_applications": [
            {
                "forum": a.forum.name,
                "why": a.why,
                "status": a.get_status_display(),
                "message": a.decision_reason,
                "when": a.created_at.isoformat(),
            }
            for a in Application.objects.filter(applicant=user).select_related("forum__group")
        ],
        "forum_nominations": [
            {
                "forum": n.forum.name,
                "why": n.reason,
                "status": n.get_status_display(),
                "when": n.created_at.isoformat(),
            }
            for n in Nomination.objects.filter(young_person=user).select_related("forum__group")
        ],
        "care_status": care.get_status_display() if care else None,
        # What they do or did for a forum.
        "forum_actions": [
            {
                "forum": a.meeting.forum.name,
                "action": a.description,
                "due": a.due_on.isoformat() if a.due_on else None,
                "status": a.get_status_display(),
            }
            for a in MeetingAction.objects.filter(owner=user).select_related(
                "meeting__forum__group"
            )
        ],
        # As staff: who they put forward (first name only), the forums they support and the
        # policy items they brought.
        "forum_nominations_made": [
            {
                "forum": n.forum.name,
                "young_person": n.young_person.first_name,
                "why": n.reason,
                "status": n.get_status_display(),
                "when": n.created_at.isoformat(),
            }
            for n in Nomination.objects.filter(nominated_by=user).select_related(
                "forum__group", "young_person"
            )
        ],
        "forums_supported": list(
            Forum.objects.filter(workers=user).values_list("group__name", flat=True)
        ),
        "forum_policy_items": [
            {
                "forum": p.forum.name,
                "title": p.title,
                "summary": p.summary,
                "questions": p.questions,
                "status": p.get_status_display(),
                "when": p.created_at.isoformat(),
            }
            for p in PolicyItem.objects.filter(brought_by=user).select_related("forum__group")
        ],
    }


def forums_dashboard_section() -> dict:
    """For boards: how many members each forum has, its meetings in the last year and the policy
    items it has answered. Counts only, never names."""
    year_ago = timezone.now() - timezone.timedelta(days=365)
    forums = (
        Forum.objects.select_related("group")
        .annotate(
            members=_active_member_count(),
            recent_meetings=Count(
                "meetings",
                filter=Q(meetings__activity__starts_at__gte=year_ago),
                distinct=True,
            ),
            answered=Count(
                "policy_items",
                filter=Q(policy_items__status=PolicyItemStatus.ANSWERED),
                distinct=True,
            ),
        )
        .order_by("group__name")
    )
    return {
        "title": "Youth Voice forums",
        "rows": [
            {
                "forum": forum.name,
                "members": small_count(forum.members),
                "meetings_last_year": forum.recent_meetings,
                "policy_items_answered": forum.answered,
            }
            for forum in forums
        ],
    }


# --- Objects for pages: what each page is about, loaded once, with what it shows ----------------


def forum_by_slug(*, slug: str) -> Forum | None:
    return (
        Forum.objects.select_related("group", "group__organisation")
        .filter(group__slug=slug)
        .first()
    )


def forum_workers(*, forum: Forum) -> list[User]:
    return list(forum.workers.order_by("first_name", "last_name"))


def forum_worker(*, forum: Forum, user_id) -> User | None:
    try:
        return forum.workers.filter(pk=int(user_id)).first()
    except (TypeError, ValueError):
        return None


def member_page(*, forum: Forum, user_id: int) -> dict | None:
    """One member of a forum for its workers: who, since when, and their open offices (each
    with its `label`); None when they are not a member."""
    rows = list(
        Membership.objects.active()
        .filter(group_id=forum.group_id, user_id=user_id)
        .select_related("user")
        .order_by("started_on", "id")
    )
    if not rows:
        return None
    for row in rows:
        row.label = MEMBER_ROLE_LABELS.get(row.role, row.role)
    return {
        "person": rows[0].user,
        "offices": [r for r in rows if r.role != MemberRole.MEMBER],
        "joined": next((r for r in rows if r.role == MemberRole.MEMBER), None),
    }


def applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "forum__group", "forum__group__organisation", "applicant"
    )


def nominations() -> QuerySet[Nomination]:
    return Nomination.objects.select_related(
        "forum__group", "forum__group__organisation", "nominated_by"
    )


def policy_items() -> QuerySet[PolicyItem]:
    return PolicyItem.objects.select_related(
        "forum__group", "forum__group__organisation", "brought_by"
    )


def action_by_id(*, action_id: int) -> MeetingAction | None:
    return (
        MeetingAction.objects.select_related("meeting__forum__group").filter(pk=action_id).first()
    )


def policy_item_of(*, forum: Forum, policy_item_id: int | None) -> PolicyItem | None:
    if not policy_item_id:
        return None
    return PolicyItem.objects.filter(pk=policy_item_id, forum=forum).first()


def agenda_item_of(*, meeting: Meeting, agenda_item_id: int | None) -> AgendaItem | None:
    if not agenda_item_id:
        return None
    return meeting.agenda_items.filter(pk=agenda_item_id).first()


def user_by_id(*, user_id: int | None) -> User | None:
    if not user_id:
        return None
    return User.objects.filter(pk=user_id).first()


def task_group_in(*, slug: str, task_group_id: int) -> TaskGroup | None:
    return (
        TaskGroup.objects.select_related("group", "forum__group", "forum__group__organisation")
        .filter(pk=task_group_id, forum__group__slug=slug)
        .first()
    )


def task_group_of(*, forum: Forum, task_group_id: int) -> TaskGroup | None:
    return TaskGroup.objects.select_related("group").filter(pk=task_group_id, forum=forum).first()


def task_group_page(*, task_group: TaskGroup, user) -> dict:
    """Who is in a task group and its latest meetings."""
    members = [
        m.user
        for m in Membership.objects.active()
        .filter(group_id=task_group.group_id)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    ]
    return {
        "members": members,
        "is_in_it": any(m.pk == user.pk for m in members),
        "meetings": list(
            Meeting.objects.filter(task_group=task_group)
            .select_related("activity")
            .order_by("-activity__starts_at")[:10]
        ),
    }


def meeting_or_none(*, meeting_id: int) -> Meeting | None:
    try:
        return meeting_page(meeting_id=meeting_id)
    except Meeting.DoesNotExist:
        return None


# --- What is waiting for a person, for the home page -------------------------------------------

ANSWER_SHOWN_FOR = timezone.timedelta(days=14)


def forums_home_items(user) -> list[dict]:
    """A nomination to answer, an answer to an application from the last 14 days, and the next
    meeting of their forums and task groups: three queries, whatever they hold."""
    from django.urls import reverse

    if not (user and user.is_authenticated):
        return []
    items = []
    for nomination in Nomination.objects.filter(
        young_person=user, status=NominationStatus.PENDING
    ).select_related("forum__group"):
        if NOMINATION_FLOW.can(nomination, "accept", user):
            items.append(
                {
                    "text": f"You have been put forward for {nomination.forum.name}. "
                    "Say yes or no thank you.",
                    "url": reverse("forums:nomination", args=[nomination.pk]),
                    "kind": "nomination",
                }
            )
    for application in (
        Application.objects.filter(
            applicant=user,
            status__in=[ApplicationStatus.APPROVED, ApplicationStatus.DECLINED],
            decided_at__gte=timezone.now() - ANSWER_SHOWN_FOR,
        )
        .select_related("forum__group")
        .order_by("-decided_at")
    ):
        answer = (
            "you're in" if application.status == ApplicationStatus.APPROVED else "not this time"
        )
        items.append(
            {
                "text": f"Your application to {application.forum.name} has an answer: {answer}.",
                "url": reverse("forums:mine"),
                "kind": "application",
            }
        )
    mine = Membership.objects.active().filter(user=user).values("group_id")
    meeting = (
        Meeting.objects.filter(activity__starts_at__gte=timezone.now())
        .filter(
            Q(task_group__isnull=True, forum__group_id__in=mine) | Q(task_group__group_id__in=mine)
        )
        .select_related("activity", "forum__group")
        .order_by("activity__starts_at", "id")
        .first()
    )
    if meeting is not None:
        when = date_format(timezone.localtime(meeting.activity.starts_at), "l j F \\a\\t H:i")
        items.append(
            {
                "text": f"Your next meeting: {meeting.activity.title}, on {when}.",
                "url": reverse("forums:meeting", args=[meeting.pk]),
                "kind": "meeting",
                "when": meeting.activity.starts_at,
            }
        )
    return items
