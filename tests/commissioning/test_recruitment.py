"""Recruitment panels on the same engine: trained young people score the activity task, the
presentation and their own questions; their shortlist goes to the adult panel; the candidates'
personal details are erased once the recruitment no longer needs them."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from commissioning import services
from commissioning.models import CANDIDATE_KEEP_DAYS, Candidate, RecruitmentStatus
from commissioning.tasks import erase_candidates_due
from participation.access import Refused
from participation.models import AuditEvent
from participation.scoring import services as scoring
from participation.scoring.selectors import results
from participation.services import training_group_signoff
from tests.factories import WorkerFactory, YoungPersonFactory
from tests.participation.training.helpers import make_module

pytestmark = pytest.mark.django_db


class Panel:
    def __init__(self):
        self.worker = WorkerFactory()
        self.young = [YoungPersonFactory(first_name=n) for n in ("Amira", "Jordan")]
        self.untrained = YoungPersonFactory(first_name="Leo")
        module = make_module(
            title="Interview training", unlocks=["recruitment_panel"], worker=self.worker
        )
        training_group_signoff(
            module=module,
            people=self.young,
            signed_off_by=self.worker,
            completed_on=timezone.localdate(),
        )
        self.recruitment = services.recruitment_create(
            actor=self.worker,
            title="School Support Coordinator",
            deadline=timezone.now() + timedelta(days=7),
        )
        self.candidates = [
            services.candidate_add(
                actor=self.worker,
                recruitment=self.recruitment,
                name=name,
                email=f"{name.split()[0].lower()}@example.org",
                phone="07700 900123",
                notes="Lives in Bilston.",
            )
            for name in ("Sam Jones", "Ali Khan")
        ]
        for person in self.young:
            scoring.panellist_add(actor=self.worker, panel=self.recruitment.panel, person=person)

    def score(self, person, candidate, values):
        item = scoring.item_for(self.recruitment.panel, candidate.ref)
        services.declaration_make(actor=person, item=item, has_conflict=False)
        criteria = list(self.recruitment.panel.rubric.criteria.order_by("number"))
        return services.scores_save(
            actor=person,
            item=item,
            scores={
                c.pk: (v, "Clear and kind answers") for c, v in zip(criteria, values, strict=True)
            },
            send=True,
        )


@pytest.fixture
def p():
    return Panel()


def test_the_panel_scores_the_task_the_presentation_and_the_questions(p):
    criteria = list(p.recruitment.rubric.criteria.order_by("number"))
    assert [c.title for c in criteria] == [
        "The activity task",
        "The 5-minute presentation",
        "Answers to our questions",
    ]
    assert [c.weight for c in criteria] == [30, 30, 40]
    assert p.recruitment.panel.unlock == "recruitment_panel"
    # The panel sees a label, never the name.
    labels = sorted(p.recruitment.panel.items.values_list("label", flat=True))
    assert labels == ["Candidate A", "Candidate B"]


def test_untrained_young_people_cannot_join_the_panel(p):
    with pytest.raises(ValidationError):
        scoring.panellist_add(actor=p.worker, panel=p.recruitment.panel, person=p.untrained)


def test_young_people_on_the_panel_write_their_questions(p):
    services.recruitment_question_add(
        actor=p.young[0], recruitment=p.recruitment, text="What makes a good day at work?"
    )
    with pytest.raises(Refused):
        services.recruitment_question_add(
            actor=p.untrained, recruitment=p.recruitment, text="Can I ask too?"
        )
    assert p.recruitment.questions.count() == 1


def test_the_shortlist_goes_to_the_adult_panel_from_the_ranking(p):
    services.recruitment_start(actor=p.worker, recruitment=p.recruitment)
    sam, ali = p.candidates
    for person in p.young:
        p.score(person, sam, [4, 4, 4])
        p.score(person, ali, [2, 1, 2])
    ranked = {r.item: r for r in results(p.recruitment.panel, viewer=p.worker)}
    assert ranked[sam.ref].total == 100 and ranked[sam.ref].rank == 1
    # Ali: (30*2/4 + 30*1/4 + 40*2/4) / 100 * 100 = 15 + 7.5 + 20 = 42.50.
    assert str(ranked[ali.ref].total) == "42.50"
    with pytest.raises(ValidationError):
        services.recruitment_shortlist(
            actor=p.worker, recruitment=p.recruitment, candidates=[sam], reasons="Best."
        )
    services.recruitment_shortlist(
        actor=p.worker,
        recruitment=p.recruitment,
        candidates=[sam],
        reasons="Candidate A listened to us and made the task fun for everyone.",
    )
    p.recruitment.refresh_from_db()
    assert p.recruitment.status == RecruitmentStatus.SHORTLISTED
    assert list(Candidate.objects.filter(shortlisted=True)) == [sam]
    assert p.recruitment.panel.rankings.count() == 1


def test_candidates_personal_details_are_erased_when_no_longer_needed(p):
    services.recruitment_start(actor=p.worker, recruitment=p.recruitment)
    for person in p.young:
        for candidate in p.candidates:
            p.score(person, candidate, [3, 3, 3])
    services.recruitment_shortlist(
        actor=p.worker,
        recruitment=p.recruitment,
        candidates=p.candidates[:1],
        reasons="The panel agreed on Candidate A after talking it through.",
    )
    services.recruitment_close(actor=p.worker, recruitment=p.recruitment)
    p.recruitment.refresh_from_db()
    assert p.recruitment.erase_after - p.recruitment.closed_at == timedelta(
        days=CANDIDATE_KEEP_DAYS
    )
    # Kept while the recruitment still needs them (a question, a complaint).
    with time_machine.travel(p.recruitment.erase_after - timedelta(days=1), tick=False):
        assert erase_candidates_due() == 0
    assert Candidate.objects.filter(name="Sam Jones").exists()
    with time_machine.travel(p.recruitment.erase_after + timedelta(hours=1), tick=False):
        assert erase_candidates_due() == 2
        assert erase_candidates_due() == 0  # safe to run twice
    for candidate in Candidate.objects.all():
        assert candidate.name == candidate.label
        assert (candidate.email, candidate.phone, candidate.notes) == ("", "", "")
        assert candidate.erased_at is not None
    # The scores stay under the labels, so the panel's record still adds up.
    assert results(p.recruitment.panel, viewer=p.worker)
    assert AuditEvent.objects.filter(action="commissioning.candidates_erase").count() == 1


def test_the_young_panel_never_sees_a_candidates_name(p, client, login):
    services.recruitment_question_add(
        actor=p.young[0], recruitment=p.recruitment, text="What would you do first?"
    )
    services.recruitment_start(actor=p.worker, recruitment=p.recruitment)
    login(p.young[0])
    item = scoring.item_for(p.recruitment.panel, p.candidates[0].ref)
    for url in (
        reverse("commissioning:recruitment_detail", args=[p.recruitment.pk]),
        reverse("commissioning:score", args=[item.pk]),
        reverse("commissioning:my_panels"),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert b"Sam Jones" not in page.content and b"sam@example.org" not in page.content
    assert (
        b"What would you do first?"
        in client.get(reverse("commissioning:recruitment_detail", args=[p.recruitment.pk])).content
    )
    login(p.untrained)
    detail = reverse("commissioning:recruitment_detail", args=[p.recruitment.pk])
    assert client.get(detail).status_code == 403
    login(p.worker)
    assert b"Sam Jones" in client.get(detail).content
