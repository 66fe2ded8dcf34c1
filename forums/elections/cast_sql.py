"""The one-statement casts on PostgreSQL: by account, by session (the logged-in fast path) and
by voting code. Why they are shaped this way is in ballot.py.

Each is ONE prepared statement (a CTE, prepared once per connection): it locks the election
row (KEY SHARE), checks the voting period against the server's clock, the voter's eligibility
(the same rules as eligibility.py, which a test keeps equal) and the choices, inserts the mark
(ON CONFLICT DO NOTHING) or flips the code's `used`, the votes and the receipt, and returns
what the receipt page needs. Table names come from the models' `_meta`; only constant
fragments of our own are formatted into the SQL, never a value from a request.
"""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction

from participation.models import Membership, Notification, Role, RoleAssignment, User

from . import refusals
from .codes import new_receipt_code, receipt_number
from .models import (
    Candidate,
    CandidateStatus,
    Constituency,
    Election,
    ElectionKind,
    ElectionStatus,
    PollingStation,
    Receipt,
    Topic,
    Vote,
    VoterMark,
    VotingCode,
)
from .refusals import BallotRefused, CastResult, SessionCastResult


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


OPEN = ElectionStatus.OPEN.value
TOPICS = ElectionKind.TOPICS.value
APPROVED = CandidateStatus.APPROVED.value
YOUNG_PERSON = Role.YOUNG_PERSON.value

# The election row (locked KEY SHARE) and the voter's memberships, shared by the account and
# session casts. $1 election, $2 constituency, $3 voter id, $7 now, $8 today.
_ELECTION_AND_MEMBERSHIPS = f"""
e AS (
    SELECT el.id, el.title, el.kind, el.status, el.voting_opens_at, el.voting_closes_at,
           el.max_choices, c.voters_group_id, c.voters_area, c.voter_min_age, c.voter_max_age
    FROM {_t(Election)} el
    JOIN {_t(Constituency)} c ON c.election_id = el.id AND c.id = $2
    WHERE el.id = $1
    FOR KEY SHARE OF el
), mine AS MATERIALIZED (
    -- The voter's few memberships, by the user index. (Matching on the group first made the
    -- planner scan every member of a large group: 0.5 ms a ballot instead of 0.02.)
    SELECT m.group_id FROM {_t(Membership)} m
    WHERE m.user_id = $3 AND m.started_on <= $8 AND (m.ended_on IS NULL OR m.ended_on > $8)
)"""  # noqa: S608 (constant fragments only)


def _open_now(when: str) -> str:
    return f"'{OPEN}' = e.status AND e.voting_opens_at <= {when} AND e.voting_closes_at > {when}"


def _eligible(*, young: str, area: str, age: str) -> str:
    """The eligibility rule (participation.selectors.eligibility) in SQL, given expressions
    for the voter's facts."""
    return f"""{_open_now("$7")}
      AND {young}
      AND (e.voters_group_id IS NULL
           OR EXISTS (SELECT 1 FROM mine WHERE mine.group_id = e.voters_group_id))
      AND (e.voters_area = '' OR lower(e.voters_area) = lower(btrim({area})))
      AND (e.voter_min_age IS NULL OR {age} >= e.voter_min_age)
      AND (e.voter_max_age IS NULL OR {age} <= e.voter_max_age)"""  # noqa: S608


def _choices_known(choices: str, constituency: str) -> str:
    """Every choice is a topic of this ballot, or an approved candidate of the constituency."""
    return f"""cardinality({choices}) BETWEEN 1 AND e.max_choices
      AND cardinality({choices}) = CASE WHEN e.kind = '{TOPICS}'
          THEN (SELECT count(*) FROM {_t(Topic)} t
                WHERE t.election_id = $1 AND t.id = ANY({choices}))
          ELSE (SELECT count(*) FROM {_t(Candidate)} k
                WHERE k.constituency_id = {constituency} AND '{APPROVED}' = k.status
                  AND k.id = ANY({choices}))
          END"""  # noqa: S608


def _insert_votes(*, choices: str, station: str, source: str) -> str:
    return f"""INSERT INTO {_t(Vote)} (id, election_id, candidate_id, topic_id, station_id, mixed)
    SELECT gen_random_uuid(), $1,
           CASE WHEN e.kind = '{TOPICS}' THEN NULL ELSE choice END,
           CASE WHEN e.kind = '{TOPICS}' THEN choice END,
           {station}, false
    FROM e, {source}unnest({choices}) AS choice"""  # noqa: S608


# $9 choices, $10 receipt.
_WRITES = f"""
valid AS (
    SELECT e.id FROM e, ok WHERE {_choices_known("$9", "$2")}
), mark AS (
    INSERT INTO {_t(VoterMark)} (id, constituency_id, voter_id)
    SELECT gen_random_uuid(), $2, $3 FROM valid
    ON CONFLICT (constituency_id, voter_id) DO NOTHING
    RETURNING 1
), votes AS (
    {_insert_votes(choices="$9", station="NULL::bigint", source="")}
    WHERE EXISTS (SELECT 1 FROM mark)
    RETURNING 1
), receipt AS (
    INSERT INTO {_t(Receipt)} (code, election_id, mixed)
    SELECT $10, $1, false WHERE EXISTS (SELECT 1 FROM mark)
    RETURNING 1
)"""  # noqa: S608

_UNREAD = f"""(SELECT count(*) FROM {_t(Notification)} n
        WHERE n.user_id = $3 AND n.read_at IS NULL)"""  # noqa: S608


@dataclass(frozen=True)
class Statement:
    name: str
    prepare: str
    execute: str

    @property
    def marker(self) -> str:
        # Remembers, per database connection, that the statement is prepared there.
        return f"_{self.name}_prepared_on"


# The voter's facts come from Python: $4 young person, $5 area, $6 age.
ACCOUNT = Statement(
    "elections_cast_ballot",
    f"""
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
""",  # noqa: S608
    "EXECUTE elections_cast_ballot (%s, %s, %s, %s, %s, %s, %s, %s, %s::bigint[], %s)",
)

# --- The logged-in fast path: the voter checked inside the statement -------------------------
#
# Loading the user in Python (a query, a model, then a roles query for the two-factor check
# and the permission) cost more than the cast itself. Here the statement reads the voter from
# the session's user id and checks, as Django's own `get_user` does, that they are active and
# that the session's hash still matches their password: Django's session hash is
# HMAC-SHA256(key, password) with a key made from SECRET_KEY, and HMAC is
# sha256(opad-key || sha256(ipad-key || message)), so the two padded keys are made once in
# Python and the database does the two sha256 calls. A session from before a password change
# matches nothing, and nothing is written. Anything other than a clean ballot returns None and
# the page takes the ordinary path, which gives the plain-English reason.

_SESSION_HASH_SALT = b"django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"

_SESSION_VOTER_IS_YOUNG = f"'{YOUNG_PERSON}' = ANY (v.roles)"

# The voter is read here: $4 the session's hash, $5 and $6 the HMAC pads.
SESSION = Statement(
    "elections_cast_for_session",
    f"""
PREPARE elections_cast_for_session (bigint, bigint, bigint, text, bytea, bytea, timestamptz,
                                    date, bigint[], bigint) AS
WITH v AS MATERIALIZED (
    SELECT u.id, u.area, u.date_of_birth,
           ARRAY(SELECT r.role FROM {_t(RoleAssignment)} r WHERE r.user_id = u.id) AS roles
    FROM {_t(User)} u
    WHERE u.id = $3 AND u.is_active
      AND encode(sha256($6 || sha256($5 || convert_to(u.password, 'UTF8'))), 'hex') = $4
), {_ELECTION_AND_MEMBERSHIPS}, ok AS (
    SELECT e.id FROM e, v
    WHERE {
        _eligible(
            young=_SESSION_VOTER_IS_YOUNG,
            area="v.area",
            age="extract(year FROM age($8, v.date_of_birth))",
        )
    }
), {_WRITES}
SELECT e.title, EXISTS (SELECT 1 FROM mark), (SELECT roles FROM v), {_UNREAD}
FROM e
""",  # noqa: S608
    "EXECUTE elections_cast_for_session (%s, %s, %s, %s, %s, %s, %s, %s, %s::bigint[], %s)",
)

# --- Voting codes (issue 14): no account, no session -----------------------------------------
# $1 election, $2 code hash, $3 now, $4 choices, $5 receipt.
CODE = Statement(
    "elections_cast_code",
    f"""
PREPARE elections_cast_code (bigint, uuid, timestamptz, bigint[], bigint) AS
WITH e AS (
    SELECT el.id, el.title, el.kind, el.status, el.voting_opens_at, el.voting_closes_at,
           el.max_choices
    FROM {_t(Election)} el WHERE el.id = $1
    FOR KEY SHARE
), code AS (
    SELECT vc.code_hash, vc.station_id, ps.constituency_id, vc.used
    FROM {_t(VotingCode)} vc JOIN {_t(PollingStation)} ps ON ps.id = vc.station_id
    WHERE vc.code_hash = $2 AND vc.election_id = $1
), valid AS (
    SELECT code.code_hash FROM e, code
    WHERE {_open_now("$3")} AND {_choices_known("$4", "code.constituency_id")}
), used AS (
    UPDATE {_t(VotingCode)} vc SET used = true FROM valid
    WHERE vc.code_hash = valid.code_hash AND NOT vc.used
    RETURNING vc.station_id
), votes AS (
    {_insert_votes(choices="$4", station="used.station_id", source="used, ")}
    RETURNING 1
), receipt AS (
    INSERT INTO {_t(Receipt)} (code, election_id, mixed)
    SELECT $5, $1, false FROM used
    RETURNING 1
)
SELECT e.title, e.status, e.voting_opens_at, e.voting_closes_at, e.max_choices,
       EXISTS (SELECT 1 FROM code), EXISTS (SELECT 1 FROM valid), EXISTS (SELECT 1 FROM used),
       (SELECT count(*) FROM votes), EXISTS (SELECT 1 FROM receipt)
FROM e
""",  # noqa: S608
    "EXECUTE elections_cast_code (%s, %s::uuid, %s, %s::bigint[], %s)",
)


def run_prepared(statement: Statement, params: list):
    """Run a prepared statement, preparing it first on a connection that has not got it."""
    connection.ensure_connection()
    raw = connection.connection
    prepared = getattr(connection, statement.marker, None) is raw
    for _attempt in range(2):
        sql = statement.execute if prepared else f"{statement.prepare};\n{statement.execute}"
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
        setattr(connection, statement.marker, raw)
        return row
    raise refusals.retry()


def _with_fresh_receipt(statement: Statement, params, *, attempts: int = 3):
    """Run `statement` with a new receipt code (the last parameter); a code that already exists
    (1 in 10^18) is tried again with another. Returns (row, code); row None if it never took."""
    for _attempt in range(attempts):
        code = new_receipt_code()
        try:
            return run_prepared(statement, [*params, receipt_number(code)]), code
        except IntegrityError:
            continue
    return None, None


def cast_by_account(*, election_id, constituency_id, voter, choices, now, today) -> CastResult:
    params = [
        election_id,
        constituency_id,
        voter.pk,
        voter.has_role(Role.YOUNG_PERSON),
        voter.area or "",
        voter.age(on=today),
        now,
        today,
        choices,
    ]
    row, code = _with_fresh_receipt(ACCOUNT, params)
    if code is None:
        raise refusals.retry()
    if row is None:
        raise refusals.not_found()
    title, status, opens_at, closes_at, max_choices, ok, valid, marked, _v, _r, unread = row
    if marked:
        return CastResult(code, title, unread)
    refusal = refusals.refusal_for_period(
        status=status, opens_at=opens_at, closes_at=closes_at, now=now
    )
    if refusal is not None:
        raise refusal
    if not ok:
        raise refusals.ineligible(
            election_id=election_id, constituency_id=constituency_id, voter=voter, today=today
        )
    if not valid:
        raise refusals.choices_error(max_choices)
    raise refusals.already_voted()


@lru_cache(maxsize=4)
def _hmac_pads(secret: str) -> tuple[bytes, bytes]:
    key = hashlib.sha256(_SESSION_HASH_SALT + secret.encode()).digest().ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def cast_for_session(
    *, election_id, constituency_id, user_id, session_hash, choices, now: datetime, today: date
) -> SessionCastResult | None:
    ipad, opad = _hmac_pads(settings.SECRET_KEY)
    params = [election_id, constituency_id, user_id, session_hash, ipad, opad, now, today, choices]
    # One try: a receipt code already used leaves it to the ordinary path, which tries again.
    row, code = _with_fresh_receipt(SESSION, params, attempts=1)
    if row is None or not row[1]:
        return None
    title, _marked, roles, unread = row
    return SessionCastResult(code, title, unread, frozenset(roles or ()))


def cast_with_code(*, election_id, code_hash, choices, now) -> CastResult:
    row, receipt = _with_fresh_receipt(CODE, [election_id, code_hash, now, choices])
    if receipt is None:
        raise refusals.retry()
    if row is None:
        raise refusals.not_found()
    title, status, opens_at, closes_at, max_choices, known, valid, used, _votes, _receipt = row
    if used:
        return CastResult(receipt, title, 0)
    refusal = refusals.refusal_for_period(
        status=status, opens_at=opens_at, closes_at=closes_at, now=now
    )
    if refusal is not None:
        raise refusal
    if not known:
        raise refusals.code_refusal(election_id=election_id, code_hash=code_hash)
    if not valid:
        raise refusals.choices_error(max_choices)
    raise refusals.code_used()


__all__ = ["ACCOUNT", "CODE", "SESSION", "BallotRefused", "cast_by_account", "cast_with_code"]
