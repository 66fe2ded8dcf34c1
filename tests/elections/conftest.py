import pytest
from django.db import connection

from tests.elections.factories import CandidateFactory, ElectionFactory


@pytest.fixture
def election(db):
    """An open election with voting open now and two approved candidates."""
    election = ElectionFactory()
    constituency = election.constituencies.get()
    CandidateFactory(constituency=constituency)
    CandidateFactory(constituency=constituency)
    return election


def candidates_of(election):
    return list(election.constituencies.get().candidates.order_by("pk"))


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (real concurrent transactions, ctid and xmin); "
            "run with DATABASE_URL=postgres://..."
        )
