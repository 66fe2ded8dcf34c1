"""Casting a secret ballot, mixing the ballot box, and counting it.

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
  waiting votes and receipts and writes them again in one statement, in random order, with new
  keys. After that every mixed vote has the mixer's transaction id and a random place
  (`ctid`). The mixer runs every minute while voting is open (`mix_ballot_boxes`, once at least
  `MIX_BATCH_MIN` votes are waiting, so a batch always hides each vote among many voters), and
  over the *whole* box when voting closes, before the count. The dead copies are vacuumed
  after the mix (`vacuum_ballot_tables`).

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
"""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from participation.models import Notification, Role

from .models import (
    Candidate,
    CandidateStatus,
    Constituency,
    Election,
    ElectionKind,
    ElectionStatus,
    Receipt,
    Topic,
    Vote,
    VoterMark,
)

MIX_BATCH_MIN = 20
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
RECEIPT_LENGTH = 12


class BallotRefused(ValidationError):
    """A ballot that was not taken, with the reason in plain words and a code for tests."""


@dataclass(frozen=True)
class CastResult:
    receipt: str
    election_title: str
    unread_notifications: int


def new_receipt_code() -> str:
    # One read of the system's randomness, not one per letter; 256 is a multiple of 32, so
    # taking each byte modulo 32 favours no letter.
    return "".join(RECEIPT_ALPHABET[b % 32] for b in secrets.token_bytes(RECEIPT_LENGTH))


def receipt_number(code: str) -> int | None:
    """A receipt code as the number the database keeps (12 letters of 5 bits: 60 bits), or
    None for text that can't be a receipt. A number, not text, so its key needs one index."""
    text = normalise_receipt(code)
    if len(text) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in text):
        return None
    number = 0
    for ch in text:
        number = number * 32 + RECEIPT_ALPHABET.index(ch)
    return number


def receipt_text(number: int) -> str:
    letters = []
    for _ in range(RECEIPT_LENGTH):
        number, digit = divmod(number, 32)
        letters.append(RECEIPT_ALPHABET[digit])
    return "".join(reversed(letters))


def format_receipt(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_receipt(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    hour = local.strftime("%I").lstrip("0")
    return f"{hour}:{local:%M}{local.strftime('%p').lower()} on {local:%A} {local.day} {local:%B}"


def refusal_for_period(*, status: str, opens_at: datetime, closes_at: datetime, now: datetime):
    if status == ElectionStatus.CLOSED or now >= closes_at:
        return BallotRefused(
            f"Voting closed at {when(closes_at)}. Your vote was not counted.", code="closed"
        )
    if status != ElectionStatus.OPEN or now < opens_at:
        return BallotRefused(
            f"Voting has not started yet. It opens at {when(opens_at)}.", code="not_open"
        )
    return None


ALREADY_VOTED = "You have already voted in this election. Each person can vote once."


def _choices_error(max_choices: int) -> BallotRefused:
    if max_choices == 1:
        return BallotRefused("Choose one option from the list.", code="bad_choice")
    return BallotRefused(
        f"Choose between 1 and {max_choices} options from the list.", code="bad_choice"
    )


# --- The one-statement cast (PostgreSQL) ------------------------------------------------------

# Both cast statements share everything but who the voter is: the election row (locked KEY
# SHARE), the voter's memberships, the eligibility rule and the writes. $1 election,
# $2 constituency, $3 voter id, $7 now, $8 today, $9 choices, $10 receipt.
_ELECTION_AND_MEMBERSHIPS = """
e AS (
    SELECT el.id, el.title, el.kind, el.status, el.voting_opens_at, el.voting_closes_at,
           el.max_choices, c.voters_group_id, c.voters_area, c.voter_min_age, c.voter_max_age
    FROM elections_election el
    JOIN elections_constituency c ON c.election_id = el.id AND c.id = $2
    WHERE el.id = $1
    FOR KEY SHARE OF el
), mine AS MATERIALIZED (
    -- The voter's few memberships, by the user index. (Matching on the group first made the
    -- planner scan every member of a large group: 0.5 ms a ballot instead of 0.02.)
    SELECT m.group_id FROM participation_membership m
    WHERE m.user_id = $3 AND m.started_on <= $8 AND (m.ended_on IS NULL OR m.ended_on > $8)
)"""


def _eligible(*, young: str, area: str, age: str) -> str:
    """The eligibility rule in SQL, given expressions for the voter's facts."""
    # Only constant fragments of our own are put in: no value from a request is ever formatted.
    return f"""e.status = 'open' AND e.voting_opens_at <= $7 AND e.voting_closes_at > $7
      AND {young}
      AND (e.voters_group_id IS NULL
           OR EXISTS (SELECT 1 FROM mine WHERE mine.group_id = e.voters_group_id))
      AND (e.voters_area = '' OR lower(e.voters_area) = lower({area}))
      AND (e.voter_min_age IS NULL OR {age} >= e.voter_min_age)
      AND (e.voter_max_age IS NULL OR {age} <= e.voter_max_age)"""  # noqa: S608


_WRITES = """
valid AS (
    SELECT e.id FROM e, ok
    WHERE cardinality($9) BETWEEN 1 AND e.max_choices
      AND cardinality($9) = CASE WHEN e.kind = 'topics'
          THEN (SELECT count(*) FROM elections_topic t
                WHERE t.election_id = $1 AND t.id = ANY($9))
          ELSE (SELECT count(*) FROM elections_candidate k
                WHERE k.constituency_id = $2 AND k.status = 'approved' AND k.id = ANY($9))
          END
), mark AS (
    INSERT INTO elections_votermark (id, constituency_id, voter_id)
    SELECT gen_random_uuid(), $2, $3 FROM valid
    ON CONFLICT (constituency_id, voter_id) DO NOTHING
    RETURNING 1
), votes AS (
    INSERT INTO elections_vote (id, election_id, candidate_id, topic_id, mixed)
    SELECT gen_random_uuid(), $1,
           CASE WHEN e.kind = 'topics' THEN NULL ELSE choice END,
           CASE WHEN e.kind = 'topics' THEN choice END,
           false
    FROM e, unnest($9) AS choice
    WHERE EXISTS (SELECT 1 FROM mark)
    RETURNING 1
), receipt AS (
    INSERT INTO elections_receipt (code, election_id, mixed)
    SELECT $10, $1, false WHERE EXISTS (SELECT 1 FROM mark)
    RETURNING 1
)"""

_UNREAD = """(SELECT count(*) FROM participation_notification n
        WHERE n.user_id = $3 AND n.read_at IS NULL)"""

# The voter's facts come from Python: $4 young person, $5 area, $6 age.
_PREPARE = f"""
PREPARE elections_cast_ballot (bigint, bigint, bigint, boolean, text, integer, timestamptz, date,
                      bigint[], bigint) AS
WITH {_ELECTION_AND_MEMBERSHIPS}, ok AS (
    SELECT e.id FROM e
    WHERE {_eligible(young="$4", area="$5", age="$6")}
), {_WRITES}
SELECT e.title, e.status, e.voting_opens_at, e.voting_closes_at, e.max_choices,
       EXISTS (SELECT 1 FROM ok), EXISTS (SELECT 1 FROM valid), EXISTS (SELECT 1 FROM mark),
       (SELECT count(*) FROM votes), EXISTS (SELECT 1 FROM receipt), {_UNREAD}
FROM e
"""  # noqa: S608 (constant fragments only)
_EXECUTE = "EXECUTE elections_cast_ballot (%s, %s, %s, %s, %s, %s, %s, %s, %s::bigint[], %s)"


def _run_prepared(marker: str, prepare: str, execute: str, params: list):
    """Run a prepared statement, preparing it first on a connection that has not got it.

    `marker` names the attribute that remembers, per database connection, that it is prepared.
    """
    connection.ensure_connection()
    raw = connection.connection
    prepared = getattr(connection, marker, None) is raw
    for _attempt in range(2):
        sql = execute if prepared else f"{prepare};\n{execute}"
        try:
            # Inside a transaction a failed statement would spoil it, so keep a savepoint there;
            # the view runs in autocommit, where the statement is its own transaction.
            with transaction.atomic() if connection.in_atomic_block else nullcontext():
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    row = cursor.fetchone()
        except DatabaseError as error:
            pgcode = getattr(error.__cause__, "pgcode", None)
            if pgcode == "42P05":  # already prepared on this connection
                prepared = True
                continue
            if pgcode == "26000":  # gone (for example a pooler reset the session)
                prepared = False
                continue
            raise
        setattr(connection, marker, raw)
        return row
    raise BallotRefused("Something went wrong. Please try again.", code="retry")


def _run_cast_statement(params: list):
    return _run_prepared("_elections_cast_prepared_on", _PREPARE, _EXECUTE, params)


def _cast_postgresql(*, election_id, constituency_id, voter, choices, now, today) -> CastResult:
    age = voter.age(on=today)
    for _attempt in range(3):
        code = new_receipt_code()
        params = [
            election_id,
            constituency_id,
            voter.pk,
            voter.has_role(Role.YOUNG_PERSON),
            voter.area or "",
            age,
            now,
            today,
            choices,
            receipt_number(code),
        ]
        try:
            row = _run_cast_statement(params)
        except IntegrityError:
            continue  # a receipt code that already exists (1 in 10^18): try another code
        break
    else:
        raise BallotRefused("Something went wrong. Please try again.", code="retry")
    if row is None:
        raise BallotRefused("This ballot does not exist.", code="not_found")
    title, status, opens_at, closes_at, max_choices, ok, valid, marked, votes, receipt, unread = row
    if marked:
        return CastResult(code, title, unread)
    refusal = refusal_for_period(status=status, opens_at=opens_at, closes_at=closes_at, now=now)
    if refusal is not None:
        raise refusal
    if not ok:
        raise _ineligible(election_id, constituency_id, voter, today)
    if not valid:
        raise _choices_error(max_choices)
    raise BallotRefused(ALREADY_VOTED, code="already_voted")


def _ineligible(election_id, constituency_id, voter, today) -> BallotRefused:
    from .selectors import ineligibility_reason

    constituency = Constituency.objects.select_related("voters_group").get(
        pk=constituency_id, election_id=election_id
    )
    reason = ineligibility_reason(constituency=constituency, user=voter, today=today)
    return BallotRefused(reason or "You can't vote in this election.", code="not_eligible")


# --- The logged-in fast path: the voter checked inside the statement (PostgreSQL) -----------
#
# Loading the user in Python (a query, a model, then a roles query for the two-factor check
# and the permission) cost more than the cast itself. Here the statement reads the voter from
# the session's user id and checks, as Django's own `get_user` does, that they are active and
# that the session's hash still matches their password: Django's session hash is
# HMAC-SHA256(key, password) with a key made from SECRET_KEY, and HMAC is
# sha256(opad-key || sha256(ipad-key || message)), so the two padded keys are made once in
# Python and the database does the two sha256 calls. A session from before a password change
# matches nothing, and nothing is written. Anything other than a clean ballot returns None and
# the view takes the ordinary path, which gives the plain-English reason.

_SESSION_HASH_SALT = b"django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"

# The voter is read here: $4 the session's hash, $5 and $6 the HMAC pads.
_PREPARE_FOR_SESSION = f"""
PREPARE elections_cast_for_session (bigint, bigint, bigint, text, bytea, bytea, timestamptz,
                                    date, bigint[], bigint) AS
WITH v AS MATERIALIZED (
    SELECT u.id, u.area, u.date_of_birth,
           ARRAY(SELECT r.role FROM participation_roleassignment r WHERE r.user_id = u.id)
               AS roles
    FROM participation_user u
    WHERE u.id = $3 AND u.is_active
      AND encode(sha256($6 || sha256($5 || convert_to(u.password, 'UTF8'))), 'hex') = $4
), {_ELECTION_AND_MEMBERSHIPS}, ok AS (
    SELECT e.id FROM e, v
    WHERE {
    _eligible(
        young="'young_person' = ANY (v.roles)",
        area="v.area",
        age="extract(year FROM age($8, v.date_of_birth))",
    )
}
), {_WRITES}
SELECT e.title, EXISTS (SELECT 1 FROM mark), (SELECT roles FROM v), {_UNREAD}
FROM e
"""  # noqa: S608 (constant fragments only)
_EXECUTE_FOR_SESSION = (
    "EXECUTE elections_cast_for_session (%s, %s, %s, %s, %s, %s, %s, %s, %s::bigint[], %s)"
)


@dataclass(frozen=True)
class SessionCastResult(CastResult):
    role_names: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _hmac_pads(secret: str) -> tuple[bytes, bytes]:
    key = hashlib.sha256(_SESSION_HASH_SALT + secret.encode()).digest().ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def fast_path_available() -> bool:
    # With old secrets still accepted, Django re-signs sessions as it checks them: leave that
    # to the ordinary path.
    return connection.vendor == "postgresql" and not settings.SECRET_KEY_FALLBACKS


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
    choices = list(dict.fromkeys(int(c) for c in choice_ids))
    ipad, opad = _hmac_pads(settings.SECRET_KEY)
    code = new_receipt_code()
    params = [
        election_id,
        constituency_id,
        user_id,
        session_hash,
        ipad,
        opad,
        now,
        timezone.localdate(now),
        choices,
        receipt_number(code),
    ]
    try:
        row = _run_prepared(
            "_elections_session_cast_prepared_on",
            _PREPARE_FOR_SESSION,
            _EXECUTE_FOR_SESSION,
            params,
        )
    except IntegrityError:
        return None  # a receipt code already used (1 in 10^18): the ordinary path retries
    if row is None or not row[1]:
        return None
    title, _marked, roles, unread = row
    return SessionCastResult(code, title, unread, frozenset(roles or ()))


# --- The same rules through the ORM (SQLite and other databases) -------------------------------


def _cast_orm(*, election_id, constituency_id, voter, choices, now, today) -> CastResult:
    from .selectors import ineligibility_reason

    with transaction.atomic():
        election = Election.objects.select_for_update().filter(pk=election_id).first()
        constituency = (
            Constituency.objects.select_related("voters_group")
            .filter(pk=constituency_id, election_id=election_id)
            .first()
        )
        if election is None or constituency is None:
            raise BallotRefused("This ballot does not exist.", code="not_found")
        refusal = refusal_for_period(
            status=election.status,
            opens_at=election.voting_opens_at,
            closes_at=election.voting_closes_at,
            now=now,
        )
        if refusal is not None:
            raise refusal
        reason = ineligibility_reason(constituency=constituency, user=voter, today=today)
        if reason:
            raise BallotRefused(reason, code="not_eligible")
        if election.kind == ElectionKind.TOPICS:
            known = Topic.objects.filter(election=election, pk__in=choices).count()
        else:
            known = Candidate.objects.filter(
                constituency=constituency, status=CandidateStatus.APPROVED, pk__in=choices
            ).count()
        if not 1 <= len(choices) <= election.max_choices or known != len(choices):
            raise _choices_error(election.max_choices)
        try:
            with transaction.atomic():
                VoterMark.objects.create(constituency=constituency, voter=voter)
        except IntegrityError:
            raise BallotRefused(ALREADY_VOTED, code="already_voted") from None
        topics = election.kind == ElectionKind.TOPICS
        Vote.objects.bulk_create(
            Vote(
                election=election,
                candidate_id=None if topics else choice,
                topic_id=choice if topics else None,
            )
            for choice in choices
        )
        code = new_receipt_code()
        Receipt.objects.create(code=receipt_number(code), election=election)
        unread = Notification.objects.filter(user=voter, read_at__isnull=True).count()
        return CastResult(code, election.title, unread)


def cast(
    *,
    election_id: int,
    constituency_id: int,
    voter,
    choice_ids: list[int],
    now: datetime | None = None,
    today: date | None = None,
) -> CastResult:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    choices = list(dict.fromkeys(int(c) for c in choice_ids))
    run = _cast_postgresql if connection.vendor == "postgresql" else _cast_orm
    return run(
        election_id=election_id,
        constituency_id=constituency_id,
        voter=voter,
        choices=choices,
        now=now,
        today=today,
    )


# --- Mixing -----------------------------------------------------------------------------------

_MIX_VOTES_SQL = """
WITH moved AS (
    DELETE FROM elections_vote WHERE election_id = %s {only_waiting}
    RETURNING election_id, candidate_id, topic_id, station_id
)
INSERT INTO elections_vote (id, election_id, candidate_id, topic_id, station_id, mixed)
SELECT gen_random_uuid(), election_id, candidate_id, topic_id, station_id, true
FROM moved ORDER BY random()
"""
_MIX_RECEIPTS_SQL = """
WITH moved AS (
    DELETE FROM elections_receipt WHERE election_id = %s {only_waiting}
    RETURNING code, election_id
)
INSERT INTO elections_receipt (code, election_id, mixed)
SELECT code, election_id, true FROM moved ORDER BY random()
"""


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
        cursor.execute("VACUUM elections_vote, elections_receipt")


# --- Counting ---------------------------------------------------------------------------------


def tallies(*, election_id: int, kind: str) -> dict[int, int]:
    """Votes per candidate (or topic), added up by the database in one GROUP BY."""
    column = "topic_id" if kind == ElectionKind.TOPICS else "candidate_id"
    rows = (
        Vote.objects.filter(election_id=election_id)
        .values_list(column)
        .annotate(n=Count("*"))
        .order_by()
    )
    return dict(rows)


def tallies_by_station(*, election_id: int, kind: str) -> dict[tuple[int | None, int], int]:
    """Votes per (polling station, candidate or topic); station None for votes by account."""
    column = "topic_id" if kind == ElectionKind.TOPICS else "candidate_id"
    rows = (
        Vote.objects.filter(election_id=election_id)
        .values_list("station_id", column)
        .annotate(n=Count("*"))
        .order_by()
    )
    return {(station, choice): n for station, choice, n in rows}


def turnout(*, constituency_ids: list[int]) -> dict[int, int]:
    rows = (
        VoterMark.objects.filter(constituency_id__in=constituency_ids)
        .values_list("constituency_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    return dict(rows)


# --- Voting codes (issue 14): no account, no session, one statement ---------------------------

CODE_ALPHABET = RECEIPT_ALPHABET
CODE_LENGTH = 10

CODE_UNKNOWN = "We don't know that code. Check each letter and number, then try again."
CODE_OTHER_ELECTION = "This code is for a different election. Check you are on the right page."
CODE_USED = "This code has already been used. Each code works once."


def new_voting_code() -> str:
    return "".join(CODE_ALPHABET[b % 32] for b in secrets.token_bytes(CODE_LENGTH))


def format_voting_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def hash_voting_code(text: str) -> uuid.UUID:
    """Keyed with the site's secret, so the stored hashes alone can't be tried against every
    possible code. 128 bits of the HMAC, kept as a UUID: a compact key with one index."""
    from django.utils.crypto import salted_hmac

    code = normalise_receipt(text)
    digest = salted_hmac("elections.voting_code", code, algorithm="sha256").digest()
    return uuid.UUID(bytes=digest[:16])


_PREPARE_CODE = """
PREPARE elections_cast_code (bigint, uuid, timestamptz, bigint[], bigint) AS
WITH e AS (
    SELECT el.id, el.title, el.kind, el.status, el.voting_opens_at, el.voting_closes_at,
           el.max_choices
    FROM elections_election el WHERE el.id = $1
    FOR KEY SHARE
), code AS (
    SELECT vc.code_hash, vc.station_id, ps.constituency_id, vc.used
    FROM elections_votingcode vc JOIN elections_pollingstation ps ON ps.id = vc.station_id
    WHERE vc.code_hash = $2 AND vc.election_id = $1
), valid AS (
    SELECT code.code_hash FROM e, code
    WHERE e.status = 'open' AND e.voting_opens_at <= $3 AND e.voting_closes_at > $3
      AND cardinality($4) BETWEEN 1 AND e.max_choices
      AND cardinality($4) = CASE WHEN e.kind = 'topics'
          THEN (SELECT count(*) FROM elections_topic t
                WHERE t.election_id = $1 AND t.id = ANY($4))
          ELSE (SELECT count(*) FROM elections_candidate k
                WHERE k.constituency_id = code.constituency_id AND k.status = 'approved'
                  AND k.id = ANY($4))
          END
), used AS (
    UPDATE elections_votingcode vc SET used = true FROM valid
    WHERE vc.code_hash = valid.code_hash AND NOT vc.used
    RETURNING vc.station_id
), votes AS (
    INSERT INTO elections_vote (id, election_id, candidate_id, topic_id, station_id, mixed)
    SELECT gen_random_uuid(), $1,
           CASE WHEN e.kind = 'topics' THEN NULL ELSE choice END,
           CASE WHEN e.kind = 'topics' THEN choice END,
           used.station_id, false
    FROM e, used, unnest($4) AS choice
    RETURNING 1
), receipt AS (
    INSERT INTO elections_receipt (code, election_id, mixed)
    SELECT $5, $1, false FROM used
    RETURNING 1
)
SELECT e.title, e.status, e.voting_opens_at, e.voting_closes_at, e.max_choices,
       EXISTS (SELECT 1 FROM code), EXISTS (SELECT 1 FROM valid), EXISTS (SELECT 1 FROM used),
       (SELECT count(*) FROM votes), EXISTS (SELECT 1 FROM receipt)
FROM e
"""
_EXECUTE_CODE = "EXECUTE elections_cast_code (%s, %s::uuid, %s, %s::bigint[], %s)"


def _code_refusal(*, election_id: int, code_hash: str) -> BallotRefused:
    from .models import VotingCode

    code = VotingCode.objects.filter(code_hash=code_hash).first()
    if code is None:
        return BallotRefused(CODE_UNKNOWN, code="code_unknown")
    if code.election_id != election_id:
        return BallotRefused(CODE_OTHER_ELECTION, code="code_other_election")
    return BallotRefused(CODE_USED, code="code_used")


def cast_with_code(
    *, election_id: int, code: str, choice_ids: list[int], now: datetime | None = None
) -> CastResult:
    now = now or timezone.now()
    choices = list(dict.fromkeys(int(c) for c in choice_ids))
    code_hash = hash_voting_code(code)
    if connection.vendor != "postgresql":
        return _cast_with_code_orm(
            election_id=election_id, code_hash=code_hash, choices=choices, now=now
        )
    for _attempt in range(3):
        receipt = new_receipt_code()
        try:
            row = _run_prepared(
                "_elections_code_prepared_on",
                _PREPARE_CODE,
                _EXECUTE_CODE,
                [election_id, code_hash, now, choices, receipt_number(receipt)],
            )
        except IntegrityError:
            continue
        break
    else:
        raise BallotRefused("Something went wrong. Please try again.", code="retry")
    if row is None:
        raise BallotRefused("This ballot does not exist.", code="not_found")
    title, status, opens_at, closes_at, max_choices, known, valid, used, _votes, _receipt = row
    if used:
        return CastResult(receipt, title, 0)
    refusal = refusal_for_period(status=status, opens_at=opens_at, closes_at=closes_at, now=now)
    if refusal is not None:
        raise refusal
    if not known:
        raise _code_refusal(election_id=election_id, code_hash=code_hash)
    if not valid:
        raise _choices_error(max_choices)
    raise BallotRefused(CODE_USED, code="code_used")


def _cast_with_code_orm(*, election_id, code_hash, choices, now) -> CastResult:
    from .models import VotingCode

    with transaction.atomic():
        election = Election.objects.select_for_update().filter(pk=election_id).first()
        if election is None:
            raise BallotRefused("This ballot does not exist.", code="not_found")
        refusal = refusal_for_period(
            status=election.status,
            opens_at=election.voting_opens_at,
            closes_at=election.voting_closes_at,
            now=now,
        )
        if refusal is not None:
            raise refusal
        code = (
            VotingCode.objects.select_for_update()
            .select_related("station")
            .filter(code_hash=code_hash, election=election)
            .first()
        )
        if code is None:
            raise _code_refusal(election_id=election_id, code_hash=code_hash)
        if election.kind == ElectionKind.TOPICS:
            known = Topic.objects.filter(election=election, pk__in=choices).count()
        else:
            known = Candidate.objects.filter(
                constituency_id=code.station.constituency_id,
                status=CandidateStatus.APPROVED,
                pk__in=choices,
            ).count()
        if not 1 <= len(choices) <= election.max_choices or known != len(choices):
            raise _choices_error(election.max_choices)
        if not VotingCode.objects.filter(pk=code.pk, used=False).update(used=True):
            raise BallotRefused(CODE_USED, code="code_used")
        topics = election.kind == ElectionKind.TOPICS
        Vote.objects.bulk_create(
            Vote(
                election=election,
                candidate_id=None if topics else choice,
                topic_id=choice if topics else None,
                station_id=code.station_id,
            )
            for choice in choices
        )
        receipt = new_receipt_code()
        Receipt.objects.create(code=receipt_number(receipt), election=election)
        return CastResult(receipt, election.title, 0)
