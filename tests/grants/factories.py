"""The people and rounds the grants tests need, built through the real services."""

from datetime import timedelta

from django.utils import timezone

from grants import services
from grants.models import Application
from participation import services as base_services
from participation.scoring import services as scoring
from participation.scoring.models import Item
from tests.factories import WorkerFactory, YoungPersonFactory, birthday_for_age
from tests.participation.training.helpers import make_module

APPLICANT = {"first_name": "Amira", "last_name": "Khan", "email": "amira.khan@example.org"}
SCHOOL = "Heath Park School"
ADULT = ("Mrs Jane Okafor", "My teacher", "jane.okafor@example.org")
PARENT = ("Sam Khan", "Dad", "07700 900777")

FIELDS = {
    "title": "Knit and Natter",
    "helps": "group",
    "who_it_helps": "Older people at the lunch club in our village hall.",
    "people_helped": 20,
    "wellbeing": "Knitting together gives people a reason to come and someone to talk to.",
    "plan": "May: buy wool. June to July: a knitting afternoon every week.",
    "amount": "500",
    "co_applicants": "Zainab",
    "school": SCHOOL,
    "adult_name": ADULT[0],
    "adult_relationship": ADULT[1],
    "adult_contact": ADULT[2],
    "consent_name": PARENT[0],
    "consent_relationship": PARENT[1],
    "consent_contact": PARENT[2],
    "showcase_name": "The Knitters",
}
LINES = [("Wool and needles", "300"), ("Tea and cake", "200")]

# Everything that says who applied: none of it may reach a reviewer.
IDENTIFYING = [
    APPLICANT["first_name"],
    APPLICANT["last_name"],
    APPLICANT["email"],
    SCHOOL,
    *ADULT,
    *PARENT,
    "Zainab",
    "The Knitters",
]


def young(age=15, **fields):
    return YoungPersonFactory(date_of_birth=birthday_for_age(age), **fields)


class World:
    """A worker, an open round (budget £2,000), an applicant of 15 (Amira Khan), two trained
    reviewers on the round's panel, one untrained young person on it too, and an outsider."""

    def __init__(self, *, budget="2000"):
        self.worker = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.module = make_module(worker=self.worker)
        self.applicant = young(15, **APPLICANT)
        self.other = young(14, first_name="Leo", last_name="Patel")
        self.reviewers = [
            young(17, first_name="Jordan", last_name="Clarke"),
            young(16, first_name="Leah", last_name="Hughes"),
        ]
        self.untrained = young(16, first_name="Ruby", last_name="Singh")
        self.train(*self.reviewers)
        now = timezone.now()
        self.round = services.round_create(
            actor=self.worker,
            name="Pay it Forward 2026",
            budget=budget,
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=21),
            review_deadline=now + timedelta(days=35),
        )
        for reviewer in self.reviewers:
            services.reviewer_add(actor=self.worker, round=self.round, person=reviewer)
        self.criteria = list(self.round.panel.rubric.criteria.order_by("number"))

    def train(self, *people):
        base_services.training_group_signoff(
            module=self.module,
            people=list(people),
            signed_off_by=self.worker,
            completed_on=timezone.localdate(),
        )

    def start(self, person=None, title="Knit and Natter") -> Application:
        return services.application_start(
            actor=person or self.applicant, round=self.round, title=title
        )

    def submitted(self, person=None, *, lines=LINES, **fields) -> Application:
        person = person or self.applicant
        application = self.start(person, title=fields.get("title", FIELDS["title"]))
        return services.application_submit(
            actor=person, application=application, lines=lines, **{**FIELDS, **fields}
        )

    def item(self, application) -> Item:
        return Item.objects.get(panel_id=self.round.panel_id, ref=application.item_ref)

    def scores(self, values, comment="Clear and kind."):
        return {
            c.pk: (v, f"{c.title}: {comment}") for c, v in zip(self.criteria, values, strict=True)
        }

    def review(self, application, reviewer, values=(4, 4, 4, 4), comment="Clear and kind."):
        item = self.item(application)
        scoring.sheet_save(actor=reviewer, item=item, scores=self.scores(values, comment))
        return scoring.sheet_submit(actor=reviewer, item=item)

    def reviewed(self, application, values=((4, 4, 4, 4), (5, 3, 4, 4))):
        for reviewer, v in zip(self.reviewers, values, strict=True):
            self.review(application, reviewer, v)
        return application

    def award(self, application, **kw):
        application.refresh_from_db()
        if application.consent_needed and application.consent_confirmed_at is None:
            services.consent_confirm(actor=self.worker, application=application, how="Phone")
        return services.application_decide(
            actor=self.worker,
            application=application,
            outcome="award",
            reason=kw.pop("reason", "A kind idea with a clear plan."),
            **kw,
        )
