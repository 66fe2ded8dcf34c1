"""Rounds and their stages, criteria whose weights add to 100%, and bids: before the deadline
only (the server's clock), an answer per criterion, a price, files checked by content, and
questions answered to every bidder at once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning import services
from commissioning.models import Bid, BidStatus, ClarificationStatus, Stage
from participation.access import Refused
from participation.models import AuditEvent, Notification
from participation.transitions import BadMove
from tests.commissioning.factories import CRITERIA, World, a_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return World()


def test_round_weights_must_add_to_100(w):
    with pytest.raises(ValidationError) as error:
        services.round_create(
            actor=w.worker,
            title="Another",
            service_title="x",
            summary="y",
            budget_pence=100,
            contract_months=12,
            bids_close_at=w.round.bids_close_at,
            evaluation_ends_at=w.round.evaluation_ends_at,
            presentations_at=w.round.presentations_at,
            presentations_place="Civic Hall",
            decision_by=w.round.decision_by,
            quality_weight=60,
            price_weight=30,
            presentation_weight=20,
        )
    assert "add up to 110%" in str(error.value)


def test_criteria_weights_that_do_not_add_to_100_are_refused_with_a_clear_message(w):
    bad = [dict(c) for c in CRITERIA]
    bad[0]["weight"] = 40
    with pytest.raises(ValidationError) as error:
        services.criteria_set(actor=w.worker, round=w.round, criteria=bad)
    assert "90" in " ".join(error.value.messages) and "100" in " ".join(error.value.messages)
    w.refresh()
    assert w.round.rubric is None  # nothing saved


def test_criteria_have_a_descriptor_for_every_score_from_0_to_4(w):
    criteria = [dict(c) for c in CRITERIA]
    criteria[0]["guidance"] = {"4": "Young people lead it"}
    services.criteria_set(actor=w.worker, round=w.round, criteria=criteria)
    first = w.criteria()[0]
    assert sorted(first.guidance) == ["0", "1", "2", "3", "4"]
    assert first.guidance["4"] == "Young people lead it"
    assert first.guidance["0"]  # the plain default words
    assert w.round.rubric.scale_min == 0 and w.round.rubric.scale_max == 4


def test_only_a_worker_sets_criteria_and_not_once_bids_are_open(w):
    with pytest.raises(Refused):
        services.criteria_set(actor=w.young, round=w.round, criteria=CRITERIA)
    w.open()
    with pytest.raises(ValidationError) as error:
        services.criteria_set(actor=w.worker, round=w.round, criteria=CRITERIA)
    assert "can't change once bids are open" in str(error.value)


def test_a_round_opens_only_with_a_published_specification_and_criteria(w):
    with pytest.raises(ValidationError) as error:
        services.round_move(actor=w.worker, round=w.round, move="open_bids")
    assert "Publish the specification" in str(error.value)
    w.ready_to_open()
    services.round_move(actor=w.worker, round=w.round, move="open_bids")
    assert w.refresh().stage == Stage.OPEN
    # Providers are told; the move is audited.
    assert Notification.objects.filter(user=w.provider, kind="commissioning.round_open").exists()
    assert AuditEvent.objects.filter(action="commissioning.round.open_bids").exists()
    with pytest.raises(BadMove):
        services.round_move(actor=w.worker, round=w.round, move="open_bids")


def test_stages_cannot_be_skipped_or_moved_by_others(w):
    with pytest.raises(Refused):
        services.round_move(actor=w.provider, round=w.round, move="open_bids")
    with pytest.raises(BadMove):
        services.round_move(actor=w.worker, round=w.round, move="start_presentations")
    with pytest.raises(ValidationError) as error:
        services.round_move(actor=w.worker, round=w.round, move="award")
    assert "reasons" in str(error.value)


def test_a_provider_saves_a_draft_and_sends_a_complete_bid(w):
    w.open()
    criteria = w.criteria()
    draft = services.bid_save(
        actor=w.provider,
        round=w.round,
        organisation=w.orgs[0],
        answers={criteria[0].pk: "We ask young people first."},
        price_pence=None,
    )
    assert draft.status == BidStatus.DRAFT
    with pytest.raises(ValidationError) as error:
        services.bid_submit(actor=w.provider, bid=draft)
    assert "Reaching everyone" in str(error.value)
    bid = w.bid(0, price=50_000_000, submit=False)  # every answer, over the £450,000 budget
    assert bid.status == BidStatus.DRAFT
    services.bid_save(
        actor=w.provider,
        round=w.round,
        organisation=w.orgs[0],
        answers={},
        price_pence=30_000_000,
    )
    bid = services.bid_submit(actor=w.provider, bid=bid)
    assert bid.status == BidStatus.SUBMITTED and bid.submitted_by == w.provider
    assert bid.answers.count() == 3


def test_a_price_over_the_budget_is_refused(w):
    w.open()
    with pytest.raises(ValidationError) as error:
        w.bid(0, price=50_000_000)
    assert "more than the budget of £450,000" in str(error.value)


def test_a_provider_bids_only_for_its_own_organisation(w):
    w.open()
    with pytest.raises(ValidationError):
        services.bid_save(
            actor=w.provider, round=w.round, organisation=w.orgs[1], answers={}, price_pence=1
        )
    bid = w.bid(1)
    with pytest.raises(Refused):
        services.bid_withdraw(actor=w.provider, bid=bid)
    with pytest.raises(Refused):
        services.bid_save(
            actor=w.young, round=w.round, organisation=w.orgs[0], answers={}, price_pence=1
        )


def test_a_late_bid_is_refused_by_the_server_clock(w):
    w.open()
    draft = w.bid(0, submit=False)
    with time_machine.travel(w.round.bids_close_at + timedelta(seconds=1), tick=False):
        with pytest.raises(ValidationError) as error:
            services.bid_submit(actor=w.provider, bid=draft)
        assert "closed at" in str(error.value) and "can't take a bid" in str(error.value)
        with pytest.raises(ValidationError):
            services.bid_save(
                actor=w.providers[1],
                round=w.round,
                organisation=w.orgs[1],
                answers={},
                price_pence=1,
            )
    assert Bid.objects.get(pk=draft.pk).status == BidStatus.DRAFT
    # One second before the close it is still on time.
    with time_machine.travel(w.round.bids_close_at - timedelta(seconds=1), tick=False):
        assert services.bid_submit(actor=w.provider, bid=draft).status == BidStatus.SUBMITTED


def test_a_sent_bid_can_be_changed_and_sent_again_before_the_close(w):
    w.open()
    bid = w.bid(0)
    services.bid_reopen(actor=w.provider, bid=bid)
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.DRAFT
    with time_machine.travel(w.round.bids_close_at + timedelta(minutes=1), tick=False):
        with pytest.raises(ValidationError):
            services.bid_withdraw(actor=w.provider, bid=bid)


def test_attachments_are_checked_by_what_they_contain(w):
    w.open()
    bid = w.bid(0, submit=False)
    attachment = services.attachment_add(
        actor=w.provider, bid=bid, title="Our plan", upload=a_pdf()
    )
    assert attachment.file_kind == "pdf"
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    with pytest.raises(ValidationError) as error:
        services.attachment_add(actor=w.provider, bid=bid, title="Fake", upload=fake)
    assert "not a PDF document" in str(error.value)
    assert bid.attachments.count() == 1


def test_a_question_is_answered_to_every_bidder_at_once_without_saying_who_asked(w):
    w.open()
    w.bid(1, submit=False)
    w.bid(2)
    question = services.clarification_ask(
        actor=w.provider, round=w.round, question="Can the service run on Saturdays?"
    )
    with pytest.raises(Refused):
        services.clarification_answer(actor=w.provider, clarification=question, answer="Yes")
    services.clarification_answer(
        actor=w.worker, clarification=question, answer="Yes, young people asked for that."
    )
    question.refresh_from_db()
    assert question.status == ClarificationStatus.ANSWERED
    told = set(
        Notification.objects.filter(kind="commissioning.clarification_answered").values_list(
            "user_id", flat=True
        )
    )
    assert told == {p.pk for p in w.providers}
    note = Notification.objects.filter(kind="commissioning.clarification_answered").first()
    assert w.orgs[0].name not in note.title + note.body
    with pytest.raises(BadMove):
        services.clarification_answer(actor=w.worker, clarification=question, answer="Again")


def test_once_bids_are_open_only_later_dates_change_and_bidders_hear_of_more_time(w):
    services.round_update(actor=w.worker, round=w.round, contract_months=24, budget_pence=100)
    assert w.refresh().contract_months == 24
    w.open()
    with pytest.raises(ValidationError) as error:
        services.round_update(actor=w.worker, round=w.round, budget_pence=99_999_999)
    assert "only the later dates" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.round_update(
            actor=w.worker, round=w.round, bids_close_at=w.round.bids_close_at - timedelta(days=1)
        )
    assert "only be moved later" in str(error.value)
    later = w.round.bids_close_at + timedelta(days=2)
    services.round_update(actor=w.worker, round=w.round, bids_close_at=later)
    assert w.refresh().bids_close_at == later
    assert Notification.objects.filter(user=w.provider, title__contains="more time").exists()


def test_the_round_edit_page_keeps_what_was_typed_when_weights_are_wrong(w, client, login):
    from django.urls import reverse

    login(w.worker)
    page = reverse("commissioning:round_edit", args=[w.round.slug])
    assert client.get(page).status_code == 200
    form = client.get(page).context["form"]
    data = {k: form[k].value() for k in form.fields}
    for name in ("bids_close_at", "evaluation_ends_at", "presentations_at"):
        data[name] = form[name].value().strftime("%Y-%m-%dT%H:%M")
    data["decision_by"] = form["decision_by"].value().isoformat()
    data["price_weight"] = "50"
    data["summary"] = "A changed summary"
    response = client.post(page, data)
    assert response.status_code == 400
    assert b"add up to 130%" in response.content and b"A changed summary" in response.content
    data["price_weight"] = "20"
    assert client.post(page, data).status_code == 302
    assert w.refresh().summary == "A changed summary"
