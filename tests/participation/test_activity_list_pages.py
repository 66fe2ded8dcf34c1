"""The activity list comes a page at a time (twenty), so a year of activities is not one page of a
megabyte; a page number that is not one shows the first page, never an error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.models import Activity, ActivityKind
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions():
    start = timezone.now() + timedelta(days=3)
    worker = factories.WorkerFactory()
    for i in range(45):
        Activity.objects.create(
            title=f"Session {i:02d}",
            description="Come along",
            kind=ActivityKind.choices[0][0],
            place="Civic Centre",
            created_by=worker,
            starts_at=start + timedelta(hours=i),
            ends_at=start + timedelta(hours=i, minutes=90),
        )


def titles(page) -> list[str]:
    return [f"Session {i:02d}" for i in range(45) if f"Session {i:02d}<" in page]


def test_twenty_at_a_time_soonest_first_with_links_between(client, login, young_person, sessions):
    login(young_person)
    first = client.get("/activities/").content.decode()
    assert titles(first) == [f"Session {i:02d}" for i in range(20)]
    assert 'href="?page=2">Later ones' in first and "Sooner ones" not in first
    last = client.get("/activities/?page=3").content.decode()
    assert titles(last) == [f"Session {i:02d}" for i in range(40, 45)]
    assert 'href="?page=2">Sooner ones' in last and "Later ones" not in last


@pytest.mark.parametrize("page", ["abc", "0", "-3", "", "2.5"])
def test_a_page_number_that_is_not_one_shows_the_first_page(
    client, login, young_person, sessions, page
):
    login(young_person)
    response = client.get(f"/activities/?page={page}")
    assert response.status_code == 200
    assert titles(response.content.decode())[0] == "Session 00"


def test_a_page_past_the_end_says_there_is_nothing_there(client, login, young_person, sessions):
    login(young_person)
    response = client.get("/activities/?page=" + "9" * 30)
    assert response.status_code == 200
    assert "There are no activities coming up" in response.content.decode()
