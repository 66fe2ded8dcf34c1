"""Who may do what on a scoring panel: every rule with the plain words it refuses in.

A participation worker or an administrator runs panels (`scoring.manage_panel`) and agrees
moderated scores (`scoring.moderate`). Only a panellist of the item's panel whose training for
the panel's unlock is valid today, and who has not declared a conflict for that item, scores it
(`scoring.score`). `score_refusal` gives the exact reason when they may not, and the service
refuses in those words, so a young person reads "You said you know who made this one", not a
generic no. Whether the panel is still open, the deadline and a sheet already sent are states,
not permissions: `selectors.can_score` and the services check those.
"""

import rules

from participation.access import permission
from participation.models import Unlock
from participation.permissions import is_administrator, is_worker

is_panel_manager = is_worker | is_administrator


def training_words(unlock: str) -> str:
    """ "Pay it Forward grant reviewer", "commissioning evaluator": the unlock's label as it
    reads inside a sentence (a programme's own name keeps its capitals)."""
    label = Unlock(unlock).label
    return label if label.startswith("Pay it Forward") else label[0].lower() + label[1:]


def not_trained_words(person, unlock: str, *, you: bool = False) -> str:
    who = "You have" if you else f"{person.first_name or person.display_name} has"
    return f"{who} not finished the {training_words(unlock)} training yet."


NOT_A_PANELLIST = "You are not on this panel, so you can't score this."
CONFLICTED = "You said you have a conflict with this one, so someone else will score it."


def _panel_facts(user, panel) -> dict:
    """Whether they sit on the panel and are trained for it, read once per request and panel:
    a page showing twenty items asks for each."""
    from django.utils import timezone

    cache = user.__dict__.setdefault("_scoring_panels", {})
    # Keyed by the day too: training that runs out at midnight stops counting then.
    key = (panel.pk, timezone.localdate())
    facts = cache.get(key)
    if facts is None:
        from participation.services.training import is_trained

        from .models import Panellist

        on_panel = Panellist.objects.filter(panel=panel, person=user).exists()
        facts = {"on_panel": on_panel, "trained": on_panel and bool(is_trained(user, panel.unlock))}
        cache[key] = facts
    return facts


def _conflicted(user, item) -> bool:
    cache = user.__dict__.setdefault("_scoring_conflicts", {})
    if item.pk not in cache:
        from .models import Conflict

        cache[item.pk] = Conflict.objects.filter(item=item, person=user).exists()
    return cache[item.pk]


def forget(user) -> None:
    """After a write that changes the answers (a conflict declared, a place added)."""
    user.__dict__.pop("_scoring_panels", None)
    user.__dict__.pop("_scoring_conflicts", None)


def score_refusal(user, item) -> str:
    """Why `user` may not score `item`, or "" when they may."""
    if not (user and getattr(user, "is_authenticated", False) and item is not None):
        return NOT_A_PANELLIST
    facts = _panel_facts(user, item.panel)
    if not facts["on_panel"]:
        return NOT_A_PANELLIST
    if not facts["trained"]:
        return not_trained_words(user, item.panel.unlock, you=True)
    if _conflicted(user, item):
        return CONFLICTED
    return ""


@rules.predicate
def may_score(user, item) -> bool:
    return score_refusal(user, item) == ""


def _panel_of(obj):
    from .models import Item, Panel

    if isinstance(obj, Panel):
        return obj
    if isinstance(obj, Item):
        return obj.panel
    return getattr(obj, "panel", None)


@rules.predicate
def is_panellist(user, obj) -> bool:
    panel = _panel_of(obj)
    return panel is not None and _panel_facts(user, panel)["on_panel"]


permission(
    "scoring.manage_panel",
    is_panel_manager,
    refusal="Only a participation worker can set up and run a scoring panel.",
)
permission(
    "scoring.moderate",
    is_panel_manager,
    refusal="Only a participation worker can agree a moderated score.",
)
permission("scoring.score", may_score, refusal=NOT_A_PANELLIST)
# Stepping aside needs no training: someone who knows the applicant should be able to say so
# even while their training has run out.
permission(
    "scoring.declare_conflict",
    is_panellist,
    refusal="Only people on this panel can say they have a conflict with something on it.",
)
