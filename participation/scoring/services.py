"""Every write of the scoring engine. Each takes keyword arguments, asks the permission layer
first, validates, runs in one transaction and writes the audit log.

Apps (grants, commissioning, recruitment) call these from their own services and views; the
engine owns no pages. `item_add` alone has no actor: it is called by an app's service that has
already checked its own permission (a bid was submitted, an application was sent for review).

Audit details hold scores, never a panellist's own words (comments, conflict reasons), because
a person's words must go when they delete their account, and audit rows stay.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import Refused, require
from participation.models import Group, GroupKind, Membership, Unlock, User
from participation.services.audit import audit
from participation.services.training import is_trained

from . import engine
from .models import (
    PANEL_FLOW,
    SHEET_FLOW,
    Conflict,
    Criterion,
    Item,
    ModeratedScore,
    Panel,
    Panellist,
    Ranking,
    Rubric,
    Score,
    Sheet,
    SheetStatus,
)
from .permissions import CONFLICTED, NOT_A_PANELLIST, forget, not_trained_words, score_refusal

MAX_SCALE = 10
MAX_COMMENT = 4000
MIN_COMMENT_WORDS = 2
ALREADY_SENT = (
    "You have already sent your scores for this one, so they can't be changed. "
    "Ask the participation worker if something needs to change."
)
SENT_BEFORE_CONFLICT = (
    "You have already sent your scores. Ask the participation worker to take them out."
)


def score_field(criterion_id: int) -> str:
    return f"score_{criterion_id}"


def comment_field(criterion_id: int) -> str:
    return f"comment_{criterion_id}"


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, g:i a")


# --- Rubrics ---------------------------------------------------------------------------------


def _clean_criteria(criteria, scale_min: int, scale_max: int) -> list[dict]:
    if not criteria:
        raise ValidationError("Add at least one thing to score.")
    cleaned = []
    for number, c in enumerate(criteria, start=1):
        title = str(c.get("title", "")).strip()
        if not title:
            raise ValidationError(f"Give question {number} a short title.")
        try:
            weight = int(c.get("weight", 0))
        except (TypeError, ValueError):
            weight = 0
        if weight < 1:
            raise ValidationError(f"'{title}' needs a weight of 1 or more.")
        guidance = c.get("guidance") or {}
        if not isinstance(guidance, Mapping):
            raise ValidationError(f"The words for each score of '{title}' are not a list.")
        words = {}
        for key, text in guidance.items():
            try:
                value = int(key)
            except (TypeError, ValueError):
                value = None
            if value is None or not (scale_min <= value <= scale_max):
                raise ValidationError(
                    f"'{title}' has words for a score of {key}, but scores go from "
                    f"{scale_min} to {scale_max}."
                )
            words[str(value)] = str(text).strip()
        cleaned.append(
            {
                "number": number,
                "title": title[:200],
                "question": str(c.get("question", "")).strip(),
                "weight": weight,
                "guidance": words,
            }
        )
    return cleaned


@transaction.atomic
def rubric_create(
    *,
    actor: User,
    name: str,
    scale_min: int = 0,
    scale_max: int = 5,
    allow_na: bool = True,
    designed_by: str = "",
    criteria=(),
) -> Rubric:
    """A rubric and its criteria, numbered in the order given. Each criterion is a dict with
    "title", "question", "weight" and "guidance" ({"0": "plain words", ...})."""
    require(actor, "scoring.manage_panel")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the scoring sheet a name."})
    if not (0 <= scale_min < scale_max <= MAX_SCALE):
        raise ValidationError(
            f"Scores must go up from the lowest to the highest, between 0 and {MAX_SCALE}."
        )
    cleaned = _clean_criteria(list(criteria), scale_min, scale_max)
    rubric = Rubric(
        name=name[:200],
        scale_min=scale_min,
        scale_max=scale_max,
        allow_na=allow_na,
        designed_by=(designed_by or "").strip(),
    )
    rubric.full_clean()
    rubric.save()
    Criterion.objects.bulk_create(Criterion(rubric=rubric, **c) for c in cleaned)
    audit(
        actor=actor,
        action="scoring.rubric.create",
        target=rubric,
        criteria=[[c["title"], c["weight"]] for c in cleaned],
    )
    return rubric


def rubric_check_weights(rubric: Rubric, *, total: int = 100) -> None:
    """Refuse, in plain words, a rubric whose weights do not add up to `total` (commissioning's
    weights are percentages)."""
    weights = list(rubric.criteria.values_list("title", "weight"))
    added = sum(w for _, w in weights)
    if added != total:
        more = "more" if added > total else "less"
        raise ValidationError(
            f"The weights add up to {added}%, which is {abs(added - total)}% {more} than "
            f"{total}%. Change them so they add up to exactly {total}%.",
            code="weights",
        )


# --- Panels and panellists -------------------------------------------------------------------


@transaction.atomic
def panel_create(
    *, actor: User, name: str, rubric: Rubric, unlock: str, blind: bool = True, deadline=None
) -> Panel:
    require(actor, "scoring.manage_panel")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the panel a name."})
    if unlock not in Unlock.values:
        raise ValidationError({"unlock": "Choose the training panellists need."})
    if deadline is not None and timezone.is_naive(deadline):
        raise ValidationError({"deadline": "The deadline needs a time zone."})
    panel = Panel.objects.create(
        name=name[:200],
        rubric=rubric,
        unlock=unlock,
        blind=blind,
        deadline=deadline,
        created_by=actor,
    )
    panel.group = Group.objects.create(
        name=panel.name, slug=f"scoring-panel-{panel.pk}", kind=GroupKind.PANEL
    )
    panel.save(update_fields=["group"])
    audit(actor=actor, action="scoring.panel.create", target=panel, unlock=unlock, blind=blind)
    return panel


@transaction.atomic
def panel_update(*, actor: User, panel: Panel, deadline=None, name: str | None = None) -> Panel:
    """A new deadline (or none), and the name if given."""
    require(actor, "scoring.manage_panel", panel)
    if deadline is not None and timezone.is_naive(deadline):
        raise ValidationError({"deadline": "The deadline needs a time zone."})
    before = panel.deadline
    panel.deadline = deadline
    fields = ["deadline"]
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": "Give the panel a name."})
        panel.name = name.strip()[:200]
        fields.append("name")
    panel.save(update_fields=fields)
    audit(
        actor=actor,
        action="scoring.panel.update",
        target=panel,
        old_deadline=before.isoformat() if before else None,
        new_deadline=deadline.isoformat() if deadline else None,
    )
    return panel


@transaction.atomic
def panellist_add(*, actor: User, panel: Panel, person: User) -> Panellist:
    require(actor, "scoring.manage_panel", panel)
    if not is_trained(person, panel.unlock):
        raise ValidationError(not_trained_words(person, panel.unlock), code="not_trained")
    try:
        with transaction.atomic():
            panellist = Panellist.objects.create(panel=panel, person=person, added_by=actor)
    except IntegrityError:
        raise ValidationError(f"{person.display_name} is already on this panel.") from None
    if panel.group_id:
        Membership.objects.get_or_create(
            group_id=panel.group_id, user=person, role="panellist", ended_on=None
        )
    forget(person)
    audit(actor=actor, action="scoring.panellist.add", target=panel, person=person.pk)
    return panellist


@transaction.atomic
def panellist_remove(*, actor: User, panellist: Panellist) -> None:
    """Takes them off the panel and deletes their unsent sheets. Sheets they sent stay and
    count, because decisions may rest on them; return them first to take them out."""
    panel = panellist.panel
    require(actor, "scoring.manage_panel", panel)
    person = panellist.person
    Sheet.objects.filter(item__panel=panel, person=person, status=SheetStatus.DRAFT).delete()
    if panel.group_id:
        Membership.objects.filter(
            group_id=panel.group_id, user=person, role="panellist", ended_on__isnull=True
        ).update(ended_on=timezone.localdate())
    panellist.delete()
    forget(person)
    audit(actor=actor, action="scoring.panellist.remove", target=panel, person=person.pk)


@transaction.atomic
def panel_close(*, actor: User, panel: Panel) -> Panel:
    require(actor, "scoring.manage_panel", panel)
    PANEL_FLOW.move(panel, "close", actor=actor)
    return panel


@transaction.atomic
def panel_reopen(*, actor: User, panel: Panel) -> Panel:
    require(actor, "scoring.manage_panel", panel)
    PANEL_FLOW.move(panel, "reopen", actor=actor)
    return panel


# --- Items and conflicts ---------------------------------------------------------------------


@transaction.atomic
def item_add(*, panel: Panel, ref: str, label: str) -> Item:
    """The item `ref` names on this panel, added once; called again, it updates the label."""
    ref, label = (ref or "").strip(), (label or "").strip()
    if not ref or len(ref) > 80:
        raise ValidationError("An item needs a reference of up to 80 characters.")
    if not label:
        raise ValidationError("An item needs a label panellists can see.")
    item, created = Item.objects.get_or_create(panel=panel, ref=ref, defaults={"label": label})
    if not created and item.label != label[:200]:
        item.label = label[:200]
        item.save(update_fields=["label"])
    if created:
        audit(actor=None, action="scoring.item.add", target=item, ref=ref)
    return item


def item_for(panel: Panel, ref: str) -> Item | None:
    return Item.objects.filter(panel=panel, ref=ref).first()


@transaction.atomic
def conflict_declare(*, actor: User, item: Item, reason: str) -> Conflict:
    """They step aside from this item: their unsent scores go and they can't score it."""
    require(actor, "scoring.declare_conflict", item)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say in a few words why, for example: I know the person who applied."}
        )
    # The same lock as a save or a send takes, so a declaration and a send never cross.
    Panellist.objects.select_for_update().filter(panel_id=item.panel_id, person=actor).first()
    sheet = Sheet.objects.select_for_update().filter(item=item, person=actor).first()
    if sheet is not None and sheet.is_submitted:
        raise ValidationError(SENT_BEFORE_CONFLICT, code="submitted")
    if Conflict.objects.filter(item=item, person=actor).exists():
        raise ValidationError("You have already said you have a conflict with this one.")
    if sheet is not None:
        sheet.delete()
    conflict = Conflict.objects.create(item=item, person=actor, reason=reason[:MAX_COMMENT])
    forget(actor)
    audit(actor=actor, action="scoring.conflict.declare", target=item, had_draft=sheet is not None)
    return conflict


# --- Sheets ----------------------------------------------------------------------------------


def _state_refusal(panel: Panel, sheet: Sheet | None) -> str:
    """Why scores can't change now (the panel, the clock, a sheet already sent), or ""."""
    if not panel.is_open:
        return "This panel is closed, so scores can't be changed now."
    if panel.is_past_deadline():
        return (
            f"Scores were due by {_when(panel.deadline)}, so they can't be changed now. "
            "Ask the participation worker if you need more time."
        )
    if sheet is not None and sheet.is_submitted:
        return ALREADY_SENT
    return ""


def _locked_sheet(actor, item, *, create: bool) -> Sheet | None:
    """Their sheet, locked, so a save and a send at the same moment happen one after the other."""
    sheet = Sheet.objects.select_for_update().filter(item=item, person=actor).first()
    if sheet is None and create:
        try:
            with transaction.atomic():
                Sheet.objects.create(item=item, person=actor)
        except IntegrityError:
            pass  # made by a save at the same moment: lock that one
        sheet = Sheet.objects.select_for_update().get(item=item, person=actor)
    return sheet


def _check_may_score(actor, item) -> None:
    require(actor, "scoring.score", item, refusal=score_refusal(actor, item) or None)


def _lock_place(actor, item) -> None:
    """Lock their place on the panel, so their saves, sends and conflict declarations happen
    one after another; then ask again, fresh, whether they have stepped aside (a declaration
    from another tab may have just gone in)."""
    place = (
        Panellist.objects.select_for_update().filter(panel_id=item.panel_id, person=actor).first()
    )
    if place is None:
        raise Refused(NOT_A_PANELLIST)
    if Conflict.objects.filter(item=item, person=actor).exists():
        raise Refused(CONFLICTED)


def _clean_scores(rubric: Rubric, criteria: list[Criterion], scores) -> dict:
    by_id = {c.pk: c for c in criteria}
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for key, entry in (scores or {}).items():
        criterion_id = key.pk if isinstance(key, Criterion) else key
        if isinstance(criterion_id, str) and criterion_id.isdigit():
            criterion_id = int(criterion_id)  # keys that came through JSON
        criterion = by_id.get(criterion_id)
        if criterion is None:
            raise ValidationError("One of those questions is not on this panel's scoring sheet.")
        try:
            value, comment = entry
        except (TypeError, ValueError):
            raise ValidationError(f"'{criterion.title}': give a score and a comment.") from None
        comment = (comment or "").strip()
        if value is None:
            if not rubric.allow_na:
                errors.setdefault(score_field(criterion.pk), []).append(
                    f"'{criterion.title}': this panel doesn't use \"n/a\". Choose a score from "
                    f"{rubric.scale_min} to {rubric.scale_max}."
                )
        elif isinstance(value, bool) or not isinstance(value, int) or value not in rubric.scale:
            errors.setdefault(score_field(criterion.pk), []).append(
                f"'{criterion.title}': choose a score from {rubric.scale_min} to "
                f"{rubric.scale_max}."
            )
        if len(comment) > MAX_COMMENT:
            errors.setdefault(comment_field(criterion.pk), []).append(
                f"'{criterion.title}': your comment is {len(comment)} characters long. "
                f"Make it {MAX_COMMENT} or fewer."
            )
        cleaned[criterion.pk] = (value, comment)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _write_scores(sheet: Sheet, cleaned: dict) -> dict:
    """Save the scores; return {criterion id: [old, new]} for the ones whose value changed
    ("n/a" for None, "" when there was none)."""
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    changes, new, changed = {}, [], []
    for criterion_id, (value, comment) in cleaned.items():
        score = existing.get(criterion_id)
        if score is None:
            new.append(Score(sheet=sheet, criterion_id=criterion_id, value=value, comment=comment))
            changes[str(criterion_id)] = ["", "n/a" if value is None else value]
        elif score.value != value or score.comment != comment:
            if score.value != value:
                changes[str(criterion_id)] = [
                    "n/a" if score.value is None else score.value,
                    "n/a" if value is None else value,
                ]
            score.value, score.comment = value, comment
            changed.append(score)
    Score.objects.bulk_create(new)
    Score.objects.bulk_update(changed, ["value", "comment"])
    return changes


@transaction.atomic
def sheet_save(*, actor: User, item: Item, scores) -> Sheet:
    """Save a draft. `scores` is {criterion id: (value or None for "n/a", comment)}; criteria
    left out keep what they had."""
    _check_may_score(actor, item)
    panel = item.panel
    refusal = _state_refusal(panel, Sheet.objects.filter(item=item, person=actor).first())
    if refusal:
        raise ValidationError(refusal, code="closed")
    rubric = panel.rubric
    cleaned = _clean_scores(rubric, list(rubric.criteria.all()), scores)
    _lock_place(actor, item)
    sheet = _locked_sheet(actor, item, create=True)
    refusal = _state_refusal(panel, sheet)  # again, under the lock
    if refusal:
        raise ValidationError(refusal, code="closed")
    changes = _write_scores(sheet, cleaned)
    sheet.updated_at = timezone.now()
    sheet.save(update_fields=["updated_at"])
    if changes:
        audit(actor=actor, action="scoring.sheet.save", target=sheet, item=item.ref, scores=changes)
    return sheet


def sheet_submit(*, actor: User, item: Item, scores=None) -> Sheet:
    """Send the sheet: every criterion scored, or "n/a" where the rubric allows it, each with a
    comment of a few words. Once sent it can't be changed.

    With `scores`, they are saved first, in their own transaction, so what a young person wrote
    is kept as a draft even when something is still missing and the sheet can't be sent yet."""
    if scores:
        sheet_save(actor=actor, item=item, scores=scores)
    return _sheet_send(actor=actor, item=item)


@transaction.atomic
def _sheet_send(*, actor: User, item: Item) -> Sheet:
    _check_may_score(actor, item)
    panel = item.panel
    _lock_place(actor, item)
    sheet = _locked_sheet(actor, item, create=False)
    refusal = _state_refusal(panel, sheet)
    if refusal:
        raise ValidationError(refusal, code="closed")
    if sheet is None:
        raise ValidationError("You haven't scored this one yet.")
    rubric = panel.rubric
    given = {s.criterion_id: s for s in sheet.scores.all()}
    errors: dict[str, list[str]] = {}
    for criterion in rubric.criteria.all():
        score = given.get(criterion.pk)
        if score is None:
            errors[score_field(criterion.pk)] = [
                f"'{criterion.title}': choose a score" + (' or "n/a".' if rubric.allow_na else ".")
            ]
            continue
        if score.value is None and not rubric.allow_na:
            errors[score_field(criterion.pk)] = [f"'{criterion.title}': choose a score."]
        if len(score.comment.split()) < MIN_COMMENT_WORDS:
            errors[comment_field(criterion.pk)] = [
                f"'{criterion.title}': write a few words about why you chose this score."
            ]
    if errors:
        raise ValidationError(errors)
    sheet.submitted_at = timezone.now()
    sheet.updated_at = sheet.submitted_at
    SHEET_FLOW.move(
        sheet,
        "submit",
        actor=actor,
        extra_fields=["submitted_at", "updated_at"],
        item=item.ref,
        scores={str(c): "n/a" if s.value is None else s.value for c, s in sorted(given.items())},
    )
    return sheet


@transaction.atomic
def sheet_return(*, actor: User, sheet: Sheet, reason: str) -> Sheet:
    """A worker gives a sent sheet back to its panellist as a draft (a conflict found late, a
    mistake), with the reason written down. The panel's blind rule applies to it again."""
    require(actor, "scoring.manage_panel", sheet.item.panel)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why these scores are being given back."})
    sheet = Sheet.objects.select_for_update().get(pk=sheet.pk)
    sheet.submitted_at = None
    SHEET_FLOW.move(
        sheet, "return", actor=actor, extra_fields=["submitted_at"], reason=reason[:MAX_COMMENT]
    )
    return sheet


# --- Moderation and rankings -----------------------------------------------------------------


@transaction.atomic
def score_moderate(
    *, actor: User, item: Item, criterion: Criterion, value: int | None, reason: str
) -> ModeratedScore:
    """The score the panel agreed for this item and criterion, replacing the mean of the sheets.
    Audited with the value before (the earlier agreed score, or the mean) and after."""
    from .selectors import scores_hidden_from_managers

    require(actor, "scoring.moderate", item)
    panel = item.panel
    rubric = panel.rubric
    if criterion.rubric_id != rubric.pk:
        raise ValidationError("That question is not on this panel's scoring sheet.")
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Write down why the panel agreed this score."
    if value is None and not rubric.allow_na:
        errors["value"] = f"Choose a score from {rubric.scale_min} to {rubric.scale_max}."
    elif value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value not in rubric.scale
    ):
        errors["value"] = f"Choose a score from {rubric.scale_min} to {rubric.scale_max}."
    if errors:
        raise ValidationError(errors)
    if scores_hidden_from_managers(panel, items=[item]):
        raise ValidationError(
            "Not everyone has sent their scores for this one yet. You can agree a score once "
            "they have, or once the panel is closed."
        )
    existing = (
        ModeratedScore.objects.select_for_update().filter(item=item, criterion=criterion).first()
    )
    given = [
        v
        for v in Score.objects.filter(
            sheet__item=item, sheet__status=SheetStatus.SUBMITTED, criterion=criterion
        ).values_list("value", flat=True)
        if v is not None
    ]
    mean = (
        engine.rank(
            [
                engine.CriterionSpec(
                    criterion.pk, criterion.weight, rubric.scale_min, rubric.scale_max
                )
            ],
            [engine.SheetInput(item.ref, str(i), {criterion.pk: v}) for i, v in enumerate(given)],
            items=[item.ref],
        )[0]
        .criteria[0]
        .mean
    )
    if existing is None:
        old = {"old_value": None, "old_was": "mean of the sent scores"}
        moderated = ModeratedScore(item=item, criterion=criterion)
    else:
        old = {
            "old_value": "n/a" if existing.value is None else existing.value,
            "old_was": "moderated score",
            "old_reason": existing.reason,
        }
        moderated = existing
    moderated.value = value
    moderated.reason = reason[:MAX_COMMENT]
    moderated.moderated_by = actor
    moderated.moderated_at = timezone.now()
    moderated.save()
    audit(
        actor=actor,
        action="scoring.score.moderate",
        target=moderated,
        item=item.ref,
        criterion=criterion.pk,
        mean=None if mean is None else str(mean),
        new_value="n/a" if value is None else value,
        reason=moderated.reason,
        **old,
    )
    return moderated


@transaction.atomic
def ranking_record(*, actor: User, panel: Panel) -> Ranking:
    """Work out the totals and ranks from the sent sheets and agreed scores, and store them with
    exactly what went in and the rule's version: the record a decision rests on."""
    from .selectors import ranking_inputs, scores_hidden_from_managers

    require(actor, "scoring.manage_panel", panel)
    if scores_hidden_from_managers(panel):
        raise ValidationError(
            "Not everyone has sent their scores yet. Close the panel first if you want to go "
            "ahead without them."
        )
    inputs = ranking_inputs(panel)
    results = engine.rank(**inputs)
    ranking = Ranking.objects.create(
        panel=panel,
        rule_version=engine.RULE_VERSION,
        inputs=engine.inputs_to_json(**inputs),
        results=engine.results_to_json(results),
        recorded_by=actor,
    )
    audit(
        actor=actor,
        action="scoring.ranking.record",
        target=ranking,
        rule_version=engine.RULE_VERSION,
        items=len(results),
    )
    return ranking


__all__ = [
    "conflict_declare",
    "item_add",
    "item_for",
    "panel_close",
    "panel_create",
    "panel_reopen",
    "panel_update",
    "panellist_add",
    "panellist_remove",
    "ranking_record",
    "rubric_check_weights",
    "rubric_create",
    "score_moderate",
    "sheet_return",
    "sheet_save",
    "sheet_submit",
]
