"""The demo elections load from the seeds, once, and a demo young person can vote in one."""

from io import StringIO

import pytest
from django.core.management import call_command

from forums.elections import services
from forums.elections.models import Candidate, Election, ElectionStatus, ReservedSeat
from participation.models import User

pytestmark = pytest.mark.django_db


def test_demo_elections_are_seeded_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    titles = set(Election.objects.values_list("title", flat=True))
    assert {
        "Youth Council election",
        "Make Your Mark",
        "Kent Youth County Council election",
    } <= titles
    kent = Election.objects.get(title="Kent Youth County Council election").constituencies.get()
    assert kent.seats == 8
    assert sum(ReservedSeat.objects.filter(constituency=kent).values_list("seats", flat=True)) == 12
    youth_council = Election.objects.get(title="Youth Council election")
    assert youth_council.status == ElectionStatus.OPEN
    candidate = Candidate.objects.filter(constituency__election=youth_council).first()
    services.ballot_cast(
        election_id=youth_council.pk,
        constituency_id=candidate.constituency_id,
        voter=User.objects.get(email="young@example.org"),
        choice_ids=[candidate.pk],
    )
