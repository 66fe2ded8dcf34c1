"""Races in real concurrent transactions on PostgreSQL: each thread has its own connection.
A panellist with two tabs open must never end up with two sheets, a sent sheet whose scores
changed after it was sent, or both a conflict and sent scores for the same item."""

import pytest
from django.db import connection

from participation.models import User
from participation.scoring import services
from participation.scoring.models import Conflict, Score, Sheet, SheetStatus
from tests.concurrency import race
from tests.scoring.factories import World

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (real concurrent transactions)")
    return World(items=1)


def _as(user):
    """A fresh copy of the user, as each request would load it."""
    return User.objects.get(pk=user.pk)


def test_two_first_saves_at_once_make_one_sheet(world):
    w = world

    def save(value):
        return lambda: services.sheet_save(
            actor=_as(w.amira), item=w.item, scores=w.scores(value, value, value)
        )

    outcomes = race([save(1), save(2)])
    assert [o[0] for o in outcomes] == ["ok", "ok"], outcomes
    sheet = Sheet.objects.get(person=w.amira)
    assert Score.objects.filter(sheet=sheet).count() == 3
    assert len(set(Score.objects.filter(sheet=sheet).values_list("value", flat=True))) == 1


def test_a_save_racing_a_send_never_changes_sent_scores(world):
    w = world
    services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(3, 3, 3))
    outcomes = race(
        [
            lambda: services.sheet_submit(actor=_as(w.amira), item=w.item),
            lambda: services.sheet_save(actor=_as(w.amira), item=w.item, scores=w.scores(5, 5, 5)),
        ]
    )
    assert outcomes[0][0] == "ok", outcomes
    sheet = Sheet.objects.get(person=w.amira)
    assert sheet.status == SheetStatus.SUBMITTED
    values = set(Score.objects.filter(sheet=sheet).values_list("value", flat=True))
    if outcomes[1][0] == "ok":  # the save went first, then the send sent it
        assert values == {5}
    else:
        assert outcomes[1] == ("refused", services.ALREADY_SENT)
        assert values == {3}


def test_a_conflict_racing_a_send_leaves_one_or_the_other(world):
    w = world
    services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(3, 3, 3))
    outcomes = race(
        [
            lambda: services.sheet_submit(actor=_as(w.amira), item=w.item),
            lambda: services.conflict_declare(
                actor=_as(w.amira), item=w.item, reason="I know who applied"
            ),
        ]
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    sent = Sheet.objects.filter(person=w.amira, status=SheetStatus.SUBMITTED).exists()
    conflicted = Conflict.objects.filter(person=w.amira).exists()
    assert sent != conflicted
