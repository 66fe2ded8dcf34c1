"""Every public write service of the scoring engine refuses an actor without the permission, in
the permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

import pytest

from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Group
from participation.scoring import services
from participation.scoring.models import (
    Conflict,
    Criterion,
    ModeratedScore,
    Panel,
    Panellist,
    Ranking,
    Rubric,
    Score,
    Sheet,
)
from tests.scoring.factories import World

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.sent = self.send(self.jordan, self.items[1], 3, 3, 3)


CASES = {
    services.rubric_create: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.amira, name="Mine", criteria=[{"title": "t", "weight": 1}]),
    ),
    services.panel_create: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.amira, name="Mine", rubric=w.rubric, unlock="grant_reviewer"),
    ),
    services.panel_update: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.jordan, panel=w.panel, deadline=None, name="Renamed"),
    ),
    services.panellist_add: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.amira, panel=w.panel, person=w.amira),
    ),
    services.panellist_remove: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.amira, panellist=w.panellists[1]),
    ),
    services.panel_close: ("scoring.manage_panel", lambda w: dict(actor=w.kai, panel=w.panel)),
    services.panel_reopen: ("scoring.manage_panel", lambda w: dict(actor=w.kai, panel=w.panel)),
    services.conflict_declare: (
        "scoring.declare_conflict",
        lambda w: dict(actor=w.sam, item=w.item, reason="I want to see the scores"),
    ),
    services.sheet_save: (
        "scoring.score",
        lambda w: dict(actor=w.sam, item=w.item, scores=w.scores(5, 5, 5)),
    ),
    services.sheet_submit: (
        "scoring.score",
        lambda w: dict(actor=w.sam, item=w.item, scores=w.scores(5, 5, 5)),
    ),
    services.sheet_return: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.jordan, sheet=w.sent, reason="I want to change it"),
    ),
    services.score_moderate: (
        "scoring.moderate",
        lambda w: dict(
            actor=w.jordan, item=w.items[1], criterion=w.criteria[0], value=5, reason="Mine"
        ),
    ),
    services.ranking_record: (
        "scoring.manage_panel",
        lambda w: dict(actor=w.amira, panel=w.panel),
    ),
}

COVERED = set(CASES)

EXEMPT = {
    services.item_add: "called by an app's own service (grants, commissioning), which has "
    "already checked its own permission to put the thing in front of a panel",
    services.item_for: "a read (finds an item by its reference), not a write",
    services.rubric_check_weights: "a check that writes nothing: it says whether the weights "
    "add up",
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Rubric.objects.count(),
        Criterion.objects.count(),
        tuple(Panel.objects.values_list("name", "status", "deadline")),
        Group.objects.count(),
        Panellist.objects.count(),
        Conflict.objects.count(),
        tuple(Sheet.objects.order_by("pk").values_list("status", "submitted_at", "updated_at")),
        tuple(Score.objects.order_by("pk").values_list("value", "comment")),
        ModeratedScore.objects.count(),
        Ranking.objects.count(),
    )


@pytest.mark.parametrize(
    "service", sorted(CASES, key=lambda s: s.__name__), ids=lambda s: s.__name__
)
def test_an_actor_without_the_permission_is_refused_in_plain_words(service):
    world = RefusalWorld()
    perm, call = CASES[service]
    before = _counts()
    with pytest.raises(Refused) as refused:
        service(**call(world))
    assert refused.value.code == "forbidden"
    assert refused.value.messages == [refusal_for(perm)]
    assert _counts() == before


def test_every_refusal_is_plain_words_not_the_default():
    for perm, _call in CASES.values():
        assert refusal_for(perm) != "You don't have permission to do this.", perm
