"""After a failed quiz, focus lands on the result that says which lessons to look at again,
and the result sits above the quiz, so it is read first even without scripts."""

import pytest
from django.urls import reverse

from tests import factories
from tests.browser.helpers import browser_force_login, check_page, navigation, visit
from tests.participation.training.helpers import make_e_learning

FOCUS = """() => {
    const el = document.activeElement;
    const result = document.getElementById('quiz-result');
    const form = document.querySelector('main form');
    return {
        id: el ? el.id : '',
        text: el ? el.innerText : '',
        resultBeforeForm: !!(result && form &&
            (result.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING)),
    };
}"""


@pytest.mark.django_db(transaction=True)
def test_focus_moves_to_the_result_after_a_failed_quiz(page, live_server):
    module = make_e_learning(title="Co-production e-learning")
    kai = factories.YoungPersonFactory(first_name="Kai")
    browser_force_login(page, kai)
    visit(page, reverse("training_quiz", args=[module.slug]))

    for question in module.questions.prefetch_related("choices"):
        wrong = next(c for c in question.choices.all() if not c.is_correct)
        page.locator(f'input[name="q{question.pk}"][value="{wrong.pk}"]').check()
    with navigation(page):
        page.get_by_role("button", name="Check my answers").click()

    focus = page.evaluate(FOCUS)
    assert focus["id"] == "quiz-result"
    assert "Not this time: you got 0 out of 5" in focus["text"]
    assert "Lesson 1: Lesson title 1" in focus["text"]
    assert focus["resultBeforeForm"]
    check_page(page)
