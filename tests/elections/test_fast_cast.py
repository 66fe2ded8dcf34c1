"""The logged-in fast path: the voter is checked inside the one statement, never loaded.

It must take exactly the ballots the ordinary path takes, refuse a session from before a
password change or of an inactive account, and give the same receipt page.
"""

import pytest
from django.contrib.auth import HASH_SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.elections import services
from forums.elections.eligibility import criteria_for
from forums.elections.models import Receipt, VoterMark
from participation.models import Role
from participation.selectors.eligibility import eligibility
from participation.services import notify
from tests.elections.conftest import candidates_of
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.factories import GroupFactory, MembershipFactory, YoungPersonFactory, birthday_for_age

pytestmark = pytest.mark.django_db


def vote(client, election, candidate):
    return client.post(
        reverse("elections:vote", args=[election.pk]),
        {"constituency": election.constituencies.get().pk, "choice": candidate.pk},
    )


def test_a_clean_ballot_never_loads_the_voter(postgresql_only, client, login, election):
    voter = YoungPersonFactory()
    notify(recipients=voter, kind="test", title="Unread")
    login(voter)
    first, _ = candidates_of(election)
    vote(client, election, first)  # prepares the statement on this connection
    second_voter = YoungPersonFactory()
    login(second_voter)
    with CaptureQueriesContext(connection) as captured:
        response = vote(client, election, first)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your vote is in" in page
    assert '1<span class="visually-hidden"> unread</span>' not in page  # not this voter's
    sql = [q["sql"] for q in captured.captured_queries]
    assert any(s.startswith("EXECUTE elections_cast_for_session") for s in sql)
    assert not any('FROM "participation_user"' in s for s in sql), sql
    assert not any("participation_roleassignment" in s for s in sql), sql
    assert Receipt.objects.filter(election=election).count() == 2
    assert VoterMark.objects.filter(voter=second_voter).count() == 1


def test_the_page_is_the_ordinary_receipt_page(postgresql_only, client, login, election):
    voter = YoungPersonFactory()
    notify(recipients=voter, kind="test", title="One")
    login(voter)
    response = vote(client, election, candidates_of(election)[0])
    page = response.content.decode()
    assert '1<span class="visually-hidden"> unread</span>' in page
    # Log out is a link to the log-out page here (no CSRF token: see views/fast_vote.py).
    assert f'href="{reverse("account_logout")}">Log out</a>' in page
    assert "RECEIPTSLOT" not in page
    assert page.count("<h1") == 1


def test_a_session_from_before_a_password_change_casts_nothing(
    postgresql_only, client, login, election
):
    voter = YoungPersonFactory()
    login(voter)
    voter.set_password("a-new-password-after-theft-1")
    voter.save()
    response = vote(client, election, candidates_of(election)[0])
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not VoterMark.objects.filter(voter=voter).exists()


def test_a_forged_session_hash_casts_nothing(postgresql_only, client, login, election):
    voter = YoungPersonFactory()
    login(voter)
    session = client.session
    session[HASH_SESSION_KEY] = "0" * 64
    session.save()
    vote(client, election, candidates_of(election)[0])
    assert not VoterMark.objects.filter(voter=voter).exists()


def test_an_account_made_inactive_casts_nothing(postgresql_only, client, login, election):
    voter = YoungPersonFactory()
    login(voter)
    voter.is_active = False
    voter.save()
    vote(client, election, candidates_of(election)[0])
    assert not VoterMark.objects.filter(voter=voter).exists()


def test_a_worker_who_is_not_a_young_person_is_refused(
    postgresql_only, client, login, election, make_user
):
    worker = make_user(Role.WORKER)
    login(worker)
    response = vote(client, election, candidates_of(election)[0])
    assert response.status_code == 403
    assert not VoterMark.objects.filter(voter=worker).exists()


@pytest.mark.parametrize("age", [10, 11, 18, 19, None])
@pytest.mark.parametrize("area", ["Bilston", "BILSTON", "Tettenhall", ""])
@pytest.mark.parametrize("member", [True, False])
def test_the_fast_path_and_the_eligibility_rules_agree(
    postgresql_only, client, login, age, area, member
):
    forum = GroupFactory()
    election = ElectionFactory(
        constituency={
            "voters_group": forum,
            "voters_area": "Bilston",
            "voter_min_age": 11,
            "voter_max_age": 18,
        }
    )
    constituency = election.constituencies.get()
    candidate = CandidateFactory(constituency=constituency)
    voter = YoungPersonFactory(
        area=area, date_of_birth=birthday_for_age(age) if age is not None else None
    )
    if member:
        MembershipFactory(group=forum, user=voter)
    # The base eligibility service, with the constituency's criteria: the one rule in Python.
    python_says = eligibility(voter, criteria_for(constituency)).reason
    login(voter)
    session = client.session
    result = services.ballot_cast_for_session(
        election_id=election.pk,
        constituency_id=constituency.pk,
        user_id=voter.pk,
        session_hash=session[HASH_SESSION_KEY],
        choice_ids=[candidate.pk],
    )
    assert (result is not None) == (not python_says)
    assert VoterMark.objects.filter(voter=voter).exists() == (not python_says)


def test_the_home_page_stops_offering_the_vote_once_cast(postgresql_only, client, login, election):
    # The fast path's one statement is a prepared EXECUTE: the page cache must still see that it
    # wrote the voter marks, or the kept home page would keep saying "Vote in ...".
    voter = YoungPersonFactory()
    login(voter)
    for _ in range(3):  # drawn, then kept
        assert f"/elections/{election.pk}/vote/" in client.get("/").content.decode()
    assert vote(client, election, candidates_of(election)[0]).status_code in (200, 302)
    assert f"/elections/{election.pk}/vote/" not in client.get("/").content.decode()
