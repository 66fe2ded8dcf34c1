"""The decision panel: awards within the budget, at least two reviews, a plain-English reason
the applicant reads with the reviewers' feedback and never a reviewer's name; then payment to
the trusted adult, receipts, the visit and the showcase."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import ApplicationStatus, Award, AwardStatus, ShowcaseStatus, VisitStatus
from participation.models import Notification
from tests.grants.factories import World

pytestmark = pytest.mark.django_db


def _png():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return SimpleUploadedFile("bench.png", buffer.getvalue(), content_type="image/png")


def test_an_application_needs_two_reviews_before_the_panel_decides():
    w = World()
    application = w.submitted()
    w.review(application, w.reviewers[0])
    with pytest.raises(ValidationError) as refused:
        w.award(application)
    assert refused.value.messages == [
        f"{application.reference} has 1 review. It needs at least 2 before the panel decides."
    ]


def test_the_decision_carries_the_feedback_but_never_the_reviewers_names(client):
    w = World()
    application = w.reviewed(w.submitted())
    w.award(application, reason="A kind idea with a clear plan.", conditions="Keep receipts.")
    note = Notification.objects.get(user=w.applicant, kind="grants.decision")
    assert note.title == "Good news: your project Knit and Natter gets £500"
    assert "The panel said: A kind idea with a clear plan." in note.body
    assert "What you need to do: Keep receipts." in note.body
    assert "What the young reviewers said:" in note.body
    assert "Wellbeing: Wellbeing: Clear and kind." in note.body
    for reviewer in w.reviewers:
        for name in (reviewer.first_name, reviewer.last_name, reviewer.email):
            assert name not in note.body and name not in note.title
    client.force_login(w.applicant)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Your project gets £500." in page
    assert "A kind idea with a clear plan." in page
    assert "The plan: Clear and kind." in page
    assert "Jordan" not in page and "Leah" not in page


def test_a_decline_tells_them_why():
    w = World()
    application = w.reviewed(w.submitted())
    services.application_decide(
        actor=w.worker, application=application, outcome="decline", reason="Try a smaller plan."
    )
    note = Notification.objects.get(user=w.applicant, kind="grants.decision")
    assert "not funded this time" in note.title and "Try a smaller plan." in note.body
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert not Award.objects.exists()


def test_an_award_that_would_go_over_the_budget_is_refused():
    w = World(budget="1000")
    first = w.reviewed(w.submitted(amount="600", lines=[("Wool", "600")]))
    second = w.reviewed(w.submitted(w.other, title="Games", amount="500", lines=[("Games", "500")]))
    w.award(first)
    with pytest.raises(ValidationError) as refused:
        w.award(second)
    assert refused.value.message_dict["amount"] == [
        "There is only £400 left in this round's budget, so the panel can't award £500."
    ]
    # A smaller award fits.
    w.award(second, amount="400")
    assert sum(a.amount for a in Award.objects.all()) == 1000


def test_a_decision_stores_the_scores_it_was_made_on():
    w = World()
    application = w.reviewed(w.submitted())
    w.award(application)
    application.refresh_from_db()
    ranking = application.ranking
    assert ranking.rule_version == "weighted-mean-na-rescaled-v1"
    assert ranking.inputs and ranking.results


def test_payment_goes_to_the_trusted_adult_after_consent():
    w = World()
    application = w.reviewed(w.submitted())
    services.application_decide(
        actor=w.worker, application=application, outcome="award", reason="Yes."
    )
    award = Award.objects.get()
    with pytest.raises(ValidationError) as refused:
        services.payment_record(
            actor=w.worker, award=award, paid_on=timezone.localdate(), method="bank_transfer"
        )
    assert "parent or carer" in refused.value.messages[0]
    services.consent_confirm(actor=w.worker, application=application, how="On the phone")
    award = services.payment_record(
        actor=w.worker, award=award, paid_on=timezone.localdate(), method="bank_transfer"
    )
    assert award.status == AwardStatus.PAID and award.paid_to == "Mrs Jane Okafor"


def _paid(w):
    application = w.reviewed(w.submitted())
    w.award(application)
    award = Award.objects.get()
    services.payment_record(
        actor=w.worker, award=award, paid_on=timezone.localdate(), method="cheque"
    )
    return application, Award.objects.get()


def test_visit_photos_only_with_consent_then_the_showcase():
    w = World()
    application, award = _paid(w)
    visit = services.visit_plan(
        actor=w.worker, award=award, starts_at=timezone.now() + timedelta(days=3), place="Hall"
    )
    assert visit.activity.title == "Pay it Forward visit: Knit and Natter"
    with pytest.raises(ValidationError) as refused:
        services.visit_record(
            actor=w.worker,
            visit=visit,
            happened=True,
            money_used="Wool and cake.",
            people_said="We love it.",
            wellbeing="much_better",
            photos=[(_png(), "Knitters", False)],
        )
    assert "said yes" in refused.value.message_dict["photo"][0]
    visit = services.visit_record(
        actor=w.worker,
        visit=visit,
        happened=True,
        money_used="Wool and cake.",
        people_said="We love it.",
        wellbeing="much_better",
        people_helped=18,
        photos=[(_png(), "Knitters", True)],
    )
    assert visit.status == VisitStatus.DONE and visit.photos.count() == 1
    assert Award.objects.get().status == AwardStatus.COMPLETED
    entry = services.showcase_suggest(
        actor=w.applicant, application=application, story="We knitted with older people."
    )
    assert entry.status == ShowcaseStatus.WAITING and entry.name_shown == "The Knitters"
    assert entry.people_helped == 18
    services.showcase_publish(actor=w.worker, entry=entry)


def test_a_visitor_with_a_place_may_write_it_up_and_others_may_not(client):
    from participation.services import activity_signup

    w = World()
    _application, award = _paid(w)
    visit = services.visit_plan(
        actor=w.worker, award=award, starts_at=timezone.now() + timedelta(days=3), place="Hall"
    )
    visitor = w.reviewers[0]
    client.force_login(visitor)
    assert client.get(reverse("grants:visit", args=[visit.pk])).status_code == 403
    activity_signup(activity=visit.activity, user=visitor)
    assert client.get(reverse("grants:visit", args=[visit.pk])).status_code == 200


def test_an_overdue_visit_reminds_the_worker_once():
    w = World()
    _application, award = _paid(w)
    visit = services.visit_plan(
        actor=w.worker,
        award=award,
        starts_at=timezone.now() + timedelta(days=3),
        place="Hall",
        due_on=timezone.localdate() + timedelta(days=10),
    )
    assert services.visit_reminders_send() == 0
    with time_machine.travel(timezone.now() + timedelta(days=11)):
        assert services.visit_reminders_send() == 1
        assert services.visit_reminders_send() == 0
    note = Notification.objects.get(kind="grants.visit_overdue")
    assert note.user == w.worker
    assert reverse("grants:visit", args=[visit.pk]) == note.url


def test_review_reminders_go_before_the_deadline_once_and_not_to_those_done():
    w = World()
    application = w.submitted()
    w.review(application, w.reviewers[0])
    assert services.review_reminders_send() == 0  # the round is still open
    with time_machine.travel(w.round.review_deadline - timedelta(days=2)):
        assert services.review_reminders_send() == 1
        assert services.review_reminders_send() == 0
    assert list(
        Notification.objects.filter(kind="grants.review_reminder").values_list("user", flat=True)
    ) == [w.reviewers[1].pk]


def test_the_panel_waits_for_every_review_or_for_the_worker_to_close_them(client):
    w = World()
    first = w.reviewed(w.submitted())
    second = w.submitted(w.other, title="Games club")
    w.review(second, w.reviewers[0])
    with pytest.raises(ValidationError) as refused:
        w.award(first)
    assert "Not everyone has sent their scores yet." in refused.value.messages[0]
    client.force_login(w.worker)
    response = client.post(reverse("grants:close_reviews", args=[w.round.slug]))
    assert response.status_code == 302
    w.award(first)
    first.refresh_from_db()
    assert first.status == ApplicationStatus.AWARDED
    # The second had one review: still not enough to decide.
    with pytest.raises(ValidationError) as too_few:
        w.award(second)
    assert "needs at least 2" in too_few.value.messages[0]
