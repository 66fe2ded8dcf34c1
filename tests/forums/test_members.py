"""Forums, members and their roles with dates, workers, task groups."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import CareStatus, CareStatusKind, CareStatusNeeded, Forum, JoinRoute
from participation.models import AuditEvent, Membership, Role
from tests.factories import StaffFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import ForumFactory, TaskGroupFactory, member_of, worker_of

pytestmark = pytest.mark.django_db


# --- Adding forums ----------------------------------------------------------------------------


def test_a_worker_adds_a_forum_and_becomes_its_worker(client, login):
    worker = WorkerFactory()
    login(worker)
    response = client.post(
        reverse("forums:create"),
        {
            "name": "SpeakOut",
            "summary": "Fun sessions where young people in Kent help design services.",
            "description": "Run by young people and trained staff.",
            "join_route": JoinRoute.OPEN,
            "min_age": 10,
            "max_age": 22,
            "area": "Kent",
            "meets": "Regular sessions across Kent.",
            "is_listed": "on",
        },
    )
    assert response.status_code == 302
    forum = Forum.objects.get(group__name="SpeakOut")
    assert response.url == reverse("forums:detail", args=[forum.slug])
    assert list(forum.workers.all()) == [worker]
    assert forum.group.kind == "forum"
    assert not forum.is_private


def test_bad_forum_input_is_explained_and_kept(client, login):
    login(WorkerFactory())
    response = client.post(
        reverse("forums:create"),
        {"name": "Kent Youth County Council", "min_age": 18, "max_age": 11, "meets": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The oldest age can&#x27;t be lower than the youngest age." in page
    assert 'value="Kent Youth County Council"' in page
    assert not Forum.objects.exists()


def test_a_forum_name_is_used_once():
    worker = WorkerFactory()
    kwargs = dict(summary="s", description="d", join_route=JoinRoute.OPEN, meets="monthly")
    services.forum_create(created_by=worker, name="SpeakOut", **kwargs)
    with pytest.raises(ValidationError, match="There is already a forum called speakout"):
        services.forum_create(created_by=worker, name="speakout", **kwargs)


def test_a_forum_cannot_take_the_address_of_another_page():
    worker = WorkerFactory()
    forum = services.forum_create(
        created_by=worker,
        name="Mine",
        summary="s",
        description="d",
        join_route=JoinRoute.OPEN,
        meets="m",
    )
    assert forum.slug == "mine-2"


def test_a_care_forum_is_always_private_and_stays_private_once_it_has_had_members():
    worker = WorkerFactory()
    forum = services.forum_create(
        created_by=worker,
        name="Children in Care Council",
        summary="s",
        description="d",
        join_route=JoinRoute.NOMINATION,
        meets="monthly",
        care_status_needed=CareStatusNeeded.IN_CARE,
    )
    assert forum.is_private
    member_of(forum)
    with pytest.raises(ValidationError, match="has to stay private"):
        services.forum_update(
            forum=forum, updated_by=worker, care_status_needed="", is_private=False
        )
    forum.refresh_from_db()
    assert forum.group.membership_is_sensitive


def test_the_edit_page_changes_the_forum(client, login):
    forum = ForumFactory(name="B-Safe Team")
    login(worker_of(forum))
    url = reverse("forums:edit", args=[forum.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "B-Safe Team",
            "summary": "Wolverhampton's Junior Safeguarding Children Board.",
            "description": "Young people helping keep young people safe.",
            "join_route": JoinRoute.APPLICATION,
            "meets": "Every month",
        },
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.join_route == JoinRoute.APPLICATION
    assert forum.meets == "Every month"
    assert not forum.is_listed


def test_workers_are_added_and_removed_but_never_the_last():
    forum = ForumFactory()
    first = worker_of(forum)
    second = WorkerFactory()
    services.forum_worker_add(forum=forum, worker=second, added_by=first)
    with pytest.raises(ValidationError, match="not a participation worker"):
        services.forum_worker_add(forum=forum, worker=YoungPersonFactory(), added_by=first)
    services.forum_worker_remove(forum=forum, worker=first, removed_by=second)
    with pytest.raises(ValidationError, match="at least one worker"):
        services.forum_worker_remove(forum=forum, worker=second, removed_by=second)
    assert list(forum.workers.all()) == [second]
    assert AuditEvent.objects.filter(action="forums.worker.add").exists()


def test_another_worker_cannot_add_themselves_to_a_forum():
    forum = ForumFactory(private=True)
    outsider = WorkerFactory()
    with pytest.raises(ValidationError):
        services.forum_worker_add(forum=forum, worker=outsider, added_by=outsider)
    admin = StaffFactory(roles=[Role.ADMINISTRATOR])
    services.forum_worker_add(forum=forum, worker=outsider, added_by=admin)
    assert outsider in forum.workers.all()


# --- Roles with dates -------------------------------------------------------------------------


def test_a_member_is_given_a_role_with_dates_and_it_ends_with_dates():
    forum = ForumFactory(name="Youth Council")
    person = YoungPersonFactory()
    member_of(forum, person, started_on=date(2025, 9, 1))
    worker = worker_of(forum)
    mp = services.member_role_give(
        forum=forum, person=person, role="youth_mp", given_by=worker, started_on=date(2025, 10, 1)
    )
    assert (mp.role, mp.started_on, mp.ended_on) == ("youth_mp", date(2025, 10, 1), None)
    with pytest.raises(ValidationError, match="already Youth MP"):
        services.member_role_give(forum=forum, person=person, role="youth_mp", given_by=worker)
    services.member_role_end(membership=mp, ended_by=worker, ended_on=date(2026, 9, 1))
    mp.refresh_from_db()
    assert mp.ended_on == date(2026, 9, 1)
    assert Membership.objects.active().filter(user=person, role="member").exists()


@pytest.mark.parametrize(
    "role",
    [
        "member",
        "chair",
        "vice_chair",
        "youth_mp",
        "youth_crime_commissioner",
        "shadow_board_member",
    ],
)
def test_every_role_in_the_brief_exists(role):
    from forums.models import MemberRole

    assert role in MemberRole.values


def test_only_members_get_roles_and_only_from_the_list():
    forum = ForumFactory()
    worker = worker_of(forum)
    with pytest.raises(ValidationError, match="must be a member"):
        services.member_role_give(
            forum=forum, person=YoungPersonFactory(), role="chair", given_by=worker
        )
    person = member_of(forum).user
    with pytest.raises(ValidationError, match="Choose one of the roles"):
        services.member_role_give(forum=forum, person=person, role="king", given_by=worker)


def test_the_member_page_gives_and_ends_roles_and_ends_membership(client, login):
    forum = ForumFactory()
    person = member_of(forum).user
    login(worker_of(forum))
    url = reverse("forums:member", args=[forum.slug, person.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"give_role": "1", "role": "chair", "started_on": ""})
    chair = Membership.objects.get(user=person, role="chair")
    assert "Chair since" in client.get(url).content.decode()
    client.post(url, {"end_role": str(chair.pk), "ended_on": ""})
    chair.refresh_from_db()
    assert chair.ended_on == timezone.localdate()
    response = client.post(url, {"end_membership": "1", "ended_on": "not a date"})
    assert response.status_code == 400
    assert "Enter a real date" in response.content.decode()
    client.post(url, {"end_membership": "1", "ended_on": ""})
    assert not Membership.objects.active().filter(user=person).exists()


def test_a_worker_adds_a_member_by_email(client, login):
    forum = ForumFactory(join_route=JoinRoute.ELECTION)
    person = YoungPersonFactory()
    login(worker_of(forum))
    response = client.post(
        reverse("forums:member_add", args=[forum.slug]), {"email": person.email.upper()}
    )
    assert response.status_code == 302
    assert Membership.objects.active().filter(group=forum.group, user=person).exists()


def test_a_membership_can_start_later():
    forum = ForumFactory()
    person = YoungPersonFactory()
    start = timezone.localdate() + timedelta(days=10)
    services.membership_add(forum=forum, person=person, added_by=worker_of(forum), started_on=start)
    assert not Membership.objects.active().filter(user=person).exists()
    assert Membership.objects.active(on=start).filter(user=person).exists()


# --- Task groups ------------------------------------------------------------------------------


def test_a_task_group_is_a_group_inside_the_forum_with_its_own_members(client, login):
    forum = ForumFactory(name="Youth Council", private=False)
    worker = worker_of(forum)
    task_group = services.task_group_create(
        forum=forum, name="Make Your Mark", purpose="Runs Make Your Mark.", created_by=worker
    )
    assert task_group.group.kind == "task_group"
    assert task_group.group.parent == forum.group
    person = member_of(forum).user
    login(person)
    url = reverse("forums:task_group", args=[forum.slug, task_group.pk])
    client.post(url, {"join": "1"})
    assert Membership.objects.active().filter(group=task_group.group, user=person).exists()
    client.post(url, {"leave": "1"})
    assert not Membership.objects.active().filter(group=task_group.group, user=person).exists()


def test_only_forum_members_can_be_in_its_task_groups():
    task_group = TaskGroupFactory()
    with pytest.raises(ValidationError, match="must be a member"):
        services.task_group_join(task_group=task_group, person=YoungPersonFactory())


def test_a_worker_adds_a_forum_member_to_a_task_group(client, login):
    task_group = TaskGroupFactory()
    forum = task_group.forum
    person = member_of(forum).user
    login(worker_of(forum))
    url = reverse("forums:task_group", args=[forum.slug, task_group.pk])
    response = client.post(url, {"add": "1", "person": person.pk})
    assert response.status_code == 302
    assert Membership.objects.active().filter(group=task_group.group, user=person).exists()


def test_task_groups_of_a_private_forum_are_private_too():
    worker = WorkerFactory()
    forum = services.forum_create(
        created_by=worker,
        name="Voices in Youth Justice",
        summary="s",
        description="d",
        join_route=JoinRoute.NOMINATION,
        meets="m",
        is_private=True,
    )
    task_group = services.task_group_create(
        forum=forum, name="Court", purpose="p", created_by=worker
    )
    assert task_group.group.membership_is_sensitive


# --- Care status ------------------------------------------------------------------------------


def test_a_worker_records_care_status_and_it_is_audited(client, login):
    worker = WorkerFactory()
    person = YoungPersonFactory()
    login(worker)
    response = client.post(
        reverse("forums:care_status"), {"email": person.email, "status": CareStatusKind.IN_CARE}
    )
    assert response.status_code == 302
    assert CareStatus.objects.get(user=person).status == CareStatusKind.IN_CARE
    event = AuditEvent.objects.get(action="forums.care_status.set")
    assert event.actor == worker
    # The audit says that it changed, not what it is: the log is read more widely than this.
    assert "in_care" not in str(event.detail)


def test_care_status_cannot_be_recorded_by_a_young_person():
    with pytest.raises(ValidationError):
        services.care_status_set(
            person=YoungPersonFactory(),
            status=CareStatusKind.IN_CARE,
            recorded_by=YoungPersonFactory(),
        )
