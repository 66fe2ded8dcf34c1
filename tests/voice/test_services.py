"""The "you said, we did" loop through its services: raise, route, remind, escalate, respond,
check back, notify, rate, and "not good enough" back to the worker."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from forums import services as forum_services
from participation.models import AuditEvent, Notification
from participation.voice import services
from participation.voice.models import Follow, FollowKind, ItemStatus, Rating, YouSaidItem
from participation.voice.services import MilestoneDraft, add_working_days
from tests.forums.factories import ForumFactory, MeetingFactory, worker_of
from tests.voice.factories import World

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)


def notes(user, kind=None):
    rows = Notification.objects.filter(user=user)
    return list(rows.filter(kind=kind) if kind else rows)


def test_the_whole_loop():
    w = World()
    with time_machine.travel(MONDAY, tick=False):
        item = w.raise_item(anonymous=True)
        assert item.status == ItemStatus.RAISED and item.text_approved_at is None
        with pytest.raises(ValidationError, match="follow it already"):
            services.item_follow(item=item, user=w.young)
    with time_machine.travel(MONDAY, tick=False):
        w.approved(item)
        w.routed(item, officer=w.officer, days=10)
        services.item_follow(item=item, user=w.friend, me_too=True)
    item.refresh_from_db()
    assert item.status == ItemStatus.ROUTED
    assert item.due_on == date(2026, 3, 16)  # ten working days: two weekends skipped
    routed_note = notes(w.officer, "voice.item_routed")[0]
    assert "Amira" not in routed_note.title + routed_note.body  # anonymous to the officer
    assert len(notes(w.young, "voice.item_routed")) == 1
    assert not notes(w.friend, "voice.item_routed")  # followed after it was sent on

    # Reminded three working days before, once.
    with time_machine.travel(datetime(2026, 3, 11, 9, tzinfo=LONDON), tick=False):
        assert services.officer_reminders_send() == 1
        assert services.officer_reminders_send() == 0
    assert len(notes(w.officer, "voice.officer_reminder")) == 1
    # Overdue: the participation lead hears, once.
    with time_machine.travel(datetime(2026, 3, 17, 9, tzinfo=LONDON), tick=False):
        assert services.overdue_items_escalate() == 1
        assert services.overdue_items_escalate() == 0
    assert len(notes(w.lead, "voice.escalation")) == 1
    assert not notes(w.worker, "voice.escalation")

    with time_machine.travel(datetime(2026, 3, 18, 9, tzinfo=LONDON), tick=False):
        [response] = w.answer(
            item,
            outcome="in_progress",
            progress=40,
            milestones=[MilestoneDraft(on=date(2026, 4, 1), what="Talk to the bus company")],
            check_back_on=date(2026, 4, 15),
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert item.answered_on_time is False
    assert [m.what for m in response.milestones.all()] == ["Talk to the bus company"]
    for person in (w.young, w.friend):
        [note] = notes(person, "voice.response")
        assert "We asked for cheaper tickets for you." in note.body
    with time_machine.travel(datetime(2026, 4, 15, 9, tzinfo=LONDON), tick=False):
        assert services.check_back_reminders_send() == 1
        assert services.check_back_reminders_send() == 0
    assert len(notes(w.officer, "voice.check_back")) == 1

    services.response_rate(item=item, user=w.young, good_enough=True)
    services.response_rate(
        item=item, user=w.friend, good_enough=False, reason="It is still too dear."
    )
    item.refresh_from_db()
    assert item.returned_at is not None
    [back] = notes(w.worker, "voice.not_good_enough")
    assert back.body == "It is still too dear."
    services.item_reopen(item=item, reopened_by=w.worker, note="Ruby says it is still too dear.")
    item.refresh_from_db()
    assert item.status == ItemStatus.ROUTED and item.returned_at is None
    assert len(notes(w.officer, "voice.item_reopened")) == 1
    w.answer(item, outcome="done")
    services.item_close(item=item, closed_by=w.worker)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    moves = list(
        AuditEvent.objects.filter(action__startswith="voice.item.").values_list("action", flat=True)
    )
    for move in ("route", "answer_in_progress", "reopen", "answer_done", "close"):
        assert f"voice.item.{move}" in moves


def test_working_days_skip_weekends():
    friday = date(2026, 3, 6)
    assert add_working_days(friday, 1) == date(2026, 3, 9)
    assert add_working_days(friday, 5) == date(2026, 3, 13)


def test_the_default_due_date_is_configurable(settings):
    w = World()
    settings.YOU_SAID_DUE_WORKING_DAYS = 2
    with time_machine.travel(MONDAY, tick=False):
        item = w.routed(w.raise_item())
    assert item.due_on == date(2026, 3, 4)


def test_a_parent_raises_as_a_parent_and_a_worker_names_where_it_came_from():
    w = World()
    assert w.raise_item(w.parent).source == "parent_carer"
    from_worker = w.raise_item(w.worker, source="campaign")
    assert from_worker.source == "campaign"
    assert from_worker.text_approved_at is not None  # the programme's words, not a child's
    with pytest.raises(ValidationError):
        w.raise_item(w.worker, source="young_person")


def test_bad_input_is_refused_in_plain_words():
    w = World()
    with pytest.raises(ValidationError, match="Say in a few words"):
        w.raise_item(title="  ")
    with pytest.raises(ValidationError, match="what it is about"):
        w.raise_item(topic="nonsense")
    item = w.raise_item()
    with pytest.raises(ValidationError, match="Say why"):
        services.item_decline(item=item, declined_by=w.worker, reason=" ")
    with pytest.raises(ValidationError, match="isn't an officer of"):
        w.routed(item, officer=w.other_officer)
    with pytest.raises(ValidationError, match="between 1 and 120"):
        w.routed(item, days=0)
    assert YouSaidItem.objects.get(pk=item.pk).status == ItemStatus.RAISED


def test_a_declined_item_tells_its_raiser_why():
    w = World()
    item = w.raise_item()
    services.item_decline(
        item=item, declined_by=w.worker, reason="The council already runs this; here is how."
    )
    [note] = notes(w.young, "voice.item_declined")
    assert note.body == "The council already runs this; here is how."
    with pytest.raises(ValidationError, match="already been sent on or declined"):
        w.routed(item)


def test_following_and_me_too_are_once_per_person():
    w = World()
    item = w.public_routed()
    services.item_follow(item=item, user=w.friend)
    with pytest.raises(ValidationError, match="already follow"):
        services.item_follow(item=item, user=w.friend)
    services.item_follow(item=item, user=w.friend, me_too=True)
    assert Follow.objects.get(item=item, user=w.friend).kind == FollowKind.ME_TOO
    with pytest.raises(ValidationError, match="already said"):
        services.item_follow(item=item, user=w.friend, me_too=True)


def test_a_rating_is_once_per_answer_and_not_good_enough_needs_a_reason():
    w = World()
    item = w.public_routed()
    w.answer(item)
    with pytest.raises(ValidationError, match="Say why"):
        services.response_rate(item=item, user=w.young, good_enough=False)
    services.response_rate(item=item, user=w.young, good_enough=True)
    with pytest.raises(ValidationError, match="already said"):
        services.response_rate(item=item, user=w.young, good_enough=False, reason="No")
    assert Rating.objects.count() == 1


def test_answer_input_is_checked():
    w = World()
    item = w.public_routed()
    with pytest.raises(ValidationError, match="10-year-old"):
        w.answer(item, plain_text="")
    with pytest.raises(ValidationError, match="0 to 100"):
        w.answer(item, outcome="in_progress", progress=140)
    with pytest.raises(ValidationError, match="after today"):
        w.answer(item, check_back_on=date(2000, 1, 1))
    assert not item.responses.exists()


def test_a_forum_meeting_action_becomes_an_item():
    forum = ForumFactory(name="Youth Council")
    meeting = MeetingFactory(forum=forum)
    worker = worker_of(forum)
    action = forum_services.action_add(
        meeting=meeting, added_by=worker, description="Make buses cheaper for young people."
    )
    action = forum_services.action_raise_you_said(action=action, raised_by=worker)
    item = YouSaidItem.objects.get(pk=action.you_said_item_id)
    assert item.source == "forum_meeting_action"
    assert item.group == forum.group
    assert item.title == "Make buses cheaper for young people."
    assert item.raised_by == worker
    assert item.text_approved_at is not None


def test_only_a_worker_can_be_made_participation_lead(make_user):
    w = World()
    admin = make_user("administrator")
    with pytest.raises(ValidationError, match="must be a participation worker"):
        services.participation_lead_appoint(user=w.young, appointed_by=admin)
    services.participation_lead_appoint(user=w.worker, appointed_by=admin)
    with pytest.raises(ValidationError, match="already"):
        services.participation_lead_appoint(user=w.worker, appointed_by=admin)


def test_the_timeline_is_written_by_the_services():
    w = World()
    item = w.public_routed()
    w.answer(item, outcome="in_progress", progress=10)
    w.answer(item, outcome="done")
    assert list(item.responses.values_list("outcome", flat=True)) == ["in_progress", "done"]
    assert item.responses.last().progress == 100
    assert timedelta(0) <= item.responses.last().published_at - item.responses.first().published_at
