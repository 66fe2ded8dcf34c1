"""Who may do what with forums: `rules` predicates, asked by views as
`user.has_perm("forums.<rule>", obj)`.

The object can be a forum or anything that belongs to one (a meeting, task group, action,
application, nomination or policy item); the predicates find the forum themselves.
"""

import rules

from forums import selectors
from forums.models import (
    Application,
    Forum,
    Meeting,
    MeetingAction,
    Nomination,
    PolicyItem,
    TaskGroup,
)
from participation.permissions import (
    is_administrator,
    is_officer,
    is_professional,
    is_worker,
    is_young_person,
)


def forum_of(obj) -> Forum | None:
    if isinstance(obj, Forum):
        return obj
    if isinstance(obj, Meeting | TaskGroup | Application | Nomination | PolicyItem):
        return obj.forum
    if isinstance(obj, MeetingAction):
        return obj.meeting.forum
    return None


@rules.predicate
def is_forum_worker(user, obj) -> bool:
    forum = forum_of(obj)
    return forum is not None and selectors.is_forum_worker(forum=forum, user=user)


@rules.predicate
def is_forum_member(user, obj) -> bool:
    forum = forum_of(obj)
    return forum is not None and selectors.is_forum_member(forum=forum, user=user)


@rules.predicate
def is_nominee(user, nomination) -> bool:
    return isinstance(nomination, Nomination) and nomination.young_person_id == user.pk


@rules.predicate
def is_applicant(user, application) -> bool:
    return isinstance(application, Application) and application.applicant_id == user.pk


# Anyone may read the forum directory and a forum's own page (what it does and how to join).
rules.add_perm("forums.view_forum", rules.always_allow)
rules.add_perm("forums.add_forum", is_worker)
rules.add_perm("forums.change_forum", is_forum_worker)
rules.add_perm("forums.manage_forum_workers", is_forum_worker | is_administrator)
rules.add_perm("forums.join_forum", is_young_person)
rules.add_perm("forums.nominate", is_professional | is_worker)
rules.add_perm("forums.respond_to_nomination", is_nominee)
rules.add_perm("forums.withdraw_application", is_applicant)
rules.add_perm("forums.leave_forum", is_forum_member)
# Private forums: only the forum's workers see the full list; fellow members see first names
# (selectors.members_visible_to); nobody else sees anything.
rules.add_perm("forums.view_members", is_forum_worker | is_forum_member)
rules.add_perm("forums.manage_members", is_forum_worker)
rules.add_perm("forums.decide_requests", is_forum_worker)
rules.add_perm("forums.view_meeting", is_forum_worker | is_forum_member)
rules.add_perm("forums.manage_meetings", is_forum_worker)
rules.add_perm("forums.view_task_group", is_forum_worker | is_forum_member)
rules.add_perm("forums.join_task_group", is_forum_member)
rules.add_perm("forums.propose_policy_item", is_officer)
rules.add_perm("forums.view_policy_items", is_officer | is_worker)
rules.add_perm("forums.respond_policy_item", is_forum_worker)
rules.add_perm("forums.record_care_status", is_worker)
