"""The forms and the three template pieces apps include: each renders, is labelled for screen
readers, and shows the services' errors beside the right question."""

import re
from collections import Counter

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from participation.forms.base import run_service
from participation.scoring import selectors, services
from participation.scoring.forms import NA, ConflictForm, ModerateForm, SheetForm
from tests.scoring.factories import World

pytestmark = pytest.mark.django_db


def render(template, **context):
    request = RequestFactory().get("/")
    return render_to_string(f"scoring/{template}", context, request=request)


def ids_in(html) -> Counter:
    return Counter(re.findall(r'\bid="([^"]+)"', html))


def test_the_sheet_form_has_a_fieldset_and_legend_per_question_and_worded_choices():
    w = World()
    form = SheetForm(w.criteria)
    html = render("_sheet_form.html", form=form, item=w.item)
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3
    assert "1. Who it helps</legend>" in html
    assert 'for="question-1-score_4">4: It helps a lot</label>' in html
    assert ">n/a: this question doesn&#x27;t apply</label>" in html
    assert 'for="question-3-comment"' in html and 'id="question-3-comment"' in html
    assert "Application PIF-001" in html
    assert all(n == 1 for n in ids_in(html).values()), ids_in(html)


def test_no_na_choice_when_the_rubric_does_not_allow_it():
    w = World(allow_na=False)
    html = render("_sheet_form.html", form=SheetForm(w.criteria))
    assert "n/a" not in html.split("</fieldset>")[0]


def test_a_saved_draft_fills_the_form_and_the_form_gives_back_the_scores():
    w = World()
    c1, c2, c3 = w.criteria
    sheet = services.sheet_save(
        actor=w.amira, item=w.item, scores={c1.pk: (4, "Helps lots"), c2.pk: (None, "No plan")}
    )
    form = SheetForm(w.criteria, sheet=sheet)
    html = render("_sheet_form.html", form=form)
    assert re.search(r'value="4"[^>]*checked', html)
    assert re.search(r'value="na"[^>]*checked', html)
    assert "Helps lots</textarea>" in html
    data = {f"score_{c1.pk}": "5", f"comment_{c1.pk}": "Even better", f"score_{c2.pk}": NA}
    bound = SheetForm(w.criteria, sheet=sheet, data=data)
    assert bound.is_valid(), bound.errors
    assert bound.scores() == {c1.pk: (5, "Even better"), c2.pk: (None, "")}
    assert not bound.wants_to_send
    assert not SheetForm(w.criteria, data={**data, "action": "save"}).wants_to_send
    assert SheetForm(w.criteria, data={**data, "action": "send"}).wants_to_send
    html = render("_sheet_form.html", form=bound)
    assert 'name="action" value="send"' in html and 'name="action" value="save"' in html


def test_a_comment_without_a_score_is_not_silently_dropped():
    w = World()
    c3 = w.criteria[2]
    form = SheetForm(w.criteria, data={f"comment_{c3.pk}": "Looks good to me"})
    assert not form.is_valid()
    html = render("_sheet_form.html", form=form)
    assert 'href="#question-3-score_0"' in html
    assert "Looks good to me</textarea>" in html  # what they typed is still there


def test_service_errors_land_beside_their_question_and_the_summary_links_to_them():
    w = World()
    c1, c2, c3 = w.criteria
    data = {
        f"score_{c1.pk}": "4",
        f"comment_{c1.pk}": "Helps lots of people",
        f"score_{c2.pk}": "3",
        f"comment_{c2.pk}": "",
    }
    form = SheetForm(w.criteria, data=data)
    assert form.is_valid()
    result = run_service(
        form, lambda: services.sheet_submit(actor=w.amira, item=w.item, scores=form.scores())
    )
    assert result is None
    html = render("_sheet_form.html", form=form)
    ids = ids_in(html)
    for link in re.findall(r'href="#([^"]+)"', html):
        assert ids[link] == 1, f"the error summary links to #{link}, which is not on the page"
    assert 'href="#question-2-comment"' in html and 'href="#question-3-score_0"' in html
    assert "2. The plan: &#x27;The plan&#x27;: write a few words" in html
    assert 'aria-invalid="true"' in html
    assert "Helps lots of people</textarea>" in html


def test_the_results_table_shows_totals_ranks_and_flags_in_words():
    w = World()
    w.everyone_sends(w.items[0], ((4, None, 3), (4, None, 3), (4, None, 3)))
    w.everyone_sends(w.items[1], ((1, 2, 3), (3, 2, 3), (3, 2, 3)))
    table = selectors.results_table(w.panel, viewer=w.worker)
    html = render("_results_table.html", table=table)
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "<strong>74.29</strong>" in html
    assert 'aria-hidden="true">&#9888;</span> Spread of 2: talk it through' in html
    assert "Yes: panellists differ by 2 points or more" in html
    assert html.index("Application PIF-001") < html.index("Application PIF-002")
    assert "1. Who it helps" in html and "(weight 50)" in html
    assert ">n/a" in html or "n/a\n" in html


def test_the_progress_table_shows_counts_and_no_scores():
    w = World()
    w.send(w.amira, w.item, 5, 5, 5)
    services.conflict_declare(actor=w.kai, item=w.item, reason="I know them")
    html = render("_progress_table.html", progress=selectors.progress(w.panel))
    assert "1 of 3" in html and "Application PIF-002" in html
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    cells = re.findall(r"<td>(.*?)</td>", first_row, re.S)
    assert [c.strip() for c in cells] == ["1 of 3", "0", "1", "1"]
    assert "Clear and kind idea" not in html and "Scores from" not in html
    assert "<caption" in html


def test_conflict_and_moderate_forms():
    w = World()
    conflict = ConflictForm(data={"reason": ""})
    assert not conflict.is_valid()
    assert conflict.errors["reason"] == ["Fill in: Why should someone else score this one."]
    c1 = w.criteria[0]
    form = ModerateForm(
        w.criteria, data={"criterion": str(c1.pk), "value": NA, "reason": "Doesn't apply"}
    )
    assert form.is_valid(), form.errors
    assert form.service_kwargs() == {"criterion": c1, "value": None, "reason": "Doesn't apply"}
    assert not ModerateForm(w.criteria, data={"criterion": str(c1.pk), "value": "9"}).is_valid()
