"""Bids and clarification questions. The closing time is the server's clock, checked in every
write a bidder makes, so nothing a browser sends can get a late bid in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import Organisation, Role, User
from participation.services import audit, notify
from participation.uploads import check_upload

from ..models import (
    BID_FLOW,
    CLARIFICATION_FLOW,
    Bid,
    BidAnswer,
    BidAttachment,
    BidStatus,
    Clarification,
    Round,
    Stage,
    money,
)
from ..permissions import provider_organisation_ids
from .common import long_when

MAX_ATTACHMENTS = 5


def _refuse_if_closed(round: Round) -> None:
    # The stage and closing time as stored now, not as the caller's copy last read them.
    round.stage, round.bids_close_at = (
        Round.objects.filter(pk=round.pk).values_list("stage", "bids_close_at").get()
    )
    if round.stage == Stage.CO_DESIGN:
        raise ValidationError("This round is not open for bids yet.")
    if not round.is_open_for_bids():
        raise ValidationError(
            f"Bids for this round closed at {long_when(round.bids_close_at)}. We can't take a "
            "bid or a change after that."
        )


def _lock_bid(bid: Bid) -> Bid:
    return Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)


def _save_answers(bid: Bid, answers: dict[int, str]) -> None:
    criteria = {c.pk: c for c in bid.round.rubric.criteria.all()}
    unknown = set(answers) - set(criteria)
    if unknown:
        raise ValidationError("Answer only this round's criteria.")
    have = {a.criterion_id: a for a in bid.answers.all()}
    for criterion_id, text in answers.items():
        text = (text or "").strip()
        if criterion_id in have:
            if have[criterion_id].text != text:
                have[criterion_id].text = text
                have[criterion_id].save(update_fields=["text"])
        elif text:
            BidAnswer.objects.create(bid=bid, criterion=criteria[criterion_id], text=text)


@transaction.atomic
def bid_save(
    *,
    actor: User,
    round: Round,
    organisation: Organisation,
    answers: dict[int, str],
    price_pence: int | None,
) -> Bid:
    """Start or change an organisation's draft bid: an answer per criterion and the price.
    Saving a draft keeps what was written; sending it is `bid_submit`."""
    require(actor, "commissioning.bid", round)
    if organisation.pk not in provider_organisation_ids(actor):
        raise ValidationError("You can only bid for your own organisation.")
    round = Round.objects.select_for_update().get(pk=round.pk)
    _refuse_if_closed(round)
    bid, created = Bid.objects.get_or_create(
        round=round, organisation=organisation, defaults={"created_by": actor}
    )
    if bid.status == BidStatus.SUBMITTED:
        raise ValidationError("This bid has been sent. Choose 'Change my bid' to edit it.")
    if bid.status == BidStatus.WITHDRAWN:
        raise ValidationError("This bid was withdrawn, so it can't be changed.")
    bid.round = round
    _save_answers(bid, answers)
    bid.price_pence = price_pence
    bid.updated_at = timezone.now()
    bid.save(update_fields=["price_pence", "updated_at"])
    if created:
        audit(actor=actor, action="commissioning.bid_start", target=bid)
    return bid


@transaction.atomic
def bid_submit(*, actor: User, bid: Bid) -> Bid:
    require(actor, "commissioning.edit_bid", bid)
    bid = _lock_bid(bid)
    _refuse_if_closed(bid.round)
    BID_FLOW.check(bid, "submit", actor)
    answered = set(bid.answers.exclude(text="").values_list("criterion_id", flat=True))
    missing = [c.title for c in bid.round.rubric.criteria.all() if c.pk not in answered]
    if missing:
        raise ValidationError(
            f"Answer every criterion before you send the bid. Still to answer: "
            f"{', '.join(missing)}."
        )
    if not bid.price_pence:
        raise ValidationError({"price": "Give your total price before you send the bid."})
    if bid.price_pence > bid.round.budget_pence:
        raise ValidationError(
            {
                "price": f"Your price of {money(bid.price_pence)} is more than the budget of "
                f"{money(bid.round.budget_pence)}."
            }
        )
    bid.submitted_at = timezone.now()
    bid.submitted_by = actor
    BID_FLOW.move(bid, "submit", actor=actor, extra_fields=["submitted_at", "submitted_by"])
    _tell_bidders(
        bid,
        title=f"Your bid for {bid.round.service_title} has been sent",
        body=f"You can change it until {long_when(bid.round.bids_close_at)}.",
    )
    return bid


@transaction.atomic
def bid_reopen(*, actor: User, bid: Bid) -> Bid:
    """Take a sent bid back to change it; it must be sent again before the closing time."""
    require(actor, "commissioning.edit_bid", bid)
    bid = _lock_bid(bid)
    _refuse_if_closed(bid.round)
    BID_FLOW.move(bid, "reopen", actor=actor)
    return bid


@transaction.atomic
def bid_withdraw(*, actor: User, bid: Bid) -> Bid:
    require(actor, "commissioning.edit_bid", bid)
    bid = _lock_bid(bid)
    _refuse_if_closed(bid.round)
    BID_FLOW.move(bid, "withdraw", actor=actor)
    return bid


@transaction.atomic
def attachment_add(*, actor: User, bid: Bid, title: str, upload) -> BidAttachment:
    """Add a file to a draft bid. The file is checked by what it contains (a PDF or a picture),
    not by its name."""
    require(actor, "commissioning.edit_bid", bid)
    bid = _lock_bid(bid)
    _refuse_if_closed(bid.round)
    if bid.status != BidStatus.DRAFT:
        raise ValidationError("Choose 'Change my bid' before adding files to it.")
    if bid.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(f"A bid can have up to {MAX_ATTACHMENTS} files.")
    if upload is None:
        raise ValidationError({"upload": "Choose a file."})
    try:
        kind = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    attachment = BidAttachment(
        bid=bid, title=title.strip() or upload.name, file_kind=kind, uploaded_by=actor
    )
    attachment.file.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
    attachment.full_clean()
    attachment.save()
    audit(actor=actor, action="commissioning.attachment_add", target=bid, kind=kind)
    return attachment


def _provider_users(organisation_ids) -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__role=Role.PROVIDER,
            role_assignments__organisation_id__in=list(organisation_ids),
            is_active=True,
        ).distinct()
    )


def _tell_bidders(bid: Bid, *, title: str, body: str) -> None:
    notify(
        recipients=_provider_users([bid.organisation_id]),
        kind="commissioning.bid",
        title=title,
        body=body,
        url=reverse("commissioning:bid_detail", args=[bid.pk]),
    )


@transaction.atomic
def clarification_ask(*, actor: User, round: Round, question: str) -> Clarification:
    require(actor, "commissioning.ask_clarification", round)
    _refuse_if_closed(round)
    question = question.strip()
    if len(question) < 10:
        raise ValidationError({"question": "Write your question in a sentence or two."})
    organisations = sorted(provider_organisation_ids(actor))
    clarification = Clarification.objects.create(
        round=round,
        question=question,
        asked_by=actor,
        organisation_id=organisations[0] if organisations else None,
    )
    if round.created_by_id:
        notify(
            recipients=round.created_by,
            kind="commissioning.clarification_asked",
            title=f"A bidder has asked a question about {round.service_title}",
            body="Answer it: every bidder will see the answer at once.",
            url=reverse("commissioning:clarifications", args=[round.slug]),
        )
    return clarification


@transaction.atomic
def clarification_answer(
    *, actor: User, clarification: Clarification, answer: str
) -> Clarification:
    """Answer a question to every bidder at once, never saying who asked it."""
    require(actor, "commissioning.answer_clarification", clarification.round)
    clarification = Clarification.objects.select_for_update().get(pk=clarification.pk)
    answer = answer.strip()
    if len(answer) < 3:
        raise ValidationError({"answer": "Write the answer."})
    clarification.answer = answer
    clarification.answered_by = actor
    clarification.answered_at = timezone.now()
    CLARIFICATION_FLOW.move(
        clarification,
        "answer",
        actor=actor,
        extra_fields=["answer", "answered_by", "answered_at"],
    )
    round = clarification.round
    bidders = set(
        round.bids.exclude(status=BidStatus.WITHDRAWN).values_list("organisation_id", flat=True)
    )
    if clarification.organisation_id:
        bidders.add(clarification.organisation_id)
    notify(
        recipients=_provider_users(bidders),
        kind="commissioning.clarification_answered",
        title=f"A question about {round.service_title} has been answered",
        body="Every bidder gets the same answer.",
        url=reverse("commissioning:clarifications", args=[round.slug]),
    )
    return clarification
