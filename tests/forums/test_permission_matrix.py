"""Role × page for every forum page, on an ordinary forum and on a private one (CiCC/CLIC).

Anonymous → log in. Wrong role → 403, or 404 on a private forum, where even what there is to
see must not leak. Right role → 200 (or the redirect a successful POST gives).
"""

import re

import pytest
from django.urls import reverse

from forums.models import Application, JoinRoute, Nomination, PolicyItem
from participation.models import Organisation, Role
from participation.services import role_grant
from tests.factories import StaffFactory, UserFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    AgendaItemFactory,
    ForumFactory,
    MeetingActionFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db

OK, LOGIN, DENY, NOT_FOUND, FORBIDDEN, DONE = 200, "login", "deny", 404, 403, 302

PRINCIPALS = [
    "anonymous",
    "young_person",
    "member",
    "forum_worker",
    "other_worker",
    "professional",
    "officer",
    "board_member",
    "parent_carer",
    "provider",
    "administrator",
]
WORKERS = {"forum_worker": OK, "other_worker": OK}

# page -> (url name, how to build its arguments, HTTP method, route, expectations)
PAGES = {
    "list": ("forums:list", lambda c: [], "get", None, {"default": OK, "anonymous": OK}),
    "detail": ("forums:detail", lambda c: [c.slug], "get", None, {"default": OK, "anonymous": OK}),
    "create": ("forums:create", lambda c: [], "get", None, {"default": FORBIDDEN, **WORKERS}),
    "mine": ("forums:mine", lambda c: [], "get", None, {"default": OK}),
    "care_status": (
        "forums:care_status",
        lambda c: [],
        "get",
        None,
        {"default": FORBIDDEN, **WORKERS},
    ),
    "policy_items": (
        "forums:policy_items",
        lambda c: [],
        "get",
        None,
        {"default": FORBIDDEN, "officer": OK, **WORKERS},
    ),
    "edit": ("forums:edit", lambda c: [c.slug], "get", None, {"default": DENY, "forum_worker": OK}),
    "workers": (
        "forums:workers",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "forum_worker": OK, "administrator": OK},
    ),
    "join": (
        "forums:join",
        lambda c: [c.slug],
        "get",
        JoinRoute.OPEN,
        {"default": DENY, "young_person": OK, "member": OK},
    ),
    "apply": (
        "forums:apply",
        lambda c: [c.slug],
        "get",
        JoinRoute.APPLICATION,
        {"default": DENY, "young_person": OK, "member": OK},
    ),
    "nominate": (
        "forums:nominate",
        lambda c: [c.slug],
        "get",
        JoinRoute.NOMINATION,
        {"default": DENY, "professional": OK, **WORKERS},
    ),
    "nomination": (
        "forums:nomination",
        lambda c: [c.nomination.pk],
        "get",
        JoinRoute.NOMINATION,
        {"default": NOT_FOUND, "young_person": OK},
    ),
    "application": (
        "forums:application",
        lambda c: [c.application.pk],
        "get",
        JoinRoute.APPLICATION,
        {"default": NOT_FOUND, "forum_worker": OK},
    ),
    "application_withdraw": (
        "forums:application_withdraw",
        lambda c: [c.application.pk],
        "post",
        JoinRoute.APPLICATION,
        {"default": NOT_FOUND, "young_person": DONE},
    ),
    "leave": ("forums:leave", lambda c: [c.slug], "get", None, {"default": DENY, "member": OK}),
    "members": (
        "forums:members",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "member": OK, "forum_worker": OK},
    ),
    "member_add": (
        "forums:member_add",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "member": (
        "forums:member",
        lambda c: [c.slug, c.other_member.pk],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "requests": (
        "forums:requests",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "meeting_create": (
        "forums:meeting_create",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "task_group_meeting_create": (
        "forums:task_group_meeting_create",
        lambda c: [c.slug, c.task_group.pk],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "meeting": (
        "forums:meeting",
        lambda c: [c.meeting.pk],
        "get",
        None,
        {"default": DENY, "member": OK, "forum_worker": OK},
    ),
    "agenda_add": (
        "forums:agenda_add",
        lambda c: [c.meeting.pk],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "minutes": (
        "forums:minutes",
        lambda c: [c.meeting.pk],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "action_add": (
        "forums:action_add",
        lambda c: [c.meeting.pk],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "action_status": (
        "forums:action_status",
        lambda c: [c.action.pk],
        "post",
        None,
        {"default": DENY, "forum_worker": DONE},
    ),
    "action_you_said": (
        "forums:action_you_said",
        lambda c: [c.action.pk],
        "post",
        None,
        {"default": DENY, "forum_worker": DONE},
    ),
    "task_group_create": (
        "forums:task_group_create",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "forum_worker": OK},
    ),
    "task_group": (
        "forums:task_group",
        lambda c: [c.slug, c.task_group.pk],
        "get",
        None,
        {"default": DENY, "member": OK, "forum_worker": OK},
    ),
    "policy_item_propose": (
        "forums:policy_item_propose",
        lambda c: [c.slug],
        "get",
        None,
        {"default": DENY, "officer": OK},
    ),
    "policy_item_respond": (
        "forums:policy_item_respond",
        lambda c: [c.policy_item.pk],
        "get",
        None,
        {"default": NOT_FOUND, "forum_worker": OK},
    ),
}


class Context:
    """One forum with something of every kind inside it, and a person for each principal."""

    def __init__(self, *, private: bool, route: str | None):
        self.forum = ForumFactory(private=private, join_route=route or JoinRoute.OPEN)
        self.slug = self.forum.slug
        self.people = {"forum_worker": worker_of(self.forum)}
        self.people["member"] = member_of(self.forum).user
        self.other_member = member_of(self.forum).user
        self.people["young_person"] = YoungPersonFactory()
        self.people["other_worker"] = WorkerFactory()
        self.people["professional"] = StaffFactory(roles=[Role.PROFESSIONAL])
        officer = StaffFactory(roles=[])
        role_grant(
            user=officer,
            role=Role.OFFICER,
            organisation=Organisation.objects.create(
                name="Council", slug="council", kind="council"
            ),
        )
        self.people["officer"] = officer
        self.people["board_member"] = UserFactory(roles=[Role.BOARD_MEMBER])
        self.people["parent_carer"] = UserFactory(roles=[Role.PARENT_CARER])
        self.people["provider"] = UserFactory(roles=[Role.PROVIDER])
        self.people["administrator"] = StaffFactory(roles=[Role.ADMINISTRATOR])
        self.meeting = MeetingFactory(forum=self.forum)
        AgendaItemFactory(meeting=self.meeting)
        self.action = MeetingActionFactory(meeting=self.meeting)
        self.task_group = TaskGroupFactory(forum=self.forum)
        self.policy_item = PolicyItem.objects.create(
            forum=self.forum, title="t", summary="s", questions="q", brought_by=officer
        )
        self.application = Application.objects.create(
            forum=self.forum, applicant=self.people["young_person"], why="I care."
        )
        self.nomination = Nomination.objects.create(
            forum=self.forum,
            young_person=self.people["young_person"],
            nominated_by=self.people["professional"],
            reason="Great.",
        )


def expected_for(page: str, principal: str, private: bool):
    expectations = PAGES[page][4]
    if principal == "anonymous" and "anonymous" not in expectations:
        return LOGIN
    expected = expectations.get(principal, expectations["default"])
    if expected == DENY:
        return NOT_FOUND if private else FORBIDDEN
    return expected


@pytest.mark.parametrize("private", [False, True], ids=["ordinary", "private"])
@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("page", list(PAGES))
def test_role_page_matrix(client, login, page, principal, private):
    url_name, args, method, route, _ = PAGES[page]
    context = Context(private=private, route=route)
    if principal != "anonymous":
        login(context.people[principal])
    url = reverse(url_name, args=args(context))
    data = {"status": "done"} if page == "action_status" else {}
    response = getattr(client, method)(url, data)
    expected = expected_for(page, principal, private)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif expected == DONE:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, response.content.decode()[:300]
    if response.status_code == 200 and method == "get":
        assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1


def test_every_forum_url_is_in_the_matrix():
    from forums.urls import urlpatterns
    from tests.forums.year.test_permission_matrix import YEAR_PAGES  # the annual reports

    pages = {**PAGES, **{f"year:{p}": row for p, row in YEAR_PAGES.items()}}
    assert {p.name for p in urlpatterns} == {pages[p][0].split(":")[1] for p in pages}
