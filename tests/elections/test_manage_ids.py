"""Issue 23: the manage page shows several forms at once; every id on it is used once, also
with three constituencies, a seat kept for a group, and ties to settle in two constituencies.
(The browser test tests/browser/test_election_manage_names.py checks the names as well.)"""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forums.elections import services
from forums.elections.models import ElectionStatus
from tests.elections.factories import (
    CandidateFactory,
    ConstituencyFactory,
    ElectionFactory,
    ReservedSeatFactory,
)

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1


def repeated_ids(response) -> dict[str, int]:
    parser = _Ids()
    parser.feed(response.content.decode())
    return {id_: n for id_, n in parser.ids.items() if n > 1}


def test_a_draft_with_three_constituencies_and_a_kept_seat_uses_each_id_once(client, login, worker):
    election = ElectionFactory(status=ElectionStatus.DRAFT)
    for name in ("Maidstone", "Canterbury"):
        ConstituencyFactory(election=election, name=name)
    ReservedSeatFactory(constituency=election.constituencies.first())
    login(worker)
    response = client.get(reverse("elections:manage", args=[election.pk]))
    assert repeated_ids(response) == {}
    html = response.content.decode()
    for control in ("id_seat-name", "id_seat-constituency", "id_constituency-name"):
        assert f'for="{control}"' in html and f'id="{control}"' in html


def test_two_ties_to_settle_use_each_id_once(client, login, worker):
    election = ElectionFactory()
    ConstituencyFactory(election=election, name="Maidstone")
    for constituency in election.constituencies.all():
        CandidateFactory.create_batch(2, constituency=constituency)  # 0 votes each: a tie
    services.election_close(actor=worker, election=election)
    login(worker)
    response = client.get(reverse("elections:manage", args=[election.pk]))
    assert response.content.decode().count("Settle the tie in") == 2
    assert repeated_ids(response) == {}


def test_a_review_error_links_to_that_candidates_reason_box(client, login, worker):
    from forums.elections.models import CandidateStatus

    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(
        constituency=election.constituencies.get(), status=CandidateStatus.PENDING
    )
    CandidateFactory(constituency=election.constituencies.get(), status=CandidateStatus.PENDING)
    login(worker)
    url = reverse("elections:review", args=[election.pk, candidate.pk])
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<a href="#reason-{candidate.pk}">' in html
    assert f'id="reason-{candidate.pk}"' in html
    assert repeated_ids(response) == {}
    missing = client.post(url, {"reason": "Too short"}).content.decode()
    assert "Choose Approve or Turn down." in missing
