"""Meetings (built on participation's activities), agenda items, minutes, actions and policy
items that officers bring to a forum for consultation."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from forums import selectors
from forums.models import (
    ACTION_FLOW,
    ACTION_MOVE_TO,
    POLICY_ITEM_FLOW,
    ActionStatus,
    AgendaItem,
    AgendaItemKind,
    Forum,
    Meeting,
    MeetingAction,
    MeetingKind,
    PolicyItem,
    PolicyItemStatus,
    TaskGroup,
)
from participation.access import require
from participation.models import ActivityKind, LadderRung, Membership, Role, RoleAssignment, User
from participation.services import audit, notify
from participation.services.activities import activity_create

from .members import _tell_workers


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.activity.starts_at), "l j F Y")


@transaction.atomic
def meeting_create(
    *,
    forum: Forum,
    created_by: User,
    title: str,
    description: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    access_info: str = "",
    capacity: int | None = None,
    planned_rung: str = LadderRung.ENGAGEMENT,
    kind: str = MeetingKind.REGULAR,
    task_group: TaskGroup | None = None,
) -> Meeting:
    """A meeting is an activity for the forum's (or task group's) members: sign-up, attendance,
    reminders and its rung on the ladder all come from participation."""
    require(created_by, "forums.manage_meetings", forum)
    if task_group is not None and task_group.forum_id != forum.pk:
        raise ValidationError({"task_group": "That task group belongs to another forum."})
    if task_group is not None:
        kind = MeetingKind.TASK_GROUP
    elif kind == MeetingKind.TASK_GROUP:
        raise ValidationError({"kind": "Choose a task group for a task group meeting."})
    activity = activity_create(
        created_by=created_by,
        title=title,
        description=description,
        kind=ActivityKind.MEETING,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        access_info=access_info,
        audience_group=task_group.group if task_group else forum.group,
        capacity=capacity,
        planned_rung=planned_rung,
    )
    meeting = Meeting(activity=activity, forum=forum, task_group=task_group, kind=kind)
    meeting.full_clean()
    meeting.save()
    audit(actor=created_by, action="forums.meeting.create", target=meeting)
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    added_by: User,
    title: str = "",
    kind: str = AgendaItemKind.DISCUSSION,
    details: str = "",
    policy_item: PolicyItem | None = None,
) -> AgendaItem:
    """Add an item to the end of a meeting's agenda. A policy item an officer brought goes on
    the agenda this way, and the officer is told when it will be discussed."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("forum__group", "activity")
        .get(pk=meeting.pk)
    )
    require(added_by, "forums.manage_meetings", meeting)
    if policy_item is not None:
        if policy_item.forum_id != meeting.forum_id:
            raise ValidationError({"policy_item": "That policy item was brought to another forum."})
        if policy_item.status == PolicyItemStatus.ANSWERED:
            raise ValidationError(
                {"policy_item": "The forum has already given its views on that item."}
            )
        kind = AgendaItemKind.POLICY
        title = title.strip() or policy_item.title
        details = details.strip() or policy_item.summary
    elif kind == AgendaItemKind.POLICY:
        raise ValidationError({"policy_item": "Choose the policy item an officer brought."})
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Give the agenda item a title."})
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title,
        kind=kind,
        details=details.strip(),
        policy_item=policy_item,
        created_by=added_by,
    )
    item.full_clean()
    item.save()
    if policy_item is not None:
        policy_item = PolicyItem.objects.select_for_update(of=("self",)).get(pk=policy_item.pk)
        policy_item.forum = meeting.forum
        if POLICY_ITEM_FLOW.is_possible(policy_item, "schedule"):
            POLICY_ITEM_FLOW.move(policy_item, "schedule", actor=added_by, meeting=meeting.pk)
        notify(
            recipients=policy_item.brought_by,
            kind="forums.policy_item_scheduled",
            title=f"{meeting.forum.name} will discuss {policy_item.title}",
            body=f"Your item is on the agenda for {meeting.forum.name} on {_when(meeting)}.",
            url=reverse("forums:policy_items"),
        )
    return item


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, saved_by: User, minutes: str, item_notes: dict[int, str] | None = None
) -> Meeting:
    """Save the minutes, and what was said on each agenda item."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("forum").get(pk=meeting.pk)
    )
    require(saved_by, "forums.manage_meetings", meeting)
    items = {item.pk: item for item in meeting.agenda_items.all()}
    unknown = set(item_notes or {}) - set(items)
    if unknown:
        raise ValidationError("Some of those agenda items aren't on this meeting's agenda.")
    changed = []
    for pk, notes in (item_notes or {}).items():
        if items[pk].notes != notes.strip():
            items[pk].notes = notes.strip()
            changed.append(items[pk])
    AgendaItem.objects.bulk_update(changed, ["notes"])
    meeting.minutes = minutes.strip()
    meeting.minutes_updated_at = timezone.now()
    meeting.minutes_updated_by = saved_by
    meeting.full_clean()
    meeting.save(update_fields=["minutes", "minutes_updated_at", "minutes_updated_by"])
    return meeting


def _may_own_actions(forum: Forum, user: User) -> bool:
    return selectors.is_forum_worker(forum=forum, user=user) or (
        Membership.objects.active().filter(group_id=forum.group_id, user=user).exists()
    )


@transaction.atomic
def action_add(
    *,
    meeting: Meeting,
    added_by: User,
    description: str,
    owner: User | None = None,
    owner_name: str = "",
    due_on: date | None = None,
    agenda_item: AgendaItem | None = None,
) -> MeetingAction:
    forum = meeting.forum
    require(added_by, "forums.manage_meetings", meeting)
    description = description.strip()
    if not description:
        raise ValidationError({"description": "Say what will be done."})
    if owner is not None and not _may_own_actions(forum, owner):
        raise ValidationError({"owner": "Choose a member or a worker of this forum."})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "That agenda item is from another meeting."})
    if due_on is not None and due_on < timezone.localdate(meeting.activity.starts_at):
        raise ValidationError({"due_on": "The date to finish by can't be before the meeting."})
    action = MeetingAction(
        meeting=meeting,
        agenda_item=agenda_item,
        description=description,
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
        created_by=added_by,
    )
    action.full_clean()
    action.save()
    if owner is not None and owner.pk != added_by.pk:
        due = f" by {date_format(due_on, 'j F Y')}" if due_on else ""
        notify(
            recipients=owner,
            kind="forums.action_given",
            title=f"An action for you from {forum.name}",
            body=f"At the meeting on {_when(meeting)} you agreed to: {description}{due}.",
            url=reverse("forums:meeting", args=[meeting.pk]),
        )
    return action


@transaction.atomic
def action_status_set(*, action: MeetingAction, status: str, changed_by: User) -> MeetingAction:
    action = (
        MeetingAction.objects.select_for_update(of=("self",))
        .select_related("meeting__forum")
        .get(pk=action.pk)
    )
    require(changed_by, "forums.manage_meetings", action)
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose to do, done or not going ahead."})
    if action.status != status:
        action.status_changed_at = timezone.now()
        ACTION_FLOW.move(
            action, ACTION_MOVE_TO[status], actor=changed_by, extra_fields=["status_changed_at"]
        )
    return action


def action_you_said_draft(action: MeetingAction) -> dict:
    """The plain arguments a "you said" item needs, taken from a meeting action: the whole
    hand-over to participation's "you said, we did" flow (see `action_raise_you_said`)."""
    meeting = action.meeting
    forum = meeting.forum
    body = action.description
    if action.agenda_item_id:
        body = f"{action.agenda_item.title}: {body}"
    return {
        "title": action.description[:200],
        "body": f"Raised by {forum.name} at its meeting on {_when(meeting)}. {body}",
        "group": forum.group,
        "source": "forum_meeting_action",
        "source_url": reverse("forums:meeting", args=[meeting.pk]),
        "topic": "other",
    }


@transaction.atomic
def action_raise_you_said(*, action: MeetingAction, raised_by: User) -> MeetingAction:
    """Raise a "you said" item from a meeting action, through participation's "you said"
    service, and remember which item it became (`you_said_item_id`)."""
    from participation.voice.services import item_raise

    action = (
        MeetingAction.objects.select_for_update(of=("self",))
        .select_related("meeting__forum__group", "meeting__activity", "agenda_item")
        .get(pk=action.pk)
    )
    require(raised_by, "forums.manage_meetings", action)
    if action.you_said_raised_at is not None:
        raise ValidationError('A "you said" item has already been raised from this action.')
    if not action.can_raise_you_said:
        raise ValidationError(
            'This action is not going ahead, so it can\'t raise a "you said" item.'
        )
    draft = action_you_said_draft(action)
    item = item_raise(
        raised_by=raised_by,
        topic=draft["topic"],
        title=draft["title"],
        text=draft["body"],
        source=draft["source"],
        group=draft["group"],
        source_url=draft["source_url"],
    )
    action.you_said_raised_at = timezone.now()
    action.you_said_raised_by = raised_by
    action.you_said_item_id = item.pk
    action.save(update_fields=["you_said_raised_at", "you_said_raised_by", "you_said_item_id"])
    audit(actor=raised_by, action="forums.action.raise_you_said", target=action)
    return action


def _officer_organisation(officer: User):
    assignment = (
        RoleAssignment.objects.filter(user=officer, role=Role.OFFICER)
        .select_related("organisation")
        .first()
    )
    return assignment.organisation if assignment else None


@transaction.atomic
def policy_item_propose(
    *, forum: Forum, brought_by: User, title: str, summary: str, questions: str
) -> PolicyItem:
    """An officer brings a policy or report to a forum for the young people's views."""
    require(brought_by, "forums.propose_policy_item", forum)
    item = PolicyItem(
        forum=forum,
        title=title.strip(),
        summary=summary.strip(),
        questions=questions.strip(),
        brought_by=brought_by,
        organisation=_officer_organisation(brought_by),
    )
    item.full_clean()
    item.save()
    _tell_workers(
        forum,
        kind="forums.policy_item_new",
        title=f"A policy item for {forum.name}: {item.title}",
        body=f"{brought_by.display_name} would like {forum.name}'s views. Put it on an agenda.",
        url=reverse("forums:policy_items"),
    )
    return item


@transaction.atomic
def policy_item_respond(
    *, policy_item: PolicyItem, responded_by: User, response: str
) -> PolicyItem:
    """Send the forum's views back to the officer who asked for them."""
    item = (
        PolicyItem.objects.select_for_update(of=("self",))
        .select_related("forum__group")
        .get(pk=policy_item.pk)
    )
    require(responded_by, "forums.respond_policy_item", item)
    response = response.strip()
    if not response:
        raise ValidationError({"response": "Write what the young people said."})
    item.response = response
    item.responded_by = responded_by
    item.responded_at = timezone.now()
    item.full_clean()
    POLICY_ITEM_FLOW.move(
        item,
        "answer",
        actor=responded_by,
        extra_fields=["response", "responded_by", "responded_at"],
    )
    notify(
        recipients=item.brought_by,
        kind="forums.policy_item_answered",
        title=f"{item.forum.name} has given its views on {item.title}",
        body=response[:500],
        url=reverse("forums:policy_items"),
    )
    return item
