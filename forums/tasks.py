"""Thin Celery tasks: they call a service, and are safe to run twice."""

from celery import shared_task

from forums import services


@shared_task
def send_nomination_reminders() -> int:
    """Periodic: one reminder to young people who haven't answered a nomination after a week."""
    return services.nomination_reminders_send()
