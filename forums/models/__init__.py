from .forums import CareStatus, CareStatusKind, CareStatusNeeded, Forum, JoinRoute, TaskGroup
from .joining import Application, ApplicationStatus, Nomination, NominationStatus
from .meetings import (
    ActionStatus,
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingAction,
    MeetingKind,
    PolicyItem,
    PolicyItemStatus,
)
from .roles import MEMBER_ROLE_LABELS, OFFICE_ROLES, MemberRole

__all__ = [
    "MEMBER_ROLE_LABELS",
    "OFFICE_ROLES",
    "ActionStatus",
    "AgendaItem",
    "AgendaItemKind",
    "Application",
    "ApplicationStatus",
    "CareStatus",
    "CareStatusKind",
    "CareStatusNeeded",
    "Forum",
    "JoinRoute",
    "Meeting",
    "MeetingAction",
    "MeetingKind",
    "MemberRole",
    "Nomination",
    "NominationStatus",
    "PolicyItem",
    "PolicyItemStatus",
    "TaskGroup",
]
