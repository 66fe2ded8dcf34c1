"""Panels on the scoring engine: the conflict form, scores, the shortlist, reminders and the
decision with every provider's feedback.

The engine decides who may score (trained now, on the panel, no conflict), keeps scores blind
until a panellist has sent theirs, and audits every score and moderated score with the old and
new values. What is added here is commissioning's own: nobody scores a bid or a candidate
before filling in the conflict form for it, the shortlist and the decision need written
reasons, and the result combines quality, price and the presentation by the round's weights.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import User
from participation.scoring import services as scoring
from participation.scoring.models import Item, Panel, PanelStatus
from participation.scoring.permissions import score_refusal
from participation.scoring.selectors import behind, results
from participation.services import audit, notify

from .. import results as mix
from ..models import (
    REMIND_HOURS_BEFORE,
    ROUND_FLOW,
    Bid,
    BidStatus,
    Decision,
    Declaration,
    Recruitment,
    RecruitmentStatus,
    Reminder,
    Round,
    Stage,
)
from .bids import _provider_users
from .common import long_when

FILL_IN_FORM_FIRST = "Fill in the conflict form for this one before you score it."


@transaction.atomic
def declaration_make(
    *, actor: User, item: Item, has_conflict: bool, reason: str = ""
) -> Declaration:
    """A panellist's conflict form for one item. "No conflict" lets them score it; a conflict
    (with why) is declared to the engine too, which then refuses their scores for it. Someone
    who said "no conflict" may still step aside later, until they have sent their scores."""
    require(actor, "scoring.declare_conflict", item)
    reason = (reason or "").strip()
    existing = Declaration.objects.select_for_update().filter(item=item, person=actor).first()
    if existing is not None and (existing.has_conflict or not has_conflict):
        raise ValidationError("You have already filled in the conflict form for this one.")
    if has_conflict:
        scoring.conflict_declare(actor=actor, item=item, reason=reason)
    declaration = existing or Declaration(item=item, person=actor)
    declaration.has_conflict = has_conflict
    # The engine keeps the reason; here it is only recorded that there was one.
    declaration.reason = "Declared to the panel" if has_conflict else ""
    declaration.declared_at = timezone.now()
    declaration.save()
    audit(
        actor=actor,
        action="commissioning.declaration",
        target=item,
        item=item.ref,
        has_conflict=has_conflict,
    )
    return declaration


def _check_declared(actor: User, item: Item) -> None:
    if not Declaration.objects.filter(item=item, person=actor, has_conflict=False).exists():
        raise ValidationError(FILL_IN_FORM_FIRST)


@transaction.atomic
def scores_save(*, actor: User, item: Item, scores: dict, send: bool = False):
    """Save a panellist's scores for one item as a draft, or send them (`send`): then they are
    final and the others' scores can be seen."""
    require(actor, "scoring.score", item, refusal=score_refusal(actor, item) or None)
    _check_declared(actor, item)
    if send:
        return scoring.sheet_submit(actor=actor, item=item, scores=scores)
    return scoring.sheet_save(actor=actor, item=item, scores=scores)


@transaction.atomic
def shortlist_set(*, actor: User, round: Round, bids: list[Bid], reasons: str) -> list[Bid]:
    """Choose who presents at the Dragon's Den, from the ranking of the written bids (recorded
    now, with its inputs, so the shortlist can always be explained)."""
    require(actor, "commissioning.manage_round", round)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.stage != Stage.EVALUATION:
        raise ValidationError("The shortlist is chosen after the bids are scored.")
    reasons = reasons.strip()
    if len(reasons) < 20:
        raise ValidationError({"reasons": "Write down why these are shortlisted."})
    if not bids:
        raise ValidationError({"bids": "Choose at least one bid to shortlist."})
    if len(bids) > round.shortlist_size:
        raise ValidationError(
            {"bids": f"This round shortlists up to {round.shortlist_size} organisations."}
        )
    sent = {b.pk for b in round.bids.filter(status=BidStatus.SUBMITTED)}
    if any(b.pk not in sent or b.round_id != round.pk for b in bids):
        raise ValidationError({"bids": "Choose from the bids that were sent to this round."})
    panel = Panel.objects.get(pk=round.quality_panel_id)
    ranking = scoring.ranking_record(actor=actor, panel=panel)
    now = timezone.now()
    chosen = [b.pk for b in bids]
    round.bids.exclude(pk__in=chosen).update(shortlisted_at=None)
    round.bids.filter(pk__in=chosen).update(shortlisted_at=now)
    audit(
        actor=actor,
        action="commissioning.shortlist",
        target=round,
        bids=chosen,
        ranking=ranking.pk,
        reasons=reasons,
    )
    return list(round.bids.filter(pk__in=chosen))


def _panels_due(now) -> list[Panel]:
    soon = now + timedelta(hours=REMIND_HOURS_BEFORE)
    round_panels = set()
    for q, p in Round.objects.filter(stage__in=[Stage.EVALUATION, Stage.PRESENTATIONS]).values_list(
        "quality_panel_id", "presentation_panel_id"
    ):
        round_panels.update(x for x in (q, p) if x)
    recruitment_panels = set(
        Recruitment.objects.filter(status=RecruitmentStatus.INTERVIEWING).values_list(
            "panel_id", flat=True
        )
    )
    return list(
        Panel.objects.filter(
            pk__in=round_panels | recruitment_panels,
            status=PanelStatus.OPEN,
            deadline__gt=now,
            deadline__lte=soon,
        )
    )


def reminders_send(*, now=None) -> int:
    """Remind each panellist with scores still to send, once per panel, when the deadline is
    near. Safe to run any number of times: the reminder row is written before the note."""
    now = now or timezone.now()
    sent = 0
    for panel in _panels_due(now):
        for person, items in behind(panel):
            try:
                with transaction.atomic():
                    Reminder.objects.create(panel=panel, person=person, sent_at=now)
                    notify(
                        recipients=person,
                        kind="commissioning.panel_reminder",
                        title=f"Please send your scores by {long_when(panel.deadline)}",
                        body=f"{len(items)} still to send on {panel.name}.",
                        url=reverse("commissioning:my_panels"),
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent


def _results_json(panel: Panel | None, actor: User) -> dict:
    if panel is None:
        return {}
    ranked = results(panel, viewer=actor) or []
    return {
        r.item: {
            "total": None if r.total is None else str(r.total),
            "criteria": {
                str(c.criterion): {
                    "value": None if c.value is None else str(c.value),
                    "moderated": c.moderated,
                }
                for c in r.criteria
            },
        }
        for r in ranked
    }


@transaction.atomic
def decision_record(*, actor: User, round: Round, chosen: Bid, reasons: str) -> Decision:
    """The panel's choice with its reasons. The figures behind it are stored as they were (the
    written quality, price and presentation scores of every bid and how they combine), so each
    provider's feedback is read from what the decision actually rested on."""
    require(actor, "commissioning.manage_round", round)
    round = Round.objects.select_for_update().get(pk=round.pk)
    ROUND_FLOW.check(round, "award", actor)
    reasons = reasons.strip()
    if len(reasons) < 20:
        raise ValidationError(
            {
                "reasons": "Write down the reasons for the choice: a decision without them can't "
                "be explained to the organisations, or defended."
            }
        )
    shortlisted = list(
        round.bids.filter(status=BidStatus.SUBMITTED, shortlisted_at__isnull=False).select_related(
            "organisation"
        )
    )
    if chosen.pk not in {b.pk for b in shortlisted}:
        raise ValidationError({"chosen": "Choose one of the shortlisted organisations."})
    quality_panel = Panel.objects.filter(pk=round.quality_panel_id).first()
    presentation_panel = Panel.objects.filter(pk=round.presentation_panel_id).first()
    quality = _results_json(quality_panel, actor)
    presentation = _results_json(presentation_panel, actor)
    prices = mix.price_scores({b.ref: b.price_pence for b in shortlisted})

    def total(part, ref):
        value = part.get(ref, {}).get("total")
        return None if value is None else mix.Decimal(value)

    combined = mix.combine(
        quality={b.ref: total(quality, b.ref) for b in shortlisted},
        price=prices,
        presentation={b.ref: total(presentation, b.ref) for b in shortlisted},
        weights=(round.quality_weight, round.price_weight, round.presentation_weight),
        refs=sorted(b.ref for b in shortlisted),
    )
    decision = Decision.objects.create(
        round=round,
        chosen=chosen,
        reasons=reasons,
        rule_version=mix.RULE_VERSION,
        results={
            "weights": [round.quality_weight, round.price_weight, round.presentation_weight],
            "quality": quality,
            "presentation": presentation,
            "combined": mix.as_json(combined),
        },
        decided_by=actor,
    )
    ROUND_FLOW.move(round, "award", actor=actor, chosen=chosen.pk)
    bidders = list(round.bids.filter(status=BidStatus.SUBMITTED))
    for bid in bidders:
        notify(
            recipients=_provider_users([bid.organisation_id]),
            kind="commissioning.feedback",
            title=f"The decision on {round.service_title} is made: read your feedback",
            body="Your feedback shows your own scores and the panel's reasons.",
            url=reverse("commissioning:feedback", args=[bid.pk]),
        )
    return decision
