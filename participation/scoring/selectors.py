"""Reads of the scoring engine, with the blind rule applied here, once, so no page can forget it.

- A panellist sees other panellists' sheets for an item only after sending their own for it,
  and the panel's results only after sending (or stepping aside from) every item; an item they
  stepped aside from is left out of what they see.
- A participation worker or administrator sees progress (how many have sent, not what they
  gave) until every panellist without a conflict has sent their scores for every item, or the
  panel is closed; then the sheets and the results.
- Anyone else sees nothing.

Lists run a fixed number of queries however many items, panellists and criteria there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from participation.access import allowed

from . import engine
from .models import (
    Conflict,
    Criterion,
    Item,
    ModeratedScore,
    Panel,
    Panellist,
    Score,
    Sheet,
    SheetStatus,
)
from .permissions import score_refusal


def _is_manager(viewer, panel) -> bool:
    return allowed(viewer, "scoring.manage_panel", panel) or allowed(
        viewer, "scoring.moderate", panel
    )


def _logged_in(viewer) -> bool:
    return bool(viewer and getattr(viewer, "is_authenticated", False))


# --- One panellist, one item -----------------------------------------------------------------


def sheet_of(person, item: Item) -> Sheet | None:
    if not _logged_in(person):
        return None
    return Sheet.objects.filter(item=item, person=person).first()


def can_score(person, item: Item) -> tuple[bool, str]:
    """Whether `person` can change their scores for `item` now, and why not in plain words."""
    from .services import _state_refusal

    refusal = score_refusal(person, item)
    if not refusal:
        refusal = _state_refusal(item.panel, sheet_of(person, item))
    return (not refusal, refusal)


def _sheets_with_scores():
    return Sheet.objects.prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("criterion"))
    ).order_by("submitted_at", "id")


def visible_sheets(viewer, item: Item) -> list[Sheet]:
    """The sheets `viewer` may read for `item`: their own always; the others' only as above."""
    if not _logged_in(viewer):
        return []
    own = sheet_of(viewer, item)
    submitted = _sheets_with_scores().filter(item=item, status=SheetStatus.SUBMITTED)
    if own is not None and own.is_submitted:
        return list(submitted)
    if _is_manager(viewer, item.panel) and not scores_hidden_from_managers(
        item.panel, items=[item]
    ):
        return list(submitted)
    if own is not None:
        return list(_sheets_with_scores().filter(pk=own.pk))
    return []


# --- A panel ---------------------------------------------------------------------------------


def _waiting_for(panel: Panel, item_ids=None) -> dict[int, set[int]]:
    """{item id: ids of panellists without a conflict who have not sent their sheet}."""
    if item_ids is None:
        item_ids = list(Item.objects.filter(panel=panel).values_list("pk", flat=True))
    people = set(Panellist.objects.filter(panel=panel).values_list("person_id", flat=True))
    done = defaultdict(set)
    for item_id, person_id in Sheet.objects.filter(
        item_id__in=item_ids, status=SheetStatus.SUBMITTED
    ).values_list("item_id", "person_id"):
        done[item_id].add(person_id)
    for item_id, person_id in Conflict.objects.filter(item_id__in=item_ids).values_list(
        "item_id", "person_id"
    ):
        done[item_id].add(person_id)
    return {item_id: people - done[item_id] for item_id in item_ids}


def scores_hidden_from_managers(panel: Panel, *, items=None) -> bool:
    """True while the panel is open and someone without a conflict has yet to send a sheet
    (for `items`, or for any item of the panel)."""
    if not panel.is_open:
        return False
    item_ids = None if items is None else [i.pk for i in items]
    return any(_waiting_for(panel, item_ids).values())


def results_visible_to(viewer, panel: Panel) -> bool:
    if not _logged_in(viewer):
        return False
    if _is_manager(viewer, panel) and not scores_hidden_from_managers(panel):
        return True
    if not Panellist.objects.filter(panel=panel, person=viewer).exists():
        return False
    return not any(viewer.pk in waiting for waiting in _waiting_for(panel).values())


@dataclass(frozen=True)
class ItemProgress:
    item: Item
    panellists: int
    submitted: int
    drafts: int
    conflicts: int
    missing: int  # panellists without a conflict who have not sent theirs (drafts included)

    @property
    def complete(self) -> bool:
        return self.missing == 0


def progress(panel: Panel) -> list[ItemProgress]:
    """How far each item has got, without any scores: two queries."""
    panellists = Panellist.objects.filter(panel=panel).count()
    items = Item.objects.filter(panel=panel).annotate(
        n_submitted=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True),
        n_drafts=Count("sheets", filter=Q(sheets__status=SheetStatus.DRAFT), distinct=True),
        n_conflicts=Count("conflicts", distinct=True),
    )
    return [
        ItemProgress(
            item=i,
            panellists=panellists,
            submitted=i.n_submitted,
            drafts=i.n_drafts,
            conflicts=i.n_conflicts,
            missing=max(panellists - i.n_submitted - i.n_conflicts, 0),
        )
        for i in items.order_by("ref")
    ]


def ranking_inputs(panel: Panel) -> dict:
    """The keyword arguments for `engine.rank` from the database: the sent sheets only, the
    agreed scores, and every item. Panellists appear as their sheet, never as a person, so a
    stored ranking names nobody. Five queries. No access check: callers check (`results`,
    `services.ranking_record`)."""
    rubric = panel.rubric
    criteria = tuple(
        engine.CriterionSpec(c_id, weight, rubric.scale_min, rubric.scale_max)
        for c_id, weight in Criterion.objects.filter(rubric_id=panel.rubric_id).values_list(
            "pk", "weight"
        )
    )
    values: dict[int, dict[int, int | None]] = {
        sheet_id: {}
        for sheet_id in Sheet.objects.filter(
            item__panel=panel, status=SheetStatus.SUBMITTED
        ).values_list("pk", flat=True)
    }
    refs_of_sheets = {}
    for sheet_id, ref, criterion_id, value in Score.objects.filter(
        sheet_id__in=list(values)
    ).values_list("sheet_id", "sheet__item__ref", "criterion_id", "value"):
        values[sheet_id][criterion_id] = value
        refs_of_sheets[sheet_id] = ref
    items = tuple(Item.objects.filter(panel=panel).order_by("ref").values_list("ref", flat=True))
    sheets = tuple(
        engine.SheetInput(refs_of_sheets[sheet_id], f"sheet:{sheet_id}", values[sheet_id])
        for sheet_id in sorted(values)
        if sheet_id in refs_of_sheets
    )
    moderated = tuple(
        engine.ModeratedInput(ref, criterion_id, value)
        for ref, criterion_id, value in ModeratedScore.objects.filter(item__panel=panel)
        .order_by("item__ref", "criterion__number")
        .values_list("item__ref", "criterion_id", "value")
    )
    return {"criteria": criteria, "sheets": sheets, "moderated": moderated, "items": items}


def _conflicted_refs(viewer, panel) -> set[str]:
    return set(
        Conflict.objects.filter(item__panel=panel, person=viewer).values_list(
            "item__ref", flat=True
        )
    )


def results(panel: Panel, *, viewer) -> list[engine.ItemResult] | None:
    """Totals, spreads and ranks, or None while the scores are hidden from `viewer`."""
    if not results_visible_to(viewer, panel):
        return None
    ranked = engine.rank(**ranking_inputs(panel))
    if _is_manager(viewer, panel):
        return ranked
    hidden = _conflicted_refs(viewer, panel)
    return [r for r in ranked if r.item not in hidden]


@dataclass(frozen=True)
class ResultRow:
    item: Item
    result: engine.ItemResult
    cells: tuple  # (Criterion, CriterionResult) in criterion order


@dataclass(frozen=True)
class ResultsTable:
    panel: Panel
    criteria: tuple[Criterion, ...]
    rows: tuple[ResultRow, ...]
    spread_flag: int = engine.SPREAD_FLAG
    scale: tuple[int, int] = field(default=(0, 5))


def results_table(panel: Panel, *, viewer) -> ResultsTable | None:
    """What `templates/scoring/_results_table.html` shows, or None while hidden."""
    ranked = results(panel, viewer=viewer)
    if ranked is None:
        return None
    criteria = tuple(Criterion.objects.filter(rubric_id=panel.rubric_id))
    by_ref = {i.ref: i for i in Item.objects.filter(panel=panel)}
    rows = []
    for r in ranked:
        by_criterion = {c.criterion: c for c in r.criteria}
        rows.append(
            ResultRow(
                item=by_ref[r.item],
                result=r,
                cells=tuple((c, by_criterion[c.pk]) for c in criteria),
            )
        )
    rubric = panel.rubric
    return ResultsTable(
        panel=panel,
        criteria=criteria,
        rows=tuple(rows),
        scale=(rubric.scale_min, rubric.scale_max),
    )


def behind(panel: Panel) -> list[tuple]:
    """[(person, [items])]: panellists with items they have neither sent nor stepped aside
    from, for reminders. Five queries."""
    items = {i.pk: i for i in Item.objects.filter(panel=panel).order_by("ref")}
    waiting = _waiting_for(panel, list(items))
    people = {
        p.person_id: p.person
        for p in Panellist.objects.filter(panel=panel).select_related("person")
    }
    late = defaultdict(list)
    for item_id, person_ids in waiting.items():
        for person_id in person_ids:
            if person_id in people:
                late[person_id].append(items[item_id])
    return [
        (people[pid], sorted(late[pid], key=lambda i: i.ref))
        for pid in sorted(late, key=lambda pid: (people[pid].display_name, pid))
    ]


class ItemState:
    TO_DO = "to_do"
    DRAFT = "draft"
    SENT = "sent"
    STEPPED_ASIDE = "stepped_aside"

    WORDS = {
        TO_DO: "Not started",
        DRAFT: "Started, not sent yet",
        SENT: "Sent",
        STEPPED_ASIDE: "You stepped aside (conflict)",
    }


@dataclass(frozen=True)
class PanellistItem:
    item: Item
    sheet: Sheet | None
    conflict: Conflict | None

    @property
    def state(self) -> str:
        if self.conflict is not None:
            return ItemState.STEPPED_ASIDE
        if self.sheet is None:
            return ItemState.TO_DO
        return ItemState.SENT if self.sheet.is_submitted else ItemState.DRAFT

    @property
    def state_words(self) -> str:
        return ItemState.WORDS[self.state]


def items_for(person, panel: Panel) -> list[PanellistItem]:
    """The items this panellist is to score, with their sheet and whether they stepped aside.
    Empty for someone not on the panel. Four queries."""
    if not _logged_in(person) or not Panellist.objects.filter(panel=panel, person=person).exists():
        return []
    sheets = {s.item_id: s for s in Sheet.objects.filter(item__panel=panel, person=person)}
    conflicts = {c.item_id: c for c in Conflict.objects.filter(item__panel=panel, person=person)}
    return [
        PanellistItem(item=i, sheet=sheets.get(i.pk), conflict=conflicts.get(i.pk))
        for i in Item.objects.filter(panel=panel).order_by("ref")
    ]


# --- For the base's registry -----------------------------------------------------------------


def scoring_export_section(user) -> dict:
    """A person's own scores, comments and conflict declarations, for their data download."""
    sheets = (
        Sheet.objects.filter(person=user)
        .select_related("item__panel")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("item__panel__name", "item__ref")
    )
    return {
        "scoring_panels": list(
            Panellist.objects.filter(person=user)
            .order_by("panel__name")
            .values_list("panel__name", flat=True)
        ),
        "scoring_sheets": [
            {
                "panel": s.item.panel.name,
                "item": s.item.label,
                "sent": s.submitted_at.isoformat() if s.submitted_at else None,
                "scores": [
                    {
                        "question": sc.criterion.title,
                        "score": "n/a" if sc.value is None else sc.value,
                        "comment": sc.comment,
                    }
                    for sc in s.scores.all()
                ],
            }
            for s in sheets
        ],
        "scoring_conflicts": [
            {"panel": c.item.panel.name, "item": c.item.label, "reason": c.reason}
            for c in Conflict.objects.filter(person=user).select_related("item__panel")
        ],
    }
