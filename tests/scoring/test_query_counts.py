"""The panel reads run the same number of queries at 1 item and at 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation.scoring import selectors, services
from tests.scoring.factories import World

pytestmark = pytest.mark.django_db


def _fill(w, n):
    for i in range(len(w.items) + 1, n + 1):
        w.items.append(
            services.item_add(panel=w.panel, ref=f"grants.application:{i}", label=f"PIF-{i:03}")
        )
    for k, item in enumerate(w.items):
        w.send(w.amira, item, k % 6, None, 3)
        w.send(w.jordan, item, 5 - k % 6, 2, 3)
        if k % 3:
            services.conflict_declare(actor=w.kai, item=item, reason="I know them")
        else:
            w.send(w.kai, item, 1, 1, 1)
        if k % 4 == 0:
            services.score_moderate(
                actor=w.worker, item=item, criterion=w.criteria[0], value=3, reason="Agreed"
            )


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


READS = {
    "progress": lambda w: selectors.progress(w.panel),
    "results": lambda w: selectors.results(w.panel, viewer=w.worker),
    "results_table": lambda w: selectors.results_table(w.panel, viewer=w.worker),
    "behind": lambda w: selectors.behind(w.panel),
    "items_for": lambda w: selectors.items_for(w.amira, w.panel),
    "ranking_inputs": lambda w: selectors.ranking_inputs(w.panel),
}


BUDGET = {
    "progress": 2,
    "results": 10,
    "results_table": 12,
    "behind": 5,
    "items_for": 4,
    "ranking_inputs": 5,
}


def _world(n):
    w = World(items=1, tag=f" ({n})")
    _fill(w, n)
    # A fresh copy of the viewers, as a new request would have (nothing cached on them).
    from participation.models import User

    w.worker = User.objects.get(pk=w.worker.pk)
    w.amira = User.objects.get(pk=w.amira.pk)
    return w


@pytest.mark.parametrize("read", sorted(READS))
def test_flat_at_1_and_50_items(read):
    small = _world(1)
    small_count = _queries(lambda: READS[read](small))
    large = _world(50)
    assert len(large.items) == 50
    large_count = _queries(lambda: READS[read](large))
    result = READS[read](large)
    assert small_count == large_count, f"{read}: {small_count} queries at 1, {large_count} at 50"
    if read == "results":
        assert len(result) == 50 and all(r.total is not None for r in result)
    # The numbers themselves, so a change that adds queries is a decision, not an accident.
    assert small_count <= BUDGET[read], f"{read}: {small_count} queries"
