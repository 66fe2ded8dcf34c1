"""A worker sets up polling stations at the schools and groups of the demo data, and adds a
missing one, all through the portal's own pages (never the admin site); a young person is
refused the organisation pages."""

from io import StringIO

import pytest
from django.urls import reverse

from forums.elections.forms import StationForm
from forums.elections.models import PollingStation
from participation.demo import seed_base
from participation.models import Organisation, OrganisationKind
from participation.services.organisations import organisation_create
from tests.elections.factories import ElectionFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.pagebudget import assert_page_budget

pytestmark = pytest.mark.django_db

SEEDED_PLACES = ["Heath Park School", "Changing Our Lives", "Lego Club"]


@pytest.fixture
def seeded(db):
    seed_base(StringIO())


def html(response):
    return response.content.decode()


def station_fields(election, constituency, organisation, email):
    name = StationForm(election=election).add_prefix
    return {
        name("constituency"): constituency.pk,
        name("organisation"): organisation.pk,
        name("contact_email"): email,
        name("electorate"): "300",
    }


def test_a_worker_sets_up_three_polling_stations_at_seeded_schools(seeded, client, login, worker):
    election = ElectionFactory(voting=False)
    constituency = election.constituencies.get()
    login(worker)
    manage = html(client.get(reverse("elections:manage", args=[election.pk])))
    for name in SEEDED_PLACES:
        assert name in manage
    assert "Heath Park School (School, Wolverhampton)" in manage
    assert "Add a school or group" in manage
    assert "Kent County Council (" not in manage  # a council is not a polling station

    for i, name in enumerate(SEEDED_PLACES):
        email = f"contact{i}@example.org"
        UserFactory(email=email)
        school = Organisation.objects.get(name=name)
        response = client.post(
            reverse("elections:station_add", args=[election.pk]),
            station_fields(election, constituency, school, email),
        )
        assert response.status_code == 302, html(response)

    stations = PollingStation.objects.filter(election=election)
    assert sorted(s.organisation.name for s in stations) == sorted(SEEDED_PLACES)
    page = html(client.get(reverse("elections:manage", args=[election.pk])))
    for station in stations:
        assert reverse("elections:station", args=[station.pk]) in page


def test_a_missing_school_is_added_from_the_station_form_and_chosen_at_once(
    seeded, client, login, worker
):
    election = ElectionFactory(voting=False)
    manage_url = reverse("elections:manage", args=[election.pk])
    login(worker)
    manage = html(client.get(manage_url))
    add_link = (
        reverse("organisation_create") + "?kind=school&amp;next=" + manage_url.replace("/", "%2F")
    )
    assert add_link in manage

    form = client.get(add_link.replace("&amp;", "&"))
    assert form.status_code == 200
    assert f'name="next" value="{manage_url}"' in html(form)
    added = client.post(
        reverse("organisation_create"),
        {
            "name": "  Bilston  Academy ",
            "kind": "school",
            "area": "Wolverhampton",
            "next": manage_url,
        },
    )
    assert added.status_code == 302 and added.url == manage_url
    assert "Bilston Academy (School, Wolverhampton)" in html(client.get(manage_url))
    assert Organisation.objects.get(name="Bilston Academy").slug == "bilston-academy"


def test_the_organisation_pages_keep_what_was_typed_and_refuse_a_second_of_the_same_name(
    seeded, client, login, worker
):
    login(worker)
    same = client.post(
        reverse("organisation_create"), {"name": "heath park school", "kind": "school"}
    )
    assert same.status_code == 400
    assert "There is a problem" in html(same)
    assert "There is already one called heath park school" in html(same)
    assert 'value="heath park school"' in html(same)
    empty = client.post(reverse("organisation_create"), {"name": "", "kind": ""})
    assert empty.status_code == 400
    assert "Fill in: Name." in html(empty)

    school = Organisation.objects.get(name="Heath Park School")
    edit = reverse("organisation_edit", args=[school.pk])
    assert 'value="Heath Park School"' in html(client.get(edit))
    changed = client.post(
        edit,
        {
            "name": "Heath Park",
            "kind": "school",
            "area": "Wednesfield",
            "next": "https://evil.example/",
        },
    )
    assert changed.status_code == 302 and changed.url == reverse("organisation_list")
    school.refresh_from_db()
    assert (school.name, school.area) == ("Heath Park", "Wednesfield")
    listing = html(client.get(reverse("organisation_list") + "?kind=school"))
    assert "Heath Park" in listing and "Lego Club" not in listing
    assert listing.count("<h1") == 1


def test_a_young_person_is_refused_the_organisation_pages(seeded, client, login, young_person):
    school = Organisation.objects.get(name="Heath Park School")
    login(young_person)
    for url in (
        reverse("organisation_list"),
        reverse("organisation_create"),
        reverse("organisation_edit", args=[school.pk]),
    ):
        assert client.get(url).status_code == 403
    posted = client.post(reverse("organisation_create"), {"name": "My club", "kind": "community"})
    assert posted.status_code == 403
    assert not Organisation.objects.filter(name="My club").exists()
    with pytest.raises(Exception, match="Only a participation worker can add or change"):
        organisation_create(actor=young_person, name="My club", kind=OrganisationKind.COMMUNITY)


def test_the_seeds_schools_and_groups_are_in_the_demo_data(seeded):
    places = dict(Organisation.objects.values_list("name", "area"))
    assert places["Heath Park School"] == "Wolverhampton"
    assert places["Changing Our Lives"] == "Wolverhampton"
    assert places["Lego Club"] == "Kent"
    assert places["Kent Mind"] == "Kent"


def test_the_organisation_list_runs_the_same_queries_however_long_it_is(
    settings, client, login, worker
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    login(worker)
    assert_page_budget(
        client,
        reverse("organisation_list"),
        grow=lambda n: OrganisationFactory.create_batch(n, kind=OrganisationKind.SCHOOL),
    )
