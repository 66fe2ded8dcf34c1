"""Who may do what in commissioning and recruitment: every rule with the words it refuses in.

A participation worker (or an administrator) runs rounds and recruitments. Young people
co-design the specification. A provider (a person whose PROVIDER role names their
organisation) bids for that organisation only, and sees only its own bid and feedback. The
quality panel sees the bids' answers and attachments but never the price. Scoring itself is the
engine's rule (`scoring.score`: a trained panellist with no conflict).
"""

import rules

from participation.access import permission
from participation.models import Role
from participation.permissions import is_administrator, is_provider, is_worker, is_young_person

is_manager = is_worker | is_administrator


def provider_organisation_ids(user) -> frozenset[int]:
    """The organisations a person bids for, read once per request."""
    cached = getattr(user, "_commissioning_provider_orgs", None)
    if cached is None:
        if not (user and user.is_authenticated and user.has_role(Role.PROVIDER)):
            cached = frozenset()
        else:
            cached = frozenset(
                user.role_assignments.filter(
                    role=Role.PROVIDER, organisation__isnull=False
                ).values_list("organisation_id", flat=True)
            )
        user._commissioning_provider_orgs = cached
    return cached


def _bid_of(obj):
    from .models import Bid, BidAttachment

    if isinstance(obj, Bid):
        return obj
    if isinstance(obj, BidAttachment):
        return obj.bid
    return None


@rules.predicate
def bids_for_an_organisation(user) -> bool:
    return bool(provider_organisation_ids(user))


@rules.predicate
def is_bidder_of(user, obj) -> bool:
    bid = _bid_of(obj)
    return bid is not None and bid.organisation_id in provider_organisation_ids(user)


@rules.predicate
def is_quality_panellist_for(user, obj) -> bool:
    """A member of the round's quality or presentation panel, for a bid that was sent."""
    from participation.scoring.models import Panellist

    from .models import BidStatus

    bid = _bid_of(obj)
    if bid is None or bid.status != BidStatus.SUBMITTED:
        return False
    panels = [bid.round.quality_panel_id, bid.round.presentation_panel_id]
    panels = [p for p in panels if p]
    return bool(panels) and Panellist.objects.filter(panel_id__in=panels, person=user).exists()


@rules.predicate
def is_recruitment_panellist(user, recruitment) -> bool:
    from participation.scoring.models import Panellist

    return (
        recruitment is not None
        and Panellist.objects.filter(panel_id=recruitment.panel_id, person=user).exists()
    )


may_see_rounds = is_young_person | is_manager | is_provider

permission(
    "commissioning.view_round",
    may_see_rounds,
    refusal="Commissioning rounds are for young people, participation workers and providers.",
)
permission(
    "commissioning.manage_round",
    is_manager,
    refusal="Only a participation worker can run a commissioning round.",
)
permission(
    "commissioning.co_design",
    is_young_person | is_manager,
    refusal="Only young people and participation workers can help write the specification.",
)
permission(
    "commissioning.prioritise",
    is_young_person,
    refusal="Only young people choose which statements matter most.",
)
permission(
    "commissioning.bid",
    is_provider & bids_for_an_organisation,
    refusal="Only a provider organisation's own account can send a bid.",
)
permission(
    "commissioning.edit_bid",
    is_provider & is_bidder_of,
    refusal="Only the organisation that wrote this bid can change it.",
)
permission(
    "commissioning.view_bid",
    is_manager | (is_provider & is_bidder_of) | is_quality_panellist_for,
    refusal="You can only see your own organisation's bid.",
)
# The quality panel scores without knowing the price (it is scored separately).
permission(
    "commissioning.view_price",
    is_manager | (is_provider & is_bidder_of),
    refusal="The price is only for the organisation that bid and the participation workers.",
)
permission(
    "commissioning.view_feedback",
    is_manager | (is_provider & is_bidder_of),
    refusal="You can only read your own organisation's feedback.",
)
permission(
    "commissioning.ask_clarification",
    is_provider & bids_for_an_organisation,
    refusal="Only providers can ask a question about a round.",
)
permission(
    "commissioning.answer_clarification",
    is_manager,
    refusal="Only a participation worker can answer bidders' questions.",
)
permission(
    "commissioning.evaluate",
    is_young_person,
    refusal="Only young people on the panel score bids.",
)
permission(
    "commissioning.view_audit",
    is_manager,
    refusal="Only a participation worker can read the round's record of every change.",
)
permission(
    "commissioning.manage_recruitment",
    is_manager,
    refusal="Only a participation worker can run a recruitment panel.",
)
permission(
    "commissioning.view_recruitment",
    is_manager | (is_young_person & is_recruitment_panellist),
    refusal="Only the recruitment's young people's panel and its workers can see it.",
)
permission(
    "commissioning.ask_candidates",
    is_young_person & is_recruitment_panellist,
    refusal="Only young people on this panel can write questions for the candidates.",
)
