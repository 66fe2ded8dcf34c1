from .accounts import AgeBand, ParentalConsent, Role, RoleAssignment, User
from .audit import AuditEvent
from .groups import Group, GroupKind, Membership, Organisation, OrganisationKind
from .notifications import Notification, NotificationPreference

__all__ = [
    "AgeBand",
    "AuditEvent",
    "Group",
    "GroupKind",
    "Membership",
    "Notification",
    "NotificationPreference",
    "Organisation",
    "OrganisationKind",
    "ParentalConsent",
    "Role",
    "RoleAssignment",
    "User",
]
