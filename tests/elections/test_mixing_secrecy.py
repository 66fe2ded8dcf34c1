"""Secrecy while voting is open: even a small box is mixed at the next minute's run, so no vote
stays pairable with its voter's mark by transaction id (xmin) or row order (ctid)."""

import pytest
from django.db import connection

from config.celery import app as celery_app
from forums.elections import mixing, services
from forums.elections.models import Receipt, Vote
from participation.schedules import PERIODIC_TASKS, schedules_install
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

MIXER = "Mix ballot boxes"


def run_mixer_as_beat_would():
    """Beat sends the task by the name in the schedule; run that task the way a worker does."""
    celery_app.loader.import_default_modules()  # what a worker does as it starts
    return celery_app.tasks[PERIODIC_TASKS[MIXER]["task"]].apply().get()


def cast(election, voter, candidate):
    return services.ballot_cast(
        election_id=election.pk,
        constituency_id=election.constituencies.get().pk,
        voter=voter,
        choice_ids=[candidate.pk],
    )


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_three_votes_share_neither_transaction_id_nor_row_order_with_their_marks(
    transactional_db, postgresql_only
):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    first, second, third = CandidateFactory.create_batch(3, constituency=constituency)
    # Cast in an order that differs from the candidates' order, to see which order survives.
    cast_order = [third, first, second]
    for candidate in cast_order:
        cast(election, YoungPersonFactory(), candidate)

    assert run_mixer_as_beat_would() == 3

    votes = rows(
        "SELECT candidate_id, xmin::text FROM elections_vote WHERE election_id = %s ORDER BY ctid",
        [election.pk],
    )
    marks = rows(
        "SELECT xmin::text FROM elections_votermark WHERE constituency_id = %s ORDER BY ctid",
        [constituency.pk],
    )
    receipts = rows(
        "SELECT code, xmin::text FROM elections_receipt WHERE election_id = %s ORDER BY ctid",
        [election.pk],
    )
    mark_xmins = {x for (x,) in marks}
    assert len(mark_xmins) == 3  # three voters, three transactions
    vote_xmins = {x for _, x in votes}
    assert len(vote_xmins) == 1  # one transaction wrote every vote: the mixer's
    assert not vote_xmins & mark_xmins
    assert {x for _, x in receipts} == vote_xmins
    # The votes' order comes from what they say, not from the order the marks were written.
    assert [c for c, _ in votes] == [first.pk, second.pk, third.pk]
    assert [c for c, _ in votes] != [c.pk for c in cast_order]
    assert [code for code, _ in receipts] == sorted(code for code, _ in receipts)


def test_a_lone_new_vote_is_rewritten_with_the_whole_small_box(transactional_db, postgresql_only):
    election = ElectionFactory()
    candidate = CandidateFactory(constituency=election.constituencies.get())
    for _ in range(3):
        cast(election, YoungPersonFactory(), candidate)
    run_mixer_as_beat_would()
    cast(election, YoungPersonFactory(), candidate)

    assert run_mixer_as_beat_would() == 4

    xmins = rows("SELECT xmin::text FROM elections_vote WHERE election_id = %s", [election.pk])
    assert len(xmins) == 4
    assert len(set(xmins)) == 1  # the new vote is not the only row this run rewrote


def test_the_mixer_mixes_one_waiting_vote(election):
    candidate = election.constituencies.get().candidates.first()
    cast(election, YoungPersonFactory(), candidate)
    assert Vote.objects.filter(election=election, mixed=False).count() == 1

    assert run_mixer_as_beat_would() == 1

    assert not Vote.objects.filter(election=election, mixed=False).exists()
    assert not Receipt.objects.filter(election=election, mixed=False).exists()
    assert run_mixer_as_beat_would() == 0  # idempotent: nothing waits now, nothing is rewritten


def test_the_mixer_is_scheduled_every_minute_whatever_the_number_waiting(election):
    from django_celery_beat.models import PeriodicTask

    spec = PERIODIC_TASKS[MIXER]
    assert spec["task"] == "forums.elections.tasks.mix_ballot_boxes"
    assert spec["every_seconds"] <= 60
    schedules_install()
    task = PeriodicTask.objects.get(name=MIXER)
    assert task.enabled
    assert task.interval.every <= 60 and task.interval.period == "seconds"
    # ...and a run on that schedule mixes even one waiting vote.
    cast(election, YoungPersonFactory(), election.constituencies.get().candidates.first())
    assert run_mixer_as_beat_would() == 1


def test_a_large_box_mixes_its_waiting_votes_with_others_picked_at_random(election, monkeypatch):
    monkeypatch.setattr(mixing, "SMALL_BOX_MAX", 5)
    monkeypatch.setattr(mixing, "BATCH_COVER", 3)
    candidate = election.constituencies.get().candidates.first()
    for _ in range(8):
        cast(election, YoungPersonFactory(), candidate)
    assert run_mixer_as_beat_would() == 8  # everything was waiting
    cast(election, YoungPersonFactory(), candidate)

    assert run_mixer_as_beat_would() == 4  # the one waiting vote and three others

    assert Vote.objects.filter(election=election).count() == 9
    assert not Vote.objects.filter(election=election, mixed=False).exists()
    assert Receipt.objects.filter(election=election, mixed=True).count() == 9


def test_mixers_and_ballots_racing_lose_nothing_and_the_next_run_hides_every_vote(
    transactional_db, postgresql_only
):
    from tests.elections.test_concurrency import _race

    election = ElectionFactory()
    constituency = election.constituencies.get()
    candidate = CandidateFactory(constituency=constituency)
    voter_ids = [YoungPersonFactory().pk for _ in range(6)]

    def cast_for(voter_id):
        def run():
            from participation.models import User

            return cast(election, User.objects.get(pk=voter_id), candidate).receipt

        return run

    def mixer():
        return run_mixer_as_beat_would()

    outcomes = _race([*(cast_for(pk) for pk in voter_ids), mixer, mixer])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes

    run_mixer_as_beat_would()  # the next minute's run
    votes = rows("SELECT xmin::text FROM elections_vote WHERE election_id = %s", [election.pk])
    marks = rows(
        "SELECT xmin::text FROM elections_votermark WHERE constituency_id = %s",
        [constituency.pk],
    )
    assert len(votes) == 6 and len(marks) == 6
    assert Receipt.objects.filter(election=election).count() == 6
    assert not Vote.objects.filter(election=election, mixed=False).exists()
    assert len(set(votes)) == 1
    assert not set(votes) & set(marks)
