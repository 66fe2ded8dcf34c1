"""Every public write service of commissioning refuses an actor without the permission, in the
permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

import pytest
from django.utils import timezone

from commissioning import models, services
from participation.access import Refused, refusal_for
from participation.models import AuditEvent, Notification
from participation.scoring import services as scoring
from tests.commissioning.factories import CRITERIA, World, a_pdf
from tests.participation.training.helpers import make_module

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    """An open round with a draft bid from Bilston and a question it asked; a recruitment
    with one candidate and one trained young person on its panel."""

    def __init__(self):
        super().__init__()
        self.open()
        self.statement = models.Statement.objects.get()
        self.draft = self.bid(0, submit=False)
        self.question = services.clarification_ask(
            actor=self.provider, round=self.round, question="Can it run on Saturdays, please?"
        )
        module = make_module(
            title="Interview training", unlocks=["recruitment_panel"], worker=self.worker
        )
        from participation.services import training_group_signoff

        training_group_signoff(
            module=module,
            people=[self.evaluators[0]],
            signed_off_by=self.worker,
            completed_on=timezone.localdate(),
        )
        self.recruitment = services.recruitment_create(
            actor=self.worker, title="School Support Coordinator", deadline=None
        )
        self.candidate = services.candidate_add(
            actor=self.worker, recruitment=self.recruitment, name="A. Candidate"
        )
        scoring.panellist_add(
            actor=self.worker, panel=self.recruitment.panel, person=self.evaluators[0]
        )
        self.item = scoring.item_for(self.recruitment.panel, self.candidate.ref)


def _round_kwargs(w):
    return dict(
        title="Another round",
        service_title="x",
        summary="y",
        budget_pence=100,
        contract_months=12,
        bids_close_at=w.round.bids_close_at,
        evaluation_ends_at=w.round.evaluation_ends_at,
        presentations_at=w.round.presentations_at,
        presentations_place="Civic Hall",
        decision_by=w.round.decision_by,
    )


CASES = {
    services.round_create: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.young, **_round_kwargs(w)),
    ),
    services.round_move: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.provider, round=w.round, move="start_evaluation"),
    ),
    services.round_update: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.provider, round=w.round, contract_months=24),
    ),
    services.criteria_set: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.provider, round=w.round, criteria=CRITERIA),
    ),
    services.section_save: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.young, round=w.round, title="Mine"),
    ),
    services.comment_add: (
        "commissioning.co_design",
        lambda w: dict(actor=w.provider, section=w.section, text="Choose us"),
    ),
    services.statement_propose: (
        "commissioning.co_design",
        lambda w: dict(actor=w.provider, section=w.section, text="Hire the cheapest"),
    ),
    services.statement_prioritise: (
        "commissioning.prioritise",
        lambda w: dict(actor=w.worker, statement=w.statement),
    ),
    services.statement_decide: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.young, statement=w.statement, accept=True),
    ),
    services.spec_publish: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.young, round=w.round),
    ),
    services.bid_save: (
        "commissioning.bid",
        lambda w: dict(
            actor=w.young, round=w.round, organisation=w.orgs[0], answers={}, price_pence=1
        ),
    ),
    services.bid_submit: (
        "commissioning.edit_bid",
        lambda w: dict(actor=w.providers[1], bid=w.draft),
    ),
    services.bid_reopen: (
        "commissioning.edit_bid",
        lambda w: dict(actor=w.providers[1], bid=w.draft),
    ),
    services.bid_withdraw: (
        "commissioning.edit_bid",
        lambda w: dict(actor=w.worker, bid=w.draft),
    ),
    services.attachment_add: (
        "commissioning.edit_bid",
        lambda w: dict(actor=w.providers[2], bid=w.draft, title="Plan", upload=a_pdf()),
    ),
    services.clarification_ask: (
        "commissioning.ask_clarification",
        lambda w: dict(actor=w.young, round=w.round, question="Is it for everyone in the city?"),
    ),
    services.clarification_answer: (
        "commissioning.answer_clarification",
        lambda w: dict(actor=w.provider, clarification=w.question, answer="Yes"),
    ),
    services.declaration_make: (
        "scoring.declare_conflict",
        lambda w: dict(actor=w.young, item=w.item, has_conflict=False),
    ),
    services.scores_save: (
        "scoring.score",
        lambda w: dict(actor=w.young, item=w.item, scores={}),
    ),
    services.shortlist_set: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.young, round=w.round, bids=[w.draft], reasons="x" * 30),
    ),
    services.decision_record: (
        "commissioning.manage_round",
        lambda w: dict(actor=w.provider, round=w.round, chosen=w.draft, reasons="x" * 30),
    ),
    services.recruitment_create: (
        "commissioning.manage_recruitment",
        lambda w: dict(actor=w.young, title="Engagement Coordinator"),
    ),
    services.candidate_add: (
        "commissioning.manage_recruitment",
        lambda w: dict(actor=w.evaluators[0], recruitment=w.recruitment, name="B. Candidate"),
    ),
    services.recruitment_question_add: (
        "commissioning.ask_candidates",
        lambda w: dict(actor=w.worker, recruitment=w.recruitment, text="Why this job?"),
    ),
    services.recruitment_start: (
        "commissioning.manage_recruitment",
        lambda w: dict(actor=w.evaluators[0], recruitment=w.recruitment),
    ),
    services.recruitment_shortlist: (
        "commissioning.manage_recruitment",
        lambda w: dict(
            actor=w.young, recruitment=w.recruitment, candidates=[w.candidate], reasons="x" * 30
        ),
    ),
    services.recruitment_close: (
        "commissioning.manage_recruitment",
        lambda w: dict(actor=w.provider, recruitment=w.recruitment),
    ),
}

COVERED = set(CASES)

EXEMPT = {
    services.reminders_send: "a periodic task: the system reminds panellists, no person acts",
    services.candidates_erase_due: "a periodic task: the system erases on time, no person acts",
}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        tuple(models.Round.objects.values_list("stage", "rubric_id")),
        models.SpecSection.objects.count(),
        models.SpecComment.objects.count(),
        tuple(models.Statement.objects.values_list("status", flat=True)),
        models.StatementPriority.objects.count(),
        models.SpecVersion.objects.count(),
        tuple(models.Bid.objects.values_list("status", "price_pence")),
        models.BidAttachment.objects.count(),
        tuple(models.Clarification.objects.values_list("status", flat=True)),
        models.Declaration.objects.count(),
        models.Decision.objects.count(),
        tuple(models.Recruitment.objects.values_list("status", flat=True)),
        models.Candidate.objects.count(),
        models.RecruitmentQuestion.objects.count(),
    )


@pytest.mark.parametrize(
    "service", sorted(CASES, key=lambda s: s.__name__), ids=lambda s: s.__name__
)
def test_an_actor_without_the_permission_is_refused_in_plain_words(service):
    world = RefusalWorld()
    perm, call = CASES[service]
    before = _counts()
    with pytest.raises(Refused) as refused:
        service(**call(world))
    assert refused.value.code == "forbidden"
    assert refused.value.messages == [refusal_for(perm)]
    assert _counts() == before


def test_every_refusal_is_plain_words_not_the_default():
    for perm, _call in CASES.values():
        assert refusal_for(perm) != "You don't have permission to do this.", perm
