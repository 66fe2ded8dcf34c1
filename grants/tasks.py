"""Thin Celery tasks: each calls one service (grants/services.py)."""

from celery import shared_task

from . import services


@shared_task
def send_review_reminders() -> int:
    return services.review_reminders_send()


@shared_task
def send_visit_reminders() -> int:
    return services.visit_reminders_send()
