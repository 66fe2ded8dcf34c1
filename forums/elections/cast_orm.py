"""The same rules as the one-statement casts, through the ORM in one transaction: for SQLite
(the embedded default) and any database other than PostgreSQL. One path for both kinds of
ballot: a logged-in voter (who gets a mark) and a voting code (which gets used).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction

from participation.models import Notification

from . import refusals
from .codes import new_receipt_code, receipt_number
from .eligibility import ineligibility_reason
from .models import (
    Candidate,
    CandidateStatus,
    Constituency,
    Election,
    ElectionKind,
    Receipt,
    Topic,
    Vote,
    VoterMark,
    VotingCode,
)
from .refusals import BallotRefused, CastResult


def cast(
    *,
    election_id: int,
    choices: list[int],
    now: datetime,
    today: date | None = None,
    voter=None,
    constituency_id: int | None = None,
    code_hash=None,
) -> CastResult:
    """Cast for `voter` in `constituency_id`, or with the voting code whose hash is given."""
    with transaction.atomic():
        election = Election.objects.select_for_update().filter(pk=election_id).first()
        constituency = None
        if voter is not None:
            constituency = (
                Constituency.objects.select_related("voters_group")
                .filter(pk=constituency_id, election_id=election_id)
                .first()
            )
        if election is None or (voter is not None and constituency is None):
            raise refusals.not_found()
        refusal = refusals.refusal_for_period(
            status=election.status,
            opens_at=election.voting_opens_at,
            closes_at=election.voting_closes_at,
            now=now,
        )
        if refusal is not None:
            raise refusal
        code = None
        if voter is not None:
            reason = ineligibility_reason(constituency=constituency, user=voter, today=today)
            if reason:
                raise BallotRefused(reason, code="not_eligible")
        else:
            code = (
                VotingCode.objects.select_for_update()
                .select_related("station")
                .filter(code_hash=code_hash, election=election)
                .first()
            )
            if code is None:
                raise refusals.code_refusal(election_id=election_id, code_hash=code_hash)
            constituency_id = code.station.constituency_id
        topics = election.kind == ElectionKind.TOPICS
        if topics:
            known = Topic.objects.filter(election=election, pk__in=choices).count()
        else:
            known = Candidate.objects.filter(
                constituency_id=constituency_id,
                status=CandidateStatus.APPROVED,
                pk__in=choices,
            ).count()
        if not 1 <= len(choices) <= election.max_choices or known != len(choices):
            raise refusals.choices_error(election.max_choices)
        if voter is not None:
            try:
                with transaction.atomic():
                    VoterMark.objects.create(constituency=constituency, voter=voter)
            except IntegrityError:
                raise refusals.already_voted() from None
        elif not VotingCode.objects.filter(pk=code.pk, used=False).update(used=True):
            raise refusals.code_used()
        Vote.objects.bulk_create(
            Vote(
                election=election,
                candidate_id=None if topics else choice,
                topic_id=choice if topics else None,
                station_id=code.station_id if code is not None else None,
            )
            for choice in choices
        )
        receipt = new_receipt_code()
        Receipt.objects.create(code=receipt_number(receipt), election=election)
        unread = (
            Notification.objects.filter(user=voter, read_at__isnull=True).count()
            if voter is not None
            else 0
        )
        return CastResult(receipt, election.title, unread)
