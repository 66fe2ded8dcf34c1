"""Issue 23: words on election pages that tripped people up, each checked on the rendered page."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from forums.elections import services
from forums.elections.models import ElectionStatus
from participation.models import OrganisationKind
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.factories import OrganisationFactory, UserFactory, WorkerFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def text_of(response) -> str:
    """The page's words, without tags, as a person reads them."""
    html = response.content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]))


def test_a_draft_says_being_set_up_once(client, login, worker):
    election = ElectionFactory(status=ElectionStatus.DRAFT)
    login(worker)
    words = text_of(client.get(reverse("elections:manage", args=[election.pk])))
    assert "Being set up." in words
    assert "Being set up. Being set up." not in words
    assert words.count("Being set up") == 1


def test_a_published_election_still_says_its_status_and_phase(client, login, worker):
    election = ElectionFactory()
    login(worker)
    words = text_of(client.get(reverse("elections:manage", args=[election.pk])))
    assert "Published. Voting is open." in words


def test_times_print_as_5_58pm_with_one_full_stop(client, login, worker):
    closing = datetime(2030, 3, 14, 17, 58, tzinfo=LONDON)
    election = ElectionFactory(
        nominations_open_at=closing - timedelta(days=9),
        nominations_close_at=closing - timedelta(days=8),
        voting_opens_at=closing - timedelta(days=7),
        voting_closes_at=closing,
    )
    CandidateFactory(constituency=election.constituencies.get())
    login(worker)
    manage = text_of(client.get(reverse("elections:manage", args=[election.pk])))
    assert "Voting closes by itself on 14 March 2030, 5:58pm, and" in manage
    services.election_close(actor=worker, election=election, now=closing)
    for name in ("results", "results_sheet"):
        words = text_of(client.get(reverse(f"elections:{name}", args=[election.pk])))
        assert "Voting closed 14 March 2030, 5:58pm." in words, name
    for name in ("results", "results_sheet", "detail", "manage"):
        words = text_of(client.get(reverse(f"elections:{name}", args=[election.pk])))
        assert "p.m." not in words and ".." not in words, name


def test_a_one_choice_ballot_says_choose_one(client, login):
    login(YoungPersonFactory())
    one = text_of(client.get(reverse("elections:detail", args=[ElectionFactory().pk])))
    assert "Choose one." in one
    assert "You can choose up to 1" not in one
    three = ElectionFactory(max_choices=3)
    assert "You can choose up to 3." in text_of(
        client.get(reverse("elections:detail", args=[three.pk]))
    )


def test_a_candidate_is_told_they_are_standing_in_plain_words(client, login):
    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(constituency=election.constituencies.get())
    login(candidate.user)
    for name in ("detail", "stand"):
        words = text_of(client.get(reverse(f"elections:{name}", args=[election.pk])))
        assert "You are standing in this election." in words, name
        assert "You are standing: standing" not in words
        assert "Your manifesto is: standing" not in words


def test_a_paper_count_that_does_not_match_is_a_warning_saying_what_to_do(client, login):
    worker = WorkerFactory()
    election = ElectionFactory()
    constituency = election.constituencies.get()
    ruby = CandidateFactory(constituency=constituency)
    kai = CandidateFactory(constituency=constituency)
    station = services.polling_station_add(
        actor=worker,
        constituency=constituency,
        organisation=OrganisationFactory(name="Heath Park School", kind=OrganisationKind.SCHOOL),
        contact=UserFactory(),
    )
    services.election_close(actor=worker, election=election)
    services.paper_count_enter(
        actor=station.contact, station=station, papers=3, figures={ruby.pk: 2, kai.pk: 1}
    )
    login(worker)
    response = client.post(
        reverse("elections:station_count", args=[station.pk]),
        {"papers": 3, "spoilt": 0, "blank": 0, f"choice_{ruby.pk}": 1, f"choice_{kai.pk}": 2},
        follow=True,
    )
    html = response.content.decode()
    warning = re.search(r'<div class="alert alert-warning">([^<]*)</div>', html)
    assert warning, html
    assert "does not match the other count" in warning.group(1)
    assert "Count the papers again together, then enter the right figures." in warning.group(1)
    assert not re.search(r'alert-success">[^<]*match', html)
