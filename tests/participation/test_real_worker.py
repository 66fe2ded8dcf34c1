"""A task goes through a real Celery worker and Redis, and its effect is seen in the database."""

import secrets

import pytest

from participation.models import AuditEvent, Notification
from participation.services import notify
from participation.tasks import deliver_notification, ping_task
from tests.realworker import real_worker, route_to, wait_for  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_task_runs_in_a_real_worker_through_redis(real_worker):  # noqa: F811
    marker = secrets.token_hex(8)
    ping_task.apply_async(args=[marker], queue=real_worker.queue)
    assert wait_for(
        lambda: AuditEvent.objects.filter(action="worker.ping", detail__marker=marker).exists()
    ), "the worker did not run the task within a minute"


def test_a_notification_is_delivered_by_the_real_worker(real_worker, young_person, monkeypatch):  # noqa: F811
    route_to(monkeypatch, deliver_notification, real_worker)
    [notification] = notify(recipients=young_person, kind="test", title="From the worker")
    assert wait_for(
        lambda: Notification.objects.get(pk=notification.pk).delivered_at is not None
    ), "the worker did not deliver the notification within a minute"
