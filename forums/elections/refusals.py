"""What a ballot gives back: its result, or the reason it was not taken, in plain words.

Both casts (cast_sql.py and cast_orm.py) and the pages use these, so a refusal reads the same
whichever way the ballot went.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from .eligibility import ineligibility_reason
from .models import Constituency, ElectionStatus, VotingCode


class BallotRefused(ValidationError):
    """A ballot that was not taken, with the reason in plain words and a code for tests."""


@dataclass(frozen=True)
class CastResult:
    receipt: str
    election_title: str
    unread_notifications: int


@dataclass(frozen=True)
class SessionCastResult(CastResult):
    role_names: frozenset[str] = frozenset()


ALREADY_VOTED = "You have already voted in this election. Each person can vote once."
CODE_UNKNOWN = "We don't know that code. Check each letter and number, then try again."
CODE_OTHER_ELECTION = "This code is for a different election. Check you are on the right page."
CODE_USED = "This code has already been used. Each code works once."


def when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    hour = local.strftime("%I").lstrip("0")
    return f"{hour}:{local:%M}{local.strftime('%p').lower()} on {local:%A} {local.day} {local:%B}"


def not_found() -> BallotRefused:
    return BallotRefused("This ballot does not exist.", code="not_found")


def retry() -> BallotRefused:
    return BallotRefused("Something went wrong. Please try again.", code="retry")


def already_voted() -> BallotRefused:
    return BallotRefused(ALREADY_VOTED, code="already_voted")


def code_used() -> BallotRefused:
    return BallotRefused(CODE_USED, code="code_used")


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


def choices_error(max_choices: int) -> BallotRefused:
    if max_choices == 1:
        return BallotRefused("Choose one option from the list.", code="bad_choice")
    return BallotRefused(
        f"Choose between 1 and {max_choices} options from the list.", code="bad_choice"
    )


def ineligible(*, election_id: int, constituency_id: int, voter, today: date) -> BallotRefused:
    constituency = Constituency.objects.select_related("voters_group").get(
        pk=constituency_id, election_id=election_id
    )
    reason = ineligibility_reason(constituency=constituency, user=voter, today=today)
    return BallotRefused(reason or "You can't vote in this election.", code="not_eligible")


def code_message(*, election_id: int, code: VotingCode | None) -> str:
    """Why a voting code opens no ballot here, or "" when it does."""
    if code is None:
        return CODE_UNKNOWN
    if code.election_id != election_id:
        return CODE_OTHER_ELECTION
    if code.used:
        return CODE_USED
    return ""


def code_refusal(*, election_id: int, code_hash) -> BallotRefused:
    code = VotingCode.objects.filter(code_hash=code_hash).first()
    message = code_message(election_id=election_id, code=code) or CODE_USED
    kind = {CODE_UNKNOWN: "code_unknown", CODE_OTHER_ELECTION: "code_other_election"}
    return BallotRefused(message, code=kind.get(message, "code_used"))
