"""The people mentoring tests need, built through the real services."""

from datetime import timedelta

from django.utils import timezone

from participation import services as base_services
from participation.mentoring import services
from participation.models import Role
from participation.voice.models import SafeguardingLead
from tests.factories import (
    GroupFactory,
    MembershipFactory,
    UserFactory,
    WorkerFactory,
    YoungPersonFactory,
    birthday_for_age,
)
from tests.participation.training.helpers import make_module


def young(age: int, **fields):
    return YoungPersonFactory(date_of_birth=birthday_for_age(age), **fields)


class World:
    """A worker (Priya) who pairs; another worker (Omar); a safeguarding lead (Sara); a
    trained 19-year-old peer mentor with a DBS check (Jordan) and an 11-year-old (Leo) whose
    dad (Sam) has an account; a trained board member with a DBS check (Grace) and a 15-year-old
    Youth Council member (Amira)."""

    def __init__(self):
        self.worker = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.other_worker = WorkerFactory(first_name="Omar", last_name="Lee")
        self.lead = WorkerFactory(first_name="Sara", last_name="Hussain")
        SafeguardingLead.objects.create(user=self.lead, appointed_by=None)
        self.module = make_module(
            title="Total Respect",
            unlocks=["working_with_young_people"],
            audience="both",
            valid_for_months=36,
            worker=self.worker,
        )
        self.jordan = young(19, first_name="Jordan", last_name="Clarke")
        self.leo = young(11, first_name="Leo", last_name="Patel")
        self.dad = UserFactory(first_name="Sam", last_name="Patel", roles=[Role.PARENT_CARER])
        self.grace = UserFactory(first_name="Grace", last_name="Ade", roles=[Role.BOARD_MEMBER])
        self.amira = young(15, first_name="Amira", last_name="Khan")
        self.youth_council = GroupFactory(name="Youth Council")
        MembershipFactory(group=self.youth_council, user=self.amira)
        self.train(self.jordan, self.grace)
        self.dbs(self.jordan)
        self.dbs(self.grace)

    def train(self, *people, days_ago: int = 30, module=None):
        base_services.training_group_signoff(
            module=module or self.module,
            people=list(people),
            signed_off_by=self.worker,
            completed_on=timezone.localdate() - timedelta(days=days_ago),
        )

    def dbs(self, mentor, days_ago: int = 100):
        return services.dbs_check_record(
            mentor=mentor,
            checked_on=timezone.localdate() - timedelta(days=days_ago),
            recorded_by=self.worker,
        )

    def peer(self, **extra):
        return services.pairing_create(
            kind="peer",
            mentor=self.jordan,
            mentee=self.leo,
            made_by=self.worker,
            parent_carer=self.dad,
            **extra,
        )

    def board(self, **extra):
        return services.pairing_create(
            kind="board",
            mentor=self.grace,
            mentee=self.amira,
            made_by=self.worker,
            group=self.youth_council,
            **extra,
        )

    def meeting(self, pairing, *, by=None, days_ago=0, **fields):
        spec = {"place": "Bilston Youth Project", "worked_on": "Talked about school."}
        spec.update(fields)
        return services.meeting_log(
            pairing=pairing,
            held_on=timezone.localdate() - timedelta(days=days_ago),
            recorded_by=by or pairing.mentor,
            **spec,
        )


# --- For the record of achievement ------------------------------------------------------------


def attended(w: World, person, *, hours: float, days_ago: int = 3, title: str = "SpeakOut"):
    """An activity `person` was at, `hours` long, `days_ago` days ago."""
    from tests.participation.training.helpers import make_activity

    activity = make_activity(
        worker=w.worker,
        starts_at=timezone.now() - timedelta(days=days_ago),
        hours=hours,
        title=title,
    )
    base_services.attendance_record(
        activity=activity, recorded_by=w.worker, statuses={person.pk: "present"}
    )
    return activity


def on_a_panel(w: World, person, *, name: str = "Pay it Forward spring: young reviewers"):
    """`person` trained as a grant reviewer (once) and put on a review panel of the engine."""
    from participation.models import TrainingCompletion, TrainingModule
    from participation.scoring import services as scoring

    if not TrainingCompletion.objects.filter(
        user=person, module__unlocks__unlock="grant_reviewer"
    ).exists():
        module = TrainingModule.objects.filter(title="Pay it Forward reviewer").first()
        w.train(person, module=module or make_module(worker=w.worker), days_ago=20)
    rubric = scoring.rubric_create(
        actor=w.worker,
        name="Pay it Forward review",
        designed_by="The Pay it Forward young people's group",
        criteria=[{"title": "Who it helps", "question": "Does it help?", "weight": 1}],
    )
    panel = scoring.panel_create(actor=w.worker, name=name, rubric=rubric, unlock="grant_reviewer")
    scoring.panellist_add(actor=w.worker, panel=panel, person=person)
    return panel
