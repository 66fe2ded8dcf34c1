"""What elections hold about a person: their part of the data download, and what happens to
it when they delete their account (registered with the base in apps.py).

Votes never named anyone, so they stay in the box and still count. A candidacy in an election
whose voting has not started is simply deleted. Once voting has started, the result must stay
whole (other people's votes for that candidate are in the box), so the candidacy stays but
names nobody: its user link is removed, it shows as "A candidate who has left", and what the
young person wrote (their manifesto) and their claim to a reserved seat (which says which group
they belong to) are erased. In an election still open they are withdrawn, so they can't be
elected.
"""

from __future__ import annotations

from django.utils import timezone

from .models import (
    CANDIDATE_FLOW,
    Candidate,
    Election,
    ElectionStatus,
    PaperCountEntry,
    PollingStation,
    Topic,
    VoterMark,
)

POLICIES = {
    "elections.candidate": "anonymise",
    "elections.election": "anonymise",
    "elections.topic": "anonymise",
    "elections.votermark": (
        "keep: a mark says only that someone voted in a constituency, never what they chose, "
        "and after erasure it points at the anonymised account, which names nobody. Deleting "
        "it would make the turnout disagree with the votes in the box (which still count) and "
        "would let a recount give a different turnout"
    ),
    "elections.pollingstation": (
        "keep: the station and its paper count are part of an election's result; its contact "
        "(a teacher or youth worker) becomes the anonymised account, and a worker names a new "
        "contact"
    ),
    "elections.papercountentry": (
        "keep: each paper count entry is part of the audited count (two different people must "
        "agree); after erasure it points at the anonymised account, which names nobody"
    ),
}


def erase(user) -> None:
    now = timezone.now()
    for candidate in Candidate.objects.filter(user=user).select_related("constituency__election"):
        election = candidate.constituency.election
        started = election.status != ElectionStatus.DRAFT and now >= election.voting_opens_at
        if not started:
            candidate.delete()
            continue
        candidate.user = None
        candidate.manifesto = ""
        candidate.review_reason = ""
        candidate.reserved_seat = None
        fields = ["user", "manifesto", "review_reason", "reserved_seat"]
        if election.status != ElectionStatus.CLOSED and CANDIDATE_FLOW.is_possible(
            candidate, "leave"
        ):
            CANDIDATE_FLOW.move(candidate, "leave", actor=None, extra_fields=fields)
        else:
            candidate.save(update_fields=fields)
    Candidate.objects.filter(reviewed_by=user).update(reviewed_by=None)
    Election.objects.filter(created_by=user).update(created_by=None)
    Topic.objects.filter(adopted_by=user).update(adopted_by=None)


def export_section(user) -> dict:
    """Their candidacies with what they wrote, the elections they voted in (never what they
    chose: nobody knows that), and the polling stations they run."""
    candidacies = Candidate.objects.filter(user=user).select_related(
        "constituency__election", "reserved_seat"
    )
    voted = (
        VoterMark.objects.filter(voter=user)
        .select_related("constituency__election")
        .order_by("constituency__election__voting_opens_at")
    )
    stations = PollingStation.objects.filter(contact=user).select_related(
        "election", "organisation"
    )
    return {
        "candidacies": [
            {
                "election": c.constituency.election.title,
                "constituency": c.constituency.name,
                "status": c.get_status_display(),
                "manifesto": c.manifesto,
                "reserved_seat": c.reserved_seat.name if c.reserved_seat_id else None,
                "worker_said": c.review_reason,
                "stood_on": c.created_at.isoformat(),
                "votes": c.votes,
                "result": c.get_outcome_display() if c.outcome else None,
            }
            for c in candidacies
        ],
        "voted_in": [
            {
                "election": mark.constituency.election.title,
                "constituency": mark.constituency.name,
                "note": "Your vote is secret: we don't know who you voted for.",
            }
            for mark in voted
        ],
        "polling_stations": [
            {"election": s.election.title, "school_or_group": s.organisation.name} for s in stations
        ],
        "paper_counts_entered": PaperCountEntry.objects.filter(entered_by=user).count(),
    }


__all__ = ["POLICIES", "erase", "export_section"]
