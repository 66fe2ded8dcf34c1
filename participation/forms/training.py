from django import forms

from participation.forms.base import PlainErrorsMixin
from participation.models import TrainingAudience, TrainingDelivery, TrainingModule, Unlock


class TrainingModuleForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Two or three short sentences: what it is and why it matters.",
    )
    audience = forms.ChoiceField(
        label="Who is it for?", choices=TrainingAudience.choices, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label="How is it done?", choices=TrainingDelivery.choices, widget=forms.RadioSelect
    )
    unlocks = forms.MultipleChoiceField(
        label="What does finishing it let people do?",
        choices=Unlock.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick none if it is general training.",
    )
    valid_for_months = forms.IntegerField(
        label="How many months does it stay valid? (optional)",
        min_value=1,
        max_value=120,
        required=False,
        help_text="Leave empty if it never runs out. 24 means a refresher every two years.",
        error_messages={"invalid": "Write a number of months, like 24."},
    )
    duration_minutes = forms.IntegerField(
        label="How long does it take, in minutes?",
        min_value=5,
        max_value=60 * 24,
        initial=60,
        help_text="This counts towards people's hours of involvement.",
        error_messages={"invalid": "Write a number of minutes, like 45."},
    )
    pass_mark = forms.IntegerField(
        label="Quiz pass mark, as a percentage",
        min_value=1,
        max_value=100,
        initial=80,
        help_text="Only used for e-learning.",
        error_messages={"invalid": "Write a number from 1 to 100, like 80."},
    )
    is_published = forms.BooleanField(
        label="It is ready for people to use",
        required=False,
        help_text="Until you tick this, only workers can see it.",
    )

    @classmethod
    def initial_from(cls, module: TrainingModule) -> dict:
        return {
            "title": module.title,
            "summary": module.summary,
            "audience": module.audience,
            "delivery": module.delivery,
            "unlocks": [u.unlock for u in module.unlocks.all()],
            "valid_for_months": module.valid_for_months,
            "duration_minutes": module.duration_minutes,
            "pass_mark": module.pass_mark,
            "is_published": module.is_published,
        }


class LessonForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        label="What the lesson says",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Use short sentences and everyday words. Leave an empty line between "
        "paragraphs. Start a line with a dash and a space (- ) to make a list.",
    )


CHOICE_SLOTS = 4


class QuestionForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(label="Question", max_length=300)
    choice_1 = forms.CharField(label="Answer 1", max_length=200)
    choice_2 = forms.CharField(label="Answer 2", max_length=200)
    choice_3 = forms.CharField(label="Answer 3 (optional)", max_length=200, required=False)
    choice_4 = forms.CharField(label="Answer 4 (optional)", max_length=200, required=False)
    correct = forms.ChoiceField(
        label="Which answer is right?",
        choices=[(str(n), f"Answer {n}") for n in range(1, CHOICE_SLOTS + 1)],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which answer is right."},
    )
    lesson = forms.ModelChoiceField(
        label="Lesson to look at again if someone gets this wrong",
        queryset=None,
        required=False,
        empty_label="None",
    )

    def __init__(self, *args, module: TrainingModule, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = module.lessons.all()

    def clean(self):
        cleaned = super().clean()
        correct = cleaned.get("correct")
        if correct and not (cleaned.get(f"choice_{correct}") or "").strip():
            self.add_error("correct", f"Answer {correct} is empty, so it can't be the right one.")
        return cleaned

    def choices(self) -> list[tuple[str, bool]]:
        correct = self.cleaned_data["correct"]
        return [
            (self.cleaned_data.get(f"choice_{n}", ""), str(n) == correct)
            for n in range(1, CHOICE_SLOTS + 1)
        ]

    @classmethod
    def initial_from(cls, question) -> dict:
        initial = {"text": question.text, "lesson": question.lesson_id}
        for n, choice in enumerate(question.choices.all(), start=1):
            initial[f"choice_{n}"] = choice.text
            if choice.is_correct:
                initial["correct"] = str(n)
        return initial


class QuizForm(PlainErrorsMixin, forms.Form):
    """One radio group per question. Rendered by hand as fieldsets, so each question's legend
    is read out with its answers and an error links to the first answer."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(c.pk, c.text) for c in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose an answer to question {question.number}.",
                    "invalid_choice": f"Choose one of the answers to question {question.number}.",
                },
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}

    def question_fields(self):
        return [(q, self[f"q{q.pk}"]) for q in self.questions]
