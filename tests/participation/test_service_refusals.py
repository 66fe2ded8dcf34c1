"""Every write service of the base that acts for someone refuses an actor without the
permission, with the permission layer's plain words (`participation.access.Refused`).

`COVERED` and `EXEMPT` between them name every function in `participation.services.__all__`
(a meta-test elsewhere checks that); each covered one has a case in `CASES` below."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation import services
from participation.access import Refused
from participation.models import (
    ActivitySignup,
    Attendance,
    Role,
    RoleAssignment,
    TrainingModule,
)
from tests import factories
from tests.participation.training.helpers import (
    make_activity,
    make_e_learning,
    make_module,
    young,
)

pytestmark = pytest.mark.django_db

COVERED = {
    services.activity_cancel,
    services.activity_consent_record,
    services.activity_create,
    services.activity_signup,
    services.activity_update,
    services.attendance_record,
    services.attendance_take,
    services.consent_record,
    services.lesson_complete,
    services.lesson_create,
    services.lesson_update,
    services.question_create,
    services.question_update,
    services.quiz_submit,
    services.role_grant,
    services.role_revoke,
    services.rung_rate,
    services.training_complete,
    services.training_group_signoff,
    services.training_module_create,
    services.training_module_update,
    services.young_person_create_by_worker,
}

EXEMPT = {
    services.account_erase: "the person themselves, who typed the words to confirm",
    services.personal_data_export: "a read, of the person's own data",
    services.activity_reminders_send: "a task: the periodic reminder, with no actor",
    services.activity_signup_error: "a read: why this person can't sign up",
    services.audit: "internal: other services write the audit log inside their transaction",
    services.is_trained: "a read: the one answer to 'is this person trained for this?'",
    services.trained_user_ids: "a read: who is trained, for lists such as a panel",
    services.digests_send: "a task: the periodic digest emails, with no actor",
    services.notification_choices_set: "the person themselves, on their own choices",
    services.notification_deliver: "a task: delivers one notification, with no actor",
    services.notification_mark_read: "the person themselves, on their own notifications",
    services.notification_preference_set: "the person themselves, on their own choices",
    services.notify: "internal: other services call it inside their transaction",
    services.training_expiry_notes_send: "a task: the periodic expiry notes, with no actor",
    services.user_signup_details_set: "the person themselves, as allauth signs them up",
}


@pytest.fixture
def world(db):
    worker = factories.WorkerFactory()
    module = make_module(worker=worker, title="Interview training", unlocks=())
    e_learning = make_e_learning(worker=worker)
    lesson = e_learning.lessons.first()
    question = e_learning.questions.first()
    upcoming = make_activity(worker=worker, capacity=5)
    past = make_activity(
        worker=worker,
        starts_at=timezone.now() - timedelta(days=2),
        training_module=module,
        title="Interview training session",
    )
    child = young(age=11)
    pending = services.activity_signup(activity=upcoming, user=child)
    kai = young()
    services.activity_signup(activity=upcoming, user=kai)
    services.attendance_record(activity=past, recorded_by=worker, statuses={kai.pk: "present"})
    return {
        "worker": worker,
        "module": module,
        "e_learning": e_learning,
        "lesson": lesson,
        "question": question,
        "upcoming": upcoming,
        "past": past,
        "pending": pending,
        "kai": kai,
        "child": child,
        "young": young(),
        "officer": factories.StaffFactory(roles=[Role.OFFICER]),
        "professional": factories.StaffFactory(roles=[Role.PROFESSIONAL]),
        "parent": factories.UserFactory(roles=[Role.PARENT_CARER]),
        "board": factories.UserFactory(roles=[Role.BOARD_MEMBER]),
    }


MODULE_FIELDS = dict(
    title="New module",
    summary="Short words.",
    audience="young_people",
    delivery="face_to_face",
    unlocks=[],
    valid_for_months=None,
    duration_minutes=60,
    pass_mark=80,
    is_published=False,
)

ACTIVITY_FIELDS = dict(
    title="Open Space",
    description="Talk.",
    kind="open_space",
    place="Civic Hall",
)


def _when(days=3):
    start = timezone.now() + timedelta(days=days)
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


CONSENT = dict(given_by_name="Sam Parent", relationship="Mum", how_given="phone")

# (service, who tries, how they call it)
CASES = [
    (
        services.training_module_create,
        "professional",
        lambda w, a: services.training_module_create(created_by=a, **MODULE_FIELDS),
    ),
    (
        services.training_module_update,
        "officer",
        lambda w, a: services.training_module_update(
            module=w["module"], updated_by=a, **{**MODULE_FIELDS, "title": "Changed"}
        ),
    ),
    (
        services.lesson_create,
        "young",
        lambda w, a: services.lesson_create(
            module=w["e_learning"], edited_by=a, title="X", body="Y"
        ),
    ),
    (
        services.lesson_update,
        "professional",
        lambda w, a: services.lesson_update(lesson=w["lesson"], edited_by=a, title="X", body="Y"),
    ),
    (
        services.question_create,
        "officer",
        lambda w, a: services.question_create(
            module=w["e_learning"], edited_by=a, text="Q?", choices=[("A", True), ("B", False)]
        ),
    ),
    (
        services.question_update,
        "young",
        lambda w, a: services.question_update(
            question=w["question"], edited_by=a, text="Q?", choices=[("A", True), ("B", False)]
        ),
    ),
    (
        services.lesson_complete,
        "parent",
        lambda w, a: services.lesson_complete(user=a, lesson=w["lesson"]),
    ),
    (
        services.quiz_submit,
        "board",
        lambda w, a: services.quiz_submit(user=a, module=w["e_learning"], answers={}),
    ),
    (
        services.training_complete,
        "professional",
        lambda w, a: services.training_complete(
            user=w["kai"],
            module=w["module"],
            completed_on=timezone.localdate(),
            method="face_to_face",
            signed_off_by=a,
        ),
    ),
    (
        services.training_group_signoff,
        "officer",
        lambda w, a: services.training_group_signoff(
            module=w["module"],
            people=[w["kai"]],
            signed_off_by=a,
            completed_on=timezone.localdate(),
        ),
    ),
    (
        services.activity_create,
        "professional",
        lambda w, a: services.activity_create(created_by=a, **ACTIVITY_FIELDS, **_when()),
    ),
    (
        services.activity_update,
        "young",
        lambda w, a: services.activity_update(activity=w["upcoming"], updated_by=a, capacity=50),
    ),
    (
        services.activity_signup,
        "parent",
        lambda w, a: services.activity_signup(activity=w["upcoming"], user=a),
    ),
    (
        services.activity_cancel,
        "officer",
        lambda w, a: services.activity_cancel(
            activity=w["upcoming"], user=w["kai"], cancelled_by=a
        ),
    ),
    (
        services.activity_consent_record,
        "professional",
        lambda w, a: services.activity_consent_record(
            signup=w["pending"], recorded_by=a, **CONSENT
        ),
    ),
    (
        services.attendance_record,
        "officer",
        lambda w, a: services.attendance_record(
            activity=w["past"], recorded_by=a, statuses={w["kai"].pk: "absent"}
        ),
    ),
    (
        services.attendance_take,
        "young",
        lambda w, a: services.attendance_take(
            activity=w["past"], recorded_by=a, statuses={w["kai"].pk: "present"}, sign_off=True
        ),
    ),
    (
        services.rung_rate,
        "worker",
        lambda w, a: services.rung_rate(activity=w["past"], user=a, rung="co_design"),
    ),
    (
        services.consent_record,
        "professional",
        lambda w, a: services.consent_record(child=w["child"], recorded_by=a, **CONSENT),
    ),
    (
        services.young_person_create_by_worker,
        "officer",
        lambda w, a: services.young_person_create_by_worker(
            worker=a,
            email="new@example.org",
            first_name="New",
            last_name="Person",
            date_of_birth=factories.birthday_for_age(11),
            area="",
            parent_name="Sam Parent",
            relationship="Mum",
            parent_contact="",
            how_given="phone",
        ),
    ),
    (
        services.role_grant,
        "worker",  # a worker may give a young person's role, never a staff one
        lambda w, a: services.role_grant(user=w["kai"], role=Role.WORKER, granted_by=a),
    ),
    (
        services.role_revoke,
        "professional",
        lambda w, a: services.role_revoke(
            assignment=RoleAssignment.objects.get(user=w["kai"], role=Role.YOUNG_PERSON),
            revoked_by=a,
        ),
    ),
]


def _snapshot():
    return (
        TrainingModule.objects.count(),
        list(ActivitySignup.objects.order_by("pk").values_list("pk", "status")),
        list(Attendance.objects.order_by("pk").values_list("pk", "status")),
        RoleAssignment.objects.count(),
    )


def test_every_covered_service_has_a_case():
    assert {service for service, _, _ in CASES} == COVERED
    assert not COVERED & set(EXEMPT)


def test_covered_and_exempt_name_every_service_function():
    import inspect

    functions = {
        getattr(services, name)
        for name in services.__all__
        if inspect.isfunction(getattr(services, name))
    }
    assert functions == COVERED | set(EXEMPT)


@pytest.mark.parametrize(
    ("service", "who", "call"), CASES, ids=[f"{s.__name__}-{who}" for s, who, _ in CASES]
)
def test_a_service_refuses_an_actor_without_the_permission(world, service, who, call):
    before = _snapshot()
    with pytest.raises(Refused) as refused:
        call(world, world[who])
    assert refused.value.code == "forbidden"
    [message] = refused.value.messages
    assert message.endswith(".") and "permission" not in message.lower()
    assert _snapshot() == before


def test_the_same_calls_work_for_a_worker(world):
    """The refusals above are about the actor, not the call: a worker gets through."""
    worker = world["worker"]
    services.training_module_create(created_by=worker, **MODULE_FIELDS)
    services.lesson_create(module=world["e_learning"], edited_by=worker, title="X", body="Y")
    services.activity_create(created_by=worker, **ACTIVITY_FIELDS, **_when())
    services.activity_consent_record(signup=world["pending"], recorded_by=worker, **CONSENT)
    services.attendance_take(
        activity=world["past"], recorded_by=worker, statuses={world["kai"].pk: "present"}
    )
    services.role_grant(user=world["parent"], role=Role.YOUNG_PERSON, granted_by=worker)
