"""The people, rubric and panel the scoring tests need, built through the real services."""

from datetime import timedelta

from django.utils import timezone

from participation import services as base_services
from participation.models import Role
from participation.scoring import services
from tests.factories import StaffFactory, WorkerFactory, YoungPersonFactory
from tests.participation.training.helpers import make_module

# Pay it Forward's own three questions, with the weights of the hand-worked example.
CRITERIA = [
    {
        "title": "Who it helps",
        "question": "Does it help other people's wellbeing?",
        "weight": 50,
        "guidance": {
            "0": "It does not help anyone",
            "1": "It helps a little",
            "2": "It helps some people",
            "3": "It helps quite a lot",
            "4": "It helps a lot",
            "5": "It makes a big difference",
        },
    },
    {
        "title": "The plan",
        "question": "Is it clear what will happen and when?",
        "weight": 30,
        "guidance": {str(n): f"Plan words {n}" for n in range(6)},
    },
    {
        "title": "Value for money",
        "question": "Do the budget lines make sense?",
        "weight": 20,
        "guidance": {str(n): f"Money words {n}" for n in range(6)},
    },
]
GOOD_COMMENT = "Clear and kind idea"


class World:
    """A worker, an administrator, three trained young reviewers (Amira, Jordan, Kai), one who
    has not done the training (Sam), a 50/30/20 rubric on 0-5 and an open panel with two
    applications on it."""

    def __init__(self, *, allow_na=True, deadline=None, items=2, tag=""):
        self.worker = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.admin = StaffFactory(roles=[Role.ADMINISTRATOR], first_name="Alex", last_name="Hall")
        self.amira = YoungPersonFactory(first_name="Amira", last_name="Khan")
        self.jordan = YoungPersonFactory(first_name="Jordan", last_name="Clarke")
        self.kai = YoungPersonFactory(first_name="Kai", last_name="Smith")
        self.sam = YoungPersonFactory(first_name="Sam", last_name="Jones")
        self.module = make_module(
            title=f"Pay it Forward reviewer{tag}", unlocks=["grant_reviewer"], worker=self.worker
        )
        base_services.training_group_signoff(
            module=self.module,
            people=[self.amira, self.jordan, self.kai],
            signed_off_by=self.worker,
            completed_on=timezone.localdate() - timedelta(days=10),
        )
        self.rubric = services.rubric_create(
            actor=self.worker,
            name="Pay it Forward review",
            allow_na=allow_na,
            designed_by="Designed by the Pay it Forward young people's group, 2017",
            criteria=CRITERIA,
        )
        self.criteria = list(self.rubric.criteria.all())
        self.panel = services.panel_create(
            actor=self.worker,
            name="Pay it Forward spring review",
            rubric=self.rubric,
            unlock="grant_reviewer",
            deadline=deadline,
        )
        self.panellists = [
            services.panellist_add(actor=self.worker, panel=self.panel, person=p)
            for p in (self.amira, self.jordan, self.kai)
        ]
        self.items = [
            services.item_add(
                panel=self.panel, ref=f"grants.application:{n}", label=f"Application PIF-{n:03}"
            )
            for n in range(1, items + 1)
        ]
        self.item = self.items[0]

    def scores(self, *values, comment=GOOD_COMMENT):
        return {c.pk: (v, comment) for c, v in zip(self.criteria, values, strict=True)}

    def send(self, person, item, *values):
        return services.sheet_submit(actor=person, item=item, scores=self.scores(*values))

    def everyone_sends(self, item=None, values=((4, 3, 2), (4, 3, 2), (4, 3, 2))):
        for person, v in zip((self.amira, self.jordan, self.kai), values, strict=True):
            self.send(person, item or self.item, *v)
