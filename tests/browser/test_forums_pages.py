"""Forum pages in a real browser, on a phone and on a desktop: axe-core clean on every page
visited, one h1, no sideways scrolling. A young person finds a forum, applies (a mistake first,
then properly), a worker approves, and the new member sees the members and a meeting."""

import pytest
from django.urls import reverse

from forums.models import Application, JoinRoute
from participation.models import Membership
from tests.browser.helpers import navigation, visit
from tests.factories import YoungPersonFactory
from tests.forums.factories import (
    AgendaItemFactory,
    CiccFactory,
    ForumFactory,
    MeetingActionFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)


def log_in(page, live_server, user) -> None:
    """Logging in through the form has browser tests of its own; these start logged in."""
    from django.conf import settings
    from django.test import Client

    page.context.clear_cookies()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_apply_approve_and_take_part(page, live_server):
    forum = ForumFactory(
        name="B-Safe Team", join_route=JoinRoute.APPLICATION, min_age=11, max_age=18
    )
    worker = worker_of(forum)
    ruby = member_of(forum, YoungPersonFactory(first_name="Ruby")).user
    member_of(forum, ruby, role="chair")
    meeting = MeetingFactory(forum=forum)
    AgendaItemFactory(meeting=meeting, title="Keeping safe online")
    MeetingActionFactory(meeting=meeting, description="Ask schools about online safety.")
    TaskGroupFactory(forum=forum)
    CiccFactory(name="Children in Care Council")
    amira = YoungPersonFactory(first_name="Amira")

    log_in(page, live_server, amira)
    visit(page, reverse("forums:list"))
    with navigation(page):
        page.get_by_role("link", name="B-Safe Team").click()
    with navigation(page):
        page.get_by_role("link", name="Apply to join B-Safe Team").click()
    with navigation(page):
        page.get_by_role("button", name="Send my application").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_label("Why do you want to join?").fill("I want young people to feel safe.")
    with navigation(page):
        page.get_by_role("button", name="Send my application").click()
    assert "application to B-Safe Team is sent" in page.content()
    application = Application.objects.get(applicant=amira)

    log_in(page, live_server, worker)
    visit(page, reverse("forums:detail", args=[forum.slug]))
    with navigation(page):
        page.get_by_role("link", name="Requests to join").click()
    with navigation(page):
        page.get_by_role("link", name=amira.display_name).click()
    page.get_by_label("Yes, they can join").check()
    with navigation(page):
        page.get_by_role("button", name="Save my decision").click()
    assert Membership.objects.active().filter(group=forum.group, user=amira).exists()
    visit(page, reverse("forums:members", args=[forum.slug]))
    visit(page, reverse("forums:meeting", args=[meeting.pk]))
    for name in ("agenda_add", "minutes", "action_add"):
        visit(page, reverse(f"forums:{name}", args=[meeting.pk]))
    visit(page, reverse("forums:meeting_create", args=[forum.slug]))
    visit(page, reverse("forums:create"))
    visit(page, reverse("forums:care_status"))

    log_in(page, live_server, amira)
    visit(page, reverse("forums:mine"))
    with navigation(page):
        page.get_by_role("link", name="B-Safe Team").click()
    with navigation(page):
        page.get_by_role("link", name="Who else is in it").click()
    assert "Ruby (Chair)" in page.content()
    visit(page, reverse("forums:meeting", args=[meeting.pk]))
    assert "Keeping safe online" in page.content()
    visit(page, reverse("forums:leave", args=[forum.slug]))
    assert application


def test_every_other_forum_page_passes_axe_on_a_phone(phone_page, live_server):
    from forums.models import Nomination, PolicyItem
    from participation.models import Organisation, Role
    from participation.services import role_grant
    from tests.factories import StaffFactory
    from tests.forums.factories import in_care

    page = phone_page
    cicc = CiccFactory(name="Children in Care Council")
    worker = worker_of(cicc)
    ellie = member_of(cicc, YoungPersonFactory(first_name="Ellie")).user
    in_care(ellie)
    task_group = TaskGroupFactory(forum=cicc)
    member_of(task_group, ellie)
    nominee = YoungPersonFactory(first_name="Kai")
    professional = StaffFactory(roles=[Role.PROFESSIONAL])
    nomination = Nomination.objects.create(
        forum=cicc, young_person=nominee, nominated_by=professional, reason="He'd be great."
    )
    officer = StaffFactory(roles=[])
    role_grant(
        user=officer,
        role=Role.OFFICER,
        organisation=Organisation.objects.create(name="Council", slug="council", kind="council"),
    )
    item = PolicyItem.objects.create(
        forum=cicc, title="Placements", summary="s", questions="q", brought_by=officer
    )
    speakout = ForumFactory(name="SpeakOut", area="Kent")

    log_in(page, live_server, worker)
    for url in [
        reverse("forums:detail", args=[cicc.slug]),
        reverse("forums:edit", args=[cicc.slug]),
        reverse("forums:workers", args=[cicc.slug]),
        reverse("forums:members", args=[cicc.slug]),
        reverse("forums:member", args=[cicc.slug, ellie.pk]),
        reverse("forums:member_add", args=[cicc.slug]),
        reverse("forums:requests", args=[cicc.slug]),
        reverse("forums:task_group_create", args=[cicc.slug]),
        reverse("forums:task_group", args=[cicc.slug, task_group.pk]),
        reverse("forums:task_group_meeting_create", args=[cicc.slug, task_group.pk]),
        reverse("forums:policy_items"),
        reverse("forums:policy_item_respond", args=[item.pk]),
        reverse("forums:nominate", args=[cicc.slug]),
    ]:
        visit(page, url)

    log_in(page, live_server, nominee)
    visit(page, reverse("forums:mine"))
    with navigation(page):
        page.get_by_role("link", name="Say yes or no thank you to Children in Care Council").click()
    visit(page, reverse("forums:detail", args=[speakout.slug]))
    visit(page, reverse("forums:join", args=[speakout.slug]))
    with navigation(page):
        page.get_by_role("button", name="Join").click()
    assert "SpeakOut is for young people who live in Kent" in page.content()

    log_in(page, live_server, officer)
    visit(page, reverse("forums:policy_item_propose", args=[cicc.slug]))

    log_in(page, live_server, ellie)
    visit(page, reverse("forums:members", args=[cicc.slug]))
    visit(page, reverse("forums:task_group", args=[cicc.slug, task_group.pk]))
    assert nomination
