"""Mixing the ballot box: waiting votes and receipts rewritten in random order, with new keys,
so neither their place in the table nor their transaction id pairs them with a voter's mark
(see ballot.py)."""

from __future__ import annotations

import random
import uuid

from django.db import connection

from .models import Receipt, Vote

MIX_BATCH_MIN = 20


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


_MIX_VOTES_SQL = f"""
WITH moved AS (
    DELETE FROM {_t(Vote)} WHERE election_id = %s {{only_waiting}}
    RETURNING election_id, candidate_id, topic_id, station_id
)
INSERT INTO {_t(Vote)} (id, election_id, candidate_id, topic_id, station_id, mixed)
SELECT gen_random_uuid(), election_id, candidate_id, topic_id, station_id, true
FROM moved ORDER BY random()
"""  # noqa: S608 (table names from _meta only)
_MIX_RECEIPTS_SQL = f"""
WITH moved AS (
    DELETE FROM {_t(Receipt)} WHERE election_id = %s {{only_waiting}}
    RETURNING code, election_id
)
INSERT INTO {_t(Receipt)} (code, election_id, mixed)
SELECT code, election_id, true FROM moved ORDER BY random()
"""  # noqa: S608


def mix(*, election_id: int, everything: bool = False, batch_min: int = MIX_BATCH_MIN) -> int:
    """Rewrite waiting votes and receipts (or all of them) in random order. Returns votes mixed.

    Call inside a transaction. Idempotent: running it twice only shuffles again.
    """
    waiting = Vote.objects.filter(election_id=election_id, mixed=False).count()
    if not everything and waiting < batch_min:
        return 0
    if connection.vendor == "postgresql":
        only_waiting = "" if everything else "AND NOT mixed"
        with connection.cursor() as cursor:
            cursor.execute(_MIX_VOTES_SQL.format(only_waiting=only_waiting), [election_id])
            moved = cursor.rowcount
            cursor.execute(_MIX_RECEIPTS_SQL.format(only_waiting=only_waiting), [election_id])
        return moved
    shuffle = random.SystemRandom().shuffle
    votes = Vote.objects.filter(election_id=election_id)
    receipts = Receipt.objects.filter(election_id=election_id)
    if not everything:
        votes, receipts = votes.filter(mixed=False), receipts.filter(mixed=False)
    vote_rows = list(votes.values_list("candidate_id", "topic_id", "station_id"))
    codes = list(receipts.values_list("code", flat=True))
    votes.delete()
    receipts.delete()
    shuffle(vote_rows)
    shuffle(codes)
    Vote.objects.bulk_create(
        Vote(
            id=uuid.uuid4(),
            election_id=election_id,
            candidate_id=c,
            topic_id=t,
            station_id=station,
            mixed=True,
        )
        for c, t, station in vote_rows
    )
    Receipt.objects.bulk_create(
        Receipt(code=code, election_id=election_id, mixed=True) for code in codes
    )
    return len(vote_rows)


def vacuum_ballot_tables() -> None:
    """Clear the dead copies the mixer leaves behind (PostgreSQL; needs no open transaction)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {_t(Vote)}, {_t(Receipt)}")
