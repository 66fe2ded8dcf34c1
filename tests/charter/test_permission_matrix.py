"""Who may open which charter page: everyone reads the charters, signatories and their
evidence; only an organisation's officers sign, pledge, add evidence and renew for it; only
trained young inspectors judge; only participation workers write charters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charter import services
from charter.models import Standing
from participation.models import Role
from tests.charter.factories import World
from tests.participation.training.helpers import make_activity

pytestmark = pytest.mark.django_db


class Matrix(World):
    def __init__(self, make_user):
        super().__init__()
        self.parent = make_user(Role.PARENT_CARER)
        self.board = make_user(Role.BOARD_MEMBER)
        self.admin = make_user(Role.ADMINISTRATOR)
        self.signed, self.pledges = self.ready_to_judge()
        self.challenge = self.judge(self.pledges[0], "advanced")
        self.kent = services.charter_create(
            created_by=self.worker, title="Kent Youth Charter", summary="s", rates_staff=True
        )
        self.activity = make_activity(
            worker=self.worker, starts_at=timezone.now() - timedelta(hours=3)
        )

    def who(self, name):
        return None if name == "anonymous" else getattr(self, name)


PRINCIPALS = [
    "anonymous",
    "young",
    "inspector",
    "parent",
    "worker",
    "officer",
    "other_officer",
    "board",
    "admin",
]
EVERYONE = set(PRINCIPALS)


def _promise_url(name):
    return lambda m: reverse(f"charter:{name}", args=[m.signed.pk, m.promises[0].pk])


PAGES = {
    "charters": (lambda m: reverse("charter:list"), EVERYONE),
    "charter": (lambda m: reverse("charter:detail", args=[m.charter.slug]), EVERYONE),
    "signatory": (lambda m: reverse("charter:signatory", args=[m.signed.pk]), EVERYONE),
    "sign": (
        lambda m: reverse("charter:sign", args=[m.charter.slug]),
        {"officer", "other_officer"},
    ),
    "add a principle": (
        lambda m: reverse("charter:principle_add", args=[m.charter.slug]),
        {"worker"},
    ),
    "add a promise": (lambda m: reverse("charter:promise_add", args=[m.charter.slug]), {"worker"}),
    "pledge": (_promise_url("pledge"), {"officer"}),
    "evidence": (_promise_url("evidence_add"), {"officer"}),
    "judge": (_promise_url("judge"), {"inspector"}),
    "answer a challenge": (
        lambda m: reverse("charter:answer", args=[m.signed.pk, m.challenge.pk]),
        {"officer"},
    ),
    "staff ratings": (lambda m: reverse("charter:staff_ratings", args=[m.kent.slug]), EVERYONE),
    # Whether they were there is the service's question; the page is for young people.
    "rate the staff": (
        lambda m: reverse("charter:rate_staff", args=[m.activity.pk]),
        {"young", "inspector"},
    ),
}


def get(client, login, user, url):
    client.logout()
    if user is not None:
        login(user)
    return client.get(url)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_matrix(client, login, make_user, page):
    m = Matrix(make_user)
    url_of, allowed = PAGES[page]
    url = url_of(m)
    for name in PRINCIPALS:
        status = get(client, login, m.who(name), url).status_code
        if name in allowed:
            assert status == 200, (page, name, status)
        elif name == "anonymous":
            assert status == 302, (page, name, status)
        else:
            assert status in (403, 404), (page, name, status)


def test_only_the_organisations_officer_can_renew(client, login, make_user):
    m = Matrix(make_user)
    url = reverse("charter:renew", args=[m.signed.pk])
    for name in ("young", "inspector", "worker", "other_officer", "admin"):
        client.logout()
        login(m.who(name))
        assert client.post(url).status_code == 403, name
    m.signed.refresh_from_db()
    assert m.signed.standing == Standing.SIGNED
    client.logout()
    login(m.officer)
    assert client.post(url).status_code == 302
    m.signed.refresh_from_db()
    assert m.signed.standing == Standing.RENEWED


def test_the_buttons_each_person_sees_match_what_they_may_do(client, login, make_user):
    m = Matrix(make_user)
    url = reverse("charter:signatory", args=[m.signed.pk])
    pledge_link = reverse("charter:pledge", args=[m.signed.pk, m.promises[0].pk])
    judge_link = reverse("charter:judge", args=[m.signed.pk, m.promises[0].pk])
    officer_page = get(client, login, m.officer, url).content.decode()
    assert pledge_link in officer_page and judge_link not in officer_page
    assert "Renew for another year" in officer_page
    inspector_page = get(client, login, m.inspector, url).content.decode()
    assert judge_link in inspector_page and pledge_link not in inspector_page
    public = get(client, login, None, url).content.decode()
    assert pledge_link not in public and judge_link not in public
    assert "Renew for another year" not in public


def test_the_public_sees_the_judgement_but_never_the_young_inspectors_name(client, make_user):
    m = Matrix(make_user)
    m.judge(m.pledges[0], "advanced")
    page = client.get(reverse("charter:signatory", args=[m.signed.pk])).content.decode()
    assert "Families said they were asked once, not often." in page
    assert "Advanced" in page and "A young inspector" in page
    assert "Jordan" not in page and "Clarke" not in page
