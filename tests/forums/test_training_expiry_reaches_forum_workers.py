"""A training expiry note reaches the workers who run the young person's forum, through the
forum's real worker relation (`Forum.workers`), and a task group's members reach the workers of
the forum it belongs to."""

from datetime import date

import pytest
import time_machine

from participation import services
from participation.models import Notification
from participation.tasks import send_training_expiry_notes
from tests.factories import WorkerFactory, YoungPersonFactory
from tests.participation.training.helpers import make_module

from .factories import ForumFactory, TaskGroupFactory, member_of, worker_of

pytestmark = pytest.mark.django_db


def _expiring_for(person):
    reviewer = make_module(title="Pay it Forward reviewer", valid_for_months=12)
    services.training_group_signoff(
        module=reviewer,
        people=[person],
        signed_off_by=WorkerFactory(),
        completed_on=date(2025, 6, 1),
    )
    with time_machine.travel(date(2026, 5, 10), tick=False):
        assert send_training_expiry_notes.delay().get() == 1


def _told_workers():
    return set(
        Notification.objects.filter(kind="training.expiring_worker").values_list(
            "user_id", flat=True
        )
    )


def test_the_forums_own_workers_are_told():
    forum = ForumFactory(name="Youth Council")
    other_forum = ForumFactory(name="B-Safe Team")
    kai = YoungPersonFactory(first_name="Kai")
    member_of(forum, kai, started_on=date(2025, 1, 1))

    _expiring_for(kai)

    told = _told_workers()
    assert worker_of(forum).pk in told
    assert worker_of(other_forum).pk not in told


def test_a_task_groups_members_reach_the_workers_of_its_forum():
    forum = ForumFactory(name="Youth Council")
    task_group = TaskGroupFactory(forum=forum)
    kai = YoungPersonFactory(first_name="Kai")
    member_of(task_group.group, kai, started_on=date(2025, 1, 1))

    _expiring_for(kai)

    assert worker_of(forum).pk in _told_workers()
