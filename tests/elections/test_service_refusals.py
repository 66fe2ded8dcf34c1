"""Every write service of elections that takes an actor refuses one without the permission,
with `participation.access.Refused` and its plain words, and writes nothing.

`COVERED` and `EXEMPT` together name every public function of forums.elections.services
(tests/base/test_every_service_is_checked.py holds us to that)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums.elections import services
from forums.elections.models import (
    Candidate,
    CandidateStatus,
    ElectionKind,
    ElectionStatus,
    PollingStation,
    ReservedSeat,
    Topic,
)
from participation.access import Refused
from participation.models import AuditEvent, OrganisationKind
from tests.elections.factories import (
    CandidateFactory,
    ElectionFactory,
    TopicBallotFactory,
    TopicFactory,
)
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def _dates():
    now = timezone.now()
    return {
        "nominations_open_at": now,
        "nominations_close_at": now + timedelta(days=5),
        "voting_opens_at": now + timedelta(days=6),
        "voting_closes_at": now + timedelta(days=8),
    }


def _station(worker, election=None):
    election = election or ElectionFactory()
    return services.polling_station_add(
        actor=worker,
        constituency=election.constituencies.get(),
        organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL),
        contact=UserFactory(),
    )


def _closed(worker):
    election = ElectionFactory()
    CandidateFactory.create_batch(2, constituency=election.constituencies.get())
    services.election_close(actor=worker, election=election)
    return election


# service -> (who lacks the permission, the call's other arguments), each built fresh.
CASES = {
    services.election_create: lambda w: {
        "title": "X",
        "kind": ElectionKind.CANDIDATES,
        **_dates(),
    },
    services.constituency_add: lambda w: {
        "election": ElectionFactory(status=ElectionStatus.DRAFT),
        "name": "Oak School",
    },
    services.constituency_rename: lambda w: {
        "constituency": ElectionFactory(status=ElectionStatus.DRAFT).constituencies.get(),
        "name": "Oak School",
    },
    services.reserved_seat_add: lambda w: {
        "constituency": ElectionFactory(status=ElectionStatus.DRAFT).constituencies.get(),
        "name": "Young carers",
        "seats": 1,
    },
    services.topic_add: lambda w: {
        "election": TopicBallotFactory(status=ElectionStatus.DRAFT),
        "title": "Buses",
    },
    services.election_publish: lambda w: {"election": ElectionFactory(status=ElectionStatus.DRAFT)},
    services.election_close: lambda w: {"election": ElectionFactory()},
    services.candidate_review: lambda w: {
        "candidate": CandidateFactory(
            constituency=ElectionFactory(voting=False).constituencies.get(),
            status=CandidateStatus.PENDING,
        ),
        "approve": True,
    },
    services.tie_resolve: lambda w: {
        "constituency": _closed(w).constituencies.get(),
        "winner_ids": [],
    },
    services.topic_adopt: lambda w: {
        "topic": TopicFactory(election=TopicBallotFactory(status=ElectionStatus.CLOSED))
    },
    services.polling_station_add: lambda w: {
        "constituency": ElectionFactory().constituencies.get(),
        "organisation": OrganisationFactory(kind=OrganisationKind.SCHOOL),
        "contact": UserFactory(),
    },
    services.station_electorate_set: lambda w: {"station": _station(w), "electorate": 30},
    services.voting_codes_issue: lambda w: {"station": _station(w), "count": 3},
    services.paper_count_enter: lambda w: {
        "station": _station(w, _closed(w)),
        "papers": 0,
        "figures": {},
    },
}

# Services whose person is not called `actor`: the name of their argument, and who lacks it.
NOT_ACTOR = {
    services.candidate_stand: (
        "user",
        lambda w: {"constituency": ElectionFactory(voting=False).constituencies.get()},
        "manifesto",
    ),
    services.candidate_withdraw: (
        "user",
        lambda w: {
            "candidate": CandidateFactory(
                constituency=ElectionFactory(voting=False).constituencies.get()
            )
        },
        None,
    ),
}

COVERED = set(CASES) | set(NOT_ACTOR)

EXEMPT = {
    services.ballot_cast: (
        "the voter themselves: who may vote here is the eligibility check inside the cast, "
        "which refuses with the reason (BallotRefused, tested in test_ballot.py)"
    ),
    services.ballot_cast_for_session: (
        "the session's own voter, checked inside the one statement (active, password hash, "
        "young person, eligibility); anything else casts nothing (test_fast_cast.py)"
    ),
    services.ballot_cast_with_code: (
        "no account at all: the one-time code is the permission, refused when unknown, used "
        "or for another election (test_polling.py)"
    ),
    services.ballot_box_mix: (
        "a task: the mixer runs every minute with no actor and changes no one's ballot"
    ),
    services.elections_close_due: (
        "a task: the scheduled close, an automatic move of the election workflow made only "
        "once voting time is over"
    ),
}

# Who is refused: a young person for a worker's job, a worker for a young person's, and
# someone else for what only a station's contact or a candidate may do.
REFUSED = {
    services.station_electorate_set: "stranger",
    services.voting_codes_issue: "stranger",
    services.paper_count_enter: "stranger",
    services.candidate_stand: "worker",
    services.candidate_withdraw: "other_young_person",
}


def _who(kind, worker, young_person):
    return {
        "young_person": young_person,
        "stranger": UserFactory(),
        "worker": worker,
        "other_young_person": YoungPersonFactory(),
    }[kind]


COUNTED = (Candidate, ReservedSeat, Topic, PollingStation)


def _rows():
    return {m.__name__: m.objects.count() for m in COUNTED} | {"audit": AuditEvent.objects.count()}


@pytest.mark.parametrize("service", [*CASES, *NOT_ACTOR], ids=lambda s: s.__name__)
def test_a_service_refuses_someone_without_the_permission(service, worker, young_person):
    if service in CASES:
        kwargs, name = CASES[service](worker), "actor"
    else:
        name, build, text = NOT_ACTOR[service]
        kwargs = build(worker)
        if text:
            kwargs[text] = "Cheaper buses"
    who = _who(REFUSED.get(service, "young_person"), worker, young_person)
    before = _rows()
    with pytest.raises(Refused) as refused:
        service(**{name: who, **kwargs})
    assert refused.value.code == "forbidden"
    assert refused.value.messages[0].endswith(".") and len(refused.value.messages[0]) > 15
    assert _rows() == before


def test_the_table_covers_every_public_service():
    public = {getattr(services, name) for name in services.__all__}
    assert public == COVERED | set(EXEMPT)
    assert not COVERED & set(EXEMPT)
