"""Rounds: setting one up, its criteria (engine rubrics) and moving it through its stages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from participation.access import require
from participation.models import ActivityKind, LadderRung, Role, Unlock, User
from participation.scoring import services as scoring
from participation.scoring.models import Panel, Panellist
from participation.scoring.selectors import progress
from participation.services import activity_create, audit, notify

from ..models import ROUND_FLOW, BidStatus, Round, Stage
from .common import long_when

SCALE_MIN, SCALE_MAX = 0, 4

# Plain words for each score, used when a worker leaves a criterion's descriptor empty.
DEFAULT_GUIDANCE = {
    "0": "Nothing here, or it does not answer the question.",
    "1": "A little, but it leaves out most of what we asked for.",
    "2": "Some of what we asked for, with gaps.",
    "3": "A good answer with only small gaps.",
    "4": "An excellent answer: clear, real and right for young people.",
}


def _check_weights(quality_weight: int, price_weight: int, presentation_weight: int) -> None:
    total = quality_weight + price_weight + presentation_weight
    if total != 100:
        raise ValidationError(
            {
                "quality_weight": f"The three weights add up to {total}%. They must add up to "
                "exactly 100%."
            }
        )


def _check_dates(*, bids_close_at, evaluation_ends_at, presentations_at, decision_by) -> None:
    if evaluation_ends_at <= bids_close_at:
        raise ValidationError(
            {"evaluation_ends_at": "Scoring must finish after the bids have closed."}
        )
    if presentations_at < evaluation_ends_at:
        raise ValidationError(
            {"presentations_at": "The presentations must come after the scoring has finished."}
        )
    if decision_by < timezone.localdate(presentations_at):
        raise ValidationError(
            {"decision_by": "The decision must come on or after the day of the presentations."}
        )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "round"
    slug, n = base, 2
    while Round.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def round_create(
    *,
    actor: User,
    title: str,
    service_title: str,
    summary: str,
    budget_pence: int,
    contract_months: int,
    bids_close_at,
    evaluation_ends_at,
    presentations_at,
    presentations_place: str,
    decision_by,
    quality_weight: int = 60,
    price_weight: int = 20,
    presentation_weight: int = 20,
    shortlist_size: int = 3,
) -> Round:
    require(actor, "commissioning.manage_round")
    if Round.objects.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": "There is already a round with this name."})
    _check_weights(quality_weight, price_weight, presentation_weight)
    _check_dates(
        bids_close_at=bids_close_at,
        evaluation_ends_at=evaluation_ends_at,
        presentations_at=presentations_at,
        decision_by=decision_by,
    )
    if budget_pence <= 0:
        raise ValidationError({"budget_pence": "The budget must be more than £0."})
    round_ = Round(
        title=title.strip(),
        slug=_unique_slug(title),
        service_title=service_title.strip(),
        summary=summary.strip(),
        budget_pence=budget_pence,
        contract_months=contract_months,
        bids_close_at=bids_close_at,
        evaluation_ends_at=evaluation_ends_at,
        presentations_at=presentations_at,
        presentations_place=presentations_place.strip(),
        decision_by=decision_by,
        quality_weight=quality_weight,
        price_weight=price_weight,
        presentation_weight=presentation_weight,
        shortlist_size=shortlist_size,
        created_by=actor,
    )
    round_.full_clean()
    round_.save()
    audit(actor=actor, action="commissioning.round_create", target=round_, budget=budget_pence)
    return round_


def _clean_criteria(criteria: list[dict]) -> list[dict]:
    cleaned = []
    for number, c in enumerate(criteria, 1):
        title = (c.get("title") or "").strip()
        if not title:
            continue
        weight = c.get("weight")
        if weight is None or int(weight) < 1:
            raise ValidationError(f"Give criterion {number} ({title}) a weight of 1% or more.")
        guidance = {
            str(s): (
                str((c.get("guidance") or {}).get(str(s)) or "").strip() or DEFAULT_GUIDANCE[str(s)]
            )
            for s in range(SCALE_MIN, SCALE_MAX + 1)
        }
        cleaned.append(
            {
                "title": title,
                "question": (c.get("question") or "").strip(),
                "weight": int(weight),
                "guidance": guidance,
            }
        )
    if not cleaned:
        raise ValidationError("Write at least one criterion.")
    return cleaned


@transaction.atomic
def criteria_set(
    *, actor: User, round: Round, criteria: list[dict], which: str = "quality"
) -> Round:
    """Set the round's quality criteria (before bids open) or its presentation questions
    (before the presentations). Each is an engine rubric scored 0-4 with "n/a", and the
    weights must add up to exactly 100%. A change makes a new rubric, so scores already given
    always keep the criteria they were given against."""
    require(actor, "commissioning.manage_round", round)
    if which == "quality":
        if round.stage != Stage.CO_DESIGN:
            raise ValidationError(
                "The criteria can't change once bids are open: every bidder must be judged "
                "against the criteria they were given."
            )
        name, field = f"{round.title}: written bids", "rubric"
    elif which == "presentation":
        if round.stage not in (Stage.CO_DESIGN, Stage.OPEN, Stage.EVALUATION):
            raise ValidationError(
                "The presentation questions can't change once presentations start."
            )
        name, field = f"{round.title}: presentations", "presentation_rubric"
    else:
        raise ValueError(which)
    rubric = scoring.rubric_create(
        actor=actor,
        name=name,
        scale_min=SCALE_MIN,
        scale_max=SCALE_MAX,
        allow_na=True,
        designed_by="Designed with the young people co-designing this service",
        criteria=_clean_criteria(criteria),
    )
    scoring.rubric_check_weights(rubric, total=100)
    setattr(round, field, rubric)
    round.save(update_fields=[field])
    audit(
        actor=actor,
        action="commissioning.criteria_set",
        target=round,
        which=which,
        rubric=rubric.pk,
        weights=[c.weight for c in rubric.criteria.all()],
    )
    return round


def _providers() -> list[User]:
    return list(
        User.objects.filter(role_assignments__role=Role.PROVIDER, is_active=True).distinct()
    )


def _open_bids(round: Round, actor: User) -> None:
    if not round.versions.exists():
        raise ValidationError("Publish the specification before opening the round for bids.")
    if round.rubric_id is None:
        raise ValidationError("Write the criteria before opening the round for bids.")
    scoring.rubric_check_weights(round.rubric, total=100)
    if round.bids_close_at <= timezone.now():
        raise ValidationError("The closing time for bids has already passed. Change it first.")
    notify(
        recipients=_providers(),
        kind="commissioning.round_open",
        title=f"{round.service_title}: open for bids",
        body=f"Bids must arrive by {long_when(round.bids_close_at)}.",
        url=reverse("commissioning:round_detail", args=[round.slug]),
    )


def _start_evaluation(round: Round, actor: User) -> None:
    if timezone.now() < round.bids_close_at:
        raise ValidationError(
            f"Bids are open until {long_when(round.bids_close_at)}. Scoring starts after that."
        )
    bids = list(round.bids.filter(status=BidStatus.SUBMITTED).select_related("organisation"))
    if not bids:
        raise ValidationError("No bids were sent, so there is nothing to score.")
    panel = scoring.panel_create(
        actor=actor,
        name=f"{round.service_title}: scoring the bids",
        rubric=round.rubric,
        unlock=Unlock.COMMISSIONING_EVALUATOR,
        blind=True,
        deadline=round.evaluation_ends_at,
    )
    for number, bid in enumerate(sorted(bids, key=lambda b: (b.submitted_at, b.pk)), 1):
        scoring.item_add(panel=panel, ref=bid.ref, label=f"Bid {number}: {bid.organisation.name}")
    round.quality_panel = panel
    round.save(update_fields=["quality_panel"])


def _all_sent(panel) -> bool:
    return all(row.missing == 0 for row in progress(panel))


def _start_presentations(round: Round, actor: User) -> None:
    shortlisted = list(
        round.bids.filter(status=BidStatus.SUBMITTED, shortlisted_at__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if not shortlisted:
        raise ValidationError("Choose the shortlist before the presentations start.")
    if round.presentation_rubric_id is None:
        raise ValidationError("Write the presentation questions before the presentations start.")
    scoring.rubric_check_weights(round.presentation_rubric, total=100)
    quality = Panel.objects.get(pk=round.quality_panel_id)
    if quality.status == "open":
        scoring.panel_close(actor=actor, panel=quality)
    panel = scoring.panel_create(
        actor=actor,
        name=f"{round.service_title}: Dragon's Den",
        rubric=round.presentation_rubric,
        unlock=Unlock.COMMISSIONING_EVALUATOR,
        blind=True,
        deadline=round.presentations_at + timezone.timedelta(days=1),
    )
    activity = activity_create(
        created_by=actor,
        title=f"Dragon's Den: {round.service_title}",
        description="The shortlisted organisations present their bids and answer the young "
        "people's questions. Young people on the panel score each presentation.",
        kind=ActivityKind.MEETING,
        starts_at=round.presentations_at,
        ends_at=round.presentations_at + timezone.timedelta(hours=3),
        place=round.presentations_place,
        planned_rung=LadderRung.CO_PRODUCTION,
        # Only the panel (the engine's base group for it) can sign up to it.
        audience_group=panel.group,
    )
    for bid in shortlisted:
        scoring.item_add(panel=panel, ref=bid.ref, label=f"{bid.organisation.name}'s presentation")
    # The written-bid panel goes on to score the presentations, unless their training has run
    # out since.
    for panellist in Panellist.objects.filter(panel=quality).select_related("person"):
        try:
            scoring.panellist_add(actor=actor, panel=panel, person=panellist.person)
        except ValidationError:
            continue
    round.presentation_panel = panel
    round.presentation_activity = activity
    round.save(update_fields=["presentation_panel", "presentation_activity"])


def _start_decision(round: Round, actor: User) -> None:
    panel = Panel.objects.get(pk=round.presentation_panel_id)
    if panel.status == "open":
        if not _all_sent(panel) and timezone.now() < panel.deadline:
            raise ValidationError("Some of the panel have not sent their presentation scores yet.")
        scoring.panel_close(actor=actor, panel=panel)
    scoring.ranking_record(actor=actor, panel=panel)


CHECKS = {
    "open_bids": _open_bids,
    "start_evaluation": _start_evaluation,
    "start_presentations": _start_presentations,
    "start_decision": _start_decision,
}


@transaction.atomic
def round_move(*, actor: User, round: Round, move: str) -> Round:
    """Move a round to its next stage, after the checks that stage needs. The decision (the
    "award" move) is `decision_record`, which needs the reasons."""
    require(actor, "commissioning.manage_round", round)
    if move not in CHECKS:
        raise ValidationError("Record the decision, with its reasons, to award the round.")
    round = Round.objects.select_for_update().get(pk=round.pk)
    ROUND_FLOW.check(round, move, actor)
    CHECKS[move](round, actor)
    ROUND_FLOW.move(round, move, actor=actor)
    return round


ROUND_FIELDS = (
    "title",
    "service_title",
    "summary",
    "budget_pence",
    "contract_months",
    "bids_close_at",
    "evaluation_ends_at",
    "presentations_at",
    "presentations_place",
    "decision_by",
    "quality_weight",
    "price_weight",
    "presentation_weight",
    "shortlist_size",
)
# Bidders wrote against everything else, so once bids are open only these may change.
DATE_FIELDS = {"evaluation_ends_at", "presentations_at", "presentations_place", "decision_by"}


@transaction.atomic
def round_update(*, actor: User, round: Round, **fields) -> Round:
    """Change a round. While it is being designed anything may change; once bids are open only
    the later dates, and the closing time only later (every bidder is told)."""
    require(actor, "commissioning.manage_round", round)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.stage == Stage.AWARDED:
        raise ValidationError("This round has been decided, so it can't change.")
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(unknown)
    changed = {f: v for f, v in fields.items() if getattr(round, f) != v}
    if round.stage != Stage.CO_DESIGN:
        allowed = DATE_FIELDS | ({"bids_close_at"} if round.stage == Stage.OPEN else set())
        fixed = sorted(set(changed) - allowed)
        if fixed:
            raise ValidationError(
                "Once bids are open only the later dates can change: bidders wrote their bids "
                "against the rest."
            )
        if "bids_close_at" in changed and changed["bids_close_at"] < round.bids_close_at:
            raise ValidationError(
                {"bids_close_at": "The closing time can only be moved later once bids are open."}
            )
    if (
        "title" in changed
        and Round.objects.filter(title__iexact=changed["title"].strip())
        .exclude(pk=round.pk)
        .exists()
    ):
        raise ValidationError({"title": "There is already a round with this name."})
    for name, value in changed.items():
        setattr(round, name, value.strip() if isinstance(value, str) else value)
    _check_weights(round.quality_weight, round.price_weight, round.presentation_weight)
    _check_dates(
        bids_close_at=round.bids_close_at,
        evaluation_ends_at=round.evaluation_ends_at,
        presentations_at=round.presentations_at,
        decision_by=round.decision_by,
    )
    round.full_clean()
    round.save(update_fields=list(changed) or ["title"])
    audit(
        actor=actor,
        action="commissioning.round_update",
        target=round,
        changed=sorted(changed),
    )
    if "bids_close_at" in changed and round.stage == Stage.OPEN:
        notify(
            recipients=_providers(),
            kind="commissioning.round_open",
            title=f"{round.service_title}: more time to bid",
            body=f"Bids can now arrive until {long_when(round.bids_close_at)}.",
            url=reverse("commissioning:round_detail", args=[round.slug]),
        )
    return round
