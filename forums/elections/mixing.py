"""Mixing the ballot box: votes and receipts rewritten with new keys, in an order that comes
from what they say and not from when they were cast, so neither their place in the table nor
their transaction id pairs them with a voter's mark (see ballot.py).

Which rows a run rewrites, once any vote or receipt is waiting:

- a small box (up to `SMALL_BOX_MAX` votes, every CiCC or school election): the whole box. A
  lone new vote is then one of many rows with the mixer's transaction id, never the only row
  rewritten in that run, and rewriting a few thousand rows takes milliseconds;
- a larger box: the waiting votes with `BATCH_COVER` others chosen at random, so a run with
  only one waiting vote still hides it among a thousand.

The beat schedule runs it every minute whatever the number waiting, so no vote stays pairable
with its mark for more than about a minute while voting is open.
"""

from __future__ import annotations

import random
import uuid

from django.db import connection
from django.db.models import Count, Q

from .models import Receipt, Vote

SMALL_BOX_MAX = 5000
BATCH_COVER = 1000
# First key of the advisory lock that lets one mixer at a time work on an election: two
# DELETEs of the same rows in different orders could otherwise deadlock.
_LOCK_CLASS = 0x6D6978  # "mix"


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# The new order is the votes' own content (then chance for equal votes): it says nothing the
# count would not, and nothing about who voted when.
_MIX_VOTES_SQL = f"""
WITH moved AS (
    DELETE FROM {_t(Vote)} WHERE election_id = %s {{which}}
    RETURNING election_id, candidate_id, topic_id, station_id
)
INSERT INTO {_t(Vote)} (id, election_id, candidate_id, topic_id, station_id, mixed)
SELECT gen_random_uuid(), election_id, candidate_id, topic_id, station_id, true
FROM moved ORDER BY candidate_id, topic_id, station_id, random()
"""  # noqa: S608 (table names from _meta only)
_SOME_VOTES = f"""AND (NOT mixed OR id IN (
    SELECT id FROM {_t(Vote)} WHERE election_id = %s AND mixed ORDER BY random() LIMIT %s))"""  # noqa: S608
_MIX_RECEIPTS_SQL = f"""
WITH moved AS (
    DELETE FROM {_t(Receipt)} WHERE election_id = %s {{which}}
    RETURNING code, election_id
)
INSERT INTO {_t(Receipt)} (code, election_id, mixed)
SELECT code, election_id, true FROM moved ORDER BY code
"""  # noqa: S608
_SOME_RECEIPTS = f"""AND (NOT mixed OR code IN (
    SELECT code FROM {_t(Receipt)} WHERE election_id = %s AND mixed ORDER BY random() LIMIT %s))"""  # noqa: S608


def mix(*, election_id: int, everything: bool = False) -> int:
    """Rewrite the box (or part of a large one) if anything is waiting, or all of it when
    `everything`. Returns the number of votes rewritten.

    Call inside a transaction. Idempotent: running it twice only rewrites again. A ballot
    committed while it runs is not seen by it and waits for the next run.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # (Two int4 keys; an id past 2**31 only shares a lock, which is harmless.)
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_CLASS, election_id % 2**31]
            )
    box = Vote.objects.filter(election_id=election_id).aggregate(
        total=Count("pk"), waiting=Count("pk", filter=Q(mixed=False))
    )
    receipts_waiting = Receipt.objects.filter(election_id=election_id, mixed=False).exists()
    if not everything and not box["waiting"] and not receipts_waiting:
        return 0
    whole = everything or box["total"] <= SMALL_BOX_MAX
    if connection.vendor == "postgresql":
        return _mix_in_sql(election_id=election_id, whole=whole)
    return _mix_in_python(election_id=election_id, whole=whole)


def _mix_in_sql(*, election_id: int, whole: bool) -> int:
    with connection.cursor() as cursor:
        if whole:
            cursor.execute(_MIX_VOTES_SQL.format(which=""), [election_id])
            moved = cursor.rowcount
            cursor.execute(_MIX_RECEIPTS_SQL.format(which=""), [election_id])
        else:
            args = [election_id, election_id, BATCH_COVER]
            cursor.execute(_MIX_VOTES_SQL.format(which=_SOME_VOTES), args)
            moved = cursor.rowcount
            cursor.execute(_MIX_RECEIPTS_SQL.format(which=_SOME_RECEIPTS), args)
    return moved


def _some(queryset, key: str):
    """The waiting rows and BATCH_COVER mixed ones chosen at random."""
    mixed = list(queryset.filter(mixed=True).values_list(key, flat=True))
    chosen = random.SystemRandom().sample(mixed, min(BATCH_COVER, len(mixed)))
    return queryset.filter(Q(mixed=False) | Q(**{f"{key}__in": chosen}))


def _mix_in_python(*, election_id: int, whole: bool) -> int:
    """The same rule through the ORM (SQLite in development has no xmin, but rows still have
    an order)."""
    votes = Vote.objects.filter(election_id=election_id)
    receipts = Receipt.objects.filter(election_id=election_id)
    if not whole:
        votes, receipts = _some(votes, "pk"), _some(receipts, "code")
    vote_rows = list(votes.values_list("candidate_id", "topic_id", "station_id"))
    codes = sorted(receipts.values_list("code", flat=True))
    votes.delete()
    receipts.delete()
    random.SystemRandom().shuffle(vote_rows)
    vote_rows.sort(key=lambda row: tuple(-1 if v is None else v for v in row))
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
