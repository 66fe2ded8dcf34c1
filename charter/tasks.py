"""Thin Celery tasks: each calls one service, which claims its rows, so a run twice acts once."""

from celery import shared_task

from charter import services


@shared_task
def send_renewal_reminders() -> int:
    return services.renewal_reminders_send()


@shared_task
def escalate_renewals() -> int:
    return services.renewals_escalate()


@shared_task
def lapse_memberships() -> int:
    return services.memberships_lapse_due()
