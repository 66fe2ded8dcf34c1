"""Panels on a young person's participation record: every panel they sat on, whatever app it
scores for, so grants and commissioning need not each add their own.

A panel of the scoring engine says what it is by the training it needs (`Panel.unlock`): a
Pay it Forward review panel needs grant reviewers, a commissioning panel evaluators, an
interview panel recruitment training. A panel that is only a base group (a grants decision
panel: a worker-led group of young people, not scoring) is a `Group` of kind PANEL that no
scoring panel owns.

The record says what kind of panel and when, never anything about what was scored, the scores
given, or who applied: no items, sheets or scores are read here.
"""

from __future__ import annotations

from django.db.models import DateField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import TruncDate
from django.utils.formats import date_format

from participation.models import GroupKind, Membership, Unlock, User

from .models import Panel, Panellist, PanelStatus

# What sitting on each kind of panel is, in plain words.
PANEL_WORDS = {
    Unlock.GRANT_REVIEWER: "Young reviewer on a Pay it Forward grants panel",
    Unlock.COMMISSIONING_EVALUATOR: "Young evaluator on a commissioning panel, helping to "
    "choose who runs a service",
    Unlock.RECRUITMENT_PANEL: "Young interviewer on a job interview panel",
    Unlock.YOUNG_INSPECTOR: "Young inspector on a panel",
    Unlock.WORKING_WITH_YOUNG_PEOPLE: "Member of a panel",
}
DECISION_PANEL_WORDS = "Member of a decision panel"


def panels_record_section(user: User) -> dict | None:
    """The panels someone sat on, with the kind of panel and the day they joined it. One
    query, however many panels: the engine's panels and the base's panel groups in one union."""
    places = (
        Panellist.objects.filter(person=user)
        .annotate(
            name=F("panel__name"),
            unlock=F("panel__unlock"),
            is_open=Q(panel__status=PanelStatus.OPEN),
            joined=TruncDate("added_at"),
            left=Value(None, output_field=DateField()),
        )
        .values_list("name", "unlock", "is_open", "joined", "left")
        .order_by()
    )
    # Panels that are base groups only (no scoring panel owns the group): a decision panel.
    groups = (
        Membership.objects.filter(user=user, group__kind=GroupKind.PANEL)
        .exclude(Exists(Panel.objects.filter(group_id=OuterRef("group_id"))))
        .annotate(
            name=F("group__name"),
            unlock=Value(""),
            is_open=Value(False),
            joined=F("started_on"),
            left=F("ended_on"),
        )
        .values_list("name", "unlock", "is_open", "joined", "left")
        .order_by()
    )
    items = []
    for name, unlock, is_open, joined, left in places.union(groups, all=True):
        if unlock:
            words = PANEL_WORDS.get(unlock, "Member of a panel")
            text = f"{words}: {name}{' (still going on)' if is_open else ''}"
        else:
            until = f" until {date_format(left, 'j F Y')}" if left else ""
            text = f"{DECISION_PANEL_WORDS}: {name}{until}"
        items.append({"date": joined, "text": text, "hours": None, "kind": "panel"})
    if not items:
        return None
    items.sort(key=lambda item: item["date"])
    return {"title": "Panels", "hours": None, "items": items}
