"""Acceptance (issue 12): a young person completes the Co-production e-learning using only the
keyboard, then signs up for an activity; axe-core is clean on every page visited (the `page`
fixture fails the test if any page it loaded was not checked)."""

import re

import pytest
from django.urls import reverse

from participation.demo import _seed_modules
from participation.models import ActivitySignup, LessonProgress, TrainingCompletion
from tests import factories
from tests.browser.helpers import check_page, navigation, path_of, visit
from tests.participation.training.helpers import make_activity

FOCUSED = """() => {
    const el = document.activeElement;
    const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
    return {
        tag: el.tagName.toLowerCase(),
        type: el.type || '',
        name: el.name || '',
        text: (el.innerText || el.value || '').trim(),
        label: label.trim(),
        checked: !!el.checked,
        outline: getComputedStyle(el).outlineStyle,
    };
}"""


def log_in_with_a_session_cookie(page, live_server, user) -> None:
    """Logging in through the form has browser tests of its own; this test is about what
    comes after, so it starts with the person's session already in the browser."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def tab_to(page, matches, *, limit: int = 120) -> dict:
    """Press Tab until the focused element matches; check the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if matches(focused):
            assert focused["outline"] != "none", f"no visible focus on {focused}"
            return focused
    raise AssertionError(f"Tab never reached the element on {page.url}")


def tab_to_text(page, pattern: str) -> dict:
    regex = re.compile(pattern)
    return tab_to(page, lambda f: f["tag"] in ("a", "button") and bool(regex.search(f["text"])))


def press_enter_and_wait(page) -> None:
    with navigation(page):
        page.keyboard.press("Enter")


def choose_radio(page, group: str, index: int) -> None:
    """Tab into a radio group (the browser lands on the checked radio, or the first), then use
    Space and the arrow keys, as a keyboard user does."""
    tab_to(page, lambda f: f["type"] == "radio" and f["name"] == group)
    radios = page.locator(f'input[type="radio"][name="{group}"]')
    current = radios.evaluate_all("(els) => els.indexOf(document.activeElement)")
    if not page.evaluate(FOCUSED)["checked"]:
        page.keyboard.press("Space")
    key = "ArrowDown" if index > current else "ArrowUp"
    for _ in range(abs(index - current)):
        page.keyboard.press(key)
    assert radios.nth(index).is_checked()


def answer_quiz(page, questions, *, wrong: set[int]) -> None:
    for question in questions:
        choices = list(question.choices.all())
        right = next(i for i, c in enumerate(choices) if c.is_correct)
        pick = (right + 1) % len(choices) if question.number in wrong else right
        choose_radio(page, f"q{question.pk}", pick)


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_young_person_does_the_co_production_e_learning_by_keyboard_then_signs_up(
    page, live_server
):
    worker = factories.WorkerFactory()
    module = _seed_modules(worker)["Co-production e-learning"]
    questions = list(module.questions.prefetch_related("choices"))
    activity = make_activity(
        worker=worker,
        title="Open Space event: what matters most to you?",
        kind="open_space",
        place="Wolverhampton Civic Hall",
        access_info="Step-free entrance on North Street.",
        capacity=40,
        planned_rung="co_production",
    )
    amira = factories.YoungPersonFactory(first_name="Amira", last_name="Khan")

    log_in_with_a_session_cookie(page, live_server, amira)
    visit(page, reverse("training_list"))

    tab_to_text(page, r"^Co-production e-learning$")
    press_enter_and_wait(page)
    assert path_of(page) == reverse("training_detail", args=[module.slug])

    tab_to_text(page, r"Start the first lesson")
    press_enter_and_wait(page)
    for number in range(1, module.lessons.count() + 1):
        assert path_of(page) == reverse("training_lesson", args=[module.slug, number])
        tab_to_text(page, r"^I've read this")
        press_enter_and_wait(page)
    assert LessonProgress.objects.filter(user=amira).count() == 4
    assert path_of(page) == reverse("training_quiz", args=[module.slug])

    # Two wrong answers: 3 of 5 is not enough, and the page says which lessons to look at.
    answer_quiz(page, questions, wrong={1, 4})
    tab_to_text(page, r"^Check my answers$")
    press_enter_and_wait(page)
    result = page.locator("#quiz-result")
    assert "you got 3 out of 5" in result.inner_text()
    revisit = result.get_by_role("link").all_inner_texts()
    assert revisit == ["Lesson 1: What co-production means", "Lesson 3: The Co-Production Charter"]
    assert not TrainingCompletion.objects.filter(user=amira).exists()

    # The answers given are still chosen; change the two wrong ones and try again.
    answer_quiz(page, questions, wrong=set())
    tab_to_text(page, r"^Check my answers$")
    press_enter_and_wait(page)
    completion = TrainingCompletion.objects.get(user=amira, module=module)
    assert path_of(page) == reverse("training_certificate", args=[completion.pk])
    assert "Amira Khan" in page.locator(".certificate").inner_text()

    # Then sign up for an activity, still only with the keyboard.
    visit(page, reverse("activity_list"))
    tab_to_text(page, r"^Open Space event: what matters most to you\?$")
    press_enter_and_wait(page)
    tab_to_text(page, r"^Sign up$")
    press_enter_and_wait(page)
    assert "You have a place." in page.get_by_role("status").inner_text()
    assert ActivitySignup.objects.get(activity=activity, user=amira).status == "confirmed"
    check_page(page)


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_every_other_training_and_activity_page_passes_axe(page, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from participation import services

    worker = factories.WorkerFactory()
    modules = _seed_modules(worker)
    co_production = modules["Co-production e-learning"]
    interview = modules["Interview training"]
    upcoming = make_activity(worker=worker, capacity=1, title="SpeakOut session")
    kai = factories.YoungPersonFactory(first_name="Kai")
    services.activity_signup(activity=upcoming, user=kai)
    leo = factories.YoungPersonFactory(
        first_name="Leo", date_of_birth=factories.birthday_for_age(11)
    )
    pending = services.activity_signup(activity=make_activity(worker=worker), user=leo)
    session = make_activity(
        worker=worker,
        title="Interview training session",
        kind="training",
        starts_at=timezone.now() - timedelta(days=1),
        training_module=interview,
    )
    ActivitySignup.objects.create(activity=session, user=kai, status="confirmed")
    services.attendance_record(activity=session, recorded_by=worker, statuses={kai.pk: "present"})
    [completion] = services.training_group_signoff(
        module=interview,
        people=[kai],
        signed_off_by=worker,
        completed_on=timezone.localdate(session.starts_at),
        activity=session,
    )

    log_in_with_a_session_cookie(page, live_server, worker)
    for path in [
        reverse("training_list"),
        reverse("training_detail", args=[co_production.slug]),
        reverse("training_detail", args=[interview.slug]),
        reverse("training_module_create"),
        reverse("training_module_edit", args=[co_production.slug]),
        reverse("training_lesson_create", args=[co_production.slug]),
        reverse("training_lesson_edit", args=[co_production.slug, 2]),
        reverse("training_question_create", args=[co_production.slug]),
        reverse("training_question_edit", args=[co_production.slug, 1]),
        reverse("training_person", args=[kai.pk]),
        reverse("activity_create"),
        reverse("activity_detail", args=[upcoming.pk]),
        reverse("activity_edit", args=[upcoming.pk]),
        reverse("activity_detail", args=[session.pk]),
        reverse("activity_attendance", args=[session.pk]),
        reverse("activity_consent", args=[pending.activity_id, pending.pk]),
    ]:
        visit(page, path)

    # Error pages: the summary and the messages beside fields pass too.
    visit(page, reverse("activity_create"))
    with navigation(page):
        page.get_by_role("button", name="Save the activity").click()
    assert "There is a problem" in page.locator(".error-summary").inner_text()
    visit(page, reverse("training_question_create", args=[co_production.slug]))
    with navigation(page):
        page.get_by_role("button", name="Save the question").click()
    assert "Choose which answer is right." in page.locator(".error-summary").inner_text()

    page.context.clear_cookies()
    log_in_with_a_session_cookie(page, live_server, kai)
    for path in [
        reverse("training_mine"),
        reverse("training_certificate", args=[completion.pk]),
        reverse("activity_list") + "?when=past",
        reverse("activity_detail", args=[session.pk]),
        reverse("activity_rung", args=[session.pk]),
        reverse("training_lesson", args=[co_production.slug, 2]),
        reverse("training_quiz", args=[co_production.slug]),
    ]:
        visit(page, path)
    with navigation(page):
        page.get_by_role("button", name="Check my answers").click()
    assert "Choose an answer to question 1." in page.locator(".error-summary").inner_text()
