"""Thin Celery tasks: each calls one service, which claims its rows, so a run twice acts once."""

from celery import shared_task

from commissioning import services


@shared_task
def send_panel_reminders() -> int:
    return services.reminders_send()


@shared_task
def erase_candidates_due() -> int:
    return services.candidates_erase_due()
