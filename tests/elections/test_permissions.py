"""Role × page for every elections page, including drafts and sensitive groups (CiCC, CLIC)."""

import pytest
from django.urls import reverse

from forums.elections import services
from forums.elections.models import ElectionStatus
from participation.models import OrganisationKind, Role
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, NOT_FOUND, BACK = 200, "login", 403, 404, 302
ROLES = [None, *Role.values, "cicc_member", "station_contact", "other_station_contact"]
MANAGERS = {Role.WORKER: OK, Role.ADMINISTRATOR: OK}

# (page, which election) -> expected outcome per role; "default" for roles not listed.
MATRIX = {
    ("list", None): {None: LOGIN, "default": OK},
    ("create", None): {None: LOGIN, "default": FORBIDDEN, **MANAGERS},
    ("detail", "voting"): {None: LOGIN, "default": OK},
    ("manage", "voting"): {None: LOGIN, "default": FORBIDDEN, **MANAGERS},
    ("stand", "standing"): {
        None: LOGIN,
        "default": FORBIDDEN,
        Role.YOUNG_PERSON: OK,
        "cicc_member": OK,
    },
    ("vote", "voting"): {
        None: LOGIN,
        "default": FORBIDDEN,
        Role.YOUNG_PERSON: OK,
        "cicc_member": OK,
    },
    # Receipts and results are public (a pupil voting with a code has no account).
    ("receipts", "voting"): {"default": OK},
    ("results", "voting"): {"default": BACK, **MANAGERS},
    ("results", "closed"): {"default": OK},
    ("results_sheet", "closed"): {"default": OK},
    ("results_sheet", "voting"): {"default": NOT_FOUND},
    ("code_vote", "voting"): {"default": OK},
    ("code_vote", "draft"): {"default": NOT_FOUND, **MANAGERS},
    # A polling-station contact sees their own station's pages, and nothing else of staff's.
    ("station", "station"): {None: LOGIN, "default": FORBIDDEN, "station_contact": OK, **MANAGERS},
    ("station_count", "station"): {
        None: LOGIN,
        "default": FORBIDDEN,
        "station_contact": OK,
        **MANAGERS,
    },
    ("station_print/ballot-papers", "station"): {
        None: LOGIN,
        "default": FORBIDDEN,
        "station_contact": OK,
        **MANAGERS,
    },
    ("station_print/leaflets", "station"): {
        None: LOGIN,
        "default": FORBIDDEN,
        "station_contact": OK,
        **MANAGERS,
    },
    ("detail", "draft"): {None: LOGIN, "default": NOT_FOUND, **MANAGERS},
    ("vote", "draft"): {
        None: LOGIN,
        "default": FORBIDDEN,
        Role.YOUNG_PERSON: NOT_FOUND,
        "cicc_member": NOT_FOUND,
    },
    # Taking part in a Children in Care Council election reveals care status.
    ("detail", "cicc"): {None: LOGIN, "default": NOT_FOUND, "cicc_member": OK, **MANAGERS},
    ("results", "cicc"): {"default": NOT_FOUND, "cicc_member": OK, **MANAGERS},
    ("receipts", "cicc"): {"default": NOT_FOUND, "cicc_member": OK, **MANAGERS},
    ("vote", "cicc"): {
        None: LOGIN,
        "default": FORBIDDEN,
        Role.YOUNG_PERSON: NOT_FOUND,
        "cicc_member": OK,
    },
}


@pytest.fixture
def elections(worker):
    cicc = GroupFactory(name="Children in Care Council", membership_is_sensitive=True)
    closed = ElectionFactory()
    CandidateFactory(constituency=closed.constituencies.get())
    services.election_close(actor=worker, election=closed)
    cicc_election = ElectionFactory(constituency={"voters_group": cicc})
    services.election_close(actor=worker, election=ElectionFactory())  # unrelated, closed
    voting = ElectionFactory()
    station, other_station = (
        services.polling_station_add(
            actor=worker,
            constituency=voting.constituencies.get(),
            organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL),
            contact=UserFactory(),
        )
        for _ in range(2)
    )
    return {
        "station": station,
        "other_station": other_station,
        "voting": voting,
        "standing": ElectionFactory(voting=False),
        "closed": closed,
        "draft": ElectionFactory(status=ElectionStatus.DRAFT),
        "cicc": cicc_election,
        "cicc_group": cicc,
    }


@pytest.fixture
def cicc_results(elections, worker):
    services.election_close(actor=worker, election=elections["cicc"])


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
@pytest.mark.parametrize("page, which", list(MATRIX), ids=lambda v: str(v))
def test_role_page_matrix(client, login, make_user, elections, role, page, which):
    expected = MATRIX[(page, which)].get(role, MATRIX[(page, which)]["default"])
    if which == "cicc" and page == "results":
        services.election_close(actor=make_user(Role.WORKER), election=elections["cicc"])
    if role in ("station_contact", "other_station_contact"):
        station = elections["station" if role == "station_contact" else "other_station"]
        login(station.contact)
    elif role == "cicc_member":
        user = make_user(Role.YOUNG_PERSON)
        MembershipFactory(group=elections["cicc_group"], user=user)
        login(user)
    elif role is not None:
        login(make_user(role))
    args = [] if which is None else [elections[which].pk]
    if "/" in page:
        page, what = page.split("/")
        args.append(what)
    response = client.get(reverse(f"elections:{page}", args=args))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif expected == BACK:
        assert response.status_code == 302
        assert response.url == reverse("elections:detail", args=args)
    elif expected == NOT_FOUND and role is None:
        assert response.status_code == NOT_FOUND
    else:
        assert response.status_code == expected


def test_the_list_hides_drafts_and_other_peoples_sensitive_elections(
    client, login, make_user, elections
):
    login(make_user(Role.YOUNG_PERSON))
    html = client.get(reverse("elections:list")).content.decode()
    assert elections["voting"].title in html
    assert elections["draft"].title not in html
    assert elections["cicc"].title not in html


# Each thing a worker does on the manage page has its own address, POST only.
ACTIONS = [
    ("publish", []),
    ("close", []),
    ("constituency_add", []),
    ("seat_add", []),
    ("station_add", []),
    ("topic_add", []),
    ("review", ["candidate"]),
    ("tie", ["constituency"]),
    ("adopt", ["topic"]),
]


@pytest.mark.parametrize("name, extra", ACTIONS, ids=[a for a, _ in ACTIONS])
@pytest.mark.parametrize("role", [None, Role.YOUNG_PERSON, Role.PARENT_CARER, Role.WORKER])
def test_manage_actions_are_posts_for_workers_only(client, login, make_user, name, extra, role):
    from tests.elections.factories import TopicBallotFactory, TopicFactory

    election = ElectionFactory()  # published, so everyone may see it
    ids = {
        "candidate": CandidateFactory(constituency=election.constituencies.get()).pk,
        "constituency": election.constituencies.get().pk,
        "topic": TopicFactory(election=TopicBallotFactory()).pk,
    }
    url = reverse(f"elections:{name}", args=[election.pk, *(ids[e] for e in extra)])
    if role is not None:
        login(make_user(role))
    response = client.post(url)
    get = client.get(url)
    if role is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif role != Role.WORKER:
        assert response.status_code == get.status_code == FORBIDDEN
    else:
        assert get.status_code == 405
        assert response.status_code in (302, 400, 404)
    if role != Role.WORKER:
        election.refresh_from_db()
        assert election.status == ElectionStatus.OPEN  # nothing done
