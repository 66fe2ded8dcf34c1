"""Deleting an account: nothing left that links the young person to a candidacy, their
manifesto and reserved-seat claim erased, their votes still counted; and their data download
has an elections part. Every elections model that points at a person has a policy."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from forums.elections import services
from forums.elections.models import (
    LEFT_NAME,
    Candidate,
    CandidateStatus,
    ElectionStatus,
    Outcome,
    Vote,
    VoterMark,
)
from participation.registry import registry
from participation.services import account_erase, personal_data_export
from tests.elections.factories import CandidateFactory, ElectionFactory, ReservedSeatFactory
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def erase(user):
    account_erase(user=user, confirmation="delete my account")


def test_every_elections_model_that_points_at_a_person_has_a_policy():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    pointing = {
        model._meta.label_lower
        for model in apps.get_app_config("elections").get_models()
        for field in model._meta.get_fields()
        if (field.many_to_one or field.one_to_one)
        and field.concrete
        and field.related_model is user_model
    }
    assert pointing == {
        "elections.election",
        "elections.candidate",
        "elections.topic",
        "elections.votermark",
        "elections.pollingstation",
        "elections.papercountentry",
    }
    assert pointing <= set(registry.erasure_policies)
    assert "elections" in registry.erasers


def _vote(election, voter, candidate):
    services.ballot_cast(
        election_id=election.pk,
        constituency_id=candidate.constituency_id,
        voter=voter,
        choice_ids=[candidate.pk],
    )


def test_a_candidate_in_a_counted_election_leaves_no_link_and_their_votes_still_count(worker):
    election = ElectionFactory()
    constituency = election.constituencies.get()
    seat = ReservedSeatFactory(constituency=constituency, name="Young carers")
    ruby = YoungPersonFactory(first_name="Ruby", last_name="Shah")
    stood = CandidateFactory(
        constituency=constituency, user=ruby, manifesto="Ruby's words", reserved_seat=seat
    )
    other = CandidateFactory(constituency=constituency)
    _vote(election, ruby, other)  # Ruby votes too
    for _ in range(2):
        _vote(election, YoungPersonFactory(), stood)
    services.election_close(actor=worker, election=election)

    erase(ruby)

    assert not Candidate.objects.filter(user=ruby).exists()
    stood.refresh_from_db()
    assert stood.user_id is None
    assert stood.name == LEFT_NAME
    assert stood.manifesto == ""
    assert stood.reserved_seat_id is None  # the claim said which group she belongs to
    assert stood.votes == 2 and stood.outcome == Outcome.ELECTED  # the result stays whole
    other.refresh_from_db()
    assert other.votes == 1  # her own vote still counts
    assert Vote.objects.filter(election=election).count() == 3
    assert not Candidate.objects.filter(manifesto__contains="Ruby").exists()
    # The results page still shows, naming nobody.
    from forums.elections.selectors import results_for

    (row,) = results_for(election=election, viewer=worker)
    assert LEFT_NAME in [c.public_name for c in row["candidates"]]


def test_a_candidacy_before_voting_is_deleted():
    election = ElectionFactory(voting=False)
    person = YoungPersonFactory()
    CandidateFactory(constituency=election.constituencies.get(), user=person)
    erase(person)
    assert not Candidate.objects.exists()


def test_a_candidate_who_leaves_while_voting_is_open_is_withdrawn():
    election = ElectionFactory()
    person = YoungPersonFactory()
    candidate = CandidateFactory(constituency=election.constituencies.get(), user=person)
    _vote(election, YoungPersonFactory(), candidate)
    erase(person)
    candidate.refresh_from_db()
    assert candidate.user_id is None
    assert candidate.status == CandidateStatus.WITHDRAWN
    assert Vote.objects.filter(candidate=candidate).count() == 1  # nobody's ballot changed


def test_the_voter_mark_is_kept_on_purpose_and_names_nobody():
    election = ElectionFactory()
    candidate = CandidateFactory(constituency=election.constituencies.get())
    voter = YoungPersonFactory(first_name="Kai")
    _vote(election, voter, candidate)
    erase(voter)
    assert registry.erasure_policies["elections.votermark"].startswith("keep: ")
    mark = VoterMark.objects.get()
    assert mark.voter.first_name == "Deleted"  # the anonymised account
    assert Vote.objects.filter(candidate=candidate).count() == 1


def test_workers_links_are_removed_when_a_worker_leaves(worker):
    election = ElectionFactory(status=ElectionStatus.DRAFT, created_by=worker)
    candidate = CandidateFactory(
        constituency=election.constituencies.get(),
        reviewed_by=worker,
        reviewed_at=timezone.now() - timedelta(hours=1),
    )
    erase(worker)
    election.refresh_from_db()
    candidate.refresh_from_db()
    assert election.created_by is None
    assert candidate.reviewed_by is None


def test_the_data_download_has_their_candidacies_and_where_they_voted():
    election = ElectionFactory(title="Youth Council election")
    person = YoungPersonFactory()
    CandidateFactory(
        constituency=election.constituencies.get(), user=person, manifesto="Cheaper buses"
    )
    other = ElectionFactory(title="Make Your Mark")
    _vote(other, person, CandidateFactory(constituency=other.constituencies.get()))
    data = personal_data_export(user=person)["elections"]
    assert data["candidacies"][0]["election"] == "Youth Council election"
    assert data["candidacies"][0]["manifesto"] == "Cheaper buses"
    assert [v["election"] for v in data["voted_in"]] == ["Make Your Mark"]
    assert "who you voted for" in data["voted_in"][0]["note"]
