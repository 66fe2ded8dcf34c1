"""The home page asks forums what is waiting for a person now: a nomination to answer, an
answer to an application from the last 14 days, and their next meeting, in at most 3 queries."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import JoinRoute, Nomination
from participation.models import Role
from participation.registry import registry
from tests.factories import StaffFactory, YoungPersonFactory
from tests.forums.factories import (
    ActivityFactory,
    ForumFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db


def items_for(user):
    return registry.home_items["forums"](user)


def _meeting(forum, *, in_days, title, task_group=None):
    starts = timezone.now() + timedelta(days=in_days)
    group = task_group.group if task_group else forum.group
    return MeetingFactory(
        forum=forum,
        task_group=task_group,
        kind="task_group" if task_group else "regular",
        activity=ActivityFactory(
            audience_group=group,
            created_by=worker_of(forum),
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        ),
    )


def test_a_nomination_to_answer_an_answer_and_the_next_meeting(django_assert_max_num_queries):
    person = YoungPersonFactory()
    voices = ForumFactory(name="Voices in Youth Justice", join_route=JoinRoute.NOMINATION)
    nomination = Nomination.objects.create(
        forum=voices,
        young_person=person,
        nominated_by=StaffFactory(roles=[Role.PROFESSIONAL]),
        reason="Great.",
    )
    b_safe = ForumFactory(name="B-Safe Team", join_route=JoinRoute.APPLICATION)
    application = services.application_submit(forum=b_safe, applicant=person, why="Keep safe")
    services.application_decide(application=application, decided_by=worker_of(b_safe), approve=True)
    youth_council = ForumFactory(name="Youth Council")
    member_of(youth_council, person)
    _meeting(youth_council, in_days=30, title="Later meeting")
    soon = _meeting(youth_council, in_days=3, title="Youth Council monthly meeting")
    _meeting(ForumFactory(name="Not theirs"), in_days=1, title="Someone else's meeting")

    with django_assert_max_num_queries(3):
        items = items_for(person)

    assert [i["kind"] for i in items] == ["nomination", "application", "meeting"]
    assert items[0]["text"] == (
        "You have been put forward for Voices in Youth Justice. Say yes or no thank you."
    )
    assert items[0]["url"] == reverse("forums:nomination", args=[nomination.pk])
    assert "B-Safe Team" in items[1]["text"] and "you're in" in items[1]["text"]
    assert items[1]["url"] == reverse("forums:mine")
    assert items[2]["text"].startswith("Your next meeting: Youth Council monthly meeting, on ")
    assert " at " in items[2]["text"] and items[2]["when"] == soon.activity.starts_at
    assert items[2]["url"] == reverse("forums:meeting", args=[soon.pk])


def test_an_answer_older_than_14_days_is_no_longer_waiting():
    person = YoungPersonFactory()
    forum = ForumFactory(join_route=JoinRoute.APPLICATION)
    application = services.application_submit(forum=forum, applicant=person, why="Keep safe")
    services.application_decide(
        application=application, decided_by=worker_of(forum), approve=False, reason="Full."
    )
    assert [i["kind"] for i in items_for(person)] == ["application"]
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert items_for(person) == []


def test_an_answered_nomination_and_a_past_meeting_are_not_waiting():
    person = YoungPersonFactory()
    forum = ForumFactory(join_route=JoinRoute.NOMINATION)
    member_of(forum, person)
    Nomination.objects.create(
        forum=ForumFactory(),
        young_person=person,
        nominated_by=StaffFactory(roles=[Role.PROFESSIONAL]),
        reason="Great.",
        status="declined",
    )
    _meeting(forum, in_days=-3, title="Last week")
    assert items_for(person) == []


def test_a_task_group_meeting_counts_only_for_the_task_groups_members():
    forum = ForumFactory()
    task_group = TaskGroupFactory(forum=forum)
    in_it, not_in_it = YoungPersonFactory(), YoungPersonFactory()
    member_of(forum, in_it)
    member_of(forum, not_in_it)
    member_of(task_group, in_it)
    _meeting(forum, in_days=2, title="Buses task group", task_group=task_group)
    assert [i["kind"] for i in items_for(in_it)] == ["meeting"]
    assert items_for(not_in_it) == []


def test_nobody_logged_in_has_nothing_waiting():
    from django.contrib.auth.models import AnonymousUser

    assert items_for(AnonymousUser()) == []
