"""Reads for training: what a person may see, their progress, and their hours of involvement."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from participation.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    LadderRung,
    Lesson,
    LessonProgress,
    QuizAttempt,
    QuizQuestion,
    Role,
    RungRating,
    TrainingAudience,
    TrainingCompletion,
    TrainingModule,
    User,
)
from participation.models.training import last_valid_day


def audiences_for(user: User) -> list[str]:
    audiences = [TrainingAudience.BOTH]
    if user.has_role(Role.YOUNG_PERSON):
        audiences.append(TrainingAudience.YOUNG_PEOPLE)
    if user.has_staff_role:
        audiences.append(TrainingAudience.STAFF)
    return audiences


def _count_subquery(queryset, group_field: str):
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def modules_for(*, user: User) -> list[TrainingModule]:
    """The modules this person may open, each with their own progress. Two queries in all.

    The query keeps to the modules that can be for them; the list then keeps exactly those
    `participation.view_module` lets them open (its predicates ask nothing of the database),
    so nobody is shown a module that would answer 403."""
    modules = TrainingModule.objects.all()
    if not user.has_perm("participation.manage_training"):
        modules = modules.filter(is_published=True, audience__in=audiences_for(user))
    latest = TrainingCompletion.objects.filter(user=user, module=OuterRef("pk")).order_by(
        "-completed_on", "-id"
    )
    modules = modules.annotate(
        lesson_count=_count_subquery(Lesson.objects.filter(module=OuterRef("pk")), "module"),
        lessons_done=_count_subquery(
            LessonProgress.objects.filter(user=user, lesson__module=OuterRef("pk")),
            "lesson__module",
        ),
        last_completed_on=Subquery(latest.values("completed_on")[:1]),
        last_expires_on=Subquery(latest.values("expires_on")[:1]),
        last_completion_id=Subquery(latest.values("pk")[:1]),
    ).prefetch_related("unlocks")
    today = timezone.localdate()
    result = [m for m in modules if user.has_perm("participation.view_module", m)]
    for module in result:
        module.my_progress = module_status(module, today=today)
    return result


@dataclass(frozen=True)
class ModuleStatus:
    key: str  # done, expired, in_progress, not_started
    text: str


def module_status(module: TrainingModule, *, today: date) -> ModuleStatus:
    completed_on, valid_until = module.last_completed_on, last_valid_day(module.last_expires_on)
    if completed_on:
        if valid_until is None:
            return ModuleStatus("done", "Done")
        if today <= valid_until:
            return ModuleStatus("done", f"Done. Valid until {valid_until:%-d %B %Y}")
        return ModuleStatus(
            "expired", f"Ran out: it was valid until {valid_until:%-d %B %Y}. Do the refresher"
        )
    if module.lessons_done:
        return ModuleStatus(
            "in_progress", f"Started: {module.lessons_done} of {module.lesson_count} lessons read"
        )
    return ModuleStatus("not_started", "Not started")


@dataclass
class ModuleProgress:
    lessons: list[Lesson]
    done_ids: set[int]
    last_attempt: QuizAttempt | None
    completion: TrainingCompletion | None
    question_count: int

    @property
    def next_lesson(self) -> Lesson | None:
        return next((x for x in self.lessons if x.pk not in self.done_ids), None)

    @property
    def all_read(self) -> bool:
        return bool(self.lessons) and all(x.pk in self.done_ids for x in self.lessons)


def module_progress(*, user: User, module: TrainingModule) -> ModuleProgress:
    lessons = list(module.lessons.all())
    done_ids = set(
        LessonProgress.objects.filter(user=user, lesson__module=module).values_list(
            "lesson_id", flat=True
        )
    )
    last_attempt = QuizAttempt.objects.filter(user=user, module=module).first()
    today = timezone.localdate()
    completion = (
        TrainingCompletion.objects.filter(user=user, module=module, completed_on__lte=today)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=today))
        .first()
    )
    return ModuleProgress(lessons, done_ids, last_attempt, completion, module.questions.count())


def lesson_of(*, module: TrainingModule, number: int) -> Lesson:
    """A lesson of the module on the page (whose permission the view has checked), or 404."""
    return get_object_or_404(Lesson, module=module, number=number)


def question_of(*, module: TrainingModule, number: int) -> QuizQuestion:
    return get_object_or_404(QuizQuestion, module=module, number=number)


def unlock_labels(*, module: TrainingModule) -> list[str]:
    return [u.get_unlock_display() for u in module.unlocks.all()]


def questions_for_editing(*, module: TrainingModule) -> list[QuizQuestion]:
    return list(module.questions.select_related("lesson").prefetch_related("choices"))


@dataclass(frozen=True)
class NextStep:
    url: str
    message: str = ""


def after_lesson(*, lesson: Lesson) -> NextStep:
    """Where a person goes when they have read a lesson: the next one, else the quiz, else
    back to the module."""
    module = lesson.module
    following = module.lessons.filter(number__gt=lesson.number).first()
    if following:
        return NextStep(reverse("training_lesson", args=[module.slug, following.number]))
    if module.questions.exists():
        return NextStep(
            reverse("training_quiz", args=[module.slug]),
            "You have read every lesson. Now try the quiz.",
        )
    return NextStep(reverse("training_detail", args=[module.slug]), "You have read every lesson.")


def quiz_questions(*, module: TrainingModule):
    return list(module.questions.prefetch_related("choices"))


def completions_for(*, person: User) -> list[TrainingCompletion]:
    today = timezone.localdate()
    rows = list(
        TrainingCompletion.objects.filter(user=person)
        .select_related("module", "signed_off_by")
        .prefetch_related("module__unlocks")
    )
    for completion in rows:
        completion.valid_now = completion.is_valid_on(today)
    return rows


def progress_for(*, person: User) -> list[TrainingModule]:
    """E-learning a person has started but not finished: for their own page and their worker."""
    return [m for m in modules_for(user=person) if m.my_progress.key in ("in_progress", "expired")]


# --- Hours of involvement -------------------------------------------------------------------


@dataclass
class Involvement:
    activities: list[Activity] = field(default_factory=list)
    completions: list[TrainingCompletion] = field(default_factory=list)
    activity_hours: float = 0.0
    training_hours: float = 0.0

    @property
    def total_hours(self) -> float:
        return round(self.activity_hours + self.training_hours, 1)


def involvement_for(*, person: User) -> Involvement:
    """Hours from activities the person was at, and from training they completed. A completion
    signed off at a session is not counted twice: the session's hours already count."""
    attended = list(
        Activity.objects.filter(
            attendances__user=person, attendances__status=AttendanceStatus.PRESENT
        ).order_by("-starts_at")
    )
    completions = list(TrainingCompletion.objects.filter(user=person).select_related("module"))
    activity_hours = sum(a.duration_hours for a in attended)
    training_hours = sum(c.module.duration_minutes for c in completions if not c.activity_id) / 60
    return Involvement(attended, completions, round(activity_hours, 1), round(training_hours, 1))


def involvement_record_section(user: User) -> dict | None:
    involvement = involvement_for(person=user)
    if not involvement.activities and not involvement.completions:
        return None
    return {
        "title": "Training and activities",
        "hours": involvement.total_hours,
        "items": [
            {"date": a.starts_at.date(), "text": f"Went to {a.title}", "hours": a.duration_hours}
            for a in involvement.activities
        ]
        + [
            {"date": c.completed_on, "text": f"Completed {c.module.title}", "hours": None}
            for c in involvement.completions
        ],
    }


def involvement_export_section(user: User) -> dict:
    return {
        "training_completions": [
            {
                "module": c.module.title,
                "completed_on": c.completed_on.isoformat(),
                "expires_on": c.expires_on.isoformat() if c.expires_on else None,
                "how": c.get_method_display(),
            }
            for c in TrainingCompletion.objects.filter(user=user).select_related("module")
        ],
        "lessons_read": list(
            LessonProgress.objects.filter(user=user).values_list("lesson__title", flat=True)
        ),
        "quiz_attempts": [
            {
                "module": a.module.title,
                "score": f"{a.correct} of {a.total}",
                "passed": a.passed,
                "when": a.created_at.isoformat(),
            }
            for a in QuizAttempt.objects.filter(user=user).select_related("module")
        ],
        "activity_signups": [
            {"activity": title, "status": status, "when": created.isoformat()}
            for title, status, created in user.activity_signups.values_list(
                "activity__title", "status", "created_at"
            )
        ],
        "attendance": [
            {"activity": title, "status": status}
            for title, status in Attendance.objects.filter(user=user).values_list(
                "activity__title", "status"
            )
        ],
        "ladder_ratings": [
            {"activity": title, "rung": rung}
            for title, rung in RungRating.objects.filter(user=user).values_list(
                "activity__title", "rung"
            )
        ],
    }


def activities_dashboard_section() -> dict:
    """For boards: the rung each past activity was planned at, beside the rung young people
    said it reached. Counts only, never names."""
    now = timezone.now()
    planned = dict(
        Activity.objects.filter(ends_at__lt=now)
        .values_list("planned_rung")
        .annotate(n=Count("pk"))
        .values_list("planned_rung", "n")
    )
    reported = dict(
        RungRating.objects.values_list("rung").annotate(n=Count("pk")).values_list("rung", "n")
    )
    return {
        "title": "Activities on the ladder of participation",
        "rows": [
            {"rung": rung.label, "planned": planned.get(rung, 0), "reported": reported.get(rung, 0)}
            for rung in LadderRung
        ],
        "attendances": Attendance.objects.filter(status=AttendanceStatus.PRESENT).count(),
    }
