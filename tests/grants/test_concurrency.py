"""Two awards decided at the same moment on PostgreSQL, each in its own transaction, that
together would go over the round's budget: one is made, the other refused in plain words."""

import pytest
from django.db import connection

from grants import services
from grants.models import Application, ApplicationStatus, Award
from participation.models import User
from tests.concurrency import race
from tests.grants.factories import World

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (real concurrent transactions)")


def test_two_awards_at_once_that_together_exceed_the_budget(postgresql_only):
    w = World(budget="1000")
    first = w.reviewed(w.submitted(amount="600", lines=[("Wool", "600")]))
    second = w.reviewed(w.submitted(w.other, title="Games", amount="600", lines=[("Games", "600")]))
    for application in (first, second):
        services.consent_confirm(actor=w.worker, application=application, how="Phone")
    worker_id = w.worker.pk

    def decide(application_id):
        def call():
            return services.application_decide(
                actor=User.objects.get(pk=worker_id),
                application=Application.objects.get(pk=application_id),
                outcome="award",
                reason="Yes.",
            ).pk

        return call

    outcomes = race([decide(first.pk), decide(second.pk)])
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    [words] = [text for kind, text in outcomes if kind == "refused"]
    assert words == "There is only £400 left in this round's budget, so the panel can't award £600."
    assert Award.objects.count() == 1
    assert sum(a.amount for a in Award.objects.all()) == 600
    assert sorted(Application.objects.values_list("status", flat=True)) == [
        ApplicationStatus.AWARDED,
        ApplicationStatus.SUBMITTED,
    ]
