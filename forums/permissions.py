"""Who may do what with forums: every rule is a `rules` permission with the plain-English reason
it gives when it says no. Views ask `user.has_perm("forums.<rule>", obj)` (templates
`{% has_perm %}`), services `participation.access.require(actor, "forums.<rule>", obj)`, so a
page and the service behind it can never disagree.

The object can be a forum or anything that belongs to one (a meeting, task group, action,
application, nomination or policy item); the predicates find the forum themselves.

Care status (`forums.record_care_status`) has one rule, used by the care-status page and by
`care_status_set` alike. Participation workers record it: they verify it with the council's
records, and the page is theirs. A professional who puts a young person forward for a care
forum (a social worker, IRO or foster carer) knows whether that young person is in care, so
they may confirm it, but only as part of their own nomination, only the status that forum
needs, and only when nothing is recorded yet: they can never overwrite what a worker recorded,
and never look anyone up from the care-status page (asked without a nomination, the rule is
"workers only", so that page answers 403 to professionals).
"""

import rules

from forums import selectors
from forums.models import (
    AnnualReport,
    AnnualReportRecipient,
    Application,
    CareStatus,
    Forum,
    Meeting,
    MeetingAction,
    Nomination,
    PolicyItem,
    TaskGroup,
)
from participation.access import permission
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
    if isinstance(obj, AnnualReport):
        return obj.forum
    if isinstance(obj, AnnualReportRecipient):
        return obj.report.forum
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
def is_nominator(user, nomination) -> bool:
    return isinstance(nomination, Nomination) and nomination.nominated_by_id == user.pk


@rules.predicate
def is_applicant(user, application) -> bool:
    return isinstance(application, Application) and application.applicant_id == user.pk


@rules.predicate
def confirms_for_own_care_nomination(user, nomination) -> bool:
    """The professional's own nomination to a care forum, for someone with no record yet."""
    return (
        isinstance(nomination, Nomination)
        and nomination.nominated_by_id == user.pk
        and bool(nomination.forum.care_status_needed)
        and not CareStatus.objects.filter(user_id=nomination.young_person_id).exists()
    )


WORKERS_ONLY = "Only this forum's workers can {}."

# Anyone may read the forum directory and a forum's own page (what it does and how to join).
permission("forums.view_forum", rules.always_allow)
permission("forums.add_forum", is_worker, refusal="Only a participation worker can add a forum.")
permission("forums.change_forum", is_forum_worker, refusal=WORKERS_ONLY.format("change it"))
permission(
    "forums.manage_forum_workers",
    is_forum_worker | is_administrator,
    refusal="Only this forum's workers or an administrator can add or remove its workers.",
)
# Eligibility (age, area, care status) is a separate question, asked by `forum_eligibility`.
permission("forums.join_forum", is_young_person, refusal="Forums are for young people.")
permission(
    "forums.nominate",
    is_professional | is_worker,
    refusal="Only a professional or a participation worker can put someone forward.",
)
permission(
    "forums.respond_to_nomination",
    is_nominee,
    refusal="Only the young person who was put forward can answer.",
)
permission(
    "forums.withdraw_nomination",
    is_nominator | is_forum_worker,
    refusal="Only the person who put them forward, or a forum worker, can do this.",
)
permission(
    "forums.withdraw_application",
    is_applicant,
    refusal="You can only take back your own application.",
)
permission("forums.leave_forum", is_forum_member, refusal="You are not a member of this forum.")
# Private forums: only the forum's workers see the full list; fellow members see first names
# (selectors.members_visible_to); nobody else sees anything.
permission(
    "forums.view_members",
    is_forum_worker | is_forum_member,
    refusal="Only this forum's members and workers can see who is in it.",
)
permission(
    "forums.manage_members",
    is_forum_worker,
    refusal=WORKERS_ONLY.format("change who is in it or give roles"),
)
permission(
    "forums.decide_requests", is_forum_worker, refusal=WORKERS_ONLY.format("decide applications")
)
permission(
    "forums.view_meeting",
    is_forum_worker | is_forum_member,
    refusal="Only this forum's members and workers can see its meetings.",
)
permission(
    "forums.manage_meetings",
    is_forum_worker,
    refusal=WORKERS_ONLY.format("plan meetings, agendas, minutes and actions"),
)
permission(
    "forums.view_task_group",
    is_forum_worker | is_forum_member,
    refusal="Only this forum's members and workers can see its task groups.",
)
permission(
    "forums.manage_task_groups",
    is_forum_worker,
    refusal=WORKERS_ONLY.format("start task groups or add people to them"),
)
permission(
    "forums.join_task_group",
    is_forum_member,
    refusal="You must be a member of this forum to be in one of its task groups.",
)
permission(
    "forums.propose_policy_item",
    is_officer,
    refusal="Only an officer of a partner organisation can bring a policy item.",
)
permission(
    "forums.view_policy_items",
    is_officer | is_worker,
    refusal="Only officers and participation workers can see policy items.",
)
permission(
    "forums.respond_policy_item",
    is_forum_worker,
    refusal=WORKERS_ONLY.format("send the forum's views"),
)
# See the module's docstring for why these two, and only these two.
permission(
    "forums.record_care_status",
    is_worker | (is_professional & confirms_for_own_care_nomination),
    refusal="Only a participation worker can record a young person's care status.",
)


# --- The Youth Council's year: annual reports ------------------------------------------------


@rules.predicate
def is_ordinary_forum(user, obj) -> bool:
    """A forum whose membership says nothing private about its members."""
    forum = forum_of(obj)
    return forum is not None and not forum.is_private


@rules.predicate
def is_published_report(user, report) -> bool:
    return isinstance(report, AnnualReport) and report.is_published


# An ordinary forum's published reports are public: the council publicises the Youth Council's
# work. A private forum's (CiCC, CLIC) are seen by its members and workers, and by the people it
# was sent to through their own link (which needs no permission: the link is the key).
permission(
    "forums.view_annual_reports",
    is_ordinary_forum | is_forum_worker | is_forum_member,
    refusal="Only this forum's members and workers can see its annual reports.",
)
permission(
    "forums.view_annual_report",
    (is_ordinary_forum & is_published_report) | is_forum_worker | is_forum_member,
    refusal="Only this forum's members and workers can see this report until it is published.",
)
permission(
    "forums.manage_annual_reports",
    is_forum_worker,
    refusal=WORKERS_ONLY.format("start annual reports, count their figures again or publish them"),
)
permission(
    "forums.write_annual_report",
    is_forum_member & is_young_person,
    refusal="Only the young people of this forum can write its annual report.",
)
permission(
    "forums.share_annual_report",
    is_forum_worker,
    refusal=WORKERS_ONLY.format("send the annual report to people"),
)
