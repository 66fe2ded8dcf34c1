"""Pay it Forward in a real browser, on a phone and on a desktop: a 14-year-old applies from
start to finish (saving a draft on the way, and being told plainly what is missing), two
trained young reviewers score it blind, the worker checks the parent's yes, the panel awards
it, and the young person sees the decision with the reviewers' feedback. axe-core clean on
every page visited."""

import pytest
from django.urls import reverse

from grants.models import Application, ApplicationStatus
from participation.scoring.services import comment_field, score_field
from tests.browser.helpers import navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.grants.factories import World, young


def _review(page, live_server, w, reviewer, application, values, words):
    log_in(page, live_server, reviewer)
    visit(page, reverse("grants:reviews", args=[w.round.slug]))
    with navigation(page):
        page.get_by_role("link", name=application.reference).click()
    content = page.content()
    assert "Born Again Pond" in content
    for secret in ("Maya", "Okoro", "Dover Grammar", "Karen"):
        assert secret not in content
    for criterion, value in zip(w.criteria, values, strict=True):
        page.locator(f"input[name='{score_field(criterion.pk)}'][value='{value}']").check()
        page.locator(f"textarea[name='{comment_field(criterion.pk)}']").fill(
            f"{words} ({criterion.title.lower()})"
        )
    with navigation(page):
        page.get_by_role("button", name="Send my scores").click()
    assert "Your scores are sent." in page.content()


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_a_14_year_old_applies_is_reviewed_awarded_and_reads_the_feedback(page, live_server):
    w = World()
    maya = young(14, first_name="Maya", last_name="Okoro")

    # --- The young person applies -----------------------------------------------------------
    log_in(page, live_server, maya)
    visit(page, reverse("grants:list"))
    with navigation(page):
        page.get_by_role("link", name=w.round.name).click()
    with navigation(page):
        page.get_by_role("link", name="Start an application").click()
    page.get_by_label("What is your project called?").fill("Born Again Pond")
    with navigation(page):
        page.get_by_role("button", name="Start my application").click()
    assert "Your draft is saved." in page.content()
    page.get_by_label("A group of people").check()
    page.get_by_label("Tell us about the people it helps").fill(
        "Young people and families who use the community pond."
    )
    page.get_by_label("How much money are you asking for, in pounds?").fill("1000")
    page.get_by_label("Budget line 1: what it is for").fill("Handrail and paving")
    page.get_by_label("Budget line 1: cost in pounds").fill("600")
    page.get_by_label("Budget line 2: what it is for").fill("Benches and plants")
    page.get_by_label("Budget line 2: cost in pounds").fill("300")
    with navigation(page):
        page.get_by_role("button", name="Save my draft").click()
    assert "Your draft is saved." in page.content()
    # Sending it now is refused, with every reason, and what was typed is still there.
    with navigation(page):
        page.get_by_role("button", name="Send my application").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    content = page.content()
    assert "Your budget lines add up to £900, but you asked for £1,000." in content
    assert "the name of the trusted adult who will hold the money" in content
    assert page.get_by_label("Budget line 2: cost in pounds").input_value() == "300.00"
    page.get_by_label("Budget line 2: cost in pounds").fill("400")
    page.get_by_label("How will it help their wellbeing?").fill(
        "Being by the water is calming, and more people will be able to get to it."
    )
    page.get_by_label("What will happen, and when?").fill("April: paving. May: benches.")
    page.get_by_label("Your school or college").fill("Dover Grammar School")
    page.get_by_label("The trusted adult's full name").fill("Karen Okoro")
    page.get_by_label("How do they know you?").fill("My mum")
    page.get_by_label("Their email or phone number", exact=False).first.fill(
        "karen.okoro@example.org"
    )
    page.get_by_label("Your parent or carer's full name").fill("Karen Okoro")
    page.get_by_label("Who are they to you?").fill("Mum")
    page.get_by_label("Their email or phone number, for your parent or carer").fill(
        "karen.okoro@example.org"
    )
    page.get_by_label("If your project is funded, what name should we show?").fill("Pond Team")
    with navigation(page):
        page.get_by_role("button", name="Send my application").click()
    assert "Your application is sent." in page.content()
    application = Application.objects.get(applicant=maya)
    assert application.status == ApplicationStatus.SUBMITTED
    visit(page, reverse("grants:mine"))

    # --- Two trained young reviewers score it, blind ----------------------------------------
    _review(page, live_server, w, w.reviewers[0], application, (5, 4, 4, 4), "Really kind")
    _review(page, live_server, w, w.reviewers[1], application, (4, 4, "na", 3), "Good plan")

    # --- The worker checks the parent's yes; the panel awards it ---------------------------
    log_in(page, live_server, w.worker)
    visit(page, reverse("grants:manage", args=[w.round.slug]))
    visit(page, reverse("grants:application", args=[application.pk]))
    with navigation(page):
        page.get_by_role("link", name="Record that their parent or carer says yes").click()
    page.get_by_label("How did their parent or carer tell you they say yes?").fill(
        "On the phone today"
    )
    with navigation(page):
        page.get_by_role("button", name="Record their yes").click()
    visit(page, reverse("grants:panel", args=[w.round.slug]))
    assert "Scores differ by 2 or more" not in page.content()
    with navigation(page):
        page.get_by_role("link", name=f"Decide about {application.reference}").click()
    page.get_by_label("Award a grant").check()
    page.get_by_label("The panel's reason, for the young person").fill(
        "A calm place outside that more people can enjoy."
    )
    with navigation(page):
        page.get_by_role("button", name="Record the decision").click()
    assert "The decision is recorded" in page.content()

    # --- The young person reads the decision and the feedback -------------------------------
    log_in(page, live_server, maya)
    visit(page, reverse("grants:mine"))
    with navigation(page):
        page.get_by_role("link", name="Born Again Pond").click()
    content = page.content()
    assert "Your project gets £1,000." in content
    assert "A calm place outside that more people can enjoy." in content
    assert "Really kind (wellbeing)" in content and "Good plan (the plan)" in content
    for reviewer in w.reviewers:
        assert reviewer.first_name not in content and reviewer.last_name not in content
    visit(page, reverse("grants:showcase"))


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_after_the_award_payment_receipts_visit_and_the_showcase(page, live_server, tmp_path):
    from django.utils import timezone

    from grants.models import Award, ShowcaseEntry

    w = World()
    application = w.reviewed(w.submitted())
    w.award(application)
    award = Award.objects.get()

    log_in(page, live_server, w.worker)
    visit(page, reverse("grants:round_create"))
    visit(page, reverse("grants:reviewer_add", args=[w.round.slug]))
    visit(page, reverse("grants:award", args=[award.pk]))
    with navigation(page):
        page.get_by_role("link", name="Record the payment").click()
    page.get_by_label("When was it paid?").fill(timezone.localdate().isoformat())
    page.get_by_label("Bank transfer").check()
    with navigation(page):
        page.get_by_role("button", name="Record the payment").click()
    assert "The payment is recorded." in page.content()
    with navigation(page):
        page.get_by_role("link", name="Add a receipt").click()
    fake = tmp_path / "receipt.jpg"
    fake.write_bytes(b"<html>not a picture</html>")
    page.get_by_label("What was it for?").fill("Wool")
    page.get_by_label("How much, in pounds?").fill("30")
    page.get_by_label("The receipt").set_input_files(str(fake))
    with navigation(page):
        page.get_by_role("button", name="Add the receipt").click()
    assert "it is not a JPEG picture" in page.content()
    assert page.get_by_label("What was it for?").input_value() == "Wool"
    real = tmp_path / "receipt.pdf"
    real.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("The receipt").set_input_files(str(real))
    with navigation(page):
        page.get_by_role("button", name="Add the receipt").click()
    assert "The receipt is added." in page.content()
    with navigation(page):
        page.get_by_role("link", name="Plan a visit").click()
    page.get_by_label("When is the visit?").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Where is it?").fill("The village hall")
    with navigation(page):
        page.get_by_role("button", name="Plan the visit").click()
    with navigation(page):
        page.locator("a[href*='/grants/visits/']").first.click()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("How was the money used?").fill("Wool, needles, tea and cake.")
    page.get_by_label("What did the people it helped say?", exact=False).fill(
        "We look forward to Thursdays now."
    )
    page.get_by_label("Much better").check()
    with navigation(page):
        page.get_by_role("button", name="Save the visit").click()
    assert "The visit is written up." in page.content()

    log_in(page, live_server, w.applicant)
    visit(page, reverse("grants:application", args=[application.pk]))
    with navigation(page):
        page.get_by_role("link", name="Put this project on the showcase").click()
    page.get_by_label("What did the project do?").fill("We knitted with older people every week.")
    with navigation(page):
        page.get_by_role("button", name="Send it to be checked").click()

    log_in(page, live_server, w.worker)
    visit(page, reverse("grants:showcase_queue"))
    with navigation(page):
        page.get_by_role("button", name="Publish Knit and Natter").click()
    assert ShowcaseEntry.objects.get().status == "published"

    log_in(page, live_server, w.other)
    visit(page, reverse("grants:showcase"))
    content = page.content()
    assert "We knitted with older people every week." in content
    assert "The Knitters" in content and "Amira" not in content
    with navigation(page):
        page.get_by_role("link", name="Report a concern about Knit and Natter").click()
