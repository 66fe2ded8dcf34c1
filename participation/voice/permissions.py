"""Who may do what with "you said" items: every rule with the plain words it refuses in.

An officer works only on items routed to their own organisation (an officer's role assignment
names it). Everyone may read an item once a worker has approved its words and sent it on; until
then only its raiser, its followers and workers can. Who raised an item is shown to workers and
to the raiser; to an officer only when the raiser did not ask to stay anonymous; to the public
never (`voice.view_raiser`).
"""

import rules

from participation.access import permission
from participation.permissions import (
    can_take_part,
    is_administrator,
    is_officer,
    is_parent_carer,
    is_worker,
    is_young_person,
)


def officer_organisation_ids(user) -> frozenset[int]:
    """The organisations a person is an officer for, read once per request."""
    cached = getattr(user, "_voice_officer_orgs", None)
    if cached is None:
        from participation.models import Role

        if not (user and user.is_authenticated and user.has_role(Role.OFFICER)):
            cached = frozenset()
        else:
            cached = frozenset(
                user.role_assignments.filter(
                    role=Role.OFFICER, organisation__isnull=False
                ).values_list("organisation_id", flat=True)
            )
        user._voice_officer_orgs = cached
    return cached


@rules.predicate
def is_officer_of_item(user, item) -> bool:
    return (
        item is not None
        and item.routed_to_id is not None
        and item.routed_to_id in officer_organisation_ids(user)
    )


@rules.predicate
def is_raiser(user, item) -> bool:
    return item is not None and item.raised_by_id is not None and item.raised_by_id == user.pk


@rules.predicate
def is_follower(user, item) -> bool:
    if item is None:
        return False
    ids = getattr(item, "follower_ids", None)
    if ids is not None:
        return user.pk in ids
    return item.follows.filter(user_id=user.pk).exists()


@rules.predicate
def is_public(user, item) -> bool:
    return item is not None and item.is_public


@rules.predicate
def raiser_is_named(user, item) -> bool:
    return item is not None and not item.anonymous_to_officer


@rules.predicate
def has_an_answer(user, item) -> bool:
    from .models import ANSWERED

    return item is not None and item.status in ANSWERED


can_raise = is_young_person | is_parent_carer | is_worker

# The public page and an approved item are for everyone, logged in or not (the views let
# anonymous visitors in without asking these).
permission("voice.view_public", rules.always_allow)
permission(
    "voice.view_item",
    is_public | is_raiser | is_follower | is_worker | is_officer_of_item,
    refusal="This item isn't public yet.",
)
permission(
    "voice.raise_item",
    can_raise,
    refusal="Young people, parents and carers, and participation workers can raise items.",
)
permission(
    "voice.follow_item",
    (is_young_person | is_parent_carer | is_worker | is_officer) & (is_public | is_raiser),
    refusal="You can follow an item once it is public.",
)
permission(
    "voice.view_raiser",
    is_worker | is_raiser | (is_officer_of_item & raiser_is_named),
    refusal="The person who raised this asked not to be named.",
)
permission(
    "voice.approve_text",
    is_worker,
    refusal="Only a participation worker can check and approve what someone wrote.",
)
permission(
    "voice.route_item",
    is_worker,
    refusal="Only a participation worker can send an item on, decline it or close it.",
)
permission(
    "voice.view_worker_queue",
    is_worker,
    refusal="This list is for participation workers.",
)
permission(
    "voice.view_officer_queue",
    is_officer,
    refusal="This list is for officers of partner organisations.",
)
permission(
    "voice.respond_item",
    is_officer_of_item,
    refusal="Only an officer of the organisation this item was sent to can answer it.",
)
permission(
    "voice.rate_response",
    (is_raiser | is_follower) & has_an_answer,
    refusal="Only the people who raised or follow an item can say if its answer was good enough.",
)
permission(
    "voice.appoint_lead",
    is_administrator,
    refusal="Only an administrator can make a worker a participation lead.",
)


# --- Consultations ----------------------------------------------------------------------------


@rules.predicate
def is_consultation_owner(user, consultation) -> bool:
    """The worker or officer who wrote it, or an officer of the organisation it is for."""
    if consultation is None:
        return False
    if consultation.created_by_id == user.pk:
        return True
    return (
        consultation.organisation_id is not None
        and consultation.organisation_id in officer_organisation_ids(user)
    )


@rules.predicate
def consultation_is_out(user, consultation) -> bool:
    from .models import ConsultationStatus

    return consultation is not None and consultation.status != ConsultationStatus.DRAFT


@rules.predicate
def no_consultation(user, consultation) -> bool:
    return consultation is None


permission(
    "voice.manage_consultation",
    is_worker | (is_officer & (no_consultation | is_consultation_owner)),
    refusal="Only a participation worker, or the officer who asked, can change a consultation.",
)
permission(
    "voice.view_consultation",
    consultation_is_out | is_worker | is_consultation_owner,
    refusal="This consultation isn't open yet.",
)
# Whether this person is in its audience is the eligibility service's answer, with reasons.
permission(
    "voice.answer_consultation",
    consultation_is_out,
    refusal="This consultation isn't open yet.",
)
permission(
    "voice.view_consultation_answers",
    is_worker | is_consultation_owner,
    refusal="Only a participation worker, or the officer who asked, can read the answers.",
)
permission(
    "voice.summarise_consultation",
    is_worker,
    refusal="Only a participation worker can write what people said.",
)


# --- Report a concern, moderation -------------------------------------------------------------


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


# Anyone logged in may report a concern about anything they can see (the view checks that).
permission(
    "voice.report_concern",
    is_logged_in,
    refusal="Log in to report a concern.",
)


@rules.predicate
def is_safeguarding_lead(user) -> bool:
    """A designated safeguarding lead (a `SafeguardingLead` row). Read once per request for
    each person: several rules on one page ask it."""
    if not (user and user.is_authenticated):
        return False
    if "_is_safeguarding_lead" not in user.__dict__:
        from .models import SafeguardingLead

        user.__dict__["_is_safeguarding_lead"] = SafeguardingLead.objects.filter(
            user_id=user.pk
        ).exists()
    return user.__dict__["_is_safeguarding_lead"]


@rules.predicate
def is_leads_only_concern(user, concern) -> bool:
    """A concern only safeguarding leads may read (one about mentoring: moderation.py)."""
    from .moderation import is_for_leads_only

    return concern is not None and is_for_leads_only(concern)


# Every worker sees the queue. A concern only safeguarding leads may read (mentoring) shows
# other workers that it exists and who to tell, never its words, and only a lead deals with it.
permission(
    "voice.moderate",
    is_worker & (~is_leads_only_concern | is_safeguarding_lead),
    refusal="Only a participation worker can deal with reported concerns, and only the "
    "designated safeguarding lead with a private one (about mentoring).",
)
permission(
    "voice.read_concern",
    is_safeguarding_lead | (is_worker & ~is_leads_only_concern),
    refusal="Only the designated safeguarding lead can read this concern.",
)


def may_read_concern(user, concern) -> bool:
    """`voice.read_concern`, asked of the rule itself: Django lets a superuser pass every
    permission, but a private concern's words are for safeguarding leads only, the way a
    mentoring log is (mentoring/selectors.pairing_for)."""
    return bool(user and user.is_authenticated and user.is_active) and rules.has_perm(
        "voice.read_concern", user, concern
    )


# --- Session feedback -------------------------------------------------------------------------
# Whether they were there is the attendance register's answer, asked by the service.
permission(
    "voice.give_session_feedback",
    can_take_part,
    refusal="Young people and staff who were at an activity can say how it went.",
)
