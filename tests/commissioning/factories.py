"""The people and rounds the commissioning tests need, built through the real services."""

from datetime import timedelta

import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commissioning import services
from commissioning.models import Declaration
from participation import services as base_services
from participation.models import OrganisationKind, Role
from participation.scoring import services as scoring
from tests.factories import (
    TOTP_SECRET,
    OrganisationFactory,
    UserFactory,
    WorkerFactory,
    YoungPersonFactory,
)
from tests.participation.training.helpers import make_module

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

CRITERIA = [
    {"title": "Young people's voice", "question": "How young people shape it", "weight": 50},
    {"title": "Reaching everyone", "question": "Who it reaches and how", "weight": 30},
    {"title": "Safe and kind", "question": "How staff keep people safe", "weight": 20},
]
QUESTIONS = [
    {"title": "How will we know it works?", "question": "Listen for real examples", "weight": 60},
    {"title": "What will it feel like?", "question": "Would you go there?", "weight": 40},
]


def provider_of(organisation, *, mfa=True, **fields):
    """A provider account for `organisation`, with TOTP set up (providers need two-factor
    authentication: commissioning/views/mfa.py) unless `mfa=False`."""
    person = UserFactory(roles=[], **fields)
    if mfa:
        TOTP.activate(person, TOTP_SECRET)
    base_services.role_grant(user=person, role=Role.PROVIDER, organisation=organisation)
    person.__dict__.pop("role_names", None)
    return person


def a_pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class World:
    """A worker; three provider organisations, each with a provider; two trained young
    evaluators and an untrained young person; a round in co-design with one section."""

    def __init__(self, *, now=None):
        now = now or timezone.now()
        self.worker = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.orgs = [
            OrganisationFactory(name=name, kind=OrganisationKind.PROVIDER)
            for name in ("Bilston Youth Project", "Kooth", "The Base Wellbeing")
        ]
        self.providers = [
            provider_of(org, first_name=first, last_name="Provider")
            for org, first in zip(self.orgs, ("Tom", "Sara", "Dev"), strict=True)
        ]
        self.provider = self.providers[0]
        self.young = YoungPersonFactory(first_name="Amira", last_name="Khan")
        self.evaluators = [
            YoungPersonFactory(first_name="Jordan", last_name="Clarke"),
            YoungPersonFactory(first_name="Ruby", last_name="Jones"),
        ]
        self.untrained = YoungPersonFactory(first_name="Leo", last_name="Patel")
        self.module = make_module(
            title="Commissioning evaluator",
            unlocks=["commissioning_evaluator"],
            worker=self.worker,
        )
        base_services.training_group_signoff(
            module=self.module,
            people=[self.young, *self.evaluators],
            signed_off_by=self.worker,
            completed_on=timezone.localdate(),
        )
        self.now = now
        self.round = services.round_create(
            actor=self.worker,
            title="Emotional health and wellbeing service 2026",
            service_title="emotional health and wellbeing service",
            summary="A new service for children and young people in Wolverhampton.",
            budget_pence=45_000_000,
            contract_months=36,
            bids_close_at=now + timedelta(days=10),
            evaluation_ends_at=now + timedelta(days=20),
            presentations_at=now + timedelta(days=25),
            presentations_place="Wolverhampton Civic Hall",
            decision_by=(now + timedelta(days=30)).date(),
        )
        self.section = services.section_save(
            actor=self.worker,
            round=self.round,
            title="What the service does",
            body="It helps children and young people feel better.",
        )

    def refresh(self):
        self.round.refresh_from_db()
        return self.round

    def ready_to_open(self):
        statement = services.statement_propose(
            actor=self.young, section=self.section, text="Staff listen before they act"
        )
        services.statement_decide(actor=self.worker, statement=statement, accept=True)
        services.spec_publish(actor=self.worker, round=self.round)
        services.criteria_set(actor=self.worker, round=self.round, criteria=CRITERIA)
        services.criteria_set(
            actor=self.worker, round=self.round, criteria=QUESTIONS, which="presentation"
        )
        return self.refresh()

    def open(self):
        self.ready_to_open()
        services.round_move(actor=self.worker, round=self.round, move="open_bids")
        return self.refresh()

    def criteria(self):
        return list(self.refresh().rubric.criteria.order_by("number"))

    def bid(self, n=0, *, price=30_000_000, submit=True):
        criteria = self.criteria()
        bid = services.bid_save(
            actor=self.providers[n],
            round=self.round,
            organisation=self.orgs[n],
            answers={c.pk: f"{self.orgs[n].name} answers {c.title}." for c in criteria},
            price_pence=price,
        )
        if submit:
            bid = services.bid_submit(actor=self.providers[n], bid=bid)
        return bid


class Evaluation(World):
    """World, opened; three bids sent (prices £300,000, £400,000, £360,000); the clock moved
    past the closing time (call `stop()` at the end); scoring started with both trained
    evaluators on the panel."""

    PRICES = (30_000_000, 40_000_000, 36_000_000)

    def __init__(self):
        super().__init__()
        self.open()
        self.bids = [self.bid(n, price=p) for n, p in enumerate(self.PRICES)]
        self.traveller = time_machine.travel(self.round.bids_close_at + timedelta(hours=1))
        self.traveller.start()
        services.round_move(actor=self.worker, round=self.round, move="start_evaluation")
        self.refresh()
        self.panel = self.round.quality_panel
        for person in self.evaluators:
            scoring.panellist_add(actor=self.worker, panel=self.panel, person=person)

    def stop(self):
        self.traveller.stop()

    def item(self, bid, panel=None):
        return scoring.item_for(panel or self.panel, bid.ref)

    def score(self, person, bid, values, *, send=True, panel=None, comment="Good clear answer"):
        item = self.item(bid, panel)
        if not Declaration.objects.filter(item=item, person=person).exists():
            services.declaration_make(actor=person, item=item, has_conflict=False)
        criteria = list(item.panel.rubric.criteria.order_by("number"))
        return services.scores_save(
            actor=person,
            item=item,
            scores={c.pk: (v, comment) for c, v in zip(criteria, values, strict=True)},
            send=send,
        )

    def score_hand_worked(self):
        """The hand-worked example in test_panel.py."""
        a, b, c = self.bids
        for person in self.evaluators:
            self.score(person, a, [4, None, 3])
        self.score(self.evaluators[0], b, [1, 2, 3])
        self.score(self.evaluators[1], b, [4, 2, 3])
        self.score(self.evaluators[0], c, [2, 2, 2])
        self.score(self.evaluators[1], c, [2, 3, 2])

    def to_presentations(self):
        self.score_hand_worked()
        criteria = self.criteria()
        scoring.score_moderate(
            actor=self.worker,
            item=self.item(self.bids[1]),
            criterion=criteria[0],
            value=3,
            reason="We talked it through: the answer shows young people shaping the service.",
        )
        services.shortlist_set(
            actor=self.worker,
            round=self.round,
            bids=self.bids[:2],
            reasons="The two highest written scores, well ahead of the third.",
        )
        services.round_move(actor=self.worker, round=self.round, move="start_presentations")
        self.refresh()
        return self.round.presentation_panel

    def to_decision(self):
        panel = self.to_presentations()
        self.score(self.evaluators[0], self.bids[0], [3, 3], panel=panel)
        self.score(self.evaluators[1], self.bids[0], [3, 3], panel=panel)
        self.score(self.evaluators[0], self.bids[1], [4, 4], panel=panel)
        self.score(self.evaluators[1], self.bids[1], [4, 4], panel=panel)
        services.round_move(actor=self.worker, round=self.round, move="start_decision")
        return self.refresh()

    def decide(self):
        self.to_decision()
        return services.decision_record(
            actor=self.worker,
            round=self.round,
            chosen=self.bids[0],
            reasons="The panel chose Bilston Youth Project: the best written bid, at the "
            "lowest price, and young people trusted them.",
        )


def scored_round(*, bids: int, panellists: int, criteria: int, title: str, worker=None):
    """A round being scored with `bids` bids, each scored by every one of `panellists` trained
    young people on `criteria` criteria, every sheet sent. Returns (round, worker). The clock
    is moved past the closing time only while the bids are taken in to scoring."""
    worker = worker or WorkerFactory()
    now = timezone.now()
    round = services.round_create(
        actor=worker,
        title=title,
        service_title=title.lower(),
        summary="A round for counting queries.",
        budget_pence=10_000_000,
        contract_months=12,
        bids_close_at=now + timedelta(days=1),
        evaluation_ends_at=now + timedelta(days=20),
        presentations_at=now + timedelta(days=25),
        presentations_place="Civic Hall",
        decision_by=(now + timedelta(days=30)).date(),
    )
    section = services.section_save(actor=worker, round=round, title="What it does")
    services.statement_propose(actor=worker, section=section, text="It listens to everyone")
    services.spec_publish(actor=worker, round=round)
    weights = [100 // criteria] * criteria
    weights[0] += 100 - sum(weights)
    services.criteria_set(
        actor=worker,
        round=round,
        criteria=[{"title": f"Criterion {n}", "weight": w} for n, w in enumerate(weights, 1)],
    )
    round.refresh_from_db()
    services.round_move(actor=worker, round=round, move="open_bids")
    round.refresh_from_db()
    rubric_criteria = list(round.rubric.criteria.order_by("number"))
    for n in range(bids):
        org = OrganisationFactory(name=f"{title} provider {n}", kind=OrganisationKind.PROVIDER)
        provider = provider_of(org)
        bid = services.bid_save(
            actor=provider,
            round=round,
            organisation=org,
            answers={c.pk: "An answer." for c in rubric_criteria},
            price_pence=1_000_000 + n,
        )
        services.bid_submit(actor=provider, bid=bid)
    with time_machine.travel(round.bids_close_at + timedelta(minutes=1)):
        services.round_move(actor=worker, round=round, move="start_evaluation")
    round.refresh_from_db()
    module = make_module(
        title=f"Evaluator for {title}", unlocks=["commissioning_evaluator"], worker=worker
    )
    people = [YoungPersonFactory() for _ in range(panellists)]
    base_services.training_group_signoff(
        module=module, people=people, signed_off_by=worker, completed_on=timezone.localdate()
    )
    panel = round.quality_panel
    for person in people:
        scoring.panellist_add(actor=worker, panel=panel, person=person)
    for item in panel.items.all():
        for i, person in enumerate(people):
            services.declaration_make(actor=person, item=item, has_conflict=False)
            services.scores_save(
                actor=person,
                item=item,
                scores={c.pk: ((i + c.number) % 5, "Fair answer here") for c in rubric_criteria},
                send=True,
            )
    return round, worker


def seed_demo_to_here() -> None:
    """The demo data up to and including commissioning's (the base, training, forums, the
    charters and this app), so these tests do not depend on apps seeded after it."""
    from io import StringIO

    from participation.demo import seed_base
    from participation.registry import registry

    out = StringIO()
    seed_base(out)
    for order, name, seeder in registry.demo_seeders:
        if order <= 160:
            seeder(out)
        if name == "commissioning":
            break
