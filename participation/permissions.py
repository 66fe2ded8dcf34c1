"""The one permission layer of the base app: every rule, with the plain words it refuses in.

Views ask `user.has_perm("participation.<rule>", obj)`; templates use `{% has_perm %}`;
services call `participation.access.require(actor, "participation.<rule>", obj)`, which
refuses with the words written beside the rule here. Nothing else decides who may do what.
"""

import rules

from participation.access import permission
from participation.models import Role


def _has_role(role: str):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


is_young_person = _has_role(Role.YOUNG_PERSON)
is_parent_carer = _has_role(Role.PARENT_CARER)
is_worker = _has_role(Role.WORKER)
is_professional = _has_role(Role.PROFESSIONAL)
is_officer = _has_role(Role.OFFICER)
is_board_member = _has_role(Role.BOARD_MEMBER)
is_provider = _has_role(Role.PROVIDER)
is_administrator = _has_role(Role.ADMINISTRATOR)


@rules.predicate
def has_staff_role(user) -> bool:
    return bool(user and user.is_authenticated and user.has_staff_role)


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and user.pk == other.pk


@rules.predicate
def is_young_person_role(user, assignment) -> bool:
    """The role being given or taken away (a `RoleAssignment`) is a young person's."""
    return assignment is not None and assignment.role == Role.YOUNG_PERSON


WORKER_ONLY = "Only a participation worker can do this."

permission(
    "participation.view_staff_area",
    has_staff_role,
    refusal="This page is for participation workers and other staff.",
)
permission(
    "participation.create_young_person_account",
    is_worker | is_administrator,
    refusal="Only a participation worker can set up an account for a young person.",
)
permission(
    "participation.record_consent",
    is_worker | is_administrator,
    refusal="Only a participation worker can record a parent or carer's consent.",
)
permission(
    "participation.view_audit_log",
    is_administrator,
    refusal="Only an administrator can read the audit log.",
)
permission(
    "participation.view_profile",
    is_self | is_worker | is_administrator,
    refusal="You can only see your own details.",
)
# A role is a `RoleAssignment` (checked before it is saved, or before it is taken away).
permission(
    "participation.grant_role",
    is_administrator | (is_worker & is_young_person_role),
    refusal="Only an administrator can give people roles. A participation worker can only "
    "give someone a young person's account.",
)
permission(
    "participation.revoke_role",
    is_administrator | (is_worker & is_young_person_role),
    refusal="Only an administrator can take roles away. A participation worker can only "
    "close a young person's account.",
)


# --- Training and activities ----------------------------------------------------------------
# Young people and staff take part in training and activities; parents, board members and
# providers have other pages.
can_take_part = is_young_person | has_staff_role


@rules.predicate
def is_published(user, module) -> bool:
    return module is not None and module.is_published


@rules.predicate
def module_is_for_them(user, module) -> bool:
    from participation.models import TrainingAudience

    if module is None:
        return False
    if module.audience == TrainingAudience.BOTH:
        return True
    if module.audience == TrainingAudience.STAFF:
        return user.has_staff_role
    return user.has_role(Role.YOUNG_PERSON)


@rules.predicate
def is_e_learning(user, module) -> bool:
    return module is not None and module.is_e_learning


@rules.predicate
def owns_completion(user, completion) -> bool:
    return completion is not None and completion.user_id == user.pk


@rules.predicate
def is_in_audience(user, activity) -> bool:
    """Everyone-activities are for everyone; a group's activities for its current members."""
    from participation.models import Membership

    if activity is None:
        return False
    if activity.audience_group_id is None:
        return True
    return (
        Membership.objects.active()
        .filter(group_id=activity.audience_group_id, user_id=user.pk)
        .exists()
    )


@rules.predicate
def may_see_group_people(user, activity) -> bool:
    """Any worker may run an ordinary activity. For a group whose membership is sensitive (the
    Children in Care Council, CLIC), the sign-up list would reveal care status, so only that
    group's own workers may, as the group's app tells the registry."""
    from participation.registry import registry

    if activity is None or activity.audience_group_id is None:
        return True
    group = activity.audience_group
    return not group.membership_is_sensitive or registry.is_group_worker(group, user)


def trained_for(unlock: str):
    """A predicate that asks the one training service, so the permission layer and every app
    give the same answer."""

    @rules.predicate(name=f"trained_for_{unlock}")
    def predicate(user) -> bool:
        from participation.services.training import is_trained

        return bool(user and user.is_authenticated and is_trained(user, unlock))

    return predicate


may_open_module = can_take_part & (is_worker | (is_published & module_is_for_them))

permission(
    "participation.view_training",
    can_take_part,
    refusal="Training is for young people and staff.",
)
permission(
    "participation.view_module",
    may_open_module,
    refusal="This training isn't open to you.",
)
permission(
    "participation.do_e_learning",
    may_open_module & is_e_learning,
    refusal="This training isn't open to you, or it has no lessons to do in the portal.",
)
permission(
    "participation.manage_training",
    is_worker,
    refusal="Only a participation worker can write or change training.",
)
permission(
    "participation.sign_off_training",
    is_worker,
    refusal="Only a participation worker can sign off training.",
)
permission(
    "participation.view_person_training",
    is_self | is_worker,
    refusal="You can only see your own training.",
)
permission(
    "participation.view_certificate",
    owns_completion | is_worker,
    refusal="You can only see your own certificates.",
)
permission(
    "participation.view_activities",
    can_take_part,
    refusal="Activities are for young people and staff.",
)
permission(
    "participation.view_activity",
    can_take_part & ((is_worker & may_see_group_people) | is_in_audience),
    refusal="This activity isn't open to you.",
)
# The person signing themselves up; whether they fit the activity (age on the day, group) is
# the eligibility service's answer, which gives the reasons.
permission(
    "participation.take_part_in_activities",
    can_take_part,
    refusal="Activities are for young people and staff. Ask a participation worker if you "
    "think this is wrong.",
)
permission(
    "participation.sign_up_for_activity",
    can_take_part & is_in_audience,
    refusal="This activity isn't open to you.",
)
permission(
    "participation.manage_activities",
    is_worker & may_see_group_people,
    refusal="Only a participation worker can set up or change activities, and only a "
    "group's own workers can for a group like the Children in Care Council.",
)
permission(
    "participation.record_attendance",
    is_worker & may_see_group_people,
    refusal="Only a participation worker can record attendance.",
)
permission(
    "participation.record_activity_consent",
    is_worker & may_see_group_people,
    refusal="Only a participation worker can record consent.",
)
permission(
    "participation.cancel_signup_for_someone",
    is_worker & may_see_group_people,
    refusal="Only a participation worker can cancel someone else's place.",
)
permission(
    "participation.rate_activity_rung",
    is_young_person,
    refusal="Only young people say which rung of the ladder an activity reached.",
)
# Schools, community groups and services: workers add them so they can be polling stations
# and places where things happen, without needing the admin site.
permission(
    "participation.manage_organisations",
    is_worker | is_administrator,
    refusal="Only a participation worker can add or change schools and groups.",
)


def _add_unlock_perms() -> None:
    from participation.models import Unlock

    for unlock in Unlock.values:
        permission(
            f"participation.act_as_{unlock}",
            trained_for(unlock),
            refusal=f"You need to do the {Unlock(unlock).label.lower()} training first.",
        )


_add_unlock_perms()
