"""An election in a real browser: a young person stands, a worker approves, another young
person votes and checks their receipt, the worker closes the election, and everyone sees the
result. axe-core checks every page on the way (see tests/browser/helpers.py)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from forums.elections.models import Candidate, ElectionStatus
from tests.browser.helpers import browser_force_login, navigation, visit
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.factories import WorkerFactory, YoungPersonFactory


def switch_to(page, user):
    page.context.clear_cookies()
    browser_force_login(page, user)


@pytest.mark.parametrize("page", ["desktop", "phone"], indirect=True)
def test_stand_vote_check_receipt_close_and_see_the_result(page):
    now = timezone.now()
    election = ElectionFactory(
        title="Youth Council election",
        status=ElectionStatus.OPEN,
        nominations_open_at=now - timedelta(days=1),
        nominations_close_at=now + timedelta(minutes=5),
        voting_opens_at=now + timedelta(minutes=10),
        voting_closes_at=now + timedelta(hours=3),
    )
    rival = CandidateFactory(constituency=election.constituencies.get())
    standing = YoungPersonFactory(first_name="Ruby", last_name="Shah")
    voter = YoungPersonFactory(first_name="Kai", last_name="Ward")
    worker = WorkerFactory()

    # Ruby stands.
    switch_to(page, standing)
    visit(page, "/elections/")
    with navigation(page):
        page.get_by_role("link", name="Youth Council election").click()
    with navigation(page):
        page.get_by_role("link", name="Stand in this election").click()
    page.get_by_label("Your manifesto").fill("More youth clubs, and cheaper buses to get there.")
    with navigation(page):
        page.get_by_role("button", name="Stand for election").click()
    assert "Thank you for standing" in page.content()
    candidate = Candidate.objects.get(user=standing)

    # The worker approves her manifesto.
    switch_to(page, worker)
    visit(page, f"/elections/{election.pk}/manage/")
    page.locator(f"#approve-{candidate.pk}").check()
    with navigation(page):
        page.get_by_role("button", name="Save decision on Ruby Shah").click()
    assert "Saved your decision on Ruby Shah" in page.content()

    with time_machine.travel(election.voting_opens_at + timedelta(minutes=1), tick=True):
        # Kai votes for Ruby and checks the receipt.
        switch_to(page, voter)
        visit(page, f"/elections/{election.pk}/")
        with navigation(page):
            page.get_by_role("link", name="Vote now").click()
        page.get_by_label("Ruby Shah").check()
        with navigation(page):
            page.get_by_role("button", name="Vote").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Your vote is in"
        receipt = page.locator("#receipt-code").inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", receipt)
        with navigation(page):
            page.get_by_role("link", name="Check your code on the list of counted receipts").click()
        page.get_by_label("Your receipt code").fill(receipt)
        with navigation(page):
            page.get_by_role("button", name="Check my code").click()
        assert "Found it." in page.content()
        assert "will be counted when voting closes" in page.content()

        # The worker closes the election early and the votes are counted.
        switch_to(page, worker)
        visit(page, f"/elections/{election.pk}/manage/")
        with navigation(page):
            page.get_by_role("button", name="Close voting now and count the votes").click()
        assert "Voting is closed and the votes are counted." in page.content()
        with navigation(page):
            page.get_by_role("link", name="See the results").click()
        assert page.get_by_role("row", name=re.compile(r"Ruby Shah 1 0 1 Elected")).is_visible()

        # Everyone sees the result: the voter, the winner, and the other candidate.
        for person in (voter, standing, rival.user):
            switch_to(page, person)
            visit(page, f"/elections/{election.pk}/results/")
            assert page.get_by_role("row", name=re.compile(r"Ruby Shah 1 0 1 Elected")).is_visible()
            assert "1 person voted" in page.content()
        # And Kai's receipt is on the published list of counted receipts.
        visit(page, f"/elections/{election.pk}/receipts/?code={receipt}")
        assert "Your vote was counted." in page.content()


def test_a_polling_station_contact_prints_makes_codes_and_enters_the_count(page):
    """Issue 14: the printables and a polling station's pages pass axe."""
    from forums.elections import services
    from participation.models import OrganisationKind
    from tests.elections.factories import ReservedSeatFactory
    from tests.factories import OrganisationFactory, UserFactory

    worker = WorkerFactory()
    election = ElectionFactory(title="Kent Youth County Council election")
    constituency = election.constituencies.get()
    ReservedSeatFactory(constituency=constituency, name="Young carers")
    ruby = CandidateFactory(
        constituency=constituency, user__first_name="Ruby", user__last_name="Shah"
    )
    CandidateFactory(constituency=constituency, user__first_name="Kai", user__last_name="Ward")
    contact = UserFactory(first_name="Ms", last_name="Teacher")
    station = services.polling_station_add(
        actor=worker,
        constituency=constituency,
        organisation=OrganisationFactory(name="Oak School", kind=OrganisationKind.SCHOOL),
        contact=contact,
    )
    switch_to(page, contact)
    visit(page, f"/elections/stations/{station.pk}/")
    for link in ("Ballot papers", "Candidate leaflets"):
        with navigation(page):
            page.get_by_role("link", name=link).click()
        assert "Ruby Shah" in page.content()
        visit(page, f"/elections/stations/{station.pk}/")
    page.get_by_label("How many codes?").fill("4")
    with navigation(page):
        page.get_by_role("button", name="Make the codes").click()
    codes = page.locator(".code").all_inner_texts()
    assert len(codes) == 4

    # A pupil votes with one of the codes, with no account.
    page.context.clear_cookies()
    visit(page, f"/elections/{election.pk}/code/")
    page.get_by_label("Your voting code").fill(codes[0])
    with navigation(page):
        page.get_by_role("button", name="Next: see the ballot").click()
    page.get_by_label("Ruby Shah").check()
    with navigation(page):
        page.get_by_role("button", name="Vote").click()
    assert "Your vote is in" in page.content()

    services.election_close(actor=worker, election=election)
    switch_to(page, contact)
    visit(page, f"/elections/stations/{station.pk}/count/")
    page.get_by_label("Ballot papers in the box").fill("3")
    page.get_by_label("Votes for Ruby Shah").fill("2")
    page.get_by_label("Votes for Kai Ward").fill("1")
    with navigation(page):
        page.get_by_role("button", name="Save my count").click()
    assert "A second person must" in page.content()
    switch_to(page, worker)
    visit(page, f"/elections/stations/{station.pk}/count/")
    page.get_by_label("Ballot papers in the box").fill("3")
    page.get_by_label("Votes for Ruby Shah").fill("1")
    page.get_by_label("Votes for Kai Ward").fill("2")
    with navigation(page):
        page.get_by_role("button", name="Save my count").click()
    assert "don't match" in page.content()
    page.context.clear_cookies()
    visit(page, f"/elections/{election.pk}/results/print/")
    ruby.refresh_from_db()
    assert ruby.votes == 1  # the unconfirmed paper count is not in it
