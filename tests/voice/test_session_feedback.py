"""Session feedback: one short form (1 to 5, what was good, what could be better, and for young
people the rung of the ladder), one reminder per attendee, never more, and figures for boards
that never point at one person."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participation.models import Notification, RungRating
from participation.registry import registry
from participation.services import attendance_record
from participation.voice import services, tasks
from participation.voice.models import SessionFeedback
from tests.participation.training.helpers import a_worker, make_activity, young

pytestmark = pytest.mark.django_db


def ended_activity(*people, worker=None):
    worker = worker or a_worker()
    activity = make_activity(
        worker=worker,
        starts_at=timezone.now() - timedelta(hours=3),
        hours=2,
        planned_rung="co_production",
    )
    attendance_record(
        activity=activity, recorded_by=worker, statuses={p.pk: "present" for p in people}
    )
    return activity


def test_one_form_gives_the_score_the_words_and_the_rung(client, login):
    amira = young()
    activity = ended_activity(amira)
    login(amira)
    url = reverse("voice:session_feedback", args=[activity.pk])
    page = client.get(url).content.decode()
    assert "Which rung did it reach?" in page and "How was it, from 1 to 5?" in page
    bad = client.post(url, {"what_was_good": "The pizza"})
    assert bad.status_code == 400 and "The pizza" in bad.content.decode()
    client.post(
        url,
        {"score": "4", "what_was_good": "We chose the topics.", "rung": "co_production"},
    )
    feedback = SessionFeedback.objects.get()
    assert feedback.score == 4 and feedback.what_was_good == "We chose the topics."
    assert RungRating.objects.get(user=amira).rung == "co_production"


def test_only_people_who_were_there_after_it_ended():
    amira, other = young(), young()
    activity = ended_activity(amira)
    with pytest.raises(ValidationError, match="if you were there"):
        services.session_feedback_give(activity=activity, user=other, score=3)
    future = make_activity(starts_at=timezone.now() + timedelta(days=2))
    with pytest.raises(ValidationError, match="once the activity has finished"):
        services.session_feedback_give(activity=future, user=amira, score=3)
    with pytest.raises(ValidationError, match="1 to 5"):
        services.session_feedback_give(activity=activity, user=amira, score=9)


def test_each_attendee_is_reminded_once_and_never_after_answering():
    amira, ruby, kai = young(), young(), young()
    activity = ended_activity(amira, ruby, kai)
    services.session_feedback_give(activity=activity, user=kai, score=5)
    assert tasks.send_session_feedback_reminders.apply().get() == 2
    assert tasks.send_session_feedback_reminders.apply().get() == 0
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert tasks.send_session_feedback_reminders.apply().get() == 0
    reminded = Notification.objects.filter(kind="voice.feedback_reminder")
    assert sorted(reminded.values_list("user_id", flat=True)) == sorted([amira.pk, ruby.pk])
    assert reminded.first().url == reverse("voice:session_feedback", args=[activity.pk])


def test_the_dashboard_never_shows_an_average_of_fewer_than_five():
    people = [young() for _ in range(6)]
    activity = ended_activity(*people)
    for person in people[:3]:
        services.session_feedback_give(activity=activity, user=person, score=2)
    [row] = registry.dashboard_sections["voice.session_feedback"]()["rows"]
    assert row["ratings"] == "fewer than 5" and row["average_out_of_5"] is None
    for person in people[3:]:
        services.session_feedback_give(activity=activity, user=person, score=5)
    [row] = registry.dashboard_sections["voice.session_feedback"]()["rows"]
    assert row["ratings"] == 6 and row["average_out_of_5"] == 3.5
