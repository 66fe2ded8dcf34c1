"""Acceptance: e-learning start to finish through the pages: lessons, a failed quiz that says
what to revisit, a passed quiz that records the completion, and progress that survives logging
out and back in."""

import pytest
from django.urls import reverse

from participation.models import LessonProgress, QuizAttempt, TrainingCompletion

from .helpers import answers, make_e_learning, young

pytestmark = pytest.mark.django_db


def quiz_post(module, *, wrong_numbers=()):
    return {f"q{qid}": cid for qid, cid in answers(module, wrong_numbers=wrong_numbers).items()}


def test_e_learning_start_to_finish(client, login):
    module = make_e_learning(unlocks=["working_with_young_people"])
    amira = young(first_name="Amira", last_name="Khan")
    login(amira)

    page = client.get(reverse("training_detail", args=[module.slug])).content.decode()
    assert "Start the first lesson" in page
    assert "You have read 0 of 3 lessons" in page

    # Lesson 1, then "next" saves it and goes on to lesson 2.
    lesson_1 = client.get(reverse("training_lesson", args=[module.slug, 1]))
    assert lesson_1.status_code == 200
    assert "<li>point one</li>" in lesson_1.content.decode()
    response = client.post(reverse("training_lesson", args=[module.slug, 1]))
    assert response.url == reverse("training_lesson", args=[module.slug, 2])

    # Progress survives logging out and back in.
    client.logout()
    login(amira)
    page = client.get(reverse("training_detail", args=[module.slug])).content.decode()
    assert "You have read 1 of 3 lessons" in page
    assert "Carry on with lesson 2" in page

    client.post(reverse("training_lesson", args=[module.slug, 2]))
    response = client.post(reverse("training_lesson", args=[module.slug, 3]))
    assert response.url == reverse("training_quiz", args=[module.slug])
    assert LessonProgress.objects.filter(user=amira).count() == 3

    # A failed quiz (3 of 5; 4 needed) names the lessons to look at again and keeps the answers.
    failed = client.post(
        reverse("training_quiz", args=[module.slug]), quiz_post(module, wrong_numbers=(1, 5))
    )
    page = failed.content.decode()
    assert failed.status_code == 200
    assert "Not this time: you got 3 out of 5" in page
    assert "You need 4 right answers to pass" in page
    assert "Lesson 1: Lesson title 1" in page
    assert "Lesson 3: Lesson title 3" in page
    assert "Lesson 2: Lesson title 2" not in page
    assert "try again as many times as you like" in page
    first_wrong = module.questions.get(number=1).choices.get(is_correct=False)
    assert f'value="{first_wrong.pk}" id="id_q{first_wrong.question_id}_1" checked' in page
    assert not TrainingCompletion.objects.filter(user=amira).exists()

    # Another failure, then a pass: no limit on tries.
    client.post(
        reverse("training_quiz", args=[module.slug]), quiz_post(module, wrong_numbers=(1, 2, 3))
    )
    passed = client.post(reverse("training_quiz", args=[module.slug]), quiz_post(module))
    completion = TrainingCompletion.objects.get(user=amira, module=module)
    assert passed.url == reverse("training_certificate", args=[completion.pk])
    assert completion.method == "e_learning"
    assert completion.attempt.correct == 5
    assert QuizAttempt.objects.filter(user=amira, module=module).count() == 3

    certificate = client.get(passed.url).content.decode()
    assert "Amira Khan" in certificate
    assert "Well done! You passed with 5 out of 5" in certificate

    # Logging out and in again, the module shows as done.
    client.logout()
    login(amira)
    listing = client.get(reverse("training_list")).content.decode()
    assert "Done. Valid until" in listing


def test_four_of_five_passes_with_an_80_percent_pass_mark(client, login):
    module = make_e_learning()
    amira = young()
    login(amira)
    response = client.post(
        reverse("training_quiz", args=[module.slug]), quiz_post(module, wrong_numbers=(2,))
    )
    assert response.status_code == 302
    assert TrainingCompletion.objects.filter(user=amira).exists()


def test_an_unanswered_question_is_named_and_the_other_answers_are_kept(client, login):
    module = make_e_learning()
    login(young())
    data = quiz_post(module)
    second = module.questions.get(number=2)
    del data[f"q{second.pk}"]
    response = client.post(reverse("training_quiz", args=[module.slug]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Choose an answer to question 2." in page
    assert f'href="#id_q{second.pk}_0"' in page
    first_right = module.questions.get(number=1).choices.get(is_correct=True)
    assert f'value="{first_right.pk}" id="id_q{first_right.question_id}_0" checked' in page
    assert not QuizAttempt.objects.exists()


def test_a_made_up_answer_is_refused_plainly(client, login):
    module = make_e_learning()
    login(young())
    data = quiz_post(module)
    data[f"q{module.questions.get(number=1).pk}"] = "99999"
    response = client.post(reverse("training_quiz", args=[module.slug]), data)
    assert response.status_code == 400
    assert "Choose one of the answers to question 1." in response.content.decode()


def test_the_quiz_has_no_timer(client, login):
    module = make_e_learning()
    login(young())
    page = client.get(reverse("training_quiz", args=[module.slug])).content.decode()
    assert "There is no time limit" in page
    assert "<fieldset" in page and "<legend" in page


def test_a_lesson_that_does_not_exist_is_404(client, login):
    module = make_e_learning()
    login(young())
    assert client.get(reverse("training_lesson", args=[module.slug, 9])).status_code == 404


def test_lesson_text_is_escaped(client, login):
    from participation import services

    module = make_e_learning()
    lesson = module.lessons.get(number=1)
    services.lesson_update(
        lesson=lesson, edited_by=module.created_by, title="Safe", body="<script>x</script>"
    )
    login(young())
    page = client.get(reverse("training_lesson", args=[module.slug, 1])).content.decode()
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
