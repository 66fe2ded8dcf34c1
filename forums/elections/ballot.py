"""Casting a secret ballot: the design, and the one place that picks how a ballot is cast.

How the ballot stays secret
---------------------------
Three tables, never joined to each other:

- `VoterMark(constituency, voter)`: who has voted. A unique constraint on (constituency, voter)
  makes a second ballot impossible, also when two requests race (the second INSERT waits for
  the first to commit and then does nothing).
- `Vote(election, candidate | topic)`: what was chosen, one row per choice, so even the
  combination of choices on one ballot is not kept.
- `Receipt(code)`: a random code shown to the voter once, and published in a list of counted
  receipts sorted by code. It proves a ballot was counted, not what it chose, so nobody can be
  made to prove how they voted.

No column links a Vote or a Receipt to a voter. Rows written in the same transaction could still
be paired through what the database keeps about *when and in what order* they were written, so:

- ids: votes and marks have random UUID keys (`gen_random_uuid()`), never a sequence;
- time: no created_at on any of the three tables;
- order: PostgreSQL appends new rows to the end of the table, and every row carries the id of
  the transaction that wrote it (`xmin`), so a fresh vote sits in the same place in its table,
  and carries the same `xmin`, as its voter's mark. The *mixer* removes both: it deletes the
  votes and receipts and writes them again in one statement, sorted by what they say (not by
  when they came), with new keys. After that every mixed vote has the mixer's transaction id
  and a place (`ctid`) that tells nothing about its voter. The mixer runs every minute while
  voting is open (`mix_ballot_boxes`), whatever the number waiting: a small box (up to
  `SMALL_BOX_MAX` votes) is rewritten whole whenever a vote is waiting, so even a lone vote is
  never the only row rewritten; a large one has its waiting votes rewritten with `BATCH_COVER`
  others picked at random. So no vote is pairable with its mark for more than about a minute.
  The whole box is rewritten again when voting closes, before the count. The dead copies are
  vacuumed after the mix (`vacuum_ballot_tables`).

Voting codes (issue 14) work the same way: the code's row keeps only a keyed hash, its
polling station and `used`; the vote carries the station (many voters) and never the code. The
`used` flag is written in the voter's transaction, so it pairs with the vote by `xmin` only
until the mixer has moved the vote, like a mark.

What this does not cover, and where that is handled instead: a database superuser watching the
server live (or reading the write-ahead log) during voting can see each transaction as it
happens; that is an operational trust boundary, like the people at a count. Web server access
logs must not record request bodies (ours do not).

The fast path
-------------
On PostgreSQL a cast is ONE SQL statement (a CTE, prepared once per connection): it locks the
election row (KEY SHARE, so closing the election waits for ballots already in flight and a
ballot arriving after the close sees it closed), checks the voting period against the server's
clock, checks eligibility and choices, inserts the mark (ON CONFLICT DO NOTHING), the votes and
the receipt, and returns the voter's unread-notification count so the receipt page needs no
other query. On other databases (SQLite for development) the same rules run through the ORM in
one transaction.

Where each part lives
---------------------
- codes.py: receipt codes and voting codes (made, written, hashed);
- refusals.py: a ballot's result, and its refusals in plain words;
- eligibility.py: who may vote, as criteria for the base's eligibility service;
- cast_sql.py: the one-statement casts (by account, by session, by code), table names from
  the models' `_meta`;
- cast_orm.py: the one ORM cast, for both kinds of ballot;
- mixing.py: the mixer and the vacuum after it;
- counting.py: the tallies and the seat count.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import cast_orm, cast_sql
from .codes import hash_voting_code
from .refusals import CastResult, SessionCastResult


def _choices(choice_ids) -> list[int]:
    return list(dict.fromkeys(int(c) for c in choice_ids))


def _on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def cast(
    *,
    election_id: int,
    constituency_id: int,
    voter,
    choice_ids: list[int],
    now: datetime | None = None,
    today: date | None = None,
) -> CastResult:
    """Cast `voter`'s ballot. Raises BallotRefused with the reason."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    run = cast_sql.cast_by_account if _on_postgresql() else cast_orm.cast
    return run(
        election_id=election_id,
        constituency_id=constituency_id,
        voter=voter,
        choices=_choices(choice_ids),
        now=now,
        today=today,
    )


def fast_path_available() -> bool:
    # With old secrets still accepted, Django re-signs sessions as it checks them: leave that
    # to the ordinary path.
    return _on_postgresql() and not settings.SECRET_KEY_FALLBACKS


def cast_for_session(
    *,
    election_id: int,
    constituency_id: int,
    user_id: int,
    session_hash: str,
    choice_ids: list[int],
    now: datetime | None = None,
) -> SessionCastResult | None:
    """Cast for the session's voter in one statement; None unless a ballot was taken."""
    now = now or timezone.now()
    return cast_sql.cast_for_session(
        election_id=election_id,
        constituency_id=constituency_id,
        user_id=user_id,
        session_hash=session_hash,
        choices=_choices(choice_ids),
        now=now,
        today=timezone.localdate(now),
    )


def cast_with_code(
    *, election_id: int, code: str, choice_ids: list[int], now: datetime | None = None
) -> CastResult:
    """Vote with a one-time code. Raises BallotRefused with the reason."""
    now = now or timezone.now()
    code_hash = hash_voting_code(code)
    choices = _choices(choice_ids)
    if _on_postgresql():
        return cast_sql.cast_with_code(
            election_id=election_id, code_hash=code_hash, choices=choices, now=now
        )
    return cast_orm.cast(election_id=election_id, code_hash=code_hash, choices=choices, now=now)
