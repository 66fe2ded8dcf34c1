"""A worker writes and edits modules, lessons and quiz questions in the portal, without code."""

import pytest
from django.urls import reverse

from participation.models import Lesson, QuizQuestion, TrainingModule

from .helpers import a_worker, make_e_learning

pytestmark = pytest.mark.django_db


def module_form(**overrides):
    data = {
        "title": "Young inspector",
        "summary": "Learn how to inspect a service.",
        "audience": "young_people",
        "delivery": "e_learning",
        "unlocks": ["young_inspector"],
        "valid_for_months": "24",
        "duration_minutes": "45",
        "pass_mark": "80",
    }
    data.update(overrides)
    return data


def test_a_worker_writes_a_whole_e_learning_module(client, login):
    worker = a_worker()
    login(worker)
    response = client.post(reverse("training_module_create"), module_form())
    module = TrainingModule.objects.get()
    assert response.url == reverse("training_detail", args=[module.slug])
    assert module.slug == "young-inspector"
    assert list(module.unlocks.values_list("unlock", flat=True)) == ["young_inspector"]
    assert not module.is_published

    client.post(
        reverse("training_lesson_create", args=[module.slug]),
        {"title": "What an inspector does", "body": "You visit.\n\n- look\n- listen"},
    )
    client.post(
        reverse("training_lesson_create", args=[module.slug]),
        {"title": "Writing your report", "body": "Say what works."},
    )
    assert list(module.lessons.values_list("number", "title")) == [
        (1, "What an inspector does"),
        (2, "Writing your report"),
    ]
    response = client.post(
        reverse("training_question_create", args=[module.slug]),
        {
            "text": "What does an inspector do?",
            "choice_1": "Visits and listens",
            "choice_2": "Stays at home",
            "choice_3": "",
            "choice_4": "",
            "correct": "1",
            "lesson": module.lessons.get(number=1).pk,
        },
    )
    assert response.status_code == 302
    question = QuizQuestion.objects.get()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("Visits and listens", True),
        ("Stays at home", False),
    ]

    # Publish it.
    response = client.post(
        reverse("training_module_edit", args=[module.slug]), module_form(is_published="on")
    )
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.is_published

    # Edit a lesson and a question.
    client.post(
        reverse("training_lesson_edit", args=[module.slug, 2]),
        {"title": "Writing a fair report", "body": "Say what works and what should change."},
    )
    assert Lesson.objects.get(number=2).title == "Writing a fair report"
    client.post(
        reverse("training_question_edit", args=[module.slug, 1]),
        {
            "text": "What does a young inspector do?",
            "choice_1": "Visits and listens",
            "choice_2": "Stays at home",
            "choice_3": "Shouts",
            "choice_4": "",
            "correct": "1",
            "lesson": "",
        },
    )
    question.refresh_from_db()
    assert question.text == "What does a young inspector do?"
    assert question.choices.count() == 3
    assert question.lesson is None


def test_a_worker_sees_the_questions_and_right_answers_on_the_module_page(client, login):
    module = make_e_learning()
    login(module.created_by)
    page = client.get(reverse("training_detail", args=[module.slug])).content.decode()
    assert "Right answer 1 (right answer)" in page
    assert reverse("training_question_edit", args=[module.slug, 1]) in page


def test_e_learning_cannot_be_published_without_lessons_and_questions(client, login):
    login(a_worker())
    client.post(reverse("training_module_create"), module_form())
    module = TrainingModule.objects.get()
    response = client.post(
        reverse("training_module_edit", args=[module.slug]), module_form(is_published="on")
    )
    assert response.status_code == 400
    assert "Add at least one lesson and one quiz question" in response.content.decode()
    module.refresh_from_db()
    assert not module.is_published


def test_bad_module_input_is_explained_and_kept(client, login):
    login(a_worker())
    response = client.post(
        reverse("training_module_create"),
        module_form(valid_for_months="two years", pass_mark="150", unlocks=["flying"]),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Write a number of months, like 24." in page
    assert "Ensure this value is less than or equal to 100." in page
    assert 'value="Young inspector"' in page
    assert not TrainingModule.objects.exists()


def test_a_duplicate_title_is_refused_plainly(client, login):
    make_e_learning(title="Young inspector")
    login(a_worker())
    response = client.post(reverse("training_module_create"), module_form(title="young inspector"))
    assert response.status_code == 400
    assert "There is already a module with this title." in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"correct": ""}, "Choose which answer is right."),
        ({"correct": "3"}, "Answer 3 is empty, so it can&#x27;t be the right one."),
        ({"choice_2": ""}, "Fill in: Answer 2."),
    ],
)
def test_bad_questions_are_explained_and_kept(client, login, changes, message):
    module = make_e_learning()
    login(module.created_by)
    data = {
        "text": "Is this a good question?",
        "choice_1": "Yes",
        "choice_2": "No",
        "choice_3": "",
        "choice_4": "",
        "correct": "1",
        "lesson": "",
    }
    data.update(changes)
    response = client.post(reverse("training_question_create", args=[module.slug]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Is this a good question?"' in page
    assert module.questions.count() == 5
