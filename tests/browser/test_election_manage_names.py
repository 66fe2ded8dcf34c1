"""Issue 23: the election manage page and the results page with several constituencies and a
seat kept for a group. The harness (tests/browser/helpers.py) now fails a page with a duplicate
id, a control with no name or one with two labels, so visiting them is most of the test; the
rest checks that each label moves focus to its own control and that every results table's
scroll region has its own name."""

import re

from forums.elections import services
from forums.elections.models import ElectionStatus
from tests.browser.helpers import browser_force_login, navigation, visit
from tests.elections.factories import (
    CandidateFactory,
    ConstituencyFactory,
    ElectionFactory,
    ReservedSeatFactory,
)
from tests.factories import WorkerFactory

PLACES = ("Maidstone", "Canterbury")


def three_constituencies(**election):
    election = ElectionFactory(title="Kent Youth County Council election", **election)
    first = election.constituencies.get()
    others = [ConstituencyFactory(election=election, name=name, seats=2) for name in PLACES]
    ReservedSeatFactory(constituency=first, name="Young carers", seats=1)
    return election, [first, *others]


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_a_draft_election_with_three_constituencies_has_one_name_per_control(page):
    election, constituencies = three_constituencies(status=ElectionStatus.DRAFT)
    browser_force_login(page, WorkerFactory())
    visit(page, f"/elections/{election.pk}/manage/")  # ids and names checked here

    # Each label focuses its own control, not a control of another form with the same id.
    for label, control in [
        ("Who are the seats kept for?", "id_seat-name"),
        ("In which constituency?", "id_seat-constituency"),
        ("Constituency name", "id_constituency-name"),
        ("Constituency", "id_constituency"),  # the polling station's
    ]:
        # Labels of required fields end with an asterisk hidden from screen readers.
        page.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\*?\s*$")).click()
        assert focused_id(page) == control, label
    seats = page.get_by_role("region", name="Keep seats for a group")
    for name in ("Who are the seats kept for?", "How many seats?"):
        assert (
            seats.get_by_role("textbox", name=name)
            .or_(seats.get_by_role("spinbutton", name=name))
            .is_visible()
        )
    assert seats.get_by_role("combobox", name="In which constituency?").is_visible()

    # The first constituency started with the election's title; the worker renames it.
    first = constituencies[0]
    page.get_by_label(f"New name for {first.name}").fill("Tunbridge Wells")
    with navigation(page):
        page.get_by_role("region", name=first.name).get_by_role(
            "button", name="Save the new name"
        ).click()
    assert "Name changed." in page.content()
    assert page.get_by_role("heading", name="Tunbridge Wells", level=2).is_visible()


def test_results_with_three_constituencies_label_each_table_by_its_constituency(page):
    election, constituencies = three_constituencies()
    for constituency in constituencies:
        CandidateFactory(constituency=constituency)
        CandidateFactory(constituency=constituency)
    services.election_close(actor=WorkerFactory(), election=election)
    visit(page, f"/elections/{election.pk}/results/")
    regions = page.get_by_role("region", name="scrolls sideways")
    names = [r.get_attribute("aria-label") for r in regions.all()]
    assert names == [f"Results in {c.name}, scrolls sideways" for c in constituencies]
