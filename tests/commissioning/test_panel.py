"""The panel on the scoring engine: trained evaluators, conflict forms, blind scoring, progress
without scores for the worker, moderation, weighted totals and ranking worked out by hand, the
Dragon's Den combined by stated weights, the decision, and reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from commissioning import results as mix
from commissioning import services
from commissioning.models import Reminder, Stage
from commissioning.services.panels import FILL_IN_FORM_FIRST
from participation.access import Refused
from participation.models import AuditEvent, Notification
from participation.scoring import services as scoring
from participation.scoring.permissions import CONFLICTED
from participation.scoring.selectors import progress, results, visible_sheets
from tests.commissioning.factories import Evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def e():
    evaluation = Evaluation()
    yield evaluation
    evaluation.stop()


def test_scoring_starts_only_after_the_close_with_an_item_per_sent_bid(e):
    assert e.round.stage == Stage.EVALUATION
    labels = sorted(i.label for i in e.panel.items.all())
    assert labels == ["Bid 1: Bilston Youth Project", "Bid 2: Kooth", "Bid 3: The Base Wellbeing"]
    assert e.panel.unlock == "commissioning_evaluator" and e.panel.blind


def test_an_untrained_young_person_cannot_join_or_score(e):
    with pytest.raises(ValidationError) as error:
        scoring.panellist_add(actor=e.worker, panel=e.panel, person=e.untrained)
    assert "training" in str(error.value)
    item = e.item(e.bids[0])
    with pytest.raises(Refused):
        services.declaration_make(actor=e.untrained, item=item, has_conflict=False)
    with pytest.raises(Refused):
        services.scores_save(actor=e.untrained, item=item, scores={})


def test_nobody_scores_before_filling_in_the_conflict_form(e):
    item = e.item(e.bids[0])
    with pytest.raises(ValidationError) as error:
        services.scores_save(actor=e.evaluators[0], item=item, scores={})
    assert error.value.messages == [FILL_IN_FORM_FIRST]


def test_a_conflicted_panellist_cannot_score_that_bid(e):
    item = e.item(e.bids[0])
    services.declaration_make(
        actor=e.evaluators[0], item=item, has_conflict=True, reason="My aunt works there."
    )
    with pytest.raises(Refused) as refused:
        e.score(e.evaluators[0], e.bids[0], [4, 4, 4])
    assert refused.value.messages == [CONFLICTED]
    # They can still score the others.
    e.score(e.evaluators[0], e.bids[1], [2, 2, 2])


def test_a_conflict_needs_a_reason(e):
    with pytest.raises(ValidationError):
        services.declaration_make(
            actor=e.evaluators[0], item=e.item(e.bids[0]), has_conflict=True, reason=""
        )


def test_blind_until_sent_and_the_worker_sees_progress_not_scores(e):
    jordan, ruby = e.evaluators
    item = e.item(e.bids[0])
    e.score(ruby, e.bids[0], [3, 3, 3])
    e.score(jordan, e.bids[0], [1, 1, 1], send=False)
    # Jordan has a draft: only his own sheet.
    assert [s.person for s in visible_sheets(jordan, item)] == [jordan]
    assert visible_sheets(e.worker, item) == []
    assert results(e.panel, viewer=e.worker) is None
    row = next(r for r in progress(e.panel) if r.item == item)
    assert (row.submitted, row.drafts, row.missing) == (1, 1, 1)
    e.score(jordan, e.bids[0], [1, 1, 1])
    assert {s.person for s in visible_sheets(jordan, item)} == {jordan, ruby}


def test_hand_worked_totals_with_na_and_a_moderated_score(e):
    e.score_hand_worked()
    a, b, c = (e.item(bid) for bid in e.bids)
    ranked = {r.item: r for r in results(e.panel, viewer=e.worker)}
    # Weights 50/30/20 on 0-4. A: 4, n/a, 3 -> (50*4/4 + 20*3/4) / 70 * 100 = 92.86.
    assert ranked[a.ref].total == Decimal("92.86")
    # B: criterion 1 is 1 and 4 (spread 3: flagged); mean 2.5 -> 31.25 + 15 + 15 = 61.25.
    assert ranked[b.ref].total == Decimal("61.25")
    first = ranked[b.ref].criteria[0]
    assert first.spread == 3 and first.flagged and ranked[b.ref].flagged
    # C: 2, 2.5, 2 -> 25 + 18.75 + 10 = 53.75.
    assert ranked[c.ref].total == Decimal("53.75")

    criterion = e.criteria()[0]
    with pytest.raises(ValidationError):
        scoring.score_moderate(actor=e.worker, item=b, criterion=criterion, value=3, reason="")
    scoring.score_moderate(
        actor=e.worker, item=b, criterion=criterion, value=3, reason="Agreed after talking."
    )
    ranked = {r.item: r for r in results(e.panel, viewer=e.worker)}
    # Moderated to 3: 37.5 + 15 + 15 = 67.50, no longer flagged.
    assert ranked[b.ref].total == Decimal("67.50")
    assert not ranked[b.ref].flagged
    assert [ranked[x.ref].rank for x in (a, b, c)] == [1, 2, 3]


def test_every_score_change_is_audited_with_who_when_and_why(e):
    jordan = e.evaluators[0]
    e.score(jordan, e.bids[1], [1, 2, 3], send=False)
    e.score(jordan, e.bids[1], [2, 2, 3], send=False)
    saves = AuditEvent.objects.filter(action="scoring.sheet.save", actor=jordan).order_by("pk")
    assert saves.count() == 2
    criterion = str(e.criteria()[0].pk)
    assert saves.last().detail["scores"] == {criterion: [1, 2]}
    assert saves.last().created_at is not None
    e.score(jordan, e.bids[1], [2, 2, 3])
    e.score(e.evaluators[1], e.bids[1], [4, 2, 3])
    scoring.score_moderate(
        actor=e.worker,
        item=e.item(e.bids[1]),
        criterion=e.criteria()[0],
        value=3,
        reason="The panel agreed a 3.",
    )
    moderated = AuditEvent.objects.get(action="scoring.score.moderate")
    assert moderated.actor == e.worker
    assert (
        moderated.detail["new_value"] == 3 and moderated.detail["reason"] == "The panel agreed a 3."
    )


def test_the_shortlist_needs_every_score_and_reasons(e):
    with pytest.raises(ValidationError):
        services.shortlist_set(
            actor=e.worker, round=e.round, bids=e.bids[:2], reasons="The two highest scores."
        )
    e.score_hand_worked()
    with pytest.raises(ValidationError) as error:
        services.shortlist_set(actor=e.worker, round=e.round, bids=e.bids[:2], reasons="")
    assert "why" in str(error.value)
    with pytest.raises(ValidationError):
        services.shortlist_set(
            actor=e.worker, round=e.round, bids=e.bids * 2, reasons="Everyone, twice over."
        )


def test_price_scores_and_the_combined_result_by_stated_weights():
    prices = mix.price_scores({"a": 30_000_000, "b": 40_000_000})
    assert prices == {"a": Decimal("100.00"), "b": Decimal("75.00")}
    rows = mix.combine(
        quality={"a": Decimal("92.86"), "b": Decimal("67.50")},
        price=prices,
        presentation={"a": Decimal("75.00"), "b": Decimal("100.00")},
        weights=(60, 20, 20),
        refs=["a", "b"],
    )
    # a: (60*92.86 + 20*100 + 20*75) / 100 = 90.716 -> 90.72; b: 40.5 + 15 + 20 = 75.50.
    assert [(r.ref, r.total, r.rank) for r in rows] == [
        ("a", Decimal("90.72"), 1),
        ("b", Decimal("75.50"), 2),
    ]
    # No presentation score: the other weights are re-scaled.
    (only,) = mix.combine(
        quality={"a": Decimal("80")},
        price={"a": Decimal("100")},
        presentation={"a": None},
        weights=(60, 20, 20),
        refs=["a"],
    )
    assert only.total == Decimal("85.00")  # (60*80 + 20*100) / 80
    tied = mix.combine(
        quality={"a": Decimal(50), "b": Decimal(50), "c": Decimal(10)},
        price={},
        presentation={},
        weights=(100, 0, 0),
        refs=["c", "b", "a"],
    )
    assert [(r.ref, r.rank) for r in tied] == [("a", 1), ("b", 1), ("c", 3)]


def test_the_dragons_den_happens_at_a_base_activity_and_the_decision_combines_it(e):
    decision = e.decide()
    panel = e.round.presentation_panel
    assert e.round.presentation_activity.title.startswith("Dragon's Den")
    assert sorted(i.ref for i in panel.items.all()) == sorted(b.ref for b in e.bids[:2])
    assert panel.panellists.count() == 2  # the written-bid panel, still trained
    # The Dragon's Den is an activity of the base, for the panel's own group.
    activity = e.round.presentation_activity
    assert activity.audience_group == panel.group
    assert activity.starts_at == e.round.presentations_at
    combined = {row["ref"]: row for row in decision.results["combined"]}
    assert combined[e.bids[0].ref]["total"] == "90.72"
    assert combined[e.bids[1].ref]["total"] == "75.50"
    assert combined[e.bids[0].ref]["rank"] == 1
    assert decision.results["quality"][e.bids[2].ref]["total"] == "53.75"
    assert e.refresh().stage == Stage.AWARDED
    told = set(
        Notification.objects.filter(kind="commissioning.feedback").values_list("user", flat=True)
    )
    assert told == {p.pk for p in e.providers}


def test_a_decision_needs_reasons_and_a_shortlisted_choice(e):
    e.to_decision()
    with pytest.raises(ValidationError) as error:
        services.decision_record(actor=e.worker, round=e.round, chosen=e.bids[0], reasons="")
    assert "reasons" in str(error.value)
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=e.worker,
            round=e.round,
            chosen=e.bids[2],
            reasons="The third one, although it was not shortlisted at all.",
        )
    assert e.refresh().stage == Stage.DECISION


def test_reminders_go_once_to_panellists_behind_before_the_deadline(e):
    e.score(e.evaluators[0], e.bids[0], [3, 3, 3])
    assert services.reminders_send() == 0  # the deadline is days away
    with time_machine.travel(e.panel.deadline - timedelta(hours=24), tick=False):
        assert services.reminders_send() == 2
        assert services.reminders_send() == 0
    assert Reminder.objects.count() == 2
    note = Notification.objects.filter(
        user=e.evaluators[1], kind="commissioning.panel_reminder"
    ).get()
    assert "3 still to send" in note.body


def test_a_panellist_whose_training_has_run_out_cannot_score(e):
    far = e.panel.deadline + timedelta(days=800)
    scoring.panel_update(actor=e.worker, panel=e.panel, deadline=far)
    item = e.item(e.bids[0])
    services.declaration_make(actor=e.evaluators[0], item=item, has_conflict=False)
    # The training lasts 12 months; the panel is still open 13 months on.
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        with pytest.raises(Refused) as refused:
            e.score(e.evaluators[0], e.bids[0], [3, 3, 3])
    assert "not finished the commissioning evaluator training" in refused.value.messages[0]
