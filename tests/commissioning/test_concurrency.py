"""Races in real concurrent transactions on PostgreSQL: each thread has its own connection."""

import pytest
from django.db import connection

from commissioning import services
from commissioning.models import Bid, Statement, StatementPriority
from participation.models import User
from tests.commissioning.factories import World, provider_of
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (real concurrent transactions)")


def test_two_people_of_one_provider_starting_its_bid_at_once_make_one_bid(postgresql_only):
    w = World()
    w.open()
    colleague = provider_of(w.orgs[0], first_name="Ann")
    criteria = w.criteria()

    def start(person_id):
        def go():
            person = User.objects.get(pk=person_id)
            return services.bid_save(
                actor=person,
                round=w.round,
                organisation=w.orgs[0],
                answers={criteria[0].pk: f"Written by {person.first_name}"},
                price_pence=100,
            ).pk

        return go

    outcomes = race([start(w.provider.pk), start(colleague.pk)])
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    assert outcomes[0][1] == outcomes[1][1]
    assert Bid.objects.filter(organisation=w.orgs[0]).count() == 1


def test_quick_double_choices_cannot_pass_the_limit_of_three(postgresql_only):
    w = World()
    statements = [
        services.statement_propose(actor=w.young, section=w.section, text=f"Idea number {n}")
        for n in range(6)
    ]
    chooser = w.evaluators[0].pk

    def choose(statement_id):
        def go():
            return services.statement_prioritise(
                actor=User.objects.get(pk=chooser),
                statement=Statement.objects.get(pk=statement_id),
            )

        return go

    for _round in range(3):  # several rounds, so a lucky ordering can't hide a bug
        StatementPriority.objects.all().delete()
        outcomes = race([choose(s.pk) for s in statements[:5]])
        assert sorted(kind for kind, _ in outcomes) == ["ok"] * 3 + ["refused"] * 2, outcomes
        assert StatementPriority.objects.filter(person_id=chooser).count() == 3
