"""Thin Celery tasks: they take ids, re-read, and call a service. Safe to run twice."""

from celery import shared_task

from participation.services import notifications


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def deliver_notification(self, notification_ids: list[int] | int) -> int:
    """Delivers a batch of notifications (one id: a task queued before batches existed)."""
    if isinstance(notification_ids, int):
        notification_ids = [notification_ids]
    return notifications.notifications_deliver(notification_ids=notification_ids)


@shared_task
def sweep_undelivered_notifications() -> int:
    """Periodic: delivers notifications whose delivery task was lost or never queued."""
    ids = notifications.undelivered_ids()
    notifications.queue_delivery(ids)
    return len(ids)


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_daily_digests(self) -> int:
    """Periodic: one email a day to each person with what waits for their daily digest."""
    return notifications.digests_send(cadence="daily")


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_weekly_digests(self) -> int:
    """Periodic: one email a week to each person with what waits for their weekly digest."""
    return notifications.digests_send(cadence="weekly")


@shared_task
def ping_task(marker: str) -> str:
    """Used by the worker health test: its effect is a row the test can see."""
    from participation.services import audit

    audit(actor=None, action="worker.ping", marker=marker)
    return marker


@shared_task
def send_activity_reminders() -> int:
    """Periodic: the day-before reminder to everyone with a place. Reminds each person once."""
    from participation.services import activity_reminders_send

    return activity_reminders_send()


@shared_task
def send_training_expiry_notes() -> int:
    """Periodic: tells a person and their worker when a completion runs out within 30 days."""
    from participation.services import training_expiry_notes_send

    return training_expiry_notes_send()
