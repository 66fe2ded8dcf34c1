from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


def last_valid_day(expires_on: date | None) -> date | None:
    """The one rule for how long training lasts: `expires_on` is the first day it no longer
    counts, so the day before is the last day it does. Every "valid until" shows this day."""
    return expires_on - timedelta(days=1) if expires_on else None


class TrainingAudience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Young people"
    STAFF = "staff", "Staff"
    BOTH = "both", "Young people and staff"


class TrainingDelivery(models.TextChoices):
    E_LEARNING = "e_learning", "E-learning in the portal"
    FACE_TO_FACE = "face_to_face", "Face-to-face session"


class Unlock(models.TextChoices):
    """What a valid completion lets a person do. Other apps ask `is_trained(person, unlock)`."""

    GRANT_REVIEWER = "grant_reviewer", "Pay it Forward grant reviewer"
    COMMISSIONING_EVALUATOR = "commissioning_evaluator", "Commissioning evaluator"
    RECRUITMENT_PANEL = "recruitment_panel", "Recruitment panel member"
    YOUNG_INSPECTOR = "young_inspector", "Young inspector"
    WORKING_WITH_YOUNG_PEOPLE = "working_with_young_people", "Working with young people (staff)"


class TrainingModule(models.Model):
    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="Two or three plain sentences: what it is and why.")
    audience = models.CharField("who it is for", max_length=20, choices=TrainingAudience.choices)
    delivery = models.CharField("how it is done", max_length=20, choices=TrainingDelivery.choices)
    # Null: a completion never runs out. 24 is a refresher every two years.
    valid_for_months = models.PositiveSmallIntegerField(
        "how long it stays valid (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Leave empty if it never runs out. 24 means a refresher every two years.",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        "how long it takes (minutes)",
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(60 * 24)],
        help_text="Counts towards a person's hours of involvement.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        "quiz pass mark (%)",
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    is_published = models.BooleanField(
        "ready for people to use",
        default=False,
        help_text="Until then only workers can see it.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def is_e_learning(self) -> bool:
        return self.delivery == TrainingDelivery.E_LEARNING


class ModuleUnlock(models.Model):
    """One thing a module unlocks (a module can unlock several, or nothing)."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="unlocks")
    unlock = models.CharField(max_length=40, choices=Unlock.choices)

    class Meta:
        ordering = ["unlock"]
        constraints = [
            models.UniqueConstraint(fields=["module", "unlock"], name="one_unlock_per_module")
        ]

    def __str__(self):
        return f"{self.module} unlocks {self.get_unlock_display()}"


class Lesson(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="lessons")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)
    body = models.TextField(
        help_text="Short sentences. Leave an empty line between paragraphs. "
        "Start a line with '- ' to make a list."
    )

    class Meta:
        ordering = ["module", "number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="one_lesson_per_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class QuizQuestion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    text = models.CharField("question", max_length=300)
    # A wrong answer sends the person back to this lesson.
    lesson = models.ForeignKey(
        Lesson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name="lesson to look at again if this is wrong",
    )

    class Meta:
        ordering = ["module", "number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="one_question_per_number")
        ]

    def __str__(self):
        return self.text


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=200)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "id"]

    def __str__(self):
        return self.text


class LessonProgress(models.Model):
    """Saved as the person goes, so it survives logging out."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self):
        return f"{self.user} read {self.lesson}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="attempts")
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    # {question id: choice id}, so the person's answers can be shown again after a fail.
    answers = models.JSONField(default=dict)
    revisit_lesson_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user}: {self.correct}/{self.total} on {self.module}"


class CompletionMethod(models.TextChoices):
    E_LEARNING = "e_learning", "E-learning quiz passed"
    FACE_TO_FACE = "face_to_face", "Signed off at a face-to-face session"


class TrainingCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    # Worked out from the module when the completion is recorded, so editing the module later
    # never changes what someone already earned.
    expires_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=20, choices=CompletionMethod.choices)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.ForeignKey(
        "participation.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="completions",
    )
    attempt = models.OneToOneField(
        QuizAttempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="completion"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expiry_noted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["user", "module", "-completed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "completed_on"], name="one_completion_per_module_per_day"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("completed_on")),
                name="completion_expires_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.user} completed {self.module} on {self.completed_on}"

    @property
    def was_face_to_face(self) -> bool:
        return self.method in (CompletionMethod.FACE_TO_FACE,)

    @property
    def valid_until(self) -> date | None:
        """The last day it counts, or None if it never runs out."""
        return last_valid_day(self.expires_on)

    def is_valid_on(self, on) -> bool:
        return self.completed_on <= on and (self.valid_until is None or on <= self.valid_until)
