"""Elections and topic ballots.

An election has one or more constituencies; each has its own seats, reserved seats, electorate
and candidates. A topic ballot (Make Your Mark) has topics instead of candidates.

The secret ballot lives in three tables that never name a voter together with a choice:
`VoterMark` (who has voted), `Vote` (what was chosen) and `Receipt` (codes a voter can look up).
How they are kept unpairable is explained in forums/elections/ballot.py.

Status changes go through the workflows below (`ELECTION_FLOW`, `CANDIDATE_FLOW`), never by
hand.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow

from .codes import format_receipt, receipt_text


class ElectionKind(models.TextChoices):
    CANDIDATES = "candidates", "Election: vote for people"
    TOPICS = "topics", "Topic ballot: choose the top issues"


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", "Being set up"
    OPEN = "open", "Published"
    CLOSED = "closed", "Closed and counted"


# The only moves an election's status can make, and who may make them. "close_on_time" is the
# scheduled close at the end of voting, made by the system with no actor.
ELECTION_FLOW = Workflow(
    "election",
    moves=[
        Move(
            "publish",
            source=[ElectionStatus.DRAFT],
            target=ElectionStatus.OPEN,
            permission="elections.publish_election",
        ),
        Move(
            "close",
            source=[ElectionStatus.OPEN],
            target=ElectionStatus.CLOSED,
            permission="elections.close_election",
        ),
        Move(
            "close_on_time",
            source=[ElectionStatus.OPEN],
            target=ElectionStatus.CLOSED,
            automatic=True,
        ),
    ],
    refusals={
        "publish": "This election has already been published.",
        "close": "Only an election that is open can be closed.",
        "close_on_time": "Only an election that is open can be closed.",
    },
)


class Election(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=ElectionKind.choices)
    group = models.ForeignKey(
        "participation.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="elections",
        help_text="The forum this election is for, if any.",
    )
    winner_role = models.CharField(
        max_length=40,
        blank=True,
        help_text="If set, winners get this role in the forum (for example youth_mp).",
    )
    status = models.CharField(
        max_length=10, choices=ElectionStatus.choices, default=ElectionStatus.DRAFT
    )
    max_choices = models.PositiveSmallIntegerField(default=1)
    nominations_open_at = models.DateTimeField(null=True, blank=True)
    nominations_close_at = models.DateTimeField(null=True, blank=True)
    voting_opens_at = models.DateTimeField()
    voting_closes_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    turnout = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-voting_opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="election_voting_closes_after_it_opens",
            ),
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="election_max_choices"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_topic_ballot(self) -> bool:
        return self.kind == ElectionKind.TOPICS

    def nominations_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == ElectionStatus.OPEN
            and self.nominations_open_at is not None
            and self.nominations_open_at <= now < self.nominations_close_at
        )

    def voting_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == ElectionStatus.OPEN
            and self.voting_opens_at <= now < self.voting_closes_at
        )

    def phase(self, now=None) -> str:
        """Where the election is, in words a young person understands."""
        now = now or timezone.now()
        if self.status == ElectionStatus.DRAFT:
            return "Being set up"
        if self.status == ElectionStatus.CLOSED:
            return "Results are out"
        if self.voting_open(now):
            return "Voting is open"
        if self.nominations_open(now):
            return "You can stand now"
        if now >= self.voting_closes_at:
            return "Voting has closed. Waiting for the count"
        if self.nominations_open_at and now < self.nominations_open_at:
            return "Coming soon"
        return "Voting opens soon"


class Constituency(models.Model):
    """Who may stand and vote, and how many seats: a school, a group, an area or everyone."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="constituencies")
    name = models.CharField(max_length=200)
    seats = models.PositiveSmallIntegerField(
        "open seats", default=1, help_text="Seats any candidate can win."
    )
    voters_group = models.ForeignKey(
        "participation.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Only members of this group may vote and stand.",
    )
    voters_area = models.CharField(max_length=80, blank=True)
    voter_min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    voter_max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    # Filled by the count: winners, ties and vacancies (see counting.py).
    result = models.JSONField(null=True, blank=True)
    turnout = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["election", "pk"]
        verbose_name_plural = "constituencies"

    def __str__(self):
        return self.name

    def who_may_vote(self) -> str:
        parts = []
        if self.voters_group_id:
            parts.append(f"members of {self.voters_group}")
        else:
            parts.append("young people")
        if self.voter_min_age is not None and self.voter_max_age is not None:
            parts.append(f"aged {self.voter_min_age} to {self.voter_max_age}")
        elif self.voter_min_age is not None:
            parts.append(f"aged {self.voter_min_age} or older")
        elif self.voter_max_age is not None:
            parts.append(f"aged {self.voter_max_age} or younger")
        if self.voters_area:
            parts.append(f"living in {self.voters_area}")
        text = " ".join(parts)
        return text[0].upper() + text[1:]

    @property
    def total_seats(self) -> int:
        return self.seats + sum(r.seats for r in self.reserved_seats.all())


class ReservedSeat(models.Model):
    """Seats kept for a named group, such as Kent Youth County Council's community seats.

    The group's name is private (it says something about the candidates who stand for it):
    only workers see it. Everyone else sees "community seat".
    """

    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, related_name="reserved_seats"
    )
    name = models.CharField(max_length=200, help_text="For example: young carers.")
    seats = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["constituency", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="reserved_seats_gte_1")
        ]

    def __str__(self):
        return f"{self.name} ({self.seats})"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a worker to check"
    APPROVED = "approved", "Standing"
    REJECTED = "rejected", "Not approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A candidate is checked once, while pending; they may withdraw until voting opens (the service
# checks the date). "leave" is the system's move when a candidate deletes their account.
CANDIDATE_FLOW = Workflow(
    "election.candidate",
    moves=[
        Move(
            "approve",
            source=[CandidateStatus.PENDING],
            target=CandidateStatus.APPROVED,
            permission="elections.review_candidate",
        ),
        Move(
            "reject",
            source=[CandidateStatus.PENDING],
            target=CandidateStatus.REJECTED,
            permission="elections.review_candidate",
        ),
        Move(
            "withdraw",
            source=[CandidateStatus.PENDING, CandidateStatus.APPROVED],
            target=CandidateStatus.WITHDRAWN,
            permission="elections.withdraw_candidacy",
        ),
        Move(
            "leave",
            source=[CandidateStatus.PENDING, CandidateStatus.APPROVED],
            target=CandidateStatus.WITHDRAWN,
            automatic=True,
        ),
    ],
    refusals={
        "approve": "This candidate has already been checked, or has withdrawn.",
        "reject": "This candidate has already been checked, or has withdrawn.",
        "withdraw": "You are not standing now, so there is nothing to withdraw.",
    },
)

# What a candidacy shows once its young person has deleted their account.
LEFT_NAME = "A candidate who has left"


class Outcome(models.TextChoices):
    ELECTED = "elected", "Elected"
    TIED = "tied", "Tie: a worker will settle it"
    NOT_ELECTED = "not_elected", "Not elected"
    WAITING = "waiting", "Waiting for a tie to be settled"


class Candidate(models.Model):
    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, related_name="candidates"
    )
    # None once the young person deleted their account and the election's result had to stay
    # whole (see erasure.py): the candidacy then names nobody.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidacies",
    )
    manifesto = models.TextField(blank=True)
    # Private: saying you belong to the group a seat is kept for.
    reserved_seat = models.ForeignKey(
        ReservedSeat, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )
    status = models.CharField(
        max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    review_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    votes = models.PositiveIntegerField(null=True, blank=True)
    paper_votes = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    elected_to_reserved_seat = models.BooleanField(default=False)
    won_tie = models.BooleanField(
        default=False, help_text="A worker settled a tie in this candidate's favour."
    )

    class Meta:
        ordering = ["user__first_name", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "user"], name="one_candidacy_per_constituency"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.constituency})"

    @property
    def name(self) -> str:
        return self.user.display_name if self.user_id else LEFT_NAME


class Topic(models.Model):
    """One issue on a Make Your Mark ballot."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    votes = models.PositiveIntegerField(null=True, blank=True)
    paper_votes = models.PositiveIntegerField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campaign_note = models.TextField(blank=True)

    class Meta:
        ordering = ["election", "title"]
        constraints = [
            models.UniqueConstraint(fields=["election", "title"], name="one_topic_title_per_ballot")
        ]

    def __str__(self):
        return self.title


class VoterMark(models.Model):
    """This person has voted in this constituency. Says nothing about what they chose.

    A random key and no time: see ballot.py for why. Kept when the voter deletes their account
    (see erasure.py).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No database-level foreign key to the constituency: like Vote.election, every ballot would
    # share-lock that one row. The cast statement joins it (and locks the election) itself.
    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "voter"], name="one_ballot_per_voter_per_constituency"
            )
        ]

    def __str__(self):
        return "A voter has voted"  # never says who, even in a shell or the admin


class Vote(models.Model):
    """One choice on one ballot. No voter, no time, a random key (see ballot.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No database-level foreign keys here: every ballot would share-lock the same election and
    # candidate rows (a hot spot under load). The cast statement checks each choice against
    # the election's candidates or topics itself, and Django still deletes votes with them.
    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    candidate = models.ForeignKey(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    # Set for votes cast with a voting code: results by school need it, and a school is many
    # voters, so it points at nobody.
    station = models.ForeignKey(
        "PollingStation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    # False until the mixer has moved it to a random place among other votes.
    mixed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(candidate__isnull=False, topic__isnull=True)
                | Q(candidate__isnull=True, topic__isnull=False),
                name="vote_is_for_a_candidate_or_a_topic",
            )
        ]
        # One index: every extra one is another write on each ballot. It serves the count
        # (GROUP BY topic or candidate within an election) and the mixer (an election's votes).
        indexes = [
            models.Index(fields=["election", "topic", "candidate"], name="vote_election_choice"),
        ]

    def __str__(self):
        return "A secret vote"


class Receipt(models.Model):
    """A code the voter was shown. Published in a list that proves counting, not choice."""

    # The code as a number (see ballot.receipt_number): text keys get a second index here.
    code = models.BigIntegerField(primary_key=True)
    # No database-level foreign key, for the same reason as Vote.election.
    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    mixed = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["election", "code"], name="receipt_election_code")]

    def __str__(self):
        return format_receipt(receipt_text(self.code))


# --- Issue 14: polling stations, voting codes and paper counts --------------------------------


class PollingStation(models.Model):
    """A school or group where young people vote, with the contact (a teacher or youth worker)
    who prints the papers, sees its turnout and enters its paper count."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="stations")
    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, related_name="stations"
    )
    organisation = models.ForeignKey(
        "participation.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="polling_stations"
    )
    electorate = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many young people can vote here."
    )
    # The count that joins the result: only once two different people entered the same figures.
    paper_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["election", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="one_station_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.election})"


class VotingCode(models.Model):
    """A one-time code printed on a slip for a young person without an account.

    Only a hash is kept, never the code or who was given it. Using it sets `used`; nothing
    points from it to the vote (see ballot.py for row order and transaction ids).
    """

    code_hash = models.UUIDField(primary_key=True)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey(PollingStation, on_delete=models.CASCADE, related_name="codes")
    used = models.BooleanField(default=False)

    def __str__(self):
        return "A voting code"


class PaperCountEntry(models.Model):
    """One person's entry of a polling station's paper count. Two matching entries by two
    different people confirm it; every entry is kept (and audited)."""

    station = models.ForeignKey(
        PollingStation, on_delete=models.CASCADE, related_name="paper_entries"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    papers = models.PositiveIntegerField(help_text="All ballot papers in the box.")
    spoilt = models.PositiveIntegerField(default=0)
    blank = models.PositiveIntegerField(default=0)
    # {"<candidate or topic id>": votes}
    figures = models.JSONField()
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["station", "-entered_at", "-pk"]

    def __str__(self):
        return f"Paper count for {self.station} by {self.entered_by}"

    def as_tuple(self):
        return (self.papers, self.spoilt, self.blank, sorted(self.figures.items()))
