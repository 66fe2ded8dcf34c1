"""One entry point for every notification: `notify(...)`.

The row is written in the caller's transaction, so an event that rolls back notifies nobody.
Delivery is queued after commit; it is idempotent (claiming the email with a conditional UPDATE),
and a periodic sweep delivers anything whose task never ran, so a broker outage loses nothing
and a retry sends nothing twice.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from participation import request_cache
from participation.models import Notification, NotificationPreference, User

logger = logging.getLogger(__name__)


def _email_wanted_by(user_ids: list[int]) -> set[int]:
    return set(
        NotificationPreference.objects.filter(user_id__in=user_ids, email_enabled=True).values_list(
            "user_id", flat=True
        )
    )


def notify(
    *, recipients: User | Iterable[User], kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    users = [recipients] if isinstance(recipients, User) else list(recipients)
    if not users:
        return []
    wants_email = _email_wanted_by([u.pk for u in users])
    rows = Notification.objects.bulk_create(
        Notification(
            user=u, kind=kind, title=title, body=body, url=url, wants_email=u.pk in wants_email
        )
        for u in users
    )
    ids = [n.pk for n in rows]
    request_cache.forget_unread(users)

    def queue():
        from participation.tasks import deliver_notification

        for pk in ids:
            try:
                deliver_notification.delay(pk)
            except Exception:  # broker down: the sweep will deliver it later
                logger.warning("Could not queue notification %s; the sweep will send it", pk)

    transaction.on_commit(queue)
    return rows


def notification_deliver(*, notification_id: int) -> bool:
    """Deliver one notification. Safe to call any number of times: sends at most one email."""
    Notification.objects.filter(pk=notification_id).update(
        delivery_attempts=F("delivery_attempts") + 1
    )
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.delivered_at is not None:
        return False
    now = timezone.now()
    if notification.wants_email and notification.emailed_at is None:
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=now
        )
        if not claimed:
            return False
        try:
            _send_email(notification)
        except Exception:
            # Give the claim back so the retry (or the sweep) can try again.
            Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
            raise
    Notification.objects.filter(pk=notification.pk, delivered_at__isnull=True).update(
        delivered_at=now
    )
    return True


def _send_email(notification: Notification) -> None:
    link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
    send_mail(
        subject=f"[Youth Voice] {notification.title}",
        message=f"{notification.body}{link}\n\nYou can stop these emails in your settings.",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.user.email],
    )


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them when no id is given."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    request_cache.forget_unread([user])
    return rows.update(read_at=timezone.now())


def undelivered_ids(*, older_than_seconds: int = 60, limit: int = 500) -> list[int]:
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        Notification.objects.filter(delivered_at__isnull=True, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def notification_preference_set(*, user: User, email_enabled: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": email_enabled}
    )
    return preference
