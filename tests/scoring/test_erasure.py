"""A panellist who deletes their account: what they sent stays for the decisions resting on it,
without them or their words; what never counted goes."""

import pytest

from participation.models import AuditEvent
from participation.registry import registry
from participation.scoring import services
from participation.scoring.models import Conflict, Panellist, Ranking, Score, Sheet, SheetStatus
from participation.scoring.selectors import scoring_export_section
from participation.services.personal_data import ERASE_CONFIRMATION, account_erase
from tests.scoring.factories import World

pytestmark = pytest.mark.django_db


def test_every_scoring_model_pointing_at_a_person_has_a_policy():
    assert {
        label: policy
        for label, policy in registry.erasure_policies.items()
        if label.startswith("scoring.")
    } == {
        "scoring.panellist": "erase",
        "scoring.conflict": "erase",
        "scoring.sheet": "anonymise",
        "scoring.panel": "anonymise",
        "scoring.moderatedscore": "anonymise",
        "scoring.ranking": "anonymise",
    }


def test_her_sent_scores_stay_without_her_and_her_words_and_drafts_go():
    w = World(items=3)
    sent = services.sheet_submit(
        actor=w.amira, item=w.items[0], scores=w.scores(4, None, 3, comment="Amira's own view")
    )
    services.sheet_save(actor=w.amira, item=w.items[1], scores=w.scores(1, 1, 1))
    services.conflict_declare(actor=w.amira, item=w.items[2], reason="My friend Zoe applied")
    w.send(w.jordan, w.items[0], 2, 2, 2)
    services.panel_close(actor=w.worker, panel=w.panel)
    ranking = services.ranking_record(actor=w.worker, panel=w.panel)

    export = scoring_export_section(w.amira)
    assert export["scoring_sheets"][0]["scores"][0]["comment"] == "Amira's own view"
    assert export["scoring_conflicts"][0]["reason"] == "My friend Zoe applied"

    account_erase(user=w.amira, confirmation=ERASE_CONFIRMATION)

    sent = Sheet.objects.get(pk=sent.pk)
    assert sent.person is None and sent.status == SheetStatus.SUBMITTED
    assert sorted(Score.objects.filter(sheet=sent).values_list("value", flat=True), key=str) == [
        3,
        4,
        None,
    ]
    assert set(Score.objects.filter(sheet=sent).values_list("comment", flat=True)) == {""}
    assert not Sheet.objects.filter(item=w.items[1]).exists()
    assert not Conflict.objects.exists()
    assert not Panellist.objects.filter(person=w.amira).exists()
    # The decision's record is untouched, and names nobody.
    assert Ranking.objects.get(pk=ranking.pk).results == ranking.results
    everything = str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert "Zoe" not in everything and "Amira's own view" not in everything
