"""Commissioning in a real browser, on a phone and on a desktop: a young evaluator fills in the
conflict form and scores a bid, and sees the others' scores only after sending their own; the
worker agrees a moderated score, chooses the shortlist, moves the round on and records the
decision with reasons; a provider reads its own feedback and nobody else's. axe-core clean on
every page visited."""

import pytest
from django.urls import reverse

from commissioning.models import Stage
from participation.scoring.models import ModeratedScore
from tests.browser.helpers import check_page, navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.commissioning.factories import Evaluation


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_score_moderate_decide_and_read_feedback(page, live_server):
    e = Evaluation()
    try:
        _flow(page, live_server, e)
    finally:
        e.stop()


def _flow(page, live_server, e):
    jordan, ruby = e.evaluators
    bilston, kooth, base = e.bids
    e.score(ruby, bilston, [4, None, 3], comment="Ruby liked how they listen")

    # A young evaluator scores Bilston's bid.
    log_in(page, live_server, jordan)
    visit(page, reverse("commissioning:my_panels"))
    with navigation(page):
        page.get_by_role("link", name="Bid 1: Bilston Youth Project").click()
    assert "Ruby liked how they listen" not in page.content()
    assert "300,000" not in page.content()  # the price is never shown to the panel
    page.get_by_label("No. I don't know anyone involved and I won't gain from it").check()
    with navigation(page):
        page.get_by_role("button", name="Send the conflict form").click()
    assert "Ruby liked how they listen" not in page.content()
    # Sending with a score missing is refused, with what was chosen kept.
    page.locator("#question-1-score_4").check()
    page.get_by_label("Why did you choose this score for Young people's voice?").fill(
        "Young people run the group"
    )
    with navigation(page):
        page.get_by_role("button", name="Send my scores").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.locator("#question-1-score_4").is_checked()
    page.locator("#question-2-score_5").check()  # n/a
    page.get_by_label("Why did you choose this score for Reaching everyone?").fill("Not said how")
    page.locator("#question-3-score_3").check()
    page.get_by_label("Why did you choose this score for Safe and kind?").fill("Good safety plan")
    with navigation(page):
        page.get_by_role("button", name="Send my scores").click()
    assert "Your scores are sent" in page.content()
    assert "Ruby liked how they listen" in page.content()

    # The rest of the panel's scores, then the worker moderates and decides.
    e.score(jordan, kooth, [1, 2, 3])
    e.score(ruby, kooth, [4, 2, 3])
    e.score(jordan, base, [2, 2, 2])
    e.score(ruby, base, [2, 3, 2])
    log_in(page, live_server, e.worker)
    visit(page, reverse("commissioning:moderation", args=[e.round.slug, "quality"]))
    assert "Spread of 3" in page.content()
    with navigation(page):
        page.get_by_role("link", name="Agree a score for Bid 2: Kooth").click()
    page.get_by_label("Which question").select_option(label="1. Young people's voice")
    page.get_by_label("3", exact=True).check()
    page.get_by_label("Why the panel agreed this score").fill(
        "We talked it through: the answer shows young people shaping the service."
    )
    with navigation(page):
        page.get_by_role("button", name="Save the agreed score").click()
    assert ModeratedScore.objects.get().value == 3
    with navigation(page):
        page.get_by_role("link", name="Choose the shortlist").click()
    page.get_by_label("Bilston Youth Project").check()
    page.get_by_label("Kooth").check()
    page.get_by_label("Why these are shortlisted").fill(
        "The two highest written scores, well ahead of the third."
    )
    with navigation(page):
        page.get_by_role("button", name="Save the shortlist").click()
    visit(page, reverse("commissioning:round_detail", args=[e.round.slug]))
    with navigation(page):
        page.get_by_role("button", name="Start the presentations").click()
    e.refresh()
    panel = e.round.presentation_panel
    for person in (jordan, ruby):
        e.score(person, bilston, [3, 3], panel=panel)
        e.score(person, kooth, [4, 4], panel=panel)
    with navigation(page):
        page.get_by_role("button", name="Finish scoring the presentations").click()
    with navigation(page):
        page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Bilston Youth Project").check()
    page.get_by_label("The reasons for the choice").fill(
        "The best written bid at the lowest price, and young people trusted them."
    )
    with navigation(page):
        page.get_by_role("button", name="Record the decision").click()
    assert e.refresh().stage == Stage.AWARDED

    # Kooth reads its own feedback, and nobody else's.
    log_in(page, live_server, e.providers[1])
    visit(page, reverse("commissioning:bid_detail", args=[kooth.pk]))
    with navigation(page):
        page.get_by_role("link", name="Read your feedback").click()
    content = page.content()
    assert "Your bid was not chosen this time" in content
    assert "75.50" in content and "67.50" in content
    assert "90.72" not in content and "92.86" not in content
    response = page.goto(live_server.url + reverse("commissioning:feedback", args=[bilston.pk]))
    assert response.status == 404
    check_page(page)
    visit(page, reverse("commissioning:round_detail", args=[e.round.slug]))
