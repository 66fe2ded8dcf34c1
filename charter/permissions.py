"""Who may do what with the charters: every rule with the plain words it refuses in.

Everyone may read the charters, who signed them and how each signatory stands. Only a
participation worker writes a charter (a new version, another principle or promise). Only an
officer of an organisation (their role assignment names it) signs for it, writes its pledges,
adds its evidence and renews it. Only a young person holding valid young inspector training
(the base's `is_trained`, asked through `participation.act_as_young_inspector`'s predicate)
judges the evidence and reports on visits to its activities, and never for an organisation they
are an officer of.
"""

import rules

from participation.access import permission
from participation.models import Organisation, Role
from participation.permissions import is_officer, is_worker, is_young_person, trained_for


def organisation_of(obj) -> Organisation | None:
    from charter.models import Evidence, Judgement, Pledge, Signatory, Visit

    if isinstance(obj, Organisation):
        return obj
    if isinstance(obj, Signatory):
        return obj.organisation
    if isinstance(obj, Visit):
        return obj.signatory.organisation
    if isinstance(obj, Pledge):
        return obj.signatory.organisation
    if isinstance(obj, Evidence | Judgement):
        return obj.pledge.signatory.organisation
    return None


def officer_organisation_ids(user) -> frozenset[int]:
    """The organisations a person is an officer for, read once per request."""
    cached = getattr(user, "_charter_officer_orgs", None)
    if cached is None:
        if not (user and user.is_authenticated and user.has_role(Role.OFFICER)):
            cached = frozenset()
        else:
            cached = frozenset(
                user.role_assignments.filter(
                    role=Role.OFFICER, organisation__isnull=False
                ).values_list("organisation_id", flat=True)
            )
        user._charter_officer_orgs = cached
    return cached


@rules.predicate
def is_officer_of_organisation(user, obj) -> bool:
    organisation = organisation_of(obj)
    return organisation is not None and organisation.pk in officer_organisation_ids(user)


@rules.predicate
def may_sign_for_someone(user, obj) -> bool:
    """Asked of a charter version (the sign page): whether they are an officer of anything.
    Asked of an organisation, `is_officer_of_organisation` alone answers."""
    from charter.models import CharterVersion

    return isinstance(obj, CharterVersion) and bool(officer_organisation_ids(user))


_trained_inspector = trained_for("young_inspector")


@rules.predicate
def is_trained_inspector(user) -> bool:
    """The base's training answer, kept on the request's user once it is yes: a page asks it
    for judging and for visiting, and each asking costs two queries."""
    if getattr(user, "_charter_trained_inspector", False):
        return True
    trained = _trained_inspector.test(user)
    if trained:
        user._charter_trained_inspector = True
    return trained


is_young_inspector = is_young_person & is_trained_inspector

permission("charter.view_charter", rules.always_allow)
permission("charter.view_signatory", rules.always_allow)
permission(
    "charter.manage_charters",
    is_worker,
    refusal="Only a participation worker can write or change a charter.",
)
permission(
    "charter.sign_charter",
    is_officer & (is_officer_of_organisation | may_sign_for_someone),
    refusal="Only an officer of an organisation can sign a charter for it.",
)
permission(
    "charter.edit_pledges",
    is_officer_of_organisation,
    refusal="Only this organisation's officers can write its pledges and add its evidence.",
)
permission(
    "charter.renew",
    is_officer_of_organisation,
    refusal="Only this organisation's officers can renew its membership.",
)
permission(
    "charter.judge_evidence",
    is_young_inspector & ~is_officer_of_organisation,
    refusal="Only young people who have done the young inspector training can judge the evidence.",
)
permission(
    "charter.visit_service",
    is_young_inspector & ~is_officer_of_organisation,
    refusal="Only young people who have done the young inspector training can report on a visit.",
)
permission(
    "charter.answer_challenge",
    is_officer_of_organisation,
    refusal="Only this organisation's officers can answer the young inspectors.",
)
# Whether they were at the activity is the attendance register's answer, asked by the service.
permission(
    "charter.rate_staff",
    is_young_person,
    refusal="Young people who were at an activity can say how the staff did.",
)
# Results are only ever totals of five answers or more (selectors.staff_ratings).
permission("charter.view_staff_ratings", rules.always_allow)
