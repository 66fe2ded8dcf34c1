"""A note to the person and their worker when a training completion is about to run out."""

from datetime import date

import pytest
import time_machine

from participation import services
from participation.models import Notification
from participation.tasks import send_training_expiry_notes

from .helpers import a_worker, make_module, young

pytestmark = pytest.mark.django_db


def test_the_person_and_their_worker_are_told_once_before_it_runs_out():
    worker = a_worker()
    reviewer = make_module(title="Pay it Forward reviewer", valid_for_months=12)
    kai = young(first_name="Kai", last_name="")
    services.training_group_signoff(
        module=reviewer, people=[kai], signed_off_by=worker, completed_on=date(2025, 6, 1)
    )

    with time_machine.travel(date(2026, 4, 20), tick=False):  # 42 days before: too early
        assert send_training_expiry_notes.delay().get() == 0
    with time_machine.travel(date(2026, 5, 10), tick=False):  # 22 days before
        assert send_training_expiry_notes.delay().get() == 1
        assert send_training_expiry_notes.delay().get() == 0

    mine = Notification.objects.get(user=kai)
    assert mine.title == "Your Pay it Forward reviewer training is only valid until 31 May 2026"
    workers = Notification.objects.filter(kind="training.expiring_worker")
    assert {n.user_id for n in workers} == {worker.pk}
    assert workers.first().title == (
        "Kai's Pay it Forward reviewer training is only valid until 31 May 2026"
    )


def test_nobody_is_told_when_they_have_already_done_the_refresher():
    worker = a_worker()
    reviewer = make_module(valid_for_months=12)
    kai = young()
    for day in (date(2025, 6, 1), date(2026, 5, 1)):
        services.training_group_signoff(
            module=reviewer, people=[kai], signed_off_by=worker, completed_on=day
        )
    with time_machine.travel(date(2026, 5, 10), tick=False):
        assert send_training_expiry_notes.delay().get() == 0
    assert not Notification.objects.exists()
