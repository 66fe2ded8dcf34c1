"""Thin Celery tasks: they call a service, and are safe to run twice."""

from celery import shared_task

from forums import services


@shared_task
def send_nomination_reminders() -> int:
    """Periodic: one reminder to young people who haven't answered a nomination after a week."""
    return services.nomination_reminders_send()


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_annual_report_email(self, recipient_id: int, link_version: int) -> bool:
    """Emails one recipient the link to an annual report. Sends once, however often it runs."""
    from forums.services.year import annual_report_email_deliver

    return annual_report_email_deliver(recipient_id=recipient_id, link_version=link_version)


@shared_task
def sweep_annual_report_emails() -> int:
    """Periodic: queues again any annual report link whose email task was lost."""
    from forums.services.year import annual_report_emails_sweep

    return annual_report_emails_sweep()
