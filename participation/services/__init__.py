"""Every write in the base app goes through a function here."""

from .accounts import (
    consent_record,
    role_grant,
    role_revoke,
    user_signup_details_set,
    young_person_create_by_worker,
)
from .audit import audit
from .notifications import (
    notification_deliver,
    notification_mark_read,
    notification_preference_set,
    notify,
)

__all__ = [
    "audit",
    "consent_record",
    "notification_deliver",
    "notification_mark_read",
    "notification_preference_set",
    "notify",
    "role_grant",
    "role_revoke",
    "user_signup_details_set",
    "young_person_create_by_worker",
]
