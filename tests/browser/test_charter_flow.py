"""The charter in a real browser, on a phone and on a desktop: an officer writes a pledge with
their own level and adds evidence, a trained young inspector challenges that level, the
officer answers, and the public page shows both levels, the challenge and the answer. axe-core
clean on every page visited."""

import pytest
from django.urls import reverse

from charter.models import Judgement, Pledge
from tests.browser.helpers import navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.charter.factories import World


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_pledge_evidence_and_a_young_inspectors_judgement(page, live_server):
    w = World()
    signed = w.sign()
    log_in(page, live_server, w.officer)
    visit(page, reverse("charter:signatory", args=[signed.pk]))
    with navigation(page):
        page.get_by_role("link", name="Write the pledge for promise 2").click()
    with navigation(page):
        page.get_by_role("button", name="Save the pledge").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_label("What does your organisation do to keep this promise?").fill(
        "We ask families what they think after every programme."
    )
    page.get_by_label("How well do you think you keep it? (you can leave this)").select_option(
        "advanced"
    )
    with navigation(page):
        page.get_by_role("button", name="Save the pledge").click()
    assert "Your pledge is saved." in page.content()
    with navigation(page):
        page.get_by_role("link", name="Add evidence for promise 2").click()
    page.get_by_label(
        "What shows you keep this promise? (you can leave this if you add a link or file)"
    ).fill("Our feedback survey, and the three things we changed.")
    with navigation(page):
        page.get_by_role("button", name="Add the evidence").click()
    assert Pledge.objects.get().evidence.count() == 1

    log_in(page, live_server, w.inspector)
    visit(page, reverse("charter:signatory", args=[signed.pk]))
    with navigation(page):
        page.get_by_role("link", name="Judge the evidence for promise 2").click()
    page.get_by_label("Emerging").check()
    page.get_by_label("What do young people say?").fill("Families we met were asked only once.")
    with navigation(page):
        page.get_by_role("button", name="Publish my judgement").click()
    judgement = Judgement.objects.get()
    assert judgement.level == "emerging" and judgement.challenged

    log_in(page, live_server, w.officer)
    visit(page, reverse("charter:signatory", args=[signed.pk]))
    with navigation(page):
        page.get_by_role("link", name="Answer the challenge for promise 2").click()
    page.get_by_label("Your answer to the young inspectors").fill(
        "You are right. From April we will ask families every term."
    )
    with navigation(page):
        page.get_by_role("button", name="Publish my answer").click()
    assert "Your answer is published" in page.content()

    page.context.clear_cookies()
    visit(page, reverse("charter:signatory", args=[signed.pk]))
    content = page.content()
    assert "Advanced" in content and "Emerging" in content
    assert "Families we met were asked only once." in content
    assert "They challenged the level" in content
    assert "You are right. From April we will ask families every term." in content
    assert "Jordan" not in content
    visit(page, reverse("charter:detail", args=[w.charter.slug]))
    visit(page, reverse("charter:list"))


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_sign_write_a_charter_and_rate_the_staff(page, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from charter import services
    from charter.models import Signatory, StaffRatingTally
    from participation.services import attendance_record
    from tests.participation.training.helpers import make_activity

    w = World()
    log_in(page, live_server, w.officer)
    visit(page, reverse("charter:detail", args=[w.charter.slug]))
    with navigation(page):
        page.get_by_role("link", name="Sign it for your organisation").click()
    page.get_by_label("Which organisation are you signing for?").select_option(str(w.council.pk))
    with navigation(page):
        page.get_by_role("button", name="Sign it").click()
    assert Signatory.objects.get().signed_by == w.officer

    kent = services.charter_create(
        created_by=w.worker, title="Kent Youth Charter", summary="s", rates_staff=True
    )
    log_in(page, live_server, w.worker)
    visit(page, reverse("charter:principle_add", args=[kent.slug]))
    page.get_by_label("The principle, in a few words").fill("Respectful and kind")
    with navigation(page):
        page.get_by_role("button", name="Add it").click()
    assert "Respectful and kind" in page.content()
    visit(page, reverse("charter:promise_add", args=[kent.slug]))

    activity = make_activity(worker=w.worker, starts_at=timezone.now() - timedelta(hours=3))
    attendance_record(activity=activity, recorded_by=w.worker, statuses={w.young.pk: "present"})
    log_in(page, live_server, w.young)
    visit(page, reverse("charter:rate_staff", args=[activity.pk]))
    with navigation(page):
        page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_label("Mostly").check()
    with navigation(page):
        page.get_by_role("button", name="Send my answers").click()
    assert StaffRatingTally.objects.get(score=2).count == 1
    visit(page, reverse("charter:staff_ratings", args=[kent.slug]))


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_a_young_inspectors_visit_and_the_organisation_page(page, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from charter.models import Visit
    from participation.models import RungRating
    from tests.factories import YoungPersonFactory
    from tests.participation.training.helpers import make_activity

    w = World()
    signed = w.sign()
    activity = make_activity(
        worker=w.worker,
        title="Family fun day",
        organisation=w.council,
        planned_rung="co_design",
        starts_at=timezone.now() - timedelta(days=2),
    )
    RungRating.objects.create(activity=activity, user=YoungPersonFactory(), rung="consultation")
    log_in(page, live_server, w.inspector)
    visit(page, reverse("charter:signatory", args=[signed.pk]))
    with navigation(page):
        page.get_by_role("link", name="Write about a visit to one of their activities").click()
    with navigation(page):
        page.get_by_role("button", name="Publish what I saw").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_label("Which activity did you visit?").select_option(str(activity.pk))
    page.locator('textarea[name="summary"]').fill("Staff listened more than they talked.")
    page.get_by_label("Promise 2: To seek regular feedback from families").fill(
        "Nobody asked the parents."
    )
    with navigation(page):
        page.get_by_role("button", name="Publish what I saw").click()
    assert Visit.objects.get().findings.get().saw == "Nobody asked the parents."

    page.context.clear_cookies()
    visit(page, reverse("charter:signatory", args=[signed.pk]))
    assert "Nobody asked the parents." in page.content()
    visit(page, reverse("charter:organisation", args=[w.council.pk]))
    content = page.content()
    assert "fewer than 5" in content and "Co-design" in content
