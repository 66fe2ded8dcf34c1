"""The panels a young person sat on, on their participation record: one section from the
scoring engine for every kind of panel (a grants review, a grants decision panel, a
commissioning panel, a job interview panel), saying what kind and when, and nothing about the
scores, the comments or who applied."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from participation import services as base_services
from participation.models import GroupKind, Membership
from participation.registry import registry
from participation.scoring import services
from participation.scoring.record import panels_record_section
from tests.factories import GroupFactory, YoungPersonFactory
from tests.participation.training.helpers import make_module
from tests.scoring.factories import CRITERIA, World

pytestmark = pytest.mark.django_db

LONDON_NOON = "{}T12:00:00+00:00"


def _panel(w, *, name, unlock):
    return services.panel_create(actor=w.worker, name=name, rubric=w.rubric, unlock=unlock)


def _trained(w, person, unlock):
    module = make_module(title=f"Training for {unlock}", unlocks=[unlock], worker=w.worker)
    base_services.training_group_signoff(
        module=module,
        people=[person],
        signed_off_by=w.worker,
        completed_on=timezone.localdate() - timedelta(days=5),
    )


def test_every_kind_of_panel_says_what_it_was_and_when_and_nothing_of_the_scores():
    with time_machine.travel(LONDON_NOON.format("2026-03-02"), tick=False):
        w = World()  # Amira joins the Pay it Forward review panel on 2 March
        w.send(w.amira, w.item, 4, 3, 2)
        w.send(w.jordan, w.item, 1, 1, 1)
        for unlock in ("commissioning_evaluator", "recruitment_panel"):
            _trained(w, w.amira, unlock)
    with time_machine.travel(LONDON_NOON.format("2026-05-20"), tick=False):
        bids = _panel(
            w, name="Kooth for Wolverhampton: scoring the bids", unlock="commissioning_evaluator"
        )
        services.item_add(panel=bids, ref="commissioning.bid:1", label="Bid 1: Mindful Ltd")
        services.panellist_add(actor=w.worker, panel=bids, person=w.amira)
    services.panel_close(actor=w.worker, panel=bids)
    with time_machine.travel(LONDON_NOON.format("2026-06-10"), tick=False):
        jobs = _panel(
            w, name="Young people's interview panel: Youth worker", unlock="recruitment_panel"
        )
        services.panellist_add(actor=w.worker, panel=jobs, person=w.amira)
    # A grants decision panel is a group of the base, not a scoring panel.
    decision = GroupFactory(name="Pay it Forward spring: decision panel", kind=GroupKind.PANEL)
    Membership.objects.create(group=decision, user=w.amira, started_on=date(2026, 4, 1))

    section = registry.record_sections["scoring"](w.amira)

    assert section["title"] == "Panels"
    assert [(i["date"], i["text"]) for i in section["items"]] == [
        (
            date(2026, 3, 2),
            "Young reviewer on a Pay it Forward grants panel: Pay it Forward spring review "
            "(still going on)",
        ),
        (date(2026, 4, 1), "Member of a decision panel: Pay it Forward spring: decision panel"),
        (
            date(2026, 5, 20),
            "Young evaluator on a commissioning panel, helping to choose who runs a service: "
            "Kooth for Wolverhampton: scoring the bids",
        ),
        (
            date(2026, 6, 10),
            "Young interviewer on a job interview panel: Young people's interview panel: "
            "Youth worker (still going on)",
        ),
    ]
    assert {i["kind"] for i in section["items"]} == {"panel"}
    text = repr(section)
    for secret in (
        "PIF-001",
        "Mindful",
        "Clear and kind idea",
        "Jordan",
        *CRITERIA[0]["guidance"].values(),
    ):
        assert secret not in text


def test_someone_on_no_panel_has_no_section_and_a_panels_group_is_not_counted_twice():
    w = World()
    assert panels_record_section(YoungPersonFactory()) is None
    # A scoring panel's own base group (its panellists are members) is the same panel.
    assert Membership.objects.filter(group=w.panel.group, user=w.amira).exists()
    assert len(panels_record_section(w.amira)["items"]) == 1


def test_the_section_is_one_query_for_1_panel_or_50(
    django_assert_num_queries,
):
    w = World()
    with django_assert_num_queries(1):
        assert len(panels_record_section(w.amira)["items"]) == 1
    for n in range(49):
        panel = _panel(w, name=f"Panel {n}", unlock="grant_reviewer")
        services.panellist_add(actor=w.worker, panel=panel, person=w.amira)
        Membership.objects.create(
            group=GroupFactory(name=f"Decision {n}", kind=GroupKind.PANEL), user=w.amira
        )
    with django_assert_num_queries(1):
        assert len(panels_record_section(w.amira)["items"]) == 99
