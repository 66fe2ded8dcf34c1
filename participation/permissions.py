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
