"""Training: modules, lessons and quizzes; completions; and the one answer to "is this person
trained for this?", `is_trained(...)`, which every other app and the permission layer ask."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from participation.access import require
from participation.models import (
    Activity,
    CompletionMethod,
    Lesson,
    LessonProgress,
    Membership,
    ModuleUnlock,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    Role,
    TrainingCompletion,
    TrainingDelivery,
    TrainingModule,
    Unlock,
    User,
)

from .audit import audit
from .notifications import notify

EXPIRY_WARNING_DAYS = 30


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _long_date(day: date) -> str:
    return date_format(day, "j F Y")


# --- "Is this person trained for this?" ----------------------------------------------------


@dataclass(frozen=True)
class TrainingCheck:
    """The answer to `is_trained`: truthy when trained, with a reason in plain English."""

    trained: bool
    reason: str
    completion: TrainingCompletion | None = None

    def __bool__(self) -> bool:
        return self.trained


def is_trained(person: User, unlocks: str, *, on: date | None = None) -> TrainingCheck:
    """Whether `person` holds a completion, valid on `on` (default today), of a module that
    unlocks `unlocks` (an `Unlock` value). One query."""
    on = on or timezone.localdate()
    label = Unlock(unlocks).label.lower()
    if person is None or not getattr(person, "pk", None):
        return TrainingCheck(False, f"You need to log in and do the {label} training first.")
    completions = list(
        TrainingCompletion.objects.filter(
            user=person, module__unlocks__unlock=unlocks, completed_on__lte=on
        )
        .select_related("module")
        .order_by("-completed_on", "-id")
    )
    valid = [c for c in completions if c.is_valid_on(on)]
    if valid:
        # Prefer the one that lasts longest, so the reason gives the latest date it runs to.
        best = max(valid, key=lambda c: c.expires_on or date.max)
        until = f", and it is valid until {_long_date(best.valid_until)}" if best.expires_on else ""
        return TrainingCheck(
            True,
            f"{person.display_name} did {best.module.title} on "
            f"{_long_date(best.completed_on)}{until}.",
            best,
        )
    if completions:
        last = completions[0]
        return TrainingCheck(
            False,
            f"{person.display_name}'s {last.module.title} training was valid until "
            f"{_long_date(last.valid_until)}, so it has run out. They need to do the refresher "
            f"before they can be a {label} again.",
            last,
        )
    modules = ", ".join(
        TrainingModule.objects.filter(unlocks__unlock=unlocks, is_published=True)
        .order_by("title")
        .values_list("title", flat=True)
    )
    if modules:
        return TrainingCheck(
            False,
            f"{person.display_name} has not done the training to be a {label} yet. "
            f"The training that counts is: {modules}.",
        )
    return TrainingCheck(
        False,
        f"{person.display_name} has not done the training to be a {label} yet, and no "
        "training for it is ready. Ask a participation worker.",
    )


def trained_user_ids(unlocks: str, *, on: date | None = None, among=None) -> set[int]:
    """The ids of everyone (or everyone `among` a queryset of users) trained for `unlocks` on
    `on`, in one query: for lists such as "which panel members may score"."""
    on = on or timezone.localdate()
    rows = TrainingCompletion.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=on),
        module__unlocks__unlock=unlocks,
        completed_on__lte=on,
    )
    if among is not None:
        rows = rows.filter(user__in=among)
    return set(rows.values_list("user_id", flat=True))


# --- Writing modules ------------------------------------------------------------------------


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "module"
    slug, n = base, 2
    taken = TrainingModule.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_unlocks(module: TrainingModule, unlocks) -> None:
    wanted = set(unlocks)
    bad = wanted - set(Unlock.values)
    if bad:
        raise ValidationError({"unlocks": "Choose only from the list of things it can unlock."})
    module.unlocks.exclude(unlock__in=wanted).delete()
    have = set(module.unlocks.values_list("unlock", flat=True))
    ModuleUnlock.objects.bulk_create(
        ModuleUnlock(module=module, unlock=u) for u in sorted(wanted - have)
    )


@transaction.atomic
def training_module_create(
    *,
    created_by: User,
    title: str,
    summary: str,
    audience: str,
    delivery: str,
    unlocks: list[str] | tuple[str, ...] = (),
    valid_for_months: int | None = None,
    duration_minutes: int = 60,
    pass_mark: int = 80,
    is_published: bool = False,
) -> TrainingModule:
    require(created_by, "participation.manage_training")
    if TrainingModule.objects.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": "There is already a module with this title."})
    module = TrainingModule(
        title=title.strip(),
        slug=_unique_slug(title),
        summary=summary.strip(),
        audience=audience,
        delivery=delivery,
        valid_for_months=valid_for_months,
        duration_minutes=duration_minutes,
        pass_mark=pass_mark,
        is_published=is_published,
        created_by=created_by,
    )
    module.full_clean()
    module.save()
    _set_unlocks(module, unlocks)
    audit(actor=created_by, action="training.module_create", target=module, unlocks=list(unlocks))
    return module


@transaction.atomic
def training_module_update(
    *,
    module: TrainingModule,
    updated_by: User,
    title: str,
    summary: str,
    audience: str,
    delivery: str,
    unlocks: list[str] | tuple[str, ...],
    valid_for_months: int | None,
    duration_minutes: int,
    pass_mark: int,
    is_published: bool,
) -> TrainingModule:
    """Completions already earned keep their dates: a shorter validity applies to new ones."""
    require(updated_by, "participation.manage_training", module)
    if TrainingModule.objects.filter(title__iexact=title.strip()).exclude(pk=module.pk).exists():
        raise ValidationError({"title": "There is already a module with this title."})
    before = set(module.unlocks.values_list("unlock", flat=True))
    module.title = title.strip()
    module.summary = summary.strip()
    module.audience = audience
    module.delivery = delivery
    module.valid_for_months = valid_for_months
    module.duration_minutes = duration_minutes
    module.pass_mark = pass_mark
    module.is_published = is_published
    module.updated_at = timezone.now()
    if is_published and module.is_e_learning:
        _check_ready_to_publish(module)
    module.full_clean()
    module.save()
    _set_unlocks(module, unlocks)
    if before != set(unlocks):
        audit(
            actor=updated_by,
            action="training.module_unlocks_change",
            target=module,
            before=sorted(before),
            after=sorted(unlocks),
        )
    return module


def _check_ready_to_publish(module: TrainingModule) -> None:
    if module.pk is None or not module.lessons.exists() or not module.questions.exists():
        raise ValidationError(
            {
                "is_published": "Add at least one lesson and one quiz question before you make "
                "this e-learning ready for people to use."
            }
        )
    without_answer = [
        q.number for q in module.questions.all() if not q.choices.filter(is_correct=True).exists()
    ]
    if without_answer:
        raise ValidationError(
            {"is_published": f"Question {without_answer[0]} has no right answer yet."}
        )


def _next_number(rows) -> int:
    last = rows.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def lesson_create(*, module: TrainingModule, edited_by: User, title: str, body: str) -> Lesson:
    require(edited_by, "participation.manage_training", module)
    with transaction.atomic():
        locked = TrainingModule.objects.select_for_update().get(pk=module.pk)
        lesson = Lesson(
            module=locked,
            number=_next_number(locked.lessons),
            title=title.strip(),
            body=body.strip(),
        )
        lesson.full_clean()
        lesson.save()
        TrainingModule.objects.filter(pk=module.pk).update(updated_at=timezone.now())
    return lesson


@transaction.atomic
def lesson_update(*, lesson: Lesson, edited_by: User, title: str, body: str) -> Lesson:
    require(edited_by, "participation.manage_training", lesson.module)
    lesson.title = title.strip()
    lesson.body = body.strip()
    lesson.full_clean()
    lesson.save(update_fields=["title", "body"])
    TrainingModule.objects.filter(pk=lesson.module_id).update(updated_at=timezone.now())
    return lesson


def _clean_choices(choices: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    cleaned = [(text.strip(), correct) for text, correct in choices if text and text.strip()]
    if len(cleaned) < 2:
        raise ValidationError({"choice_1": "Write at least two answers to choose from."})
    right = sum(1 for _, correct in cleaned if correct)
    if right != 1:
        raise ValidationError({"correct": "Choose which one answer is right."})
    return cleaned


def question_create(
    *,
    module: TrainingModule,
    edited_by: User,
    text: str,
    choices: list[tuple[str, bool]],
    lesson: Lesson | None = None,
) -> QuizQuestion:
    require(edited_by, "participation.manage_training", module)
    cleaned = _clean_choices(choices)
    if lesson is not None and lesson.module_id != module.pk:
        raise ValidationError({"lesson": "Choose a lesson from this module."})
    with transaction.atomic():
        locked = TrainingModule.objects.select_for_update().get(pk=module.pk)
        question = QuizQuestion(
            module=locked, number=_next_number(locked.questions), text=text.strip(), lesson=lesson
        )
        question.full_clean()
        question.save()
        QuizChoice.objects.bulk_create(
            QuizChoice(question=question, text=t, is_correct=c) for t, c in cleaned
        )
        TrainingModule.objects.filter(pk=module.pk).update(updated_at=timezone.now())
    return question


@transaction.atomic
def question_update(
    *,
    question: QuizQuestion,
    edited_by: User,
    text: str,
    choices: list[tuple[str, bool]],
    lesson: Lesson | None = None,
) -> QuizQuestion:
    require(edited_by, "participation.manage_training", question.module)
    cleaned = _clean_choices(choices)
    if lesson is not None and lesson.module_id != question.module_id:
        raise ValidationError({"lesson": "Choose a lesson from this module."})
    question.text = text.strip()
    question.lesson = lesson
    question.full_clean()
    question.save(update_fields=["text", "lesson"])
    question.choices.all().delete()
    QuizChoice.objects.bulk_create(
        QuizChoice(question=question, text=t, is_correct=c) for t, c in cleaned
    )
    TrainingModule.objects.filter(pk=question.module_id).update(updated_at=timezone.now())
    return question


# --- Doing the training ---------------------------------------------------------------------


def lesson_complete(*, user: User, lesson: Lesson) -> LessonProgress:
    """Saved at once, so a person can stop and come back later, even on another device."""
    require(user, "participation.do_e_learning", lesson.module)
    progress, _ = LessonProgress.objects.get_or_create(user=user, lesson=lesson)
    return progress


@dataclass(frozen=True)
class QuizResult:
    attempt: QuizAttempt
    completion: TrainingCompletion | None
    revisit: list[Lesson]
    needed: int


def quiz_submit(*, user: User, module: TrainingModule, answers: dict[int, int]) -> QuizResult:
    """Mark a quiz. Passing records the completion; failing names the lessons to look at again.
    There is no limit on tries and no timer."""
    if not module.is_e_learning:
        raise ValidationError("This training is done face to face, so it has no quiz.")
    require(user, "participation.do_e_learning", module)
    questions = list(module.questions.prefetch_related("choices").select_related("lesson"))
    if not questions:
        raise ValidationError("This module has no quiz yet.")
    unanswered = [q.number for q in questions if not answers.get(q.pk)]
    if unanswered:
        words = ", ".join(str(n) for n in unanswered)
        raise ValidationError(
            f"Please answer question {words} before you finish."
            if len(unanswered) == 1
            else f"Please answer questions {words} before you finish."
        )
    correct, revisit = 0, []
    for question in questions:
        right = {c.pk for c in question.choices.all() if c.is_correct}
        if answers[question.pk] in right:
            correct += 1
        elif question.lesson and question.lesson not in revisit:
            revisit.append(question.lesson)
    total = len(questions)
    # Round up, so an 80% pass mark on 4 questions needs 4 right, never 3.2 rounded to 3.
    needed = -(-total * module.pass_mark // 100)
    passed = correct >= needed
    revisit.sort(key=lambda lesson: lesson.number)
    with transaction.atomic():
        attempt = QuizAttempt.objects.create(
            user=user,
            module=module,
            correct=correct,
            total=total,
            passed=passed,
            answers={str(k): v for k, v in answers.items()},
            revisit_lesson_ids=[] if passed else [lesson.pk for lesson in revisit],
        )
        completion = None
        if passed:
            completion = training_complete(
                user=user,
                module=module,
                completed_on=timezone.localdate(),
                method=CompletionMethod.E_LEARNING,
                attempt=attempt,
            )
    return QuizResult(attempt, completion, [] if passed else revisit, needed)


def training_complete(
    *,
    user: User,
    module: TrainingModule,
    completed_on: date,
    method: str,
    signed_off_by: User | None = None,
    activity: Activity | None = None,
    attempt: QuizAttempt | None = None,
) -> TrainingCompletion:
    """Record one completion. Doing it twice on one day keeps the first.

    Face to face, a worker signs it off (`signed_off_by`, who needs the permission). Without
    one, the system records it: a passed quiz (`quiz_submit`), or the demo data."""
    if signed_off_by is not None:
        require(signed_off_by, "participation.sign_off_training", module)
    elif method == CompletionMethod.FACE_TO_FACE:
        raise ValidationError("A participation worker needs to sign off face-to-face training.")
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date can't be in the future."})
    expires_on = (
        add_months(completed_on, module.valid_for_months) if module.valid_for_months else None
    )
    completion = TrainingCompletion(
        user=user,
        module=module,
        completed_on=completed_on,
        expires_on=expires_on,
        method=method,
        signed_off_by=signed_off_by,
        activity=activity,
        attempt=attempt,
    )
    completion.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:
        return TrainingCompletion.objects.get(user=user, module=module, completed_on=completed_on)
    return completion


def training_group_signoff(
    *,
    module: TrainingModule,
    people: list[User],
    signed_off_by: User,
    completed_on: date,
    activity: Activity | None = None,
) -> list[TrainingCompletion]:
    """A worker signs off a face-to-face module for everyone who came, in one step. All or
    nothing: if one can't be recorded, none are."""
    require(signed_off_by, "participation.sign_off_training", module)
    if module.delivery != TrainingDelivery.FACE_TO_FACE:
        raise ValidationError(
            f"{module.title} is e-learning: people finish it by passing the quiz themselves."
        )
    if not people:
        raise ValidationError("Choose at least one person to sign off.")
    if activity is not None and timezone.localdate(activity.starts_at) > completed_on:
        raise ValidationError({"completed_on": "The date can't be before the session took place."})
    with transaction.atomic():
        completions = [
            training_complete(
                user=person,
                module=module,
                completed_on=completed_on,
                method=CompletionMethod.FACE_TO_FACE,
                signed_off_by=signed_off_by,
                activity=activity,
            )
            for person in people
        ]
        audit(
            actor=signed_off_by,
            action="training.group_signoff",
            target=module,
            people=[p.pk for p in people],
            completed_on=completed_on.isoformat(),
            activity=getattr(activity, "pk", None),
        )
    return completions


# --- Reminders ------------------------------------------------------------------------------


def _workers_for(person: User, completion: TrainingCompletion) -> list[User]:
    """The person's workers: who signed them off, who made their account, and the workers who
    run the groups they belong to (a forum's own workers, as its app tells the registry)."""
    from participation.registry import registry

    ids = set()
    if completion.signed_off_by_id:
        ids.add(completion.signed_off_by_id)
    if person.created_by_id:
        ids.add(person.created_by_id)
    groups = Membership.objects.active().filter(user=person).values_list("group_id", flat=True)
    ids.update(registry.workers_of_groups(groups))
    ids.discard(person.pk)
    return list(User.objects.filter(pk__in=ids, role_assignments__role=Role.WORKER).distinct())


def training_expiry_notes_send(*, today: date | None = None) -> int:
    """Tell each person (and their worker) once, when a completion runs out within 30 days and
    they have not already done it again. Safe to run any number of times."""
    today = today or timezone.localdate()
    soon = today + timezone.timedelta(days=EXPIRY_WARNING_DAYS)
    due = TrainingCompletion.objects.filter(
        expiry_noted_at__isnull=True, expires_on__gt=today, expires_on__lte=soon
    ).select_related("user", "module")
    sent = 0
    for completion in due:
        renewed = TrainingCompletion.objects.filter(
            user_id=completion.user_id,
            module_id=completion.module_id,
            completed_on__gt=completion.completed_on,
        ).exists()
        with transaction.atomic():
            claimed = TrainingCompletion.objects.filter(
                pk=completion.pk, expiry_noted_at__isnull=True
            ).update(expiry_noted_at=timezone.now())
            if not claimed or renewed:
                continue
            person, module = completion.user, completion.module
            when = _long_date(completion.valid_until)
            url = reverse("training_detail", args=[module.slug])
            notify(
                recipients=person,
                kind="training.expiring",
                title=f"Your {module.title} training is only valid until {when}",
                body="Do the refresher before then to keep doing the things it lets you do.",
                url=url,
            )
            workers = _workers_for(person, completion)
            if workers:
                notify(
                    recipients=workers,
                    kind="training.expiring_worker",
                    title=(
                        f"{person.display_name}'s {module.title} training is only valid until "
                        f"{when}"
                    ),
                    body="They have been told. They may need help to book the refresher.",
                    url=reverse("training_person", args=[person.pk]),
                )
            sent += 1
    return sent
