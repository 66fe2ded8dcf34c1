""" "We asked": a consultation asks an audience, can't open without saying how it will know it
listened, takes one answer each between its dates (enforced by the server), closes on time,
and its "you said" summary raises items that everyone who answered follows."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from participation.models import Notification
from participation.voice import services, tasks
from participation.voice.models import (
    Answer,
    ConsultationStatus,
    Follow,
    Submission,
    YouSaidItem,
)
from tests.factories import MembershipFactory
from tests.forums.factories import ForumFactory
from tests.voice.factories import World, YoungPersonFactory, parent

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 5, 4, 9, 0, tzinfo=LONDON)


def travel(when):
    return time_machine.travel(when, tick=False)


class Asked(World):
    def __init__(self):
        super().__init__()
        self.forum = ForumFactory(name="Youth Council")
        joined = date(2020, 1, 1)  # before the dates the tests travel to
        self.member = MembershipFactory(
            group=self.forum.group, user=self.young, started_on=joined
        ).user
        MembershipFactory(group=self.forum.group, user=self.friend, started_on=joined)
        self.outsider = YoungPersonFactory()

    def draft(self, **kw):
        c = services.consultation_create(
            created_by=kw.pop("by", self.officer),
            title="Parks and open spaces",
            description="We want to know what would make parks better for you.",
            audience=kw.pop("audience", "group"),
            group=kw.pop("group", self.forum.group),
            organisation=self.council,
            success_measure=kw.pop(
                "success_measure", "At least two changes to parks that young people asked for."
            ),
            opens_at=START,
            closes_at=START + timedelta(days=14),
            **kw,
        )
        self.rating = services.question_add(
            consultation=c, added_by=self.officer, kind="rating", text="How good are parks now?"
        )
        self.choice = services.question_add(
            consultation=c,
            added_by=self.officer,
            kind="choice",
            text="What matters most?",
            options="Lights\nToilets\nSomewhere dry to sit",
        )
        self.free = services.question_add(
            consultation=c, added_by=self.officer, kind="text", text="Anything else?"
        )
        return c

    def answers(self, rating="2", choice="Lights", free="More bins please."):
        return {self.rating.pk: rating, self.choice.pk: choice, self.free.pk: free}


def test_the_consultation_loop():
    a = Asked()
    with travel(START - timedelta(days=1)):
        c = a.draft(success_measure="")
        with pytest.raises(ValidationError, match="how we will know we listened"):
            services.consultation_open(consultation=c, opened_by=a.officer)
        c.success_measure = "Two changes young people asked for."
        c.save(update_fields=["success_measure"])
        services.consultation_open(consultation=c, opened_by=a.officer)
        assert Notification.objects.filter(kind="voice.consultation_open").count() == 2
        with pytest.raises(ValidationError, match="opens on 4 May 2026"):
            services.consultation_answer(consultation=c, user=a.young, answers=a.answers())
    with travel(START + timedelta(days=1)):
        with pytest.raises(ValidationError, match="only for members of Youth Council"):
            services.consultation_answer(consultation=c, user=a.outsider, answers=a.answers())
        services.consultation_answer(consultation=c, user=a.young, answers=a.answers())
        with pytest.raises(ValidationError, match="already answered"):
            services.consultation_answer(consultation=c, user=a.young, answers=a.answers())
    with travel(START + timedelta(days=13, hours=12)):
        assert tasks.send_consultation_closing_reminders.apply().get() == 1
        assert tasks.send_consultation_closing_reminders.apply().get() == 0
    [reminder] = Notification.objects.filter(kind="voice.consultation_closing")
    assert reminder.user == a.friend  # Amira has answered already
    with travel(START + timedelta(days=14, minutes=1)):
        with pytest.raises(ValidationError, match="has closed"):
            services.consultation_answer(consultation=c, user=a.friend, answers=a.answers())
        assert tasks.close_due_consultations.apply().get() == 1
        assert tasks.close_due_consultations.apply().get() == 0
    c.refresh_from_db()
    assert c.status == ConsultationStatus.CLOSED
    items = services.consultation_summarise(
        consultation=c,
        summarised_by=a.worker,
        summary="Most of you said parks are too dark, and you want lights.",
        items=[services.ItemDraft(title="Lights in the parks", topic="safety")],
    )
    [item] = items
    assert item.source == "consultation" and item.consultation == c
    assert item.organisation == a.council and item.text_approved_at is not None
    assert Follow.objects.filter(item=item, user=a.young).exists()
    assert Notification.objects.filter(user=a.young, kind="voice.consultation_summary").exists()
    a.routed(item)
    a.answer(item)
    assert Notification.objects.filter(user=a.young, kind="voice.response").count() == 1
    with pytest.raises(ValidationError, match="Say how you did"):
        services.consultation_report(consultation=c, reported_by=a.officer, success_report=" ")
    services.consultation_report(
        consultation=c, reported_by=a.officer, success_report="Lights are going in at 3 parks."
    )
    c.refresh_from_db()
    assert c.success_report == "Lights are going in at 3 parks."


def test_answers_are_checked_per_kind_of_question():
    a = Asked()
    with travel(START - timedelta(days=1)):
        c = a.draft()
        services.consultation_open(consultation=c, opened_by=a.officer)
    with travel(START + timedelta(days=1)):
        with pytest.raises(ValidationError, match="1 to 5"):
            services.consultation_answer(
                consultation=c, user=a.young, answers=a.answers(rating="9")
            )
        with pytest.raises(ValidationError, match="one of the answers"):
            services.consultation_answer(
                consultation=c, user=a.young, answers=a.answers(choice="Swings")
            )
        with pytest.raises(ValidationError, match="at least one"):
            services.consultation_answer(
                consultation=c, user=a.young, answers=a.answers("", "", "")
            )
        assert not Submission.objects.exists()
        services.consultation_answer(
            consultation=c, user=a.young, answers=a.answers(choice="", free="")
        )
    assert list(Answer.objects.values_list("value", flat=True)) == ["2"]


def test_audiences_use_the_eligibility_service():
    a = Asked()
    with travel(START - timedelta(days=1)):
        for_parents = a.draft(audience="parents_carers", group=None)
        services.consultation_open(consultation=for_parents, opened_by=a.officer)
        parents_answers = a.answers()
        for_ages = a.draft(audience="young_people", group=None, min_age=16, max_age=18)
        services.consultation_open(consultation=for_ages, opened_by=a.officer)
    with travel(START + timedelta(days=1)):
        with pytest.raises(ValidationError, match="for parents and carers"):
            services.consultation_answer(
                consultation=for_parents, user=a.young, answers=parents_answers
            )
        services.consultation_answer(
            consultation=for_parents, user=parent(), answers=parents_answers
        )
        with pytest.raises(ValidationError, match="aged 16 to 18"):
            services.consultation_answer(consultation=for_ages, user=a.young, answers=a.answers())


def test_a_choice_question_needs_two_answers_and_questions_stop_at_opening():
    a = Asked()
    with travel(START - timedelta(days=1)):
        c = a.draft()
        with pytest.raises(ValidationError, match="at least two"):
            services.question_add(
                consultation=c, added_by=a.officer, kind="choice", text="Pick", options="One"
            )
        services.consultation_open(consultation=c, opened_by=a.officer)
        with pytest.raises(ValidationError, match="can't change once"):
            services.question_add(consultation=c, added_by=a.officer, kind="text", text="More?")


def test_the_pages(client, login):
    a = Asked()
    with travel(START - timedelta(days=1)):
        login(a.officer)
        bad = client.post(reverse("voice:consultation_create"), {"title": ""})
        assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
        c = a.draft()
        draft_page = reverse("voice:consultation", args=[c.pk])
        login(a.young)
        assert client.get(draft_page).status_code == 404  # a draft is hidden
        login(a.officer)
        client.post(reverse("voice:consultation_open", args=[c.pk]))
    with travel(START + timedelta(days=1)):
        login(a.young)
        page = client.get(draft_page).content.decode()
        assert "Send my answers" in page and "How we will know we listened" in page
        bad = client.post(
            reverse("voice:consultation_answer", args=[c.pk]), {f"q{a.rating.pk}": "7"}
        )
        assert bad.status_code == 400
        client.post(
            reverse("voice:consultation_answer", args=[c.pk]),
            {f"q{a.rating.pk}": "4", f"q{a.free.pk}": "More bins please."},
        )
        assert Submission.objects.filter(user=a.young).exists()
        page = client.get(draft_page).content.decode()
        assert "You have answered" in page and "More bins please." not in page
        login(a.outsider)
        assert "only for members of Youth Council" in client.get(draft_page).content.decode()
        login(a.officer)
        assert "More bins please." in client.get(draft_page).content.decode()
        client.post(reverse("voice:consultation_close", args=[c.pk]))
        login(a.worker)
        client.post(
            reverse("voice:consultation_summary", args=[c.pk]),
            {"summary": "You want bins.", "items": "More bins in parks\nLights", "topic": "other"},
        )
    assert YouSaidItem.objects.filter(consultation=c).count() == 2
    assert client.get(reverse("voice:consultations")).status_code == 200


def test_the_age_band_must_make_sense():
    a = Asked()
    with pytest.raises(ValidationError, match="oldest age can't be below"):
        a.draft(audience="young_people", group=None, min_age=18, max_age=16)
