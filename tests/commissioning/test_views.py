"""The pages: who reaches what, blind scoring on the page, price hidden from the panel, each
provider's own bid and feedback only (by URL too), and bad input kept with a clear message."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from commissioning import services
from commissioning.models import Bid, BidStatus, Declaration
from tests.commissioning.factories import Evaluation, World, a_pdf

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"commissioning:{name}", args=args)


@pytest.fixture
def w():
    return World()


@pytest.fixture
def e():
    evaluation = Evaluation()
    yield evaluation
    evaluation.stop()


def test_round_pages_open_for_the_right_people(w, client, login):
    w.open()
    for who, status in (
        (w.worker, 200),
        (w.young, 200),
        (w.provider, 200),
    ):
        login(who)
        assert client.get(url("round_detail", w.round.slug)).status_code == status
        assert client.get(url("round_list")).status_code == status
        assert client.get(url("spec_versions", w.round.slug)).status_code == status
    login(w.young)
    assert client.get(url("round_create")).status_code == 403
    assert client.get(url("criteria_edit", w.round.slug)).status_code == 403
    client.logout()
    response = client.get(url("round_detail", w.round.slug))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_young_person_proposes_on_the_draft_page_and_bad_input_is_kept(w, client, login):
    login(w.young)
    page = client.get(url("spec_draft", w.round.slug))
    assert page.status_code == 200 and b"What the service does" in page.content
    field = f"statement-{w.section.pk}-text"
    bad = client.post(url("statement_propose", w.round.slug, w.section.pk), {field: "Hi"})
    assert bad.status_code == 400
    assert b"Say what a good service does" in bad.content
    assert b'value="Hi"' in bad.content
    good = client.post(
        url("statement_propose", w.round.slug, w.section.pk), {field: "Staff really listen"}
    )
    assert good.status_code == 302
    assert b"Staff really listen" in client.get(url("spec_draft", w.round.slug)).content


def test_criteria_weights_not_adding_to_100_are_refused_on_the_page(w, client, login):
    login(w.worker)
    data = {"c1_title": "Voice", "c1_weight": "60", "c2_title": "Reach", "c2_weight": "30"}
    response = client.post(url("criteria_edit", w.round.slug), data)
    assert response.status_code == 400
    assert b"100" in response.content and b"90" in response.content
    assert b'value="Voice"' in response.content
    data["c2_weight"] = "40"
    assert client.post(url("criteria_edit", w.round.slug), data).status_code == 302


def test_a_provider_writes_and_sends_a_bid_through_the_pages(w, client, login):
    w.open()
    login(w.provider)
    criteria = w.criteria()
    data = {f"answer_{c.pk}": f"Our answer on {c.title}" for c in criteria}
    data["price"] = "300000.00"
    response = client.post(url("bid_edit", w.round.slug), data)
    assert response.status_code == 302
    bid = Bid.objects.get(organisation=w.orgs[0])
    assert bid.price_pence == 30_000_000
    attach = client.post(url("attachment_add", bid.pk), {"title": "Plan", "upload": a_pdf()})
    assert attach.status_code == 302
    assert client.post(url("bid_submit", bid.pk)).status_code == 302
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED
    page = client.get(url("bid_detail", bid.pk))
    assert b"\xc2\xa3300,000" in page.content  # £300,000


def test_a_late_bid_sent_through_the_page_is_refused(w, client, login):
    w.open()
    bid = w.bid(0, submit=False)
    with time_machine.travel(w.round.bids_close_at + timedelta(minutes=5), tick=False):
        login(w.provider)  # sessions last 8 hours
        response = client.post(url("bid_submit", bid.pk), follow=True)
    assert b"can&#x27;t take a bid" in response.content
    bid.refresh_from_db()
    assert bid.status == BidStatus.DRAFT


def test_a_provider_sees_only_its_own_bid_by_url(w, client, login):
    w.open()
    mine, theirs = w.bid(0), w.bid(1, submit=False)
    their_file = services.attachment_add(
        actor=w.providers[1], bid=theirs, title="Kooth's plan", upload=a_pdf()
    )
    services.bid_submit(actor=w.providers[1], bid=theirs)
    login(w.provider)
    assert client.get(url("bid_detail", mine.pk)).status_code == 200
    for name in ("bid_detail", "feedback"):
        assert client.get(url(name, theirs.pk)).status_code == 404
    assert client.post(url("bid_withdraw", theirs.pk)).status_code == 404
    assert client.get(url("attachment_file", their_file.pk)).status_code == 404
    assert Bid.objects.get(pk=theirs.pk).status == BidStatus.SUBMITTED
    login(w.young)
    assert client.get(url("bid_detail", mine.pk)).status_code == 404


def test_blind_scoring_on_the_page_and_the_panel_never_sees_the_price(e, client, login):
    jordan, ruby = e.evaluators
    item = e.item(e.bids[0])
    e.score(ruby, e.bids[0], [1, 1, 1], comment="Ruby thought it was weak")
    login(jordan)
    page = client.get(url("score", item.pk))
    assert b"conflict form" in page.content
    assert b"Ruby thought it was weak" not in page.content
    declared = client.post(url("declare", item.pk), {"has_conflict": "no"})
    assert declared.status_code == 302
    assert Declaration.objects.filter(item=item, person=jordan, has_conflict=False).exists()
    page = client.get(url("score", item.pk))
    assert b"Send my scores" in page.content
    assert b"Ruby thought it was weak" not in page.content
    # The price is nowhere on the panel's pages.
    for path in (url("score", item.pk), url("bid_detail", e.bids[0].pk)):
        body = client.get(path).content
        assert b"300,000" not in body and b"300000" not in body
    criteria = e.criteria()
    data = {"action": "send"}
    for c, value in zip(criteria, ["4", "na", "3"], strict=True):
        data[f"score_{c.pk}"] = value
        data[f"comment_{c.pk}"] = "Strong on young people"
    sent = client.post(url("score", item.pk), data)
    assert sent.status_code == 302
    page = client.get(url("score", item.pk))
    assert b"Ruby thought it was weak" in page.content


def test_scoring_without_comments_is_refused_and_kept(e, client, login):
    jordan = e.evaluators[0]
    item = e.item(e.bids[0])
    login(jordan)
    client.post(url("declare", item.pk), {"has_conflict": "no"})
    criteria = e.criteria()
    data = {"action": "send", f"score_{criteria[0].pk}": "4", f"comment_{criteria[0].pk}": "Great"}
    response = client.post(url("score", item.pk), data)
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert b"Great" in response.content


def test_the_worker_sees_progress_not_scores_until_all_are_in(e, client, login):
    e.score(e.evaluators[0], e.bids[0], [1, 1, 1], comment="Jordan found it thin")
    login(e.worker)
    page = client.get(url("moderation", e.round.slug, "quality"))
    assert page.status_code == 200
    assert b"Who has sent their scores" in page.content
    assert b"Jordan found it thin" not in page.content and b"Total out of 100" not in page.content
    e.score(e.evaluators[1], e.bids[0], [4, 4, 4])
    for bid in e.bids[1:]:
        for person in e.evaluators:
            e.score(person, bid, [2, 2, 2])
    page = client.get(url("moderation", e.round.slug, "quality"))
    assert b"Total out of 100" in page.content and b"Spread of 3" in page.content


def test_a_young_person_not_on_the_panel_cannot_open_its_items(e, client, login):
    login(e.young)
    assert client.get(url("score", e.item(e.bids[0]).pk)).status_code == 403
    login(e.provider)
    assert client.get(url("score", e.item(e.bids[0]).pk)).status_code == 403
    assert client.get(url("moderation", e.round.slug, "quality")).status_code == 403


def test_each_provider_reads_its_own_feedback_and_nobody_elses(e, client, login):
    e.decide()
    pages = {}
    for n, provider in enumerate(e.providers):
        login(provider)
        response = client.get(url("feedback", e.bids[n].pk))
        assert response.status_code == 200
        pages[n] = response.content.decode()
    # Kooth (shortlisted, not chosen) sees its own result and not Bilston's.
    assert "75.50" in pages[1] and "67.50" in pages[1]
    assert "90.72" not in pages[1] and "92.86" not in pages[1]
    assert "was not chosen" in pages[1] and "Bilston Youth Project" in pages[1]
    # The Base (not shortlisted) sees only its written score.
    assert "53.75" in pages[2]
    for other in ("90.72", "92.86", "75.50", "67.50"):
        assert other not in pages[2]
    assert "Your bid was chosen" in pages[0] and "90.72" in pages[0]
    # Another organisation's feedback does not exist for them.
    login(e.providers[2])
    assert client.get(url("feedback", e.bids[0].pk)).status_code == 404


def test_the_record_shows_every_score_change_to_the_worker_only(e, client, login):
    e.score(e.evaluators[0], e.bids[0], [1, 1, 1], send=False)
    e.score(e.evaluators[0], e.bids[0], [2, 1, 1], send=False)
    login(e.worker)
    page = client.get(url("audit", e.round.slug)).content.decode()
    assert page.count("scoring.sheet.save") == 2
    assert "Jordan Clarke" in page
    login(e.evaluators[0])
    assert client.get(url("audit", e.round.slug)).status_code == 403


def test_a_provider_without_two_factor_authentication_is_sent_to_set_it_up(w, client, login):
    from tests.commissioning.factories import provider_of
    from tests.factories import OrganisationFactory

    w.open()
    newcomer = provider_of(OrganisationFactory(name="New Provider CIC"), mfa=False)
    login(newcomer)
    for path in (url("bid_edit", w.round.slug), url("clarifications", w.round.slug)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    criteria = w.criteria()
    client.post(url("bid_edit", w.round.slug), {f"answer_{criteria[0].pk}": "x", "price": "1"})
    assert not Bid.objects.filter(organisation__name="New Provider CIC").exists()
    # With an authenticator set up, the same pages open.
    login(w.provider)
    assert client.get(url("bid_edit", w.round.slug)).status_code == 200
