"""Thin Celery tasks: each calls one service, which claims its rows, so a run twice sends once."""

from celery import shared_task

from participation.voice import services


@shared_task
def send_officer_reminders() -> int:
    return services.officer_reminders_send()


@shared_task
def escalate_overdue_items() -> int:
    return services.overdue_items_escalate()


@shared_task
def send_check_back_reminders() -> int:
    return services.check_back_reminders_send()


@shared_task
def close_due_consultations() -> int:
    return services.consultations_close_due()


@shared_task
def send_consultation_closing_reminders() -> int:
    return services.consultation_closing_reminders_send()


@shared_task
def send_session_feedback_reminders() -> int:
    return services.session_feedback_reminders_send()
