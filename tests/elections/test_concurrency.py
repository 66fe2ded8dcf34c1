"""Races in real concurrent transactions on PostgreSQL: each thread has its own connection."""

import threading

import pytest
from django.db import connections

from forums.elections import services
from forums.elections.codes import receipt_number
from forums.elections.models import Election, Receipt, Vote, VoterMark
from forums.elections.refusals import BallotRefused
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _race(functions):
    """Start every function at the same moment, each in a thread with its own connection."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def run(i, fn):
        try:
            barrier.wait()
            outcomes[i] = ("ok", fn())
        except BallotRefused as refused:
            outcomes[i] = ("refused", refused.code)
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.fixture
def race_election(postgresql_only):
    election = ElectionFactory(max_choices=1)
    constituency = election.constituencies.get()
    return election, constituency, CandidateFactory(constituency=constituency)


def test_two_ballots_by_one_voter_racing_in_two_transactions_count_once(race_election):
    election, constituency, candidate = race_election
    voter = YoungPersonFactory()
    voter_id = voter.pk

    def cast():
        from participation.models import User

        me = User.objects.get(pk=voter_id)
        return services.ballot_cast(
            election_id=election.pk,
            constituency_id=constituency.pk,
            voter=me,
            choice_ids=[candidate.pk],
        ).receipt

    for _round in range(5):  # several rounds, so a lucky ordering can't hide a bug
        VoterMark.objects.all().delete()
        Vote.objects.all().delete()
        Receipt.objects.all().delete()
        outcomes = _race([cast, cast])
        assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"], outcomes
        assert [code for kind, code in outcomes if kind == "refused"] == ["already_voted"]
        assert VoterMark.objects.count() == 1
        assert Vote.objects.count() == 1
        assert Receipt.objects.count() == 1


def test_closing_while_ballots_are_being_cast_loses_none(race_election, worker):
    """Every ballot that got a receipt is in the count; every other one was told it was late."""
    election, constituency, candidate = race_election
    voters = YoungPersonFactory.create_batch(12)

    def caster(voter_id):
        def cast():
            from participation.models import User

            return services.ballot_cast(
                election_id=election.pk,
                constituency_id=constituency.pk,
                voter=User.objects.get(pk=voter_id),
                choice_ids=[candidate.pk],
            ).receipt

        return cast

    def close():
        services.election_close(actor=worker, election=Election(pk=election.pk))
        return "closed"

    outcomes = _race([caster(v.pk) for v in voters] + [close])
    assert outcomes[-1] == ("ok", "closed"), outcomes
    receipts = [value for kind, value in outcomes[:-1] if kind == "ok"]
    refused = [value for kind, value in outcomes[:-1] if kind == "refused"]
    assert len(receipts) + len(refused) == len(voters), outcomes
    assert set(refused) <= {"closed"}
    candidate.refresh_from_db()
    assert candidate.votes == len(receipts) == Vote.objects.count()
    assert set(Receipt.objects.values_list("code", flat=True)) == {
        receipt_number(code) for code in receipts
    }
    election.refresh_from_db()
    assert election.turnout == len(receipts)
