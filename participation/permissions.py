"""The one permission layer of the base app: `rules` predicates, used by views and templates.

Views ask `user.has_perm("participation.<rule>", obj)`; templates use `{% has_perm %}`.
"""

import rules

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


rules.add_perm("participation.view_staff_area", has_staff_role)
rules.add_perm("participation.create_young_person_account", is_worker | is_administrator)
rules.add_perm("participation.record_consent", is_worker | is_administrator)
rules.add_perm("participation.view_audit_log", is_administrator)
rules.add_perm("participation.view_profile", is_self | is_worker | is_administrator)


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


rules.add_perm("participation.view_training", can_take_part)
rules.add_perm(
    "participation.view_module", can_take_part & (is_worker | (is_published & module_is_for_them))
)
rules.add_perm(
    "participation.do_e_learning",
    can_take_part & is_e_learning & (is_worker | (is_published & module_is_for_them)),
)
rules.add_perm("participation.manage_training", is_worker)
rules.add_perm("participation.view_person_training", is_self | is_worker)
rules.add_perm("participation.view_certificate", owns_completion | is_worker)
rules.add_perm("participation.view_activities", can_take_part)
rules.add_perm(
    "participation.view_activity",
    can_take_part & ((is_worker & may_see_group_people) | is_in_audience),
)
rules.add_perm("participation.sign_up_for_activity", can_take_part & is_in_audience)
rules.add_perm("participation.manage_activities", is_worker & may_see_group_people)
rules.add_perm("participation.rate_activity_rung", is_young_person)


def _add_unlock_perms() -> None:
    from participation.models import Unlock

    for unlock in Unlock.values:
        rules.add_perm(f"participation.act_as_{unlock}", trained_for(unlock))


_add_unlock_perms()
