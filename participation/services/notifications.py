"""One entry point for every notification: `notify(...)`.

The row is written in the caller's transaction, so an event that rolls back notifies nobody.
Each person chooses, per topic (`NotificationTopic`), how it reaches them: here only (the
default), an email at once, or a daily or weekly digest email. The choice is read when the row
is written, so one query serves every recipient of a fan-out.

Delivery is queued after commit, a hundred notifications a task; it is idempotent (the batch is
claimed with a locked, conditional UPDATE before any email goes), and a periodic sweep delivers
anything whose task never ran, so a broker outage loses nothing and a retry sends nothing twice.
Digests claim their rows the same way, per person, up to the last scheduled digest time, so a
digest task run twice (or late) sends each person one email.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from participation import request_cache
from participation.models import Delivery, Notification, NotificationChoice, NotificationTopic, User
from participation.models.notifications import DIGESTS, URGENT_KINDS, topic_of
from participation.schedules import DIGEST_HOUR, WEEKLY_DIGEST_WEEKDAY

logger = logging.getLogger(__name__)
DELIVERY_BATCH = 100


def _deliveries_for(user_ids: list[int], kind: str) -> dict[int, str]:
    """Each recipient's choice for this kind's topic; people with no row get the default."""
    chosen = dict(
        NotificationChoice.objects.filter(user_id__in=user_ids, kind=topic_of(kind)).values_list(
            "user_id", "delivery"
        )
    )
    if kind in URGENT_KINDS:  # never held back for a digest
        chosen = {u: Delivery.EMAIL_NOW if d in DIGESTS else d for u, d in chosen.items()}
    return chosen


def notify(
    *, recipients: User | Iterable[User], kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    users = [recipients] if isinstance(recipients, User) else list(recipients)
    if not users:
        return []
    chosen = _deliveries_for([u.pk for u in users], kind)
    rows = []
    for u in users:
        delivery = chosen.get(u.pk, Delivery.PORTAL)
        rows.append(
            Notification(
                user=u,
                kind=kind,
                title=title,
                body=body,
                url=url,
                wants_email=delivery == Delivery.EMAIL_NOW,
                digest=delivery if delivery in DIGESTS else "",
            )
        )
    rows = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in rows]
    request_cache.forget_unread(users)

    transaction.on_commit(lambda: queue_delivery(ids))
    return rows


def queue_delivery(ids: list[int]) -> None:
    """One delivery task per DELIVERY_BATCH notifications: an answer to 10,000 followers is
    100 tasks, each sending its emails over one mail connection, not 10,000 tasks."""
    from participation.tasks import deliver_notification

    for start in range(0, len(ids), DELIVERY_BATCH):
        batch = ids[start : start + DELIVERY_BATCH]
        try:
            deliver_notification.delay(batch)
        except Exception:  # broker down: the sweep will deliver them later
            logger.warning("Could not queue %s notifications; the sweep will send them", len(batch))


def notifications_deliver(*, notification_ids: list[int]) -> int:
    """Deliver these notifications; returns how many were delivered now. Safe to call any number
    of times: each email is sent at most once. The batch is claimed in one transaction (rows
    another delivery holds are skipped), then its emails go over one mail connection; an email
    that fails is given back for the retry or the sweep, and the first failure is raised after
    the rest are sent."""
    now = timezone.now()
    waiting = Notification.objects.filter(pk__in=notification_ids, delivered_at__isnull=True)
    waiting.update(delivery_attempts=F("delivery_attempts") + 1)
    with transaction.atomic():
        rows = list(
            waiting.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .order_by("pk")
        )
        to_email = {n.pk for n in rows if n.wants_email and n.emailed_at is None}
        claimed = Notification.objects.filter(
            pk__in=to_email, emailed_at__isnull=True, delivered_at__isnull=True
        ).update(emailed_at=now, delivered_at=now)
        contended = claimed != len(to_email)
        if contended:
            transaction.set_rollback(True)
        else:
            Notification.objects.filter(
                pk__in=[n.pk for n in rows if n.pk not in to_email], delivered_at__isnull=True
            ).update(delivered_at=now)
    if contended:
        # Another delivery got there first (SQLite has no row locks to skip): one at a time,
        # each claimed on its own.
        return sum(notification_deliver(notification_id=n.pk) for n in rows)
    failures = []
    emails = [n for n in rows if n.pk in to_email]
    if emails:
        with get_connection() as connection:
            for notification in emails:
                try:
                    _send_email(notification, connection=connection)
                except Exception as error:
                    failures.append((notification.pk, error))
    if failures:
        # Given back, so the retry (or the sweep) sends them; the rest are not sent again.
        Notification.objects.filter(pk__in=[pk for pk, _ in failures]).update(
            emailed_at=None, delivered_at=None
        )
        raise failures[0][1]
    return len(rows)


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


def _send_email(notification: Notification, connection=None) -> None:
    link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
    send_mail(
        subject=f"[Youth Voice] {notification.title}",
        message=f"{notification.body}{link}\n\n{_change_line()}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.user.email],
        connection=connection,
    )


def _change_line() -> str:
    return (
        "You chose to get these emails. To stop them or change them, go to "
        f"{settings.SITE_URL}{reverse('notifications')}"
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


# --- Choices ------------------------------------------------------------------------------------


@transaction.atomic
def notification_choices_set(*, user: User, choices: dict[str, str]) -> dict[str, str]:
    """Save how this person wants each topic they chose for (topics left out keep their
    choice). Notifications still waiting for a digest follow the new choice: into the other
    digest, or out of digests altogether (they are already here on the website)."""
    errors = {}
    for topic, delivery in choices.items():
        if topic not in NotificationTopic.values:
            errors[topic] = "There is no kind of notification with that name."
        elif delivery not in Delivery.values:
            errors[topic] = f"Choose how you want {NotificationTopic(topic).label.lower()}."
    if errors:
        raise ValidationError(errors)
    for topic, delivery in choices.items():
        NotificationChoice.objects.update_or_create(
            user=user, kind=topic, defaults={"delivery": delivery}
        )
    waiting = Notification.objects.filter(user=user, digest_sent_at__isnull=True).exclude(digest="")
    moves = defaultdict(list)
    for pk, kind, digest in waiting.values_list("pk", "kind", "digest"):
        delivery = choices.get(topic_of(kind))
        if delivery is not None and delivery != digest:
            moves[delivery if delivery in DIGESTS else ""].append(pk)
    for digest, pks in moves.items():
        Notification.objects.filter(pk__in=pks).update(digest=digest)
    from participation.selectors import notification_choices_for

    return notification_choices_for(user=user)


def notification_preference_set(*, user: User, email_enabled: bool) -> dict[str, str]:
    """One switch for everything: every topic by email at once, or every topic here only."""
    delivery = Delivery.EMAIL_NOW if email_enabled else Delivery.PORTAL
    return notification_choices_set(
        user=user, choices=dict.fromkeys(NotificationTopic.values, delivery)
    )


# --- Digests ------------------------------------------------------------------------------------


def digest_cutoff(*, cadence: str, now: datetime | None = None) -> datetime:
    """The last time this digest was due (DIGEST_HOUR local time, every day or every
    WEEKLY_DIGEST_WEEKDAY). A digest holds what was written before it, so every run between
    two due times sends the same rows: once."""
    local = timezone.localtime(now or timezone.now())
    due = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if cadence == Delivery.DAILY:
        if due > local:
            due -= timedelta(days=1)
    elif cadence == Delivery.WEEKLY:
        due -= timedelta(days=(local.weekday() - WEEKLY_DIGEST_WEEKDAY) % 7)
        if due > local:
            due -= timedelta(days=7)
    else:
        raise ValueError(f"not a digest: {cadence!r}")
    return due  # same-zone arithmetic keeps DIGEST_HOUR on the clock across a clock change


def digests_send(*, cadence: str) -> int:
    """Send each person one email with everything waiting for this digest. Returns how many
    people were sent one. Raises at the end if any send failed (after sending the rest), so
    the task retries: those rows were given back, and the others are not sent again."""
    cutoff = digest_cutoff(cadence=cadence)
    due = Notification.objects.filter(
        digest=cadence, digest_sent_at__isnull=True, created_at__lt=cutoff
    )
    user_ids = list(due.order_by("user_id").values_list("user_id", flat=True).distinct())
    sent, failed = 0, []
    for user_id in user_ids:
        try:
            sent += _digest_send_one(due.filter(user_id=user_id), cadence=cadence)
        except Exception:
            logger.exception("Could not send the %s digest to user %s", cadence, user_id)
            failed.append(user_id)
    if failed:
        raise RuntimeError(f"{len(failed)} {cadence} digests failed; they will be tried again")
    return sent


def _digest_send_one(rows, *, cadence: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        # A second run at the same moment skips rows this one holds (PostgreSQL) or waits for
        # its commit and then claims nothing (SQLite, which has one writer).
        ids = list(
            rows.select_for_update(skip_locked=True)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
        )
        claimed = Notification.objects.filter(pk__in=ids, digest_sent_at__isnull=True).update(
            digest_sent_at=now
        )
        if not ids or claimed != len(ids):
            transaction.set_rollback(True)
            return False
    notes = list(
        Notification.objects.filter(pk__in=ids).select_related("user").order_by("created_at", "id")
    )
    try:
        _send_digest(notes, cadence=cadence)
    except Exception:
        Notification.objects.filter(pk__in=ids, digest_sent_at=now).update(digest_sent_at=None)
        raise
    return True


def _send_digest(notes: list[Notification], *, cadence: str) -> None:
    person = notes[0].user
    when = "today" if cadence == Delivery.DAILY else "this week"
    count = "1 new thing" if len(notes) == 1 else f"{len(notes)} new things"
    lines = [f"Hello {person.first_name or 'there'},", "", f"Here is what is new for you {when}:"]
    for note in notes:
        lines += ["", f"* {note.title}"]
        if note.body:
            lines.append(f"  {note.body}")
        if note.url:
            lines.append(f"  {settings.SITE_URL}{note.url}")
    lines += ["", _change_line()]
    send_mail(
        subject=f"[Youth Voice] {count} for you {when}",
        message="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[person.email],
    )
