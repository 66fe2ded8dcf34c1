"""Acceptance: a role × page matrix for every training page. Only workers write modules; a young
person sees their own progress and certificates, not other people's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from participation import services
from participation.models import Role
from tests import factories

from .helpers import make_e_learning, young

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "young_person", "worker", "officer", "parent_carer", "board_member"]
EVERYONE_TAKING_PART = {"owner", "young_person", "worker", "officer"}
YOUNG_PEOPLE_AND_WORKERS = {"owner", "young_person", "worker"}
OWNER_AND_WORKERS = {"owner", "worker"}
WORKERS = {"worker"}

PAGES = {
    "training_list": (lambda w: reverse("training_list"), EVERYONE_TAKING_PART),
    "training_mine": (lambda w: reverse("training_mine"), EVERYONE_TAKING_PART),
    "training_person": (
        lambda w: reverse("training_person", args=[w["owner"].pk]),
        OWNER_AND_WORKERS,
    ),
    "training_certificate": (
        lambda w: reverse("training_certificate", args=[w["completion"].pk]),
        OWNER_AND_WORKERS,
    ),
    "training_detail": (
        lambda w: reverse("training_detail", args=[w["module"].slug]),
        YOUNG_PEOPLE_AND_WORKERS,
    ),
    "training_lesson": (
        lambda w: reverse("training_lesson", args=[w["module"].slug, 1]),
        YOUNG_PEOPLE_AND_WORKERS,
    ),
    "training_quiz": (
        lambda w: reverse("training_quiz", args=[w["module"].slug]),
        YOUNG_PEOPLE_AND_WORKERS,
    ),
    "training_module_create": (lambda w: reverse("training_module_create"), WORKERS),
    "training_module_edit": (
        lambda w: reverse("training_module_edit", args=[w["module"].slug]),
        WORKERS,
    ),
    "training_lesson_create": (
        lambda w: reverse("training_lesson_create", args=[w["module"].slug]),
        WORKERS,
    ),
    "training_lesson_edit": (
        lambda w: reverse("training_lesson_edit", args=[w["module"].slug, 1]),
        WORKERS,
    ),
    "training_question_create": (
        lambda w: reverse("training_question_create", args=[w["module"].slug]),
        WORKERS,
    ),
    "training_question_edit": (
        lambda w: reverse("training_question_edit", args=[w["module"].slug, 1]),
        WORKERS,
    ),
}


@pytest.fixture
def world(db):
    worker = factories.WorkerFactory()
    module = make_e_learning(worker=worker)
    owner = young(first_name="Amira")
    result = services.quiz_submit(
        user=owner,
        module=module,
        answers={q.pk: q.choices.get(is_correct=True).pk for q in module.questions.all()},
    )
    return {
        "module": module,
        "owner": owner,
        "completion": result.completion,
        "worker": worker,
        "young_person": young(),
        "officer": factories.StaffFactory(roles=[Role.OFFICER]),
        "parent_carer": factories.UserFactory(roles=[Role.PARENT_CARER]),
        "board_member": factories.UserFactory(roles=[Role.BOARD_MEMBER]),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_training_page_matrix(client, login, world, page, role):
    url_for, allowed = PAGES[page]
    url = url_for(world)
    if role != "anonymous":
        login(world[role])
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_an_unpublished_module_is_only_for_workers(client, login):
    worker = factories.WorkerFactory()
    draft = services.training_module_create(
        created_by=worker,
        title="Young inspector",
        summary="Draft.",
        audience="young_people",
        delivery="e_learning",
    )
    login(young())
    assert client.get(reverse("training_detail", args=[draft.slug])).status_code == 403
    assert "Young inspector" not in client.get(reverse("training_list")).content.decode()
    login(worker)
    assert client.get(reverse("training_detail", args=[draft.slug])).status_code == 200


def test_staff_only_modules_are_not_offered_to_young_people(client, login):
    worker = factories.WorkerFactory()
    services.training_module_create(
        created_by=worker,
        title="Co-production for staff",
        summary="For adults.",
        audience="staff",
        delivery="face_to_face",
        is_published=True,
    )
    login(young())
    assert "Co-production for staff" not in client.get(reverse("training_list")).content.decode()
    login(factories.StaffFactory(roles=[Role.OFFICER]))
    assert "Co-production for staff" in client.get(reverse("training_list")).content.decode()


def test_a_face_to_face_module_has_no_e_learning_pages(client, login):
    worker = factories.WorkerFactory()
    module = services.training_module_create(
        created_by=worker,
        title="Induction",
        summary="First session.",
        audience="young_people",
        delivery="face_to_face",
        is_published=True,
    )
    login(young())
    assert client.get(reverse("training_detail", args=[module.slug])).status_code == 200
    assert client.get(reverse("training_quiz", args=[module.slug])).status_code == 403


def test_a_young_person_cannot_save_progress_by_post_to_a_module_not_for_them(client, login):
    worker = factories.WorkerFactory()
    module = make_e_learning(worker=worker, audience="staff", title="Staff e-learning")
    kai = young()
    login(kai)
    response = client.post(reverse("training_lesson", args=[module.slug, 1]))
    assert response.status_code == 403
    assert not kai.lesson_progress.exists()


def test_my_page_shows_only_my_own_certificates(client, login, world):
    login(world["young_person"])
    page = client.get(reverse("training_mine")).content.decode()
    assert reverse("training_certificate", args=[world["completion"].pk]) not in page
    login(world["owner"])
    page = client.get(reverse("training_mine")).content.decode()
    assert reverse("training_certificate", args=[world["completion"].pk]) in page
    assert timezone.localdate().strftime("%Y") in page


@pytest.mark.parametrize(
    "role", [Role.PROFESSIONAL, Role.OFFICER, Role.YOUNG_PERSON, Role.WORKER, Role.ADMINISTRATOR]
)
def test_the_list_offers_exactly_the_modules_they_can_open(client, login, role):
    """Every module on the list opens for them (none answers 403), and every module that
    opens for them is on the list."""
    import re

    from participation.models import TrainingModule

    worker = factories.WorkerFactory()
    for audience in ("young_people", "staff", "both"):
        for published in (True, False):
            services.training_module_create(
                created_by=worker,
                title=f"{audience} {'ready' if published else 'draft'}",
                summary="Short words.",
                audience=audience,
                delivery="face_to_face",
                is_published=published,
            )
    make_e_learning(worker=worker, audience="staff", title="Staff e-learning")
    person = young() if role == Role.YOUNG_PERSON else factories.StaffFactory(roles=[role])
    login(person)
    page = client.get(reverse("training_list")).content.decode()
    listed = set(re.findall(r'href="/training/([a-z0-9_-]+)/"', page)) - {"mine", "new"}
    opens = {
        m.slug
        for m in TrainingModule.objects.all()
        if client.get(reverse("training_detail", args=[m.slug])).status_code == 200
    }
    assert listed == opens
    assert listed, "they should be offered something"
