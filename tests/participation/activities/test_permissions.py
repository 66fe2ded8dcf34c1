"""Acceptance: a role × page matrix for every activity page. Only workers add and change
activities, record attendance and consent, and sign off; young people sign up and cancel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participation import services
from participation.models import Role
from participation.registry import registry
from tests import factories
from tests.participation.training.helpers import make_activity, young

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "young_person", "member", "worker", "officer", "parent_carer", "board_member"]
TAKING_PART = {"young_person", "member", "worker", "officer"}
WORKERS = {"worker"}

PAGES = {
    "activity_list": (lambda w: reverse("activity_list"), TAKING_PART),
    "activity_list_past": (lambda w: reverse("activity_list") + "?when=past", TAKING_PART),
    "activity_detail": (lambda w: reverse("activity_detail", args=[w["open"].pk]), TAKING_PART),
    "activity_detail_for_a_group": (
        lambda w: reverse("activity_detail", args=[w["group_activity"].pk]),
        # The group is sensitive and this worker is not one of its own workers (the forums
        # app tells the registry who is: tests/forums/test_sensitive_activity_pages.py).
        {"member"},
    ),
    "activity_create": (lambda w: reverse("activity_create"), WORKERS),
    "activity_edit": (lambda w: reverse("activity_edit", args=[w["open"].pk]), WORKERS),
    "activity_attendance": (
        lambda w: reverse("activity_attendance", args=[w["past"].pk]),
        WORKERS,
    ),
    "activity_consent": (
        lambda w: reverse("activity_consent", args=[w["open"].pk, w["pending"].pk]),
        WORKERS,
    ),
    "activity_rung": (
        lambda w: reverse("activity_rung", args=[w["past"].pk]),
        {"young_person", "member"},
    ),
}


@pytest.fixture
def world(db, monkeypatch):
    worker = factories.WorkerFactory()
    cicc = factories.GroupFactory(name="Children in Care Council", membership_is_sensitive=True)
    # Only the group's own worker may set up its activities (its app tells the registry who).
    cicc_worker = factories.WorkerFactory()
    monkeypatch.setitem(
        registry.group_worker_checks, "tests", lambda group, user: user.pk == cicc_worker.pk
    )
    member = young()
    factories.MembershipFactory(group=cicc, user=member)
    open_activity = make_activity(worker=worker, capacity=10)
    pending = services.activity_signup(activity=open_activity, user=young(age=11))
    past = make_activity(
        worker=worker, starts_at=timezone.now() - timedelta(days=2), title="Make Your Mark"
    )
    return {
        "open": open_activity,
        "pending": pending,
        "past": past,
        "group_activity": make_activity(
            worker=cicc_worker, audience_group=cicc, title="CiCC meeting"
        ),
        "worker": worker,
        "cicc_worker": cicc_worker,
        "young_person": young(),
        "member": member,
        "officer": factories.StaffFactory(roles=[Role.OFFICER]),
        "parent_carer": factories.UserFactory(roles=[Role.PARENT_CARER]),
        "board_member": factories.UserFactory(roles=[Role.BOARD_MEMBER]),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_activity_page_matrix(client, login, world, page, role):
    url_for, allowed = PAGES[page]
    if role != "anonymous":
        login(world[role])
    response = client.get(url_for(world))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("young_person", 302),
        ("worker", 302),
        ("parent_carer", 403),
        ("board_member", 403),
    ],
)
@pytest.mark.parametrize("action", ["activity_signup", "activity_cancel"])
def test_sign_up_and_cancel_matrix(client, login, world, role, expected, action):
    if role != "anonymous":
        login(world[role])
    response = client.post(reverse(action, args=[world["open"].pk]))
    if expected == "login":
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


def test_nobody_outside_a_group_can_sign_up_for_its_activity(client, login, world):
    login(world["young_person"])
    response = client.post(reverse("activity_signup", args=[world["group_activity"].pk]))
    assert response.status_code == 403
    assert not world["group_activity"].signups.exists()


def test_a_sensitive_groups_activities_are_not_listed_for_others(client, login, world):
    login(world["young_person"])
    assert "CiCC meeting" not in client.get(reverse("activity_list")).content.decode()
    login(world["member"])
    assert "CiCC meeting" in client.get(reverse("activity_list")).content.decode()


def test_a_worker_is_listed_only_the_activities_they_can_open(client, login, world):
    """A worker who doesn't run the sensitive group isn't offered its activity (it would
    answer 403); the group's own worker is."""
    login(world["worker"])
    page = client.get(reverse("activity_list")).content.decode()
    assert "CiCC meeting" not in page and "SpeakOut session" in page
    login(world["cicc_worker"])
    page = client.get(reverse("activity_list")).content.decode()
    assert "CiCC meeting" in page
    url = reverse("activity_detail", args=[world["group_activity"].pk])
    assert client.get(url).status_code == 200


def test_only_workers_see_who_signed_up(client, login, world):
    pending_name = world["pending"].user.display_name
    login(world["young_person"])
    page = client.get(reverse("activity_detail", args=[world["open"].pk])).content.decode()
    assert pending_name not in page
    assert "who is coming" not in page
    login(world["worker"])
    page = client.get(reverse("activity_detail", args=[world["open"].pk])).content.decode()
    assert pending_name in page
    assert reverse("activity_consent", args=[world["open"].pk, world["pending"].pk]) in page


def test_a_young_person_cannot_record_attendance_by_post(client, login, world):
    kai = world["young_person"]
    login(kai)
    response = client.post(
        reverse("activity_attendance", args=[world["past"].pk]), {f"status_{kai.pk}": "present"}
    )
    assert response.status_code == 403
    assert not world["past"].attendances.exists()
