"""Meetings are participation activities; forums adds agenda, minutes, actions and policy items."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forums import selectors, services
from forums.models import (
    ActionStatus,
    AgendaItemKind,
    MeetingKind,
    PolicyItemStatus,
)
from participation.models import ActivityKind, AuditEvent, Notification, Organisation, Role
from participation.services import role_grant
from participation.services.activities import activity_signup, activity_signup_error
from tests.factories import StaffFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    ForumFactory,
    MeetingFactory,
    TaskGroupFactory,
    member_of,
    worker_of,
)

pytestmark = pytest.mark.django_db


def plan(forum, **kwargs):
    starts = timezone.now() + timedelta(days=7)
    defaults = dict(
        forum=forum,
        created_by=worker_of(forum),
        title="Youth Council monthly meeting",
        description="Make Your Mark results.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Civic Centre, Wolverhampton",
    )
    return services.meeting_create(**{**defaults, **kwargs})


@pytest.fixture
def officer():
    user = StaffFactory(roles=[])
    council = Organisation.objects.create(
        name="City of Wolverhampton Council", slug="cwc", kind="council"
    )
    role_grant(user=user, role=Role.OFFICER, organisation=council)
    return user


def test_a_meeting_is_an_activity_for_the_forums_members():
    forum = ForumFactory()
    meeting = plan(forum)
    activity = meeting.activity
    assert activity.kind == ActivityKind.MEETING
    assert activity.audience_group == forum.group
    member = member_of(forum).user
    assert activity_signup(activity=activity, user=member).status == "confirmed"
    outsider = YoungPersonFactory()
    assert "only for members" in activity_signup_error(activity=activity, user=outsider)


def test_a_task_group_meeting_is_for_the_task_group():
    task_group = TaskGroupFactory()
    meeting = plan(task_group.forum, task_group=task_group)
    assert meeting.kind == MeetingKind.TASK_GROUP
    assert meeting.activity.audience_group == task_group.group


def test_only_the_forums_workers_plan_meetings():
    forum = ForumFactory()
    with pytest.raises(ValidationError, match="Only this forum's workers"):
        plan(forum, created_by=WorkerFactory())


def test_the_meeting_form_explains_bad_times_and_keeps_what_was_typed(client, login):
    forum = ForumFactory()
    login(worker_of(forum))
    response = client.post(
        reverse("forums:meeting_create", args=[forum.slug]),
        {
            "title": "AGM",
            "kind": MeetingKind.AGM,
            "description": "Our AGM",
            "starts_at": "2030-03-14T18:00",
            "ends_at": "2030-03-14T17:00",
            "place": "Civic Centre",
            "planned_rung": "co_production",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The end time must be after the start time." in page
    assert 'value="Civic Centre"' in page


def test_the_meeting_form_plans_a_meeting(client, login):
    forum = ForumFactory()
    login(worker_of(forum))
    response = client.post(
        reverse("forums:meeting_create", args=[forum.slug]),
        {
            "title": "AGM",
            "kind": MeetingKind.AGM,
            "description": "Our AGM, where we share the annual report.",
            "starts_at": "2030-03-14T17:00",
            "ends_at": "2030-03-14T19:00",
            "place": "Civic Centre",
            "planned_rung": "co_production",
        },
    )
    assert response.status_code == 302
    meeting = forum.meetings.get()
    assert meeting.kind == MeetingKind.AGM
    assert response.url == reverse("forums:meeting", args=[meeting.pk])


def test_agenda_items_go_in_order():
    meeting = plan(ForumFactory())
    worker = worker_of(meeting.forum)
    first = services.agenda_item_add(meeting=meeting, added_by=worker, title="Welcome")
    second = services.agenda_item_add(
        meeting=meeting, added_by=worker, title="Campaigns", kind=AgendaItemKind.DECISION
    )
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError, match="Give the agenda item a title"):
        services.agenda_item_add(meeting=meeting, added_by=worker, title="  ")


def test_an_officer_brings_a_policy_item_which_goes_on_an_agenda_and_gets_the_forums_views(
    officer, client, login
):
    forum = ForumFactory(name="Youth Council")
    worker = worker_of(forum)
    login(officer)
    response = client.post(
        reverse("forums:policy_item_propose", args=[forum.slug]),
        {
            "title": "Youth Engagement Strategy",
            "summary": "Checking the #YES themes.",
            "questions": "Are they still right?",
        },
    )
    assert response.status_code == 302
    item = forum.policy_items.get()
    assert item.organisation.name == "City of Wolverhampton Council"
    assert Notification.objects.filter(user=worker, kind="forums.policy_item_new").exists()

    meeting = plan(forum)
    agenda_item = services.agenda_item_add(meeting=meeting, added_by=worker, policy_item=item)
    assert agenda_item.kind == AgendaItemKind.POLICY
    assert agenda_item.title == "Youth Engagement Strategy"
    item.refresh_from_db()
    assert item.status == PolicyItemStatus.ON_AGENDA
    assert Notification.objects.filter(user=officer, kind="forums.policy_item_scheduled").exists()

    services.policy_item_respond(
        policy_item=item, responded_by=worker, response="Add a theme about getting around."
    )
    item.refresh_from_db()
    assert item.status == PolicyItemStatus.ANSWERED
    assert Notification.objects.filter(user=officer, kind="forums.policy_item_answered").exists()
    page = client.get(reverse("forums:policy_items")).content.decode()
    assert "Add a theme about getting around." in page


def test_a_policy_item_from_another_forum_cannot_go_on_the_agenda(officer):
    item = services.policy_item_propose(
        forum=ForumFactory(), brought_by=officer, title="t", summary="s", questions="q"
    )
    meeting = plan(ForumFactory())
    with pytest.raises(ValidationError, match="another forum"):
        services.agenda_item_add(
            meeting=meeting, added_by=worker_of(meeting.forum), policy_item=item
        )


def test_only_officers_bring_policy_items():
    with pytest.raises(ValidationError):
        services.policy_item_propose(
            forum=ForumFactory(), brought_by=WorkerFactory(), title="t", summary="s", questions="q"
        )


def test_minutes_and_notes_on_each_item_are_saved_and_shown(client, login):
    meeting = plan(ForumFactory())
    worker = worker_of(meeting.forum)
    item = services.agenda_item_add(meeting=meeting, added_by=worker, title="Buses")
    login(worker)
    response = client.post(
        reverse("forums:minutes", args=[meeting.pk]),
        {"minutes": "Twelve members came.", f"item_{item.pk}": "Buses cost too much."},
    )
    assert response.status_code == 302
    page = client.get(reverse("forums:meeting", args=[meeting.pk])).content.decode()
    assert "Twelve members came." in page
    assert "Buses cost too much." in page


def test_an_action_is_given_to_a_member_who_is_told(client, login):
    meeting = plan(ForumFactory())
    worker = worker_of(meeting.forum)
    ruby = member_of(meeting.forum).user
    login(worker)
    response = client.post(
        reverse("forums:action_add", args=[meeting.pk]),
        {"description": "Ask about bus fares.", "owner": ruby.pk, "owner_name": "", "due_on": ""},
    )
    assert response.status_code == 302
    action = meeting.actions.get()
    assert action.owner == ruby
    assert Notification.objects.filter(user=ruby, kind="forums.action_given").exists()
    client.post(reverse("forums:action_status", args=[action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_an_action_owner_must_be_in_the_forum():
    meeting = plan(ForumFactory())
    with pytest.raises(ValidationError, match="member or a worker of this forum"):
        services.action_add(
            meeting=meeting,
            added_by=worker_of(meeting.forum),
            description="Do it",
            owner=YoungPersonFactory(),
        )


# --- Raising a "you said" item from an action -------------------------------------------------


def test_raising_a_you_said_item_records_the_intention_once(client, login):
    meeting = plan(ForumFactory(name="Youth Council"))
    worker = worker_of(meeting.forum)
    action = services.action_add(
        meeting=meeting, added_by=worker, description="Make buses cheaper for young people."
    )
    login(worker)
    response = client.post(reverse("forums:action_you_said", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.you_said_raised_by == worker
    assert action.you_said_raised_at is not None
    assert action.you_said_item_id is not None
    assert AuditEvent.objects.filter(action="forums.action.raise_you_said").exists()
    assert selectors.actions_waiting_for_you_said() == []
    with pytest.raises(ValidationError, match="already been raised"):
        services.action_raise_you_said(action=action, raised_by=worker)


def test_the_you_said_draft_carries_what_participation_will_need():
    meeting = plan(ForumFactory(name="Youth Council"))
    worker = worker_of(meeting.forum)
    item = services.agenda_item_add(meeting=meeting, added_by=worker, title="Buses")
    action = services.action_add(
        meeting=meeting, added_by=worker, description="Cheaper buses.", agenda_item=item
    )
    draft = services.action_you_said_draft(action)
    assert draft["title"] == "Cheaper buses."
    assert draft["group"] == meeting.forum.group
    assert draft["source"] == "forum_meeting_action"
    assert draft["source_url"] == reverse("forums:meeting", args=[meeting.pk])
    assert "Raised by Youth Council" in draft["body"] and "Buses: Cheaper buses." in draft["body"]


def test_a_dropped_action_or_another_worker_cannot_raise_one():
    meeting = MeetingFactory()
    worker = worker_of(meeting.forum)
    action = services.action_add(meeting=meeting, added_by=worker, description="x")
    with pytest.raises(ValidationError, match="Only this forum"):
        services.action_raise_you_said(action=action, raised_by=WorkerFactory())
    services.action_status_set(action=action, status=ActionStatus.DROPPED, changed_by=worker)
    with pytest.raises(ValidationError, match="not going ahead"):
        services.action_raise_you_said(action=action, raised_by=worker)
