"""Role × page for every page of the Youth Council's year, on an ordinary forum and on a
private one (CiCC/CLIC).

An ordinary forum's published report is public: everyone, logged in or not, reads it. Anything
else: anonymous → log in; the wrong role → 403, or 404 on a private forum. A recipient's link
opens for whoever holds it. tests/forums/test_permission_matrix.py checks that these pages and
its own together are every forum URL.
"""

import re

import pytest
from django.urls import reverse

from forums.services import year
from forums.year_selectors import recipient_token
from participation.models import Organisation, Role
from participation.services import role_grant
from tests.factories import StaffFactory, UserFactory, WorkerFactory, YoungPersonFactory
from tests.forums.year.factories import World

pytestmark = pytest.mark.django_db

OK, LOGIN, NOT_FOUND, FORBIDDEN, DONE = 200, "login", 404, 403, 302
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
EVERYONE = {"default": OK, "anonymous": OK}
# A published report: public on an ordinary forum, its own people's on a private one.
PUBLISHED = {"ordinary": EVERYONE, "private": {"member": OK, "forum_worker": OK}}


def _own(**allowed):
    return {"ordinary": allowed, "private": allowed}


# page -> (url name, arguments, method, expectations per kind of forum)
YEAR_PAGES = {
    "list": ("forums:annual_reports", lambda c: [c.slug], "get", PUBLISHED),
    "start": ("forums:annual_report_start", lambda c: [c.slug], "get", _own(forum_worker=OK)),
    "report": ("forums:annual_report", lambda c: [c.report.pk], "get", PUBLISHED),
    "draft": (
        "forums:annual_report",
        lambda c: [c.draft_report.pk],
        "get",
        _own(member=OK, forum_worker=OK),
    ),
    "pdf": ("forums:annual_report_pdf", lambda c: [c.report.pk], "get", PUBLISHED),
    "words": ("forums:annual_report_words", lambda c: [c.draft_report.pk], "get", _own(member=OK)),
    "refresh": (
        "forums:annual_report_refresh",
        lambda c: [c.draft_report.pk],
        "post",
        _own(forum_worker=DONE),
    ),
    "publish": (
        "forums:annual_report_publish",
        lambda c: [c.draft_report.pk],
        "post",
        _own(forum_worker=DONE),
    ),
    "recipients": (
        "forums:annual_report_recipients",
        lambda c: [c.report.pk],
        "get",
        _own(forum_worker=OK),
    ),
    "send": (
        "forums:annual_report_send",
        lambda c: [c.report.pk],
        "post",
        _own(forum_worker=DONE),
    ),
    "shared": (
        "forums:annual_report_shared",
        lambda c: [c.token],
        "get",
        {"ordinary": EVERYONE, "private": EVERYONE},
    ),
    "shared_pdf": (
        "forums:annual_report_shared_pdf",
        lambda c: [c.token],
        "get",
        {"ordinary": EVERYONE, "private": EVERYONE},
    ),
}


class Context(World):
    def __init__(self, *, private: bool):
        super().__init__(private=private)
        self.slug = self.forum.slug
        self.report = self.published()
        self.draft_report = year.annual_report_start(
            forum=self.forum,
            started_by=self.worker,
            agm=None,
            period_start=self.report.period_end,
            period_end=self.report.period_end,
        )
        recipient = self.recipient(self.report)
        year.annual_report_send(report=self.report, sent_by=self.worker)
        recipient.refresh_from_db()
        self.token = recipient_token(recipient)
        officer = StaffFactory(roles=[])
        role_grant(
            user=officer,
            role=Role.OFFICER,
            organisation=Organisation.objects.create(name="Council", slug="c", kind="council"),
        )
        self.people = {
            "young_person": YoungPersonFactory(),
            "member": self.ruby,
            "forum_worker": self.worker,
            "other_worker": WorkerFactory(),
            "professional": StaffFactory(roles=[Role.PROFESSIONAL]),
            "officer": officer,
            "board_member": UserFactory(roles=[Role.BOARD_MEMBER]),
            "parent_carer": UserFactory(roles=[Role.PARENT_CARER]),
            "provider": UserFactory(roles=[Role.PROVIDER]),
            "administrator": StaffFactory(roles=[Role.ADMINISTRATOR]),
        }


def expected_for(page: str, principal: str, private: bool):
    expectations = YEAR_PAGES[page][3]["private" if private else "ordinary"]
    if principal in expectations:
        return expectations[principal]
    if principal == "anonymous":
        return LOGIN
    if "default" in expectations:
        return expectations["default"]
    return NOT_FOUND if private else FORBIDDEN


@pytest.mark.parametrize("private", [False, True], ids=["ordinary", "private"])
@pytest.mark.parametrize("page", list(YEAR_PAGES))
def test_role_page_matrix(client, login, page, private):
    context = Context(private=private)
    url_name, args, method, _ = YEAR_PAGES[page]
    url = reverse(url_name, args=args(context))
    for principal in PRINCIPALS:
        client.logout()
        if principal != "anonymous":
            login(context.people[principal])
        response = getattr(client, method)(url)
        expected = expected_for(page, principal, private)
        where = (page, principal, "private" if private else "ordinary")
        if expected == LOGIN:
            assert response.status_code == 302, where
            assert response.url.startswith(reverse("account_login")), where
        elif expected == DONE:
            assert response.status_code == 302, where
            assert not response.url.startswith(reverse("account_login")), where
        else:
            assert response.status_code == expected, where
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1, where
