"""Peer review: only trained reviewers on the round's panel without a conflict can score; no
reviewer page, export or email holds the applicant's name, school or contact; scores are blind
until sent; "n/a" leaves a criterion out and re-weights the rest (worked by hand)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grants import selectors, services
from participation.access import Refused
from participation.models import Notification
from participation.scoring import services as scoring
from participation.scoring.engine import CriterionSpec, SheetInput, rank
from participation.services import personal_data_export
from tests.grants.factories import IDENTIFYING, World, young

pytestmark = pytest.mark.django_db


def _assert_blind(text: str, where: str):
    lowered = text.lower()
    for needle in IDENTIFYING:
        assert needle.lower() not in lowered, f"{where} shows {needle!r}"


def test_an_untrained_young_person_cannot_join_the_panel():
    w = World()
    with pytest.raises(ValidationError) as refused:
        services.reviewer_add(actor=w.worker, round=w.round, person=w.untrained)
    assert "has not finished the Pay it Forward grant reviewer training" in " ".join(
        refused.value.messages
    )


def test_a_reviewer_whose_training_ran_out_cannot_review(client):
    w = World()
    application = w.submitted()
    reviewer = w.reviewers[0]
    item = w.item(application)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        assert not reviewer.has_perm("grants.review", application)
        with pytest.raises(ValidationError):
            scoring.sheet_save(actor=reviewer, item=item, scores=w.scores([3, 3, 3, 3]))
        client.force_login(reviewer)
        url = reverse("grants:review", args=[w.round.slug, application.pk])
        page = client.get(url).content.decode()
        assert "training" in page and 'name="action"' not in page
        response = client.post(url, {"action": "send"})
        assert response.status_code == 400
    assert not item.sheets.exists()


def test_a_reviewer_who_declared_a_conflict_cannot_review(client):
    w = World()
    application = w.submitted()
    reviewer = w.reviewers[0]
    client.force_login(reviewer)
    conflict_url = reverse("grants:conflict", args=[w.round.slug, application.pk])
    response = client.post(conflict_url, {"reason": "It is my cousin's project."})
    assert response.status_code == 302
    assert not reviewer.has_perm("grants.review", application)
    with pytest.raises(ValidationError):
        scoring.sheet_save(actor=reviewer, item=w.item(application), scores=w.scores([5] * 4))
    page = client.get(reverse("grants:review", args=[w.round.slug, application.pk]))
    assert 'name="action"' not in page.content.decode()
    listing = client.get(reverse("grants:reviews", args=[w.round.slug])).content.decode()
    assert "You stepped aside" in listing


def test_someone_not_on_the_panel_gets_no_review_pages(client):
    w = World()
    application = w.submitted()
    client.force_login(w.other)
    assert client.get(reverse("grants:reviews", args=[w.round.slug])).status_code == 403
    assert (
        client.get(reverse("grants:review", args=[w.round.slug, application.pk])).status_code == 403
    )


def test_no_reviewer_page_export_or_email_names_the_applicant(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    w = World()
    application = w.submitted()
    second = w.submitted(w.other, title="Games club")
    reviewer = w.reviewers[0]
    # The reviewer chose emails at once, so the reminder below becomes an email.
    from participation.models import Delivery, NotificationChoice
    from participation.models.notifications import topic_of

    NotificationChoice.objects.create(
        user=reviewer, kind=topic_of("grants.review_reminder"), delivery=Delivery.EMAIL_NOW
    )
    client.force_login(reviewer)
    pages = {
        "review list": reverse("grants:reviews", args=[w.round.slug]),
        "review page": reverse("grants:review", args=[w.round.slug, application.pk]),
        "conflict page": reverse("grants:conflict", args=[w.round.slug, application.pk]),
        "round page": reverse("grants:round", args=[w.round.slug]),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        _assert_blind(response.content.decode(), where)
    assert "Knit and Natter" in client.get(pages["review page"]).content.decode()
    # A refused send shows the page again, still blind.
    response = client.post(pages["review page"], {"action": "send"})
    assert response.status_code == 400
    _assert_blind(response.content.decode(), "refused review page")
    # Their scores sent, then the other reviewer's, so everyone's scores show: still blind.
    w.review(application, reviewer)
    w.review(application, w.reviewers[1])
    _assert_blind(client.get(pages["review page"]).content.decode(), "review page after")
    # The reviewer's data download.
    _assert_blind(str(personal_data_export(user=reviewer)), "the reviewer's export")
    # The reminder before the deadline: its notification and email.
    mail.outbox.clear()
    with time_machine.travel(w.round.review_deadline - timedelta(days=1)):
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            assert services.review_reminders_send() == 2  # each reviewer, once
    note = Notification.objects.get(user=reviewer, kind="grants.review_reminder")
    _assert_blind(f"{note.title} {note.body} {note.url}", "the reminder")
    assert second.reference in note.body
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    email = mail.outbox[0]
    _assert_blind(f"{email.subject} {email.body}", "the reminder email")
    # The scoring engine's item is labelled with the application's number only.
    assert w.item(application).label == f"Application {application.reference}"


def test_blind_until_sent_other_scores_show_only_after_your_own(client):
    w = World()
    application = w.submitted()
    first, second = w.reviewers
    w.review(application, first, (5, 5, 5, 5), comment="Brilliant idea")
    client.force_login(second)
    url = reverse("grants:review", args=[w.round.slug, application.pk])
    assert "Brilliant idea" not in client.get(url).content.decode()
    w.review(application, second, (1, 1, 1, 1), comment="Not sure")
    page = client.get(url).content.decode()
    assert "Brilliant idea" in page and "Another reviewer" in page
    assert "Jordan" not in page


def test_the_worker_sees_no_scores_until_every_reviewer_has_sent(client):
    w = World()
    application = w.submitted()
    w.review(application, w.reviewers[0], (5, 5, 5, 5))
    client.force_login(w.worker)
    page = client.get(reverse("grants:panel", args=[w.round.slug])).content.decode()
    assert "Hidden until every reviewer has sent their scores" in page
    w.review(application, w.reviewers[1], (5, 5, 5, 5))
    page = client.get(reverse("grants:panel", args=[w.round.slug])).content.decode()
    assert "100.00" in page


# --- "n/a" re-weights, worked by hand ---------------------------------------------------------


def test_hand_worked_na_example_from_the_engine_contract():
    criteria = [CriterionSpec(1, 50, 0, 5), CriterionSpec(2, 30, 0, 5), CriterionSpec(3, 20, 0, 5)]
    [result] = rank(criteria, [SheetInput("a", "p", {1: 4, 2: None, 3: 3})])
    # (50 * 4/5 + 20 * 3/5) / (50 + 20) * 100 = 52 / 70 * 100 = 74.29; as 0 it would be 52.00.
    assert result.total == Decimal("74.29")


def test_na_through_the_grants_review_leaves_the_criterion_out():
    """The Pay it Forward rubric weighs 40/25/20/15. Both reviewers give 4, 4, 4 and n/a for
    value for money: (40*0.8 + 25*0.8 + 20*0.8) / 85 * 100 = 80.00, not 68.00 (n/a as 0)."""
    w = World()
    assert [c.weight for c in w.criteria] == [40, 25, 20, 15]
    application = w.submitted()
    w.reviewed(application, values=((4, 4, 4, None), (4, 4, 4, None)))
    result = selectors.result_for(w.round, application, w.worker)
    assert result.total == Decimal("80.00")
    value_for_money = [r for r in result.criteria if r.criterion == w.criteria[3].pk][0]
    assert value_for_money.value is None


def test_na_and_a_spread_flag_worked_by_hand():
    """Reviewer 1: 5, 2, 4, 3. Reviewer 2: 3, n/a, 4, 3. Means: 4, 2, 4, 3.
    (40*0.8 + 25*0.4 + 20*0.8 + 15*0.6) / 100 * 100 = 32 + 10 + 16 + 9 = 67.00.
    Wellbeing differs by 2: flagged."""
    w = World()
    application = w.submitted()
    w.reviewed(application, values=((5, 2, 4, 3), (3, None, 4, 3)))
    result = selectors.result_for(w.round, application, w.worker)
    assert result.total == Decimal("67.00")
    assert result.flagged
    wellbeing = [r for r in result.criteria if r.criterion == w.criteria[0].pk][0]
    assert wellbeing.spread == 2 and wellbeing.flagged


def test_a_young_person_cannot_score_as_a_reviewer_by_calling_the_service():
    w = World()
    application = w.submitted()
    with pytest.raises((Refused, ValidationError)):
        scoring.sheet_save(actor=w.other, item=w.item(application), scores=w.scores([5] * 4))


def test_a_young_reviewer_never_scores_their_own_application():
    w = World()
    reviewer = w.reviewers[1]  # 16, so they can apply too
    own = w.submitted(reviewer, title="My own idea")
    assert not reviewer.has_perm("grants.review", own)
    with pytest.raises(ValidationError):
        scoring.sheet_save(actor=reviewer, item=w.item(own), scores=w.scores([5] * 4))
    # Someone who applied first and joins the panel later steps aside too.
    late = young(16)
    w.train(late)
    theirs = w.submitted(late, title="Late idea")
    services.reviewer_add(actor=w.worker, round=w.round, person=late)
    assert not late.has_perm("grants.review", theirs)
    assert late.has_perm("grants.review", own)
