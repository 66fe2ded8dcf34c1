"""List pages run the same number of queries whatever their rows (tests/pagebudget.py), and the
moderation view the same at 1 bid and at 20 bids x 10 panellists x 8 criteria."""

import pytest
from django.test import override_settings
from django.urls import reverse

from commissioning import services
from tests.commissioning.factories import World, provider_of, scored_round
from tests.factories import OrganisationFactory
from tests.pagebudget import assert_page_budget, count_queries

pytestmark = pytest.mark.django_db

STAFF_BUDGET = 12
# The engine's results table is 11 queries of its own (asked to trim it in
# /tmp/coord/engine-changes.md); with the person and the round that makes 13.
MODERATION_BUDGET = 13


def test_the_moderation_view_is_flat_from_1_to_20_bids_10_panellists_8_criteria(
    client, login, cached_sessions
):
    small, worker = scored_round(bids=1, panellists=1, criteria=1, title="Small round")
    large, _ = scored_round(bids=20, panellists=10, criteria=8, title="Large round", worker=worker)
    login(worker)
    with override_settings(PAGE_CACHE_ENABLED=False):
        pages = [
            reverse("commissioning:moderation", args=[r.slug, "quality"]) for r in (small, large)
        ]
        client.get(pages[0])
        n_small, _ = count_queries(client, pages[0])
        n_large, sql = count_queries(client, pages[1])
    assert n_small == n_large, "\n".join(sql)
    assert n_large <= MODERATION_BUDGET, "\n".join(sql)
    page = client.get(pages[1]).content.decode()
    assert page.count("Spread of") > 0 and "Total out of 100" in page


def test_the_round_list_and_pages_stay_within_the_budget(client, login, cached_sessions):
    w = World()
    w.open()
    made = []

    def grow(n):
        for _ in range(n):
            org = OrganisationFactory()
            provider = provider_of(org)
            criteria = w.criteria()
            bid = services.bid_save(
                actor=provider,
                round=w.round,
                organisation=org,
                answers={c.pk: "x" for c in criteria},
                price_pence=1,
            )
            made.append(services.bid_submit(actor=provider, bid=bid))

    rounds = []

    def more_rounds(n):
        for _ in range(n):
            kwargs = {
                f: getattr(w.round, f)
                for f in (
                    "service_title",
                    "summary",
                    "budget_pence",
                    "contract_months",
                    "bids_close_at",
                    "evaluation_ends_at",
                    "presentations_at",
                    "presentations_place",
                    "decision_by",
                )
            }
            rounds.append(
                services.round_create(actor=w.worker, title=f"Round {len(rounds)}", **kwargs)
            )

    login(w.young)
    assert_page_budget(client, reverse("commissioning:round_list"), grow=more_rounds)
    assert_page_budget(client, reverse("commissioning:round_detail", args=[w.round.slug]))
    assert_page_budget(client, reverse("commissioning:spec_versions", args=[w.round.slug]))
    assert_page_budget(client, reverse("commissioning:spec_draft", args=[w.round.slug]))
    assert_page_budget(client, reverse("commissioning:my_panels"))
    login(w.provider)
    w.bid(0)
    assert_page_budget(client, reverse("commissioning:round_detail", args=[w.round.slug]))
    assert_page_budget(
        client,
        reverse("commissioning:bid_detail", args=[w.round.bids.get(organisation=w.orgs[0]).pk]),
    )
    assert_page_budget(client, reverse("commissioning:clarifications", args=[w.round.slug]))
    login(w.worker)
    assert_page_budget(
        client, reverse("commissioning:clarifications", args=[w.round.slug]), at_most=STAFF_BUDGET
    )
    assert_page_budget(
        client, reverse("commissioning:audit", args=[w.round.slug]), at_most=STAFF_BUDGET, grow=grow
    )


def test_the_draft_specification_is_flat_in_ideas_and_comments(client, login, cached_sessions):
    w = World()

    def grow(n):
        for i in range(n):
            services.statement_propose(
                actor=w.young, section=w.section, text=f"Idea {len(w.section.statements.all())} {i}"
            )
            services.comment_add(actor=w.young, section=w.section, text=f"A comment {i}")

    login(w.young)
    assert_page_budget(client, reverse("commissioning:spec_draft", args=[w.round.slug]), grow=grow)


def test_a_young_evaluators_pages_stay_within_the_budget(client, login, cached_sessions):
    from tests.commissioning.factories import Evaluation

    e = Evaluation()
    try:
        jordan, ruby = e.evaluators
        e.score(ruby, e.bids[0], [3, 3, 3])
        item = e.item(e.bids[0])
        login(jordan)
        assert_page_budget(client, reverse("commissioning:my_panels"))
        assert_page_budget(client, reverse("commissioning:score", args=[item.pk]))
        e.score(jordan, e.bids[0], [2, 2, 2])
        # Sent: the others' sheets are shown too.
        assert_page_budget(client, reverse("commissioning:score", args=[item.pk]))
        login(e.worker)
        assert_page_budget(
            client,
            reverse("commissioning:panel", args=[e.round.slug, "quality"]),
            at_most=STAFF_BUDGET,
        )
    finally:
        e.stop()
