"""Issue 14 pages: voting with a code, a polling station's pages, paper counts, printables."""

import pytest
from django.urls import reverse

from forums.elections import services
from forums.elections.models import VotingCode
from participation.models import OrganisationKind
from tests.elections.factories import CandidateFactory, ElectionFactory, ReservedSeatFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(worker):
    election = ElectionFactory(max_choices=1)
    constituency = election.constituencies.get()
    ReservedSeatFactory(constituency=constituency)
    CandidateFactory(constituency=constituency, user__first_name="Ruby", user__last_name="Shah")
    CandidateFactory(constituency=constituency, user__first_name="Kai", user__last_name="Ward")
    return services.polling_station_add(
        actor=worker,
        constituency=constituency,
        organisation=OrganisationFactory(name="Bilston School", kind=OrganisationKind.SCHOOL),
        contact=UserFactory(),
    )


def html(response):
    return response.content.decode()


def test_a_pupil_votes_with_a_code_without_an_account(client, station, worker):
    (code,) = services.voting_codes_issue(actor=worker, station=station, count=1)
    url = reverse("elections:code_vote", args=[station.election_id])
    step1 = client.post(url, {"code": code})
    assert step1.status_code == 200
    assert "Ruby Shah" in html(step1)
    ruby = station.constituency.candidates.get(user__first_name="Ruby")
    step2 = client.post(url, {"code": code, "choice": [ruby.pk]})
    assert "Your vote is in" in html(step2)
    again = client.post(url, {"code": code, "choice": [ruby.pk]})
    assert again.status_code == 400
    assert "already been used" in html(again)
    made_up = client.post(url, {"code": "ABCDE-FGHJK"})
    assert made_up.status_code == 400
    assert "We don&#x27;t know that code" in html(made_up)
    assert 'value="ABCDE-FGHJK"' in html(made_up)


def test_the_contact_makes_codes_shown_once_and_sees_turnout(client, login, station):
    login(station.contact)
    response = client.post(reverse("elections:station_codes", args=[station.pk]), {"count": "3"})
    assert response.status_code == 200
    assert html(response).count('class="code mb-1"') == 3
    assert VotingCode.objects.filter(station=station).count() == 3
    page = html(client.get(reverse("elections:station", args=[station.pk])))
    assert "Voting codes used: 0 of 3 made." in page
    bad = client.post(reverse("elections:station_codes", args=[station.pk]), {"count": "0"})
    assert bad.status_code == 400
    assert "There is a problem" in html(bad)


def test_the_paper_count_form_shows_a_mismatch_to_both(client, login, station, worker):
    services.election_close(actor=worker, election=station.election)
    ruby, kai = station.constituency.candidates.order_by("user__first_name").reverse()
    url = reverse("elections:station_count", args=[station.pk])
    login(station.contact)
    fields = {"papers": "10", "spoilt": "0", "blank": "0"}
    bad = client.post(url, {**fields, f"choice_{ruby.pk}": "6", f"choice_{kai.pk}": "6"})
    assert bad.status_code == 400
    assert "don&#x27;t add up" in html(bad)
    assert 'value="6"' in html(bad)
    client.post(url, {**fields, f"choice_{ruby.pk}": "6", f"choice_{kai.pk}": "4"})
    login(worker)
    client.post(url, {**fields, f"choice_{ruby.pk}": "7", f"choice_{kai.pk}": "3"})
    for person in (worker, station.contact):
        login(person)
        page = html(client.get(url))
        assert "The two counts don't match" in page
        assert (
            "Votes for" not in page.split("Where the counts are different")[1].split("</table>")[0]
        )
        assert "Ruby Shah" in page.split("Where the counts are different")[1]
    ruby.refresh_from_db()
    assert ruby.paper_votes in (None, 0)


@pytest.mark.parametrize("what", ["ballot-papers", "leaflets"])
def test_printables_render(client, login, station, what):
    login(station.contact)
    response = client.get(reverse("elections:station_print", args=[station.pk, what]))
    assert response.status_code == 200
    assert "Ruby Shah" in html(response)
    assert "elections/print.css" in html(response)


def test_the_results_sheet_prints_after_the_count(client, station, worker):
    services.election_close(actor=worker, election=station.election)
    response = client.get(reverse("elections:results_sheet", args=[station.election_id]))
    assert response.status_code == 200
    # Not logged in: first name and initial only.
    assert "Ruby S." in html(response) and "Ruby Shah" not in html(response)


def test_a_worker_adds_constituencies_and_stations(client, login, worker):
    from forums.elections.models import ElectionStatus

    election = ElectionFactory(status=ElectionStatus.DRAFT)
    contact = UserFactory(email="teacher@school.example.org")
    school = OrganisationFactory(name="Oak School", kind=OrganisationKind.SCHOOL)
    login(worker)
    response = client.post(
        reverse("elections:constituency_add", args=[election.pk]),
        {"constituency-name": "Oak School", "constituency-seats": "1"},
    )
    assert response.status_code == 302
    oak = election.constituencies.get(name="Oak School")
    url = reverse("elections:station_add", args=[election.pk])
    bad = client.post(
        url,
        {
            "constituency": oak.pk,
            "organisation": school.pk,
            "contact_email": "nobody@example.org",
        },
    )
    assert bad.status_code == 400
    assert "Nobody has an account with that email" in html(bad)
    ok = client.post(
        url,
        {
            "constituency": oak.pk,
            "organisation": school.pk,
            "contact_email": contact.email,
        },
    )
    assert ok.status_code == 302
    assert election.stations.get().contact == contact


@pytest.mark.parametrize("schools", [1, 15])
def test_make_your_mark_results_run_a_fixed_number_of_queries(
    client, worker, django_assert_max_num_queries, schools
):
    from tests.elections.factories import TopicBallotFactory, TopicFactory

    mym = TopicBallotFactory(max_choices=1)
    city = mym.constituencies.get()
    topics = [TopicFactory(election=mym, title=t) for t in ("Climate", "Buses", "Jobs")]
    stations = [
        services.polling_station_add(
            actor=worker,
            constituency=city,
            organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL, area=f"Area {i % 3}"),
            contact=UserFactory(),
        )
        for i in range(schools)
    ]
    for station in stations:
        (code,) = services.voting_codes_issue(actor=worker, station=station, count=1)
        services.ballot_cast_with_code(election_id=mym.pk, code=code, choice_ids=[topics[0].pk])
    services.election_close(actor=worker, election=mym)
    for station in stations:
        for person in (station.contact, worker):
            services.paper_count_enter(
                actor=person, station=station, papers=2, figures={topics[1].pk: 2}
            )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("elections:results", args=[mym.pk]))
    assert response.status_code == 200
    assert f"<td>{schools * 2}</td>" in html(response)


def test_the_receipt_page_for_a_code_is_the_page_a_full_render_gives(client, station, worker):
    """The fast path fills the code into a page rendered once; it must be the same page."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    codes = services.voting_codes_issue(actor=worker, station=station, count=2)
    ruby = station.constituency.candidates.get(user__first_name="Ruby")
    url = reverse("elections:code_vote", args=[station.election_id])
    pages = [html(client.post(url, {"code": c, "choice": [ruby.pk]})) for c in codes]
    for page in pages:
        receipt = page.split('id="receipt-code">')[1].split("<")[0]
        full = render_to_string(
            "elections/receipt.html",
            {
                "user": AnonymousUser(),
                "messages": (),
                "unread_notifications": 0,
                "election_title": station.election.title,
                "election_pk": station.election_id,
                "receipt": receipt,
            },
        )
        assert page == full
    assert pages[0] != pages[1]
