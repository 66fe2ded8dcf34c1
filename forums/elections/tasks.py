"""Thin Celery tasks: take ids, call a service, safe to run twice."""

from celery import shared_task

from . import mixing, services
from .models import Election, ElectionStatus


@shared_task
def mix_ballot_boxes() -> int:
    """Every minute, whatever the number waiting: mix the boxes of open elections that have a
    waiting vote (see mixing.py)."""
    mixed = 0
    for pk in Election.objects.filter(status=ElectionStatus.OPEN).values_list("pk", flat=True):
        mixed += services.ballot_box_mix(election_id=pk)
    if mixed:
        mixing.vacuum_ballot_tables()
    return mixed


@shared_task
def close_due_elections() -> list[int]:
    return services.elections_close_due()


@shared_task
def vacuum_ballot_tables() -> None:
    mixing.vacuum_ballot_tables()
