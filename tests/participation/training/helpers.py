"""Builders for training and activity tests, going through the real services."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from participation import services
from participation.models import Role, User
from tests import factories


def a_worker() -> User:
    return factories.WorkerFactory()


def make_module(
    *,
    title: str = "Pay it Forward reviewer",
    unlocks=("grant_reviewer",),
    delivery: str = "face_to_face",
    audience: str = "young_people",
    valid_for_months: int | None = 12,
    duration_minutes: int = 60,
    published: bool = True,
    worker: User | None = None,
):
    worker = worker or a_worker()
    return services.training_module_create(
        created_by=worker,
        title=title,
        summary=f"{title} in plain words.",
        audience=audience,
        delivery=delivery,
        unlocks=list(unlocks),
        valid_for_months=valid_for_months,
        duration_minutes=duration_minutes,
        pass_mark=80,
        is_published=published if delivery == "face_to_face" else False,
    )


def make_e_learning(
    *,
    title: str = "Co-production e-learning",
    unlocks=(),
    audience: str = "young_people",
    valid_for_months: int | None = 24,
    worker: User | None = None,
):
    """Three lessons, five questions (pass mark 80%: 4 right to pass), published."""
    worker = worker or a_worker()
    module = make_module(
        title=title,
        unlocks=unlocks,
        delivery="e_learning",
        audience=audience,
        valid_for_months=valid_for_months,
        duration_minutes=30,
        worker=worker,
    )
    lessons = [
        services.lesson_create(
            module=module,
            edited_by=worker,
            title=f"Lesson title {n}",
            body=f"Lesson {n} says something short.\n\n- point one\n- point two",
        )
        for n in (1, 2, 3)
    ]
    # question n sends you back to lesson (1, 1, 2, 2, 3)
    for n, lesson in enumerate([lessons[0], lessons[0], lessons[1], lessons[1], lessons[2]], 1):
        services.question_create(
            module=module,
            edited_by=worker,
            text=f"Question text {n}?",
            choices=[(f"Right answer {n}", True), (f"Wrong answer {n}", False)],
            lesson=lesson,
        )
    return services.training_module_update(
        module=module,
        updated_by=worker,
        title=module.title,
        summary=module.summary,
        audience=module.audience,
        delivery=module.delivery,
        unlocks=list(unlocks),
        valid_for_months=valid_for_months,
        duration_minutes=30,
        pass_mark=80,
        is_published=True,
    )


def answers(module, *, wrong_numbers=()) -> dict[int, int]:
    result = {}
    for question in module.questions.prefetch_related("choices"):
        want_right = question.number not in wrong_numbers
        choice = next(c for c in question.choices.all() if c.is_correct == want_right)
        result[question.pk] = choice.pk
    return result


def at(days: int, hour: int = 17, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_activity(*, worker: User | None = None, days: int = 7, hours: int = 2, **fields):
    worker = worker or a_worker()
    starts_at = fields.pop("starts_at", at(days))
    spec = {
        "title": "SpeakOut session",
        "description": "Help design MoodSpark.",
        "kind": "speakout",
        "starts_at": starts_at,
        "ends_at": fields.pop("ends_at", starts_at + timedelta(hours=hours)),
        "place": "HeadStart Kent, Maidstone",
    }
    spec.update(fields)
    return services.activity_create(created_by=worker, **spec)


def young(age: int = 15, **fields) -> User:
    return factories.YoungPersonFactory(
        date_of_birth=factories.birthday_for_age(age), roles=[Role.YOUNG_PERSON], **fields
    )
