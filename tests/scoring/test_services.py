"""The scoring services: who may score, when, what a sheet must hold, blind scoring,
moderation with its audit trail, and the stored ranking behind a decision."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from participation.access import Refused
from participation.models import AuditEvent, Membership
from participation.scoring import engine, selectors, services
from participation.scoring.models import (
    Conflict,
    ModeratedScore,
    Panellist,
    Ranking,
    Score,
    Sheet,
    SheetStatus,
)
from participation.scoring.permissions import CONFLICTED, NOT_A_PANELLIST
from tests.scoring.factories import GOOD_COMMENT, World

pytestmark = pytest.mark.django_db


def messages(error) -> list[str]:
    return list(error.value.messages)


def field_errors(error) -> dict:
    return {k: [str(m) for e in v for m in e.messages] for k, v in error.value.error_dict.items()}


# --- Rubrics and panels ----------------------------------------------------------------------


def test_a_rubric_keeps_its_criteria_in_order_with_guidance():
    w = World()
    assert [(c.number, c.title, c.weight) for c in w.criteria] == [
        (1, "Who it helps", 50),
        (2, "The plan", 30),
        (3, "Value for money", 20),
    ]
    assert w.criteria[0].guidance_for(5) == "It makes a big difference"
    assert w.rubric.designed_by.startswith("Designed by the Pay it Forward")


def test_weights_must_add_up_to_100_when_asked():
    w = World()
    services.rubric_check_weights(w.rubric)  # 50 + 30 + 20
    rubric = services.rubric_create(
        actor=w.worker,
        name="Wellbeing service bids",
        scale_max=4,
        criteria=[
            {"title": "Quality", "question": "q", "weight": 60, "guidance": {}},
            {"title": "Young people's voice", "question": "q", "weight": 30, "guidance": {}},
        ],
    )
    with pytest.raises(ValidationError) as error:
        services.rubric_check_weights(rubric)
    assert messages(error) == [
        "The weights add up to 90%, which is 10% less than 100%. Change them so they add up to "
        "exactly 100%."
    ]


def test_a_rubric_with_guidance_outside_its_scale_is_refused():
    w = World()
    with pytest.raises(ValidationError) as error:
        services.rubric_create(
            actor=w.worker,
            name="Bad",
            scale_max=4,
            criteria=[{"title": "Quality", "question": "q", "weight": 1, "guidance": {"5": "x"}}],
        )
    assert "scores go from 0 to 4" in messages(error)[0]


def test_a_panel_gets_a_base_group_of_its_panellists():
    w = World()
    assert w.panel.group.kind == "panel"
    assert set(
        Membership.objects.filter(group=w.panel.group).values_list("user_id", flat=True)
    ) == {w.amira.pk, w.jordan.pk, w.kai.pk}


def test_someone_without_the_training_cannot_join_the_panel():
    w = World()
    with pytest.raises(ValidationError) as error:
        services.panellist_add(actor=w.worker, panel=w.panel, person=w.sam)
    assert messages(error) == [
        "Sam has not finished the Pay it Forward grant reviewer training yet."
    ]
    assert not Panellist.objects.filter(person=w.sam).exists()


def test_nobody_joins_twice():
    w = World()
    with pytest.raises(ValidationError) as error:
        services.panellist_add(actor=w.worker, panel=w.panel, person=w.amira)
    assert messages(error) == ["Amira Khan is already on this panel."]


def test_item_add_is_idempotent_and_updates_the_label():
    w = World()
    again = services.item_add(panel=w.panel, ref=w.item.ref, label="Application PIF-001 (v2)")
    assert again.pk == w.item.pk and again.label == "Application PIF-001 (v2)"
    assert services.item_for(w.panel, w.item.ref) == again
    assert services.item_for(w.panel, "grants.application:999") is None


# --- Who may score, and when -----------------------------------------------------------------


def test_a_panellist_saves_a_draft_and_sends_it():
    w = World()
    sheet = services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(4, None, 3))
    assert sheet.status == SheetStatus.DRAFT
    sheet = services.sheet_submit(actor=w.amira, item=w.item)
    assert sheet.status == SheetStatus.SUBMITTED and sheet.submitted_at is not None
    assert sorted(Score.objects.filter(sheet=sheet).values_list("value", flat=True), key=str) == [
        3,
        4,
        None,
    ]
    assert AuditEvent.objects.filter(action="scoring.sheet.submit", actor=w.amira).exists()


def test_a_draft_keeps_what_was_not_sent_again():
    w = World()
    c1, c2, _c3 = w.criteria
    services.sheet_save(actor=w.amira, item=w.item, scores={c1.pk: (4, "Helps a lot")})
    services.sheet_save(actor=w.amira, item=w.item, scores={c2.pk: (2, "Plan is thin")})
    assert dict(
        Score.objects.filter(sheet__person=w.amira).values_list("criterion_id", "value")
    ) == {c1.pk: 4, c2.pk: 2}


def test_someone_not_on_the_panel_is_refused():
    w = World()
    with pytest.raises(Refused) as error:
        services.sheet_save(actor=w.sam, item=w.item, scores=w.scores(1, 1, 1))
    assert messages(error) == [NOT_A_PANELLIST]
    assert not Sheet.objects.exists()


def test_a_panellist_whose_training_ran_out_is_refused():
    w = World()
    # The module lasts 12 months; their completion was 10 days ago.
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        with pytest.raises(Refused) as error:
            services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(1, 1, 1))
        ok, why = selectors.can_score(w.amira, w.item)
    assert messages(error) == [
        "You have not finished the Pay it Forward grant reviewer training yet."
    ]
    assert (ok, why) == (False, messages(error)[0])
    assert not Sheet.objects.exists()


def test_a_conflicted_panellist_is_refused_and_their_draft_goes():
    w = World()
    services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(4, 4, 4))
    services.conflict_declare(actor=w.amira, item=w.item, reason="My cousin made this one")
    assert not Sheet.objects.filter(person=w.amira).exists()
    with pytest.raises(Refused) as error:
        services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(1, 1, 1))
    assert messages(error) == [CONFLICTED]
    with pytest.raises(Refused):
        services.sheet_submit(actor=w.amira, item=w.item)
    # The other item is still theirs to score.
    services.sheet_save(actor=w.amira, item=w.items[1], scores=w.scores(1, 1, 1))


def test_a_conflict_after_sending_is_refused_until_the_worker_takes_the_scores_out():
    w = World()
    sheet = w.send(w.amira, w.item, 4, 4, 4)
    with pytest.raises(ValidationError) as error:
        services.conflict_declare(actor=w.amira, item=w.item, reason="I know the applicant")
    assert messages(error) == [
        "You have already sent your scores. Ask the participation worker to take them out."
    ]
    services.sheet_return(actor=w.worker, sheet=sheet, reason="Amira knows the applicant")
    services.conflict_declare(actor=w.amira, item=w.item, reason="I know the applicant")
    assert Conflict.objects.filter(item=w.item, person=w.amira).exists()
    assert not Sheet.objects.filter(pk=sheet.pk).exists()


def test_a_conflict_needs_a_reason_and_a_panellist():
    w = World()
    with pytest.raises(ValidationError) as error:
        services.conflict_declare(actor=w.amira, item=w.item, reason="  ")
    assert "reason" in error.value.error_dict
    with pytest.raises(Refused):
        services.conflict_declare(actor=w.sam, item=w.item, reason="I know them")


def test_a_closed_panel_refuses_scores():
    w = World()
    services.panel_close(actor=w.worker, panel=w.panel)
    with pytest.raises(ValidationError) as error:
        services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(1, 1, 1))
    assert messages(error) == ["This panel is closed, so scores can't be changed now."]
    services.panel_reopen(actor=w.worker, panel=w.panel)
    services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(1, 1, 1))


def test_the_server_clock_enforces_the_deadline():
    deadline = timezone.now() + timedelta(days=1)
    w = World(deadline=deadline)
    with time_machine.travel(deadline - timedelta(seconds=1)):
        services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(2, 2, 2))
    with time_machine.travel(deadline + timedelta(seconds=1)):
        with pytest.raises(ValidationError) as error:
            services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(5, 5, 5))
        with pytest.raises(ValidationError):
            services.sheet_submit(actor=w.amira, item=w.item)
    assert messages(error)[0].startswith("Scores were due by ")
    assert set(Score.objects.values_list("value", flat=True)) == {2}
    assert Sheet.objects.get().status == SheetStatus.DRAFT


def test_a_sent_sheet_cannot_be_changed():
    w = World()
    w.send(w.amira, w.item, 4, 4, 4)
    with pytest.raises(ValidationError) as error:
        services.sheet_save(actor=w.amira, item=w.item, scores=w.scores(1, 1, 1))
    assert messages(error) == [services.ALREADY_SENT]
    with pytest.raises(ValidationError):
        services.sheet_submit(actor=w.amira, item=w.item)
    assert set(Score.objects.values_list("value", flat=True)) == {4}


@pytest.mark.parametrize("bad", [6, -1, "3", 2.5, True])
def test_a_value_outside_the_scale_is_refused_beside_its_question(bad):
    w = World()
    c1 = w.criteria[0]
    with pytest.raises(ValidationError) as error:
        services.sheet_save(actor=w.amira, item=w.item, scores={c1.pk: (bad, "words here")})
    assert field_errors(error) == {
        f"score_{c1.pk}": ["'Who it helps': choose a score from 0 to 5."]
    }
    assert not Score.objects.exists()


def test_na_is_refused_when_the_rubric_does_not_allow_it():
    w = World(allow_na=False)
    c2 = w.criteria[1]
    with pytest.raises(ValidationError) as error:
        services.sheet_save(actor=w.amira, item=w.item, scores={c2.pk: (None, "Not relevant")})
    assert field_errors(error) == {
        f"score_{c2.pk}": [
            "'The plan': this panel doesn't use \"n/a\". Choose a score from 0 to 5."
        ]
    }


def test_sending_needs_every_question_scored_with_a_few_words():
    w = World()
    c1, c2, c3 = w.criteria
    with pytest.raises(ValidationError) as error:
        services.sheet_submit(
            actor=w.amira,
            item=w.item,
            scores={c1.pk: (4, "Helps lots of people"), c2.pk: (None, ""), c3.pk: (3, "Fine")},
        )
    assert field_errors(error) == {
        f"comment_{c2.pk}": ["'The plan': write a few words about why you chose this score."],
        f"comment_{c3.pk}": [
            "'Value for money': write a few words about why you chose this score."
        ],
    }
    # What they typed is kept as a draft; nothing was sent.
    sheet = Sheet.objects.get(person=w.amira)
    assert sheet.status == SheetStatus.DRAFT
    assert Score.objects.filter(sheet=sheet).count() == 3
    with pytest.raises(ValidationError) as error:
        services.sheet_submit(
            actor=w.jordan, item=w.item, scores={c1.pk: (4, "Helps lots of people")}
        )
    assert set(field_errors(error)) == {f"score_{c2.pk}", f"score_{c3.pk}"}


def test_a_criterion_from_another_rubric_is_refused():
    w = World()
    other = services.rubric_create(
        actor=w.worker,
        name="Another",
        criteria=[{"title": "Other", "question": "q", "weight": 1, "guidance": {}}],
    ).criteria.get()
    with pytest.raises(ValidationError):
        services.sheet_save(actor=w.amira, item=w.item, scores={other.pk: (3, GOOD_COMMENT)})


def test_every_score_change_is_audited_with_old_and_new_but_not_the_words():
    w = World()
    c1 = w.criteria[0]
    services.sheet_save(actor=w.amira, item=w.item, scores={c1.pk: (2, "A secret opinion")})
    services.sheet_save(actor=w.amira, item=w.item, scores={c1.pk: (4, "A secret opinion")})
    events = AuditEvent.objects.filter(action="scoring.sheet.save").order_by("pk")
    assert [e.detail["scores"] for e in events] == [{str(c1.pk): ["", 2]}, {str(c1.pk): [2, 4]}]
    assert all(e.actor == w.amira for e in events)
    assert "secret" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


# --- Blind until sent ------------------------------------------------------------------------


def test_a_panellist_sees_others_scores_only_after_sending_their_own():
    w = World()
    w.send(w.amira, w.item, 4, 3, 2)
    services.sheet_save(actor=w.jordan, item=w.item, scores=w.scores(1, 1, 1))
    # Jordan has a draft: only their own.
    assert [s.person for s in selectors.visible_sheets(w.jordan, w.item)] == [w.jordan]
    assert selectors.visible_sheets(w.kai, w.item) == []
    assert selectors.results(w.panel, viewer=w.jordan) is None
    services.sheet_submit(actor=w.jordan, item=w.item)
    assert {s.person for s in selectors.visible_sheets(w.jordan, w.item)} == {w.amira, w.jordan}
    # Sending one item does not open another.
    assert selectors.visible_sheets(w.jordan, w.items[1]) == []
    assert selectors.visible_sheets(w.sam, w.item) == []


def test_a_worker_sees_progress_only_until_everyone_without_a_conflict_has_sent():
    w = World(items=1)
    w.send(w.amira, w.item, 4, 3, 2)
    assert selectors.visible_sheets(w.worker, w.item) == []
    assert selectors.results(w.panel, viewer=w.worker) is None
    [p] = selectors.progress(w.panel)
    assert (p.panellists, p.submitted, p.drafts, p.conflicts, p.missing) == (3, 1, 0, 0, 2)
    w.send(w.jordan, w.item, 2, 3, 2)
    services.conflict_declare(actor=w.kai, item=w.item, reason="Kai's brother applied")
    [p] = selectors.progress(w.panel)
    assert (p.submitted, p.conflicts, p.missing, p.complete) == (2, 1, 0, True)
    assert len(selectors.visible_sheets(w.worker, w.item)) == 2
    [result] = selectors.results(w.panel, viewer=w.worker)
    assert result.total == Decimal("56.00")  # means 3, 3, 2: 30 + 18 + 8
    assert result.criteria[0].spread == 2 and result.flagged
    # The conflicted panellist never sees the scores of the item they stepped aside from.
    assert selectors.visible_sheets(w.kai, w.item) == []
    assert selectors.results(w.panel, viewer=w.kai) == []


def test_closing_the_panel_shows_the_worker_what_is_in():
    w = World(items=1)
    w.send(w.amira, w.item, 5, 5, 5)
    services.panel_close(actor=w.worker, panel=w.panel)
    [result] = selectors.results(w.panel, viewer=w.worker)
    assert result.total == Decimal("100.00") and result.sheets == 1
    assert selectors.results(w.panel, viewer=w.sam) is None


def test_drafts_never_count():
    w = World(items=1)
    w.send(w.amira, w.item, 5, 5, 5)
    services.sheet_save(actor=w.jordan, item=w.item, scores=w.scores(0, 0, 0))
    services.panel_close(actor=w.worker, panel=w.panel)
    [result] = selectors.results(w.panel, viewer=w.worker)
    assert (result.total, result.sheets) == (Decimal("100.00"), 1)


def test_behind_lists_who_still_owes_scores():
    w = World()
    w.send(w.amira, w.items[0], 1, 1, 1)
    w.send(w.amira, w.items[1], 1, 1, 1)
    services.conflict_declare(actor=w.jordan, item=w.items[0], reason="I know them")
    behind = selectors.behind(w.panel)
    assert [(p, [i.ref for i in items]) for p, items in behind] == [
        (w.jordan, [w.items[1].ref]),
        (w.kai, [w.items[0].ref, w.items[1].ref]),
    ]
    states = [(pi.item.ref, pi.state) for pi in selectors.items_for(w.jordan, w.panel)]
    assert states == [(w.items[0].ref, "stepped_aside"), (w.items[1].ref, "to_do")]
    assert selectors.items_for(w.sam, w.panel) == []


# --- Moderation and the ranking --------------------------------------------------------------


def test_a_moderated_score_replaces_the_mean_and_every_change_is_audited():
    w = World(items=1)
    w.everyone_sends(values=((1, 3, 2), (3, 3, 2), (5, 3, 2)))
    c1 = w.criteria[0]
    [before] = selectors.results(w.panel, viewer=w.worker)
    assert before.criteria[0].flagged and before.total == Decimal("56.00")  # 30 + 18 + 8
    services.score_moderate(
        actor=w.worker, item=w.item, criterion=c1, value=4, reason="The panel agreed it helps a lot"
    )
    services.score_moderate(
        actor=w.worker, item=w.item, criterion=c1, value=5, reason="It helps the whole street"
    )
    [after] = selectors.results(w.panel, viewer=w.worker)
    assert after.criteria[0].moderated and after.total == Decimal("76.00")  # 50 + 18 + 8
    assert not after.flagged
    first, second = AuditEvent.objects.filter(action="scoring.score.moderate").order_by("pk")
    assert first.actor == w.worker and first.detail["mean"] == "3.00"
    assert (first.detail["old_value"], first.detail["new_value"]) == (None, 4)
    assert (second.detail["old_value"], second.detail["new_value"]) == (4, 5)
    assert second.detail["reason"] == "It helps the whole street"
    assert second.detail["old_reason"] == "The panel agreed it helps a lot"
    assert ModeratedScore.objects.get().value == 5


def test_moderation_needs_a_reason_a_worker_and_all_the_scores_in():
    w = World(items=1)
    c1 = w.criteria[0]
    w.send(w.amira, w.item, 1, 1, 1)
    with pytest.raises(ValidationError) as error:
        services.score_moderate(actor=w.worker, item=w.item, criterion=c1, value=3, reason="x")
    assert "Not everyone has sent their scores" in messages(error)[0]
    w.send(w.jordan, w.item, 1, 1, 1)
    w.send(w.kai, w.item, 1, 1, 1)
    with pytest.raises(ValidationError) as error:
        services.score_moderate(actor=w.worker, item=w.item, criterion=c1, value=9, reason="")
    assert set(error.value.error_dict) == {"reason", "value"}
    with pytest.raises(Refused):
        services.score_moderate(actor=w.amira, item=w.item, criterion=c1, value=3, reason="x")
    assert not ModeratedScore.objects.exists()


def test_a_ranking_stores_its_inputs_and_rule_and_rerunning_them_gives_its_results():
    w = World()
    w.everyone_sends(w.items[0], ((4, None, 3), (4, None, 3), (4, None, 3)))
    w.everyone_sends(w.items[1], ((1, 2, 3), (2, 2, 3), (5, 2, 3)))
    services.score_moderate(
        actor=w.worker, item=w.items[1], criterion=w.criteria[0], value=2, reason="Agreed 2"
    )
    ranking = services.ranking_record(actor=w.worker, panel=w.panel)
    ranking = Ranking.objects.get(pk=ranking.pk)  # as stored
    assert ranking.rule_version == engine.RULE_VERSION
    rerun = engine.rank(**engine.inputs_from_json(ranking.inputs))
    assert engine.results_from_json(ranking.results) == rerun
    assert [(r["item"], r["total"], r["rank"]) for r in ranking.results] == [
        (w.items[0].ref, "74.29", 1),
        (w.items[1].ref, "44.00", 2),  # 50*2/5 + 30*2/5 + 20*3/5 = 20 + 12 + 12
    ]
    # The stored inputs name sheets, never people.
    assert all(s["panellist"].startswith("sheet:") for s in ranking.inputs["sheets"])
    # Later changes never alter what was recorded.
    services.score_moderate(
        actor=w.worker, item=w.items[1], criterion=w.criteria[0], value=5, reason="Changed"
    )
    assert Ranking.objects.get(pk=ranking.pk).results == ranking.results


def test_a_ranking_waits_for_everyone_or_a_closed_panel():
    w = World(items=1)
    w.send(w.amira, w.item, 1, 1, 1)
    with pytest.raises(ValidationError):
        services.ranking_record(actor=w.worker, panel=w.panel)
    services.panel_close(actor=w.worker, panel=w.panel)
    ranking = services.ranking_record(actor=w.admin, panel=w.panel)
    assert ranking.results[0]["sheets"] == 1


def test_a_removed_panellist_loses_drafts_but_sent_scores_stay():
    w = World()
    w.send(w.amira, w.items[0], 3, 3, 3)
    services.sheet_save(actor=w.amira, item=w.items[1], scores=w.scores(1, 1, 1))
    services.panellist_remove(actor=w.worker, panellist=w.panellists[0])
    assert list(Sheet.objects.filter(person=w.amira).values_list("status", flat=True)) == [
        SheetStatus.SUBMITTED
    ]
    with pytest.raises(Refused):
        services.sheet_save(actor=w.amira, item=w.items[1], scores=w.scores(1, 1, 1))
    assert not Membership.objects.filter(
        group=w.panel.group, user=w.amira, ended_on__isnull=True
    ).exists()
