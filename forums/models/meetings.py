from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow

from .forums import Forum, TaskGroup


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "Forum meeting"
    AGM = "agm", "Annual General Meeting (AGM)"
    WITH_BOARD = "with_board", "Meeting with a board"
    TASK_GROUP = "task_group", "Task group meeting"


class Meeting(models.Model):
    """A forum or task-group meeting. Sign-up, attendance, reminders and its rung on the ladder
    belong to the activity; this adds the forum's agenda, minutes and actions."""

    activity = models.OneToOneField(
        "participation.Activity", on_delete=models.CASCADE, related_name="forum_meeting"
    )
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    task_group = models.ForeignKey(
        TaskGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    minutes = models.TextField(blank=True)
    minutes_updated_at = models.DateTimeField(null=True, blank=True)
    minutes_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["activity__starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(task_group__isnull=True) | Q(kind="task_group"),
                name="task_group_meeting_has_task_group_kind",
            ),
        ]

    def __str__(self):
        return self.activity.title

    @property
    def title(self) -> str:
        return self.activity.title

    @property
    def starts_at(self):
        return self.activity.starts_at


class PolicyItemStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting to go on an agenda"
    ON_AGENDA = "on_agenda", "On a meeting agenda"
    ANSWERED = "answered", "The forum has given its views"


# A worker puts the item on an agenda, then sends the forum's views (and may send them again,
# changed, after another meeting).
POLICY_ITEM_FLOW = Workflow(
    "forums.policy_item",
    moves=[
        Move(
            "schedule",
            source=[PolicyItemStatus.PROPOSED],
            target=PolicyItemStatus.ON_AGENDA,
            permission="forums.manage_meetings",
        ),
        Move(
            "answer",
            source=[
                PolicyItemStatus.PROPOSED,
                PolicyItemStatus.ON_AGENDA,
                PolicyItemStatus.ANSWERED,
            ],
            target=PolicyItemStatus.ANSWERED,
            permission="forums.respond_policy_item",
        ),
    ],
)


class PolicyItem(models.Model):
    """A policy or report an officer brings to a forum for consultation. The forum's views go
    back to the officer, so young people are consulted as standard practice."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="policy_items")
    title = models.CharField(max_length=200)
    summary = models.TextField("what it is about, in plain words")
    questions = models.TextField("what you want the young people's views on")
    brought_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_policy_items"
    )
    organisation = models.ForeignKey(
        "participation.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        max_length=20, choices=PolicyItemStatus.choices, default=PolicyItemStatus.PROPOSED
    )
    created_at = models.DateTimeField(default=timezone.now)
    response = models.TextField("the forum's views", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class AgendaItemKind(models.TextChoices):
    DISCUSSION = "discussion", "Discussion"
    POLICY = "policy", "Policy item for consultation"
    UPDATE = "update", "Update"
    DECISION = "decision", "Decision"
    OTHER = "other", "Other"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.DISCUSSION
    )
    details = models.TextField(blank=True)
    policy_item = models.ForeignKey(
        PolicyItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    notes = models.TextField("what was said", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_agenda_slot"),
            models.CheckConstraint(
                condition=Q(policy_item__isnull=True) | Q(kind="policy"),
                name="policy_agenda_item_kind",
            ),
        ]

    def __str__(self):
        return self.title


class ActionStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    DROPPED = "dropped", "Not going ahead"


# The forum's workers mark an action done or not going ahead, and can open it again.
ACTION_FLOW = Workflow(
    "forums.meeting_action",
    moves=[
        Move(
            "finish",
            source=[ActionStatus.OPEN, ActionStatus.DROPPED],
            target=ActionStatus.DONE,
            permission="forums.manage_meetings",
        ),
        Move(
            "drop",
            source=[ActionStatus.OPEN, ActionStatus.DONE],
            target=ActionStatus.DROPPED,
            permission="forums.manage_meetings",
        ),
        Move(
            "reopen",
            source=[ActionStatus.DONE, ActionStatus.DROPPED],
            target=ActionStatus.OPEN,
            permission="forums.manage_meetings",
        ),
    ],
)
# Which move reaches each status, for the status form.
ACTION_MOVE_TO = {m.target: m.name for m in ACTION_FLOW.moves}


class MeetingAction(models.Model):
    """Something a meeting agreed someone will do. It can later raise a "you said" item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.TextField("what will be done")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_actions",
    )
    owner_name = models.CharField(
        "who will do it (if they are not on the portal)", max_length=150, blank=True
    )
    due_on = models.DateField("to be done by", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The intention to raise a "you said" item is recorded here; once participation/ has
    # "you said" items, `you_said_item_id` holds the item it became (see services/meetings.py).
    you_said_raised_at = models.DateTimeField(null=True, blank=True)
    you_said_raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    you_said_item_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        indexes = [
            models.Index(
                fields=["you_said_raised_at"],
                condition=Q(you_said_raised_at__isnull=False, you_said_item_id__isnull=True),
                name="action_you_said_waiting",
            )
        ]

    def __str__(self):
        return self.description[:60]

    @property
    def can_raise_you_said(self) -> bool:
        """Not raised yet, and still going ahead."""
        return self.you_said_raised_at is None and self.status != ActionStatus.DROPPED

    @property
    def who(self) -> str:
        if self.owner_id:
            return self.owner.first_name or self.owner.display_name
        return self.owner_name or "Not decided yet"
