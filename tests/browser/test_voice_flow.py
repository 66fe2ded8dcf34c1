""" "You said, we did" in a real browser, on a phone and on a desktop: a young person raises an
item, the worker approves and routes it, the officer answers, and the young person sees the
notification and the plain answer and rates it. axe-core clean on every page visited."""

import pytest
from django.urls import reverse

from participation.voice.models import ItemStatus, Rating, YouSaidItem
from tests.browser.helpers import navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.voice.factories import World


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_raise_route_answer_and_rate(page, live_server):
    w = World()
    log_in(page, live_server, w.young)
    visit(page, reverse("voice:raise"))
    with navigation(page):
        page.get_by_role("button", name="Send it").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_label("What is it about, in a few words?").fill("Cheaper buses")
    page.get_by_label("What would you like to change, and why?").fill(
        "A day ticket costs more than my lunch money."
    )
    page.get_by_label("Which of these is it closest to?").select_option("transport")
    page.get_by_label("Don't tell the organisation my name").check()
    with navigation(page):
        page.get_by_role("button", name="Send it").click()
    assert "A participation worker will read it" in page.content()
    item = YouSaidItem.objects.get()

    log_in(page, live_server, w.worker)
    visit(page, reverse("voice:worker_queue"))
    with navigation(page):
        page.get_by_role("link", name="Cheaper buses").first.click()
    with navigation(page):
        page.get_by_role("button", name="Approve the words").click()
    with navigation(page):
        page.get_by_role("link", name="Send it on").click()
    page.get_by_label("Organisation that can act on it").select_option(str(w.council.pk))
    with navigation(page):
        page.get_by_role("button", name="Send it on").click()
    item.refresh_from_db()
    assert item.status == ItemStatus.ROUTED

    log_in(page, live_server, w.officer)
    visit(page, reverse("voice:officer_queue"))
    assert "Amira" not in page.content()
    with navigation(page):
        page.get_by_role("link", name="Cheaper buses").click()
    with navigation(page):
        page.get_by_role("link", name="Answer it").click()
    page.get_by_label("We did it").check()
    page.get_by_label("Your full answer").fill("Under-19s now pay half fare on every bus.")
    page.get_by_label("Your answer in words a 10-year-old can read").fill(
        "Buses cost half as much for you now."
    )
    with navigation(page):
        page.get_by_role("button", name="Publish the answer").click()
    assert "Your answer is published" in page.content()

    log_in(page, live_server, w.young)
    visit(page, reverse("notifications"))
    with navigation(page):
        page.get_by_role("link", name="An answer to your item: Cheaper buses").click()
    assert "Buses cost half as much for you now." in page.content()
    with navigation(page):
        page.get_by_role("link", name="Say if the answer was good enough").click()
    page.get_by_label("Yes, good enough").check()
    with navigation(page):
        page.get_by_role("button", name="Send").click()
    assert Rating.objects.get().good_enough is True
    visit(page, reverse("voice:public"))
    visit(page, reverse("voice:records"))
    visit(page, reverse("voice:mine"))


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_a_consultation_from_asking_to_you_said(page, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from participation.voice import services
    from participation.voice.models import Consultation

    w = World()
    now = timezone.localtime()
    log_in(page, live_server, w.officer)
    visit(page, reverse("voice:consultations"))
    with navigation(page):
        page.get_by_role("link", name="Ask a new question").click()
    page.get_by_label("Title").fill("What would make parks better for you?")
    page.get_by_label("What it is about, in words a 10-year-old can read").fill(
        "We are planning work on parks."
    )
    page.get_by_label("Who are you asking?").select_option("young_people")
    page.get_by_label("How we will know we listened").fill("Two things you ask for happen.")
    page.get_by_label("Opens (YYYY-MM-DD HH:MM)").fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Closes (YYYY-MM-DD HH:MM)").fill(
        (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    with navigation(page):
        page.get_by_role("button", name="Save it").click()
    consultation = Consultation.objects.get()
    with navigation(page):
        page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Kind of question").select_option("rating")
    page.get_by_label("The question").fill("How good are parks near you now?")
    with navigation(page):
        page.get_by_role("button", name="Add the question").click()
    with navigation(page):
        page.get_by_role("button", name="Open it").click()
    assert "The consultation is open." in page.content()

    log_in(page, live_server, w.young)
    visit(page, reverse("voice:consultation", args=[consultation.pk]))
    page.get_by_label("4").check()
    with navigation(page):
        page.get_by_role("button", name="Send my answers").click()
    assert "You have answered" in page.content()

    services.consultation_close(consultation=consultation, closed_by=w.officer)
    log_in(page, live_server, w.worker)
    visit(page, reverse("voice:consultation", args=[consultation.pk]))
    with navigation(page):
        page.get_by_role("link", name="Write what people said").click()
    page.get_by_label("You said: what people told us").fill("You want lights.")
    page.get_by_label('What people asked for: one a line. Each becomes a "you said" item.').fill(
        "Lights on the paths"
    )
    with navigation(page):
        page.get_by_role("button", name="Publish it").click()
    assert "Lights on the paths" in page.content()


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_session_feedback_in_one_short_form(page, live_server):
    from participation.voice.models import SessionFeedback
    from tests.voice.test_session_feedback import ended_activity

    w = World()
    activity = ended_activity(w.young)
    log_in(page, live_server, w.young)
    visit(page, reverse("voice:session_feedback", args=[activity.pk]))
    with navigation(page):
        page.get_by_role("button", name="Send").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_label("5", exact=True).check()
    page.get_by_label("What was good? (you can leave this)").fill("We chose the topics.")
    with navigation(page):
        page.get_by_role("button", name="Send").click()
    assert SessionFeedback.objects.get().score == 5
