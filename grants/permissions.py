"""Who may do what in Pay it Forward: every rule with the plain words it refuses in.

Everyone may read the rounds and the showcase. A young person applies and sees only their own
applications (an application is theirs or, for a worker, anyone's). Reviewing is the scoring
engine's rule (`scoring.score`: a panellist of the round's panel, trained as a grant reviewer
now, with no conflict), asked through `grants.review` of an application, so a reviewer page
and the scoring service never disagree. A participation worker runs the rounds, leads the
decision panel, records payments and moderates the showcase. A visit is written up by the
worker or by a young person with a place on the visit.
"""

import rules

from participation.access import permission
from participation.models import SignupStatus
from participation.permissions import is_administrator, is_worker, is_young_person
from participation.scoring.permissions import is_panellist


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == user.pk


@rules.predicate
def is_draft(user, application) -> bool:
    return application is not None and application.is_draft


@rules.predicate
def is_reviewer_of(user, application) -> bool:
    """A panellist of the application's round who may score it now (trained, no conflict),
    as the scoring engine answers."""
    from participation.scoring.models import Item

    if application is None or not getattr(application, "pk", None):
        return False
    item = getattr(application, "_grants_item", None) or (
        Item.objects.filter(panel_id=application.round.panel_id, ref=application.item_ref)
        .select_related("panel")
        .first()
    )
    return item is not None and user.has_perm("scoring.score", item)


@rules.predicate
def is_visitor(user, visit) -> bool:
    """A young person with a place on the visit (the base activity's sign-up)."""
    if visit is None:
        return False
    return visit.activity.signups.filter(user_id=user.pk, status=SignupStatus.CONFIRMED).exists()


permission("grants.view_rounds", rules.always_allow)
permission("grants.view_showcase", rules.always_allow)
permission(
    "grants.manage_rounds",
    is_worker | is_administrator,
    refusal="Only a participation worker can set up a Pay it Forward round.",
)
permission(
    "grants.apply",
    is_young_person,
    refusal="Pay it Forward applications are made by young people with a young person's account.",
)
permission(
    "grants.view_application",
    is_applicant | is_worker,
    refusal="You can only see your own applications.",
)
permission(
    "grants.edit_application",
    is_applicant & is_draft,
    refusal="You can only change your own application, and only before you send it.",
)
permission(
    "grants.withdraw_application",
    is_applicant,
    refusal="Only the young person who applied can withdraw their application.",
)
# The scoring engine's answer (read once per request and panel, shared with `scoring.score`).
permission(
    "grants.view_reviews",
    is_young_person & is_panellist,
    refusal="This page is for the round's young reviewers.",
)
permission(
    "grants.review",
    is_young_person & is_reviewer_of,
    refusal="Only young people who have done the Pay it Forward grant reviewer training, are "
    "on this round's review panel and have no conflict can review this application.",
)
permission(
    "grants.decide",
    is_worker,
    refusal="Only the participation worker who leads the decision panel can record its decisions.",
)
permission(
    "grants.confirm_consent",
    is_worker,
    refusal="Only a participation worker can record that a parent or carer said yes.",
)
permission(
    "grants.record_payment",
    is_worker,
    refusal="Only a participation worker can record a payment.",
)
permission(
    "grants.add_receipt",
    is_worker,
    refusal="Only a participation worker can add receipts.",
)
permission(
    "grants.plan_visit",
    is_worker,
    refusal="Only a participation worker can plan a visit.",
)
permission(
    "grants.record_visit",
    is_worker | (is_young_person & is_visitor),
    refusal="Only the young people on this visit, or a participation worker, can write it up.",
)
permission(
    "grants.moderate_showcase",
    is_worker,
    refusal="Only a participation worker can check what goes on the showcase.",
)
permission(
    "grants.suggest_showcase",
    is_worker | is_applicant,
    refusal="Only the young person whose project it was, or a participation worker, can put "
    "it forward for the showcase.",
)
