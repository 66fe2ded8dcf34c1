"""Peer and board mentoring, and the check a worker makes of a young person's record.

A worker pairs a mentor with a mentee. Peer mentoring: a trained young person with a younger
one. Board mentoring: a partnership board member with a member of a forum (the Youth Council).
The mentor's checks are recorded before the pairing: their training is the base's
`is_trained(mentor, Unlock.WORKING_WITH_YOUNG_PEOPLE)` (Total Respect, or Co-production for
staff); an adult mentor (18 or over) of a child (under 18) also needs a DBS check recorded
here, dated within the last three years (`DBS_VALID_YEARS`).

The portal keeps a record of mentoring, it does not host it: goals and a log of the meetings
held (date, where, what was worked on). There is no way to send a message through it, on
purpose, so an adult and a child never have a private channel here. The mentee, or the parent
or carer named on the pairing, can end it at any time; anyone who can see an entry can report a
concern about it to the safeguarding lead (the base's report-a-concern).

`RecordCheck` is a young person asking a worker to check their participation record (the
sections every app hands to `registry.record_sections`); the worker's name and the date are
shown on the record, with the record as it stood when it was checked.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from participation.transitions import Move, Workflow

# A DBS check counts for three years from the date on the certificate: on the day three years
# later it has run out, and the mentor needs a new one before another pairing with a child.
DBS_VALID_YEARS = 3
ADULT_AGE = 18
# A peer mentor is at least this much older than their mentee, and at least this old.
PEER_AGE_GAP = 2
PEER_MIN_AGE = 14


def dbs_runs_out_on(checked_on: date) -> date:
    """The first day a DBS check dated `checked_on` no longer counts."""
    try:
        return checked_on.replace(year=checked_on.year + DBS_VALID_YEARS)
    except ValueError:  # 29 February
        return checked_on.replace(year=checked_on.year + DBS_VALID_YEARS, day=28)


class DBSCheck(models.Model):
    """A worker saw a mentor's DBS certificate. Only the date is kept: the certificate's
    number and contents are not needed here."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dbs_checks"
    )
    checked_on = models.DateField("date on the DBS certificate")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = "DBS check"

    def __str__(self):
        return f"DBS check for {self.mentor} dated {self.checked_on}"

    @property
    def runs_out_on(self) -> date:
        return dbs_runs_out_on(self.checked_on)

    def is_valid_on(self, on: date) -> bool:
        return self.checked_on <= on < self.runs_out_on


class PairingKind(models.TextChoices):
    PEER = "peer", "Peer mentoring: an older young person and a younger one"
    BOARD = "board", "Board mentoring: a board member and a forum member"


class PairingStatus(models.TextChoices):
    ACTIVE = "active", "Going on"
    ENDED = "ended", "Ended"


PAIRING_FLOW = Workflow(
    "mentoring.pairing",
    moves=[
        Move(
            "end",
            source=[PairingStatus.ACTIVE],
            target=PairingStatus.ENDED,
            permission="mentoring.end_pairing",
        )
    ],
    refusals={"end": "This mentoring has already ended."},
)


class Pairing(models.Model):
    kind = models.CharField(max_length=10, choices=PairingKind.choices)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_as_mentee"
    )
    # The participation worker who looks after this pairing: they, the pair and the
    # safeguarding leads are the only people who see its log.
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The mentee's parent or carer, if they have an account: they may end the pairing (they do
    # not see the log, which is the mentee's).
    parent_carer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentoring_as_parent",
    )
    # Board mentoring: the forum the mentee belongs to (the Youth Council).
    group = models.ForeignKey(
        "participation.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=PairingStatus.choices, default=PairingStatus.ACTIVE
    )
    started_on = models.DateField(default=timezone.localdate)
    # The mentor's checks as they stood when the worker made the pairing, in words.
    checks_when_paired = models.TextField(blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(status="active"),
                name="one_active_pairing_per_pair",
            ),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentor_is_not_mentee"),
        ]

    def __str__(self):
        return f"{self.mentor} mentoring {self.mentee}"

    @property
    def is_active(self) -> bool:
        return self.status == PairingStatus.ACTIVE


class GoalStatus(models.TextChoices):
    WORKING_ON = "working_on", "Working on it"
    DONE = "done", "Done"


GOAL_FLOW = Workflow(
    "mentoring.goal",
    moves=[
        Move(
            "mark_done",
            source=[GoalStatus.WORKING_ON],
            target=GoalStatus.DONE,
            permission="mentoring.keep_log",
        )
    ],
    refusals={"mark_done": "This goal is already marked as done."},
)


class Goal(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField("the goal", max_length=300)
    status = models.CharField(
        max_length=12, choices=GoalStatus.choices, default=GoalStatus.WORKING_ON
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class MentoringMeeting(models.Model):
    """One meeting that happened: when, where and what was worked on. A record of it, never
    a conversation."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date of the meeting")
    place = models.CharField("where you met", max_length=200)
    worked_on = models.TextField("what you worked on", max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["pairing", "-held_on"])]

    def __str__(self):
        return f"Mentoring meeting on {self.held_on}"


# --- Checking a young person's record ------------------------------------------------------


class RecordCheckStatus(models.TextChoices):
    ASKED = "asked", "Waiting for a worker"
    CHECKED = "checked", "Checked"
    NOT_CHECKED = "not_checked", "Not checked"


RECORD_CHECK_FLOW = Workflow(
    "mentoring.record_check",
    moves=[
        Move(
            "confirm",
            source=[RecordCheckStatus.ASKED],
            target=RecordCheckStatus.CHECKED,
            permission="mentoring.check_records",
        ),
        Move(
            "turn_down",
            source=[RecordCheckStatus.ASKED],
            target=RecordCheckStatus.NOT_CHECKED,
            permission="mentoring.check_records",
        ),
    ],
    refusals={
        "confirm": "This request has already been answered.",
        "turn_down": "This request has already been answered.",
    },
)


class RecordCheck(models.Model):
    """A young person asked a worker to check their participation record, for a CV or a
    college application. The worker confirms what they saw (`record`, the sections as they
    stood), or says why not."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="record_checks"
    )
    status = models.CharField(
        max_length=12, choices=RecordCheckStatus.choices, default=RecordCheckStatus.ASKED
    )
    note = models.CharField("anything the worker should know", max_length=500, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept even if the worker's account goes, so the record still says who checked it.
    checked_by_name = models.CharField(max_length=200, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    record = models.JSONField(default=list, blank=True)
    reply = models.TextField(blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status="asked"), name="one_open_record_check"
            )
        ]

    def __str__(self):
        return f"Record check for {self.person}"
