"""Factories for elections: build straight to the database (tests of services use services)."""

from datetime import timedelta

import factory
from django.utils import timezone

from forums.elections.models import (
    Candidate,
    CandidateStatus,
    Constituency,
    Election,
    ElectionKind,
    ElectionStatus,
    ReservedSeat,
    Topic,
)
from tests.factories import YoungPersonFactory


class ElectionFactory(factory.django.DjangoModelFactory):
    """An open election whose voting period is now (give `voting=False` for standing now)."""

    class Meta:
        model = Election
        skip_postgeneration_save = True

    class Params:
        voting = True

    title = factory.Sequence(lambda n: f"Youth Council election {n}")
    kind = ElectionKind.CANDIDATES
    status = ElectionStatus.OPEN
    max_choices = 1
    nominations_open_at = factory.LazyAttribute(
        lambda o: timezone.now() - timedelta(days=10 if o.voting else 1)
    )
    nominations_close_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() - timedelta(days=2) if o.voting else timezone.now() + timedelta(days=5)
        )
    )
    voting_opens_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() - timedelta(days=1) if o.voting else timezone.now() + timedelta(days=6)
        )
    )
    voting_closes_at = factory.LazyAttribute(lambda o: o.voting_opens_at + timedelta(days=7))

    @factory.post_generation
    def constituency(obj, create, extracted, **kwargs):
        # ElectionFactory(constituency={"seats": 3}) or ElectionFactory(constituency__seats=3)
        if create and not obj.constituencies.exists():
            ConstituencyFactory(election=obj, name=obj.title, **{**(extracted or {}), **kwargs})


class TopicBallotFactory(ElectionFactory):
    title = factory.Sequence(lambda n: f"Make Your Mark {n}")
    kind = ElectionKind.TOPICS
    nominations_open_at = None
    nominations_close_at = None
    voting_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    max_choices = 3


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituency

    election = factory.SubFactory(ElectionFactory)
    name = factory.Sequence(lambda n: f"Constituency {n}")
    seats = 1


class ReservedSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReservedSeat

    name = "Young carers"
    seats = 1


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    user = factory.SubFactory(YoungPersonFactory)
    manifesto = factory.Faker("sentence")
    status = CandidateStatus.APPROVED


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Topic {n}")
