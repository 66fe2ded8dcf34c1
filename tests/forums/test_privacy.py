"""CiCC and CLIC: membership reveals care status. Only the forum's workers see the full list,
fellow members see first names, and nobody else sees anything, not even that it has members."""

import re

import pytest
from django.urls import reverse

from forums.models import CareStatusNeeded
from participation.models import Notification, Organisation, Role
from participation.services import role_grant
from tests.factories import StaffFactory, UserFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    CiccFactory,
    ForumFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db


def outsiders():
    officer = StaffFactory(roles=[])
    role_grant(
        user=officer,
        role=Role.OFFICER,
        organisation=Organisation.objects.create(name="Council", slug="council", kind="council"),
    )
    return {
        "anonymous": None,
        "young person": YoungPersonFactory(),
        "another worker": WorkerFactory(),
        "professional": StaffFactory(roles=[Role.PROFESSIONAL]),
        "officer": officer,
        "board member": UserFactory(roles=[Role.BOARD_MEMBER]),
        "parent or carer": UserFactory(roles=[Role.PARENT_CARER]),
        "administrator": StaffFactory(roles=[Role.ADMINISTRATOR]),
    }


def page_as(client, login, user, url) -> str:
    client.logout()
    if user is not None:
        login(user)
    html = client.get(url).content.decode()
    # Forms carry a fresh CSRF token on every request; nothing else may differ.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize(
    "needs", [CareStatusNeeded.IN_CARE, CareStatusNeeded.CARE_LEAVER], ids=["CiCC", "CLIC"]
)
def test_outsiders_cannot_tell_whether_a_care_forum_has_members(client, login, needs):
    forum = CiccFactory(name="Children in Care Council", care_status_needed=needs)
    people = outsiders()
    urls = [reverse("forums:list"), reverse("forums:detail", args=[forum.slug])]
    before = {
        (who, url): page_as(client, login, user, url)
        for who, user in people.items()
        for url in urls
    }
    ellie = YoungPersonFactory(first_name="Ellie", last_name="Brown")
    member_of(forum, ellie)
    member_of(forum, ellie, role="vice_chair")
    member_of(TaskGroupFactory(forum=forum), ellie)
    MeetingFactory(forum=forum)
    for who, user in people.items():
        for url in urls:
            after = page_as(client, login, user, url)
            assert after == before[(who, url)], f"{who} can tell from {url}"
            assert "Ellie" not in after


def test_an_ordinary_forum_shows_how_many_members_it_has(client):
    forum = ForumFactory(name="Youth Council")
    member_of(forum)
    member_of(forum)
    page = client.get(reverse("forums:detail", args=[forum.slug])).content.decode()
    assert re.search(r"Members</dt><dd[^>]*>2</dd>", page)


def test_the_forums_workers_see_the_full_list(client, login):
    forum = CiccFactory()
    ellie = member_of(forum, YoungPersonFactory(first_name="Ellie", last_name="Brown")).user
    member_of(forum, ellie, role="vice_chair")
    login(worker_of(forum))
    page = client.get(reverse("forums:members", args=[forum.slug])).content.decode()
    assert "Ellie Brown" in page
    assert "Vice-chair since" in page
    assert "13 to 15" in page  # age band, never the date of birth
    assert str(ellie.date_of_birth.year) not in page


def test_fellow_members_see_first_names_only(client, login):
    forum = CiccFactory()
    ellie = member_of(forum, YoungPersonFactory(first_name="Ellie", last_name="Brown")).user
    member_of(forum, ellie, role="vice_chair")
    kai = member_of(forum, YoungPersonFactory(first_name="Kai", last_name="Ward")).user
    login(kai)
    page = client.get(reverse("forums:members", args=[forum.slug])).content.decode()
    assert "Ellie (Vice-chair)" in page
    assert "Brown" not in page
    assert ellie.email not in page
    assert "13 to 15" not in page


def test_fellow_members_see_first_names_in_task_groups_too(client, login):
    forum = CiccFactory()
    task_group = TaskGroupFactory(forum=forum)
    ellie = member_of(forum, YoungPersonFactory(first_name="Ellie", last_name="Brown")).user
    member_of(task_group, ellie)
    kai = member_of(forum).user
    login(kai)
    page = client.get(reverse("forums:task_group", args=[forum.slug, task_group.pk])).content
    assert b"Ellie" in page and b"Brown" not in page


def test_a_former_member_sees_nothing_any_more(client, login):
    from forums import services

    forum = CiccFactory()
    ellie = member_of(forum, YoungPersonFactory(first_name="Ellie")).user
    kai = member_of(forum).user
    services.membership_leave(forum=forum, person=kai)
    login(kai)
    assert client.get(reverse("forums:members", args=[forum.slug])).status_code == 404
    assert b"Ellie" not in client.get(reverse("forums:detail", args=[forum.slug])).content
    assert ellie  # still a member


def test_another_worker_is_not_told_about_care_forum_members(client, login):
    forum = CiccFactory()
    member_of(forum, YoungPersonFactory(first_name="Ellie"))
    login(WorkerFactory())
    assert client.get(reverse("forums:members", args=[forum.slug])).status_code == 404
    assert client.get(reverse("forums:requests", args=[forum.slug])).status_code == 404


def test_joining_a_care_forum_only_tells_its_own_workers():
    from forums import services

    forum = CiccFactory()
    person = YoungPersonFactory()
    from tests.forums.factories import in_care

    in_care(person)
    services.membership_add(forum=forum, person=person, added_by=worker_of(forum))
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {person.pk}
    services.membership_leave(forum=forum, person=person)
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {person.pk, worker_of(forum).pk}
