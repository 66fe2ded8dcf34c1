from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from participation.forms.base import PlainErrorsMixin
from participation.models import Group, Organisation, Role, User

from .models import Audience, Outcome, QuestionKind, Source, Topic
from .services import DEFAULT_DUE_WORKING_DAYS, MilestoneDraft, due_working_days

WORKER_SOURCES = [
    (v, label) for v, label in Source.choices if v not in (Source.YOUNG_PERSON, Source.PARENT_CARER)
]


class RaiseForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(
        label="What is it about, in a few words?",
        max_length=200,
        help_text="For example: buses cost too much.",
    )
    text = forms.CharField(
        label="What would you like to change, and why?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    topic = forms.ChoiceField(label="Which of these is it closest to?", choices=Topic.choices)
    organisation = forms.ModelChoiceField(
        label="Who do you think can change it? (you can leave this)",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="I don't know",
    )
    anonymous_to_officer = forms.BooleanField(
        label="Don't tell the organisation my name",
        required=False,
        help_text="A participation worker will still know it was you. The public page never "
        "shows your name.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.has_role(Role.WORKER):
            self.fields["source"] = forms.ChoiceField(
                label="Where did this come from?", choices=WORKER_SOURCES
            )


class DeclineForm(PlainErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why it won't be taken forward",
        help_text="The person who raised it will read this. Use words a 10-year-old knows.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class RouteForm(PlainErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation that can act on it", queryset=Organisation.objects.order_by("name")
    )
    officer = forms.ModelChoiceField(
        label="Officer (leave empty to send it to all the organisation's officers)",
        queryset=User.objects.none(),
        required=False,
    )
    due_in_working_days = forms.IntegerField(
        label="Working days they have to answer", min_value=1, max_value=120
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = (
            User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True)
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["due_in_working_days"].initial = due_working_days() or DEFAULT_DUE_WORKING_DAYS


class RespondForm(PlainErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?", choices=Outcome.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Your full answer", widget=forms.Textarea(attrs={"rows": 5}), max_length=6000
    )
    plain_text = forms.CharField(
        label="Your answer in words a 10-year-old can read",
        help_text="Short sentences and everyday words. This is what young people see first.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1500,
    )
    progress = forms.IntegerField(
        label="How far along is it, out of 100? (for work in progress)",
        min_value=0,
        max_value=100,
        required=False,
    )
    milestones = forms.CharField(
        label="Dates to look out for (one a line, the date first: 2026-05-01 Talk to the "
        "bus company)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    check_back_on = forms.DateField(
        label="When you will check back and tell them how it is going (YYYY-MM-DD)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_milestones(self) -> list[MilestoneDraft]:
        drafts = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            when, _, what = line.partition(" ")
            try:
                on = date.fromisoformat(when)
            except ValueError:
                raise ValidationError(
                    f"Line {number}: start with the date, like 2026-05-01, then what happens."
                ) from None
            if not what.strip():
                raise ValidationError(f"Line {number}: say what happens on {when}.")
            drafts.append(MilestoneDraft(on=on, what=what.strip()))
        return drafts


class RateForm(PlainErrorsMixin, forms.Form):
    good_enough = forms.TypedChoiceField(
        label="Was this answer good enough?",
        choices=[("yes", "Yes, good enough"), ("no", "No, not good enough")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="If not, why not? (a worker will read this and take it back to them)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ReopenForm(PlainErrorsMixin, forms.Form):
    note = forms.CharField(
        label="What should the officer look at again?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class LeadForm(PlainErrorsMixin, forms.Form):
    user = forms.ModelChoiceField(
        label="Participation worker",
        queryset=User.objects.none(),
        empty_label="Choose a worker",
    )

    def __init__(self, *args, already="participation_lead", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(role_assignments__role=Role.WORKER, is_active=True)
            .exclude(**{f"{already}__isnull": False})
            .distinct()
            .order_by("first_name", "last_name")
        )


class ConsultationForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="What it is about, in words a 10-year-old can read",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    audience = forms.ChoiceField(label="Who are you asking?", choices=Audience.choices)
    group = forms.ModelChoiceField(
        label="Which forum or group (if you are asking one)",
        queryset=Group.objects.order_by("name"),
        required=False,
    )
    min_age = forms.IntegerField(
        label="Youngest age (for young people, if only some ages)",
        min_value=8,
        max_value=25,
        required=False,
    )
    max_age = forms.IntegerField(
        label="Oldest age (for young people, if only some ages)",
        min_value=8,
        max_value=25,
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label="Which organisation is asking",
        queryset=Organisation.objects.order_by("name"),
        required=False,
    )
    success_measure = forms.CharField(
        label="How we will know we listened",
        help_text="What will show you acted on what people said? You need this before it opens.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    opens_at = forms.DateTimeField(
        label="Opens (YYYY-MM-DD HH:MM)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    closes_at = forms.DateTimeField(
        label="Closes (YYYY-MM-DD HH:MM)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class QuestionForm(PlainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label="Kind of question", choices=QuestionKind.choices)
    text = forms.CharField(label="The question", max_length=300)
    options = forms.CharField(
        label="Answers to choose from (one a line, for a choice question)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AnswerForm(PlainErrorsMixin, forms.Form):
    """One field per question, named q<id>, so a service error lands beside its question."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for q in questions:
            name = f"q{q.pk}"
            if q.kind == QuestionKind.RATING:
                self.fields[name] = forms.ChoiceField(
                    label=q.text,
                    choices=[(str(n), str(n)) for n in range(1, 6)],
                    widget=forms.RadioSelect,
                    required=False,
                    help_text="1 is the worst, 5 the best.",
                )
            elif q.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=q.text,
                    choices=[(o, o) for o in q.option_list],
                    widget=forms.RadioSelect,
                    required=False,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=q.text, widget=forms.Textarea(attrs={"rows": 3}), required=False
                )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value or "" for name, value in self.cleaned_data.items()}


class SummaryForm(PlainErrorsMixin, forms.Form):
    summary = forms.CharField(
        label="You said: what people told us",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    items = forms.CharField(
        label='What people asked for: one a line. Each becomes a "you said" item.',
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topic = forms.ChoiceField(label="Topic of these items", choices=Topic.choices)

    def clean_items(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        too_long = [n for n, line in enumerate(lines, 1) if len(line) > 200]
        if too_long:
            raise ValidationError(f"Line {too_long[0]} is too long: keep each under 200 letters.")
        return lines


class ReportForm(PlainErrorsMixin, forms.Form):
    success_report = forms.CharField(
        label="How did you do against your measure?",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConcernForm(PlainErrorsMixin, forms.Form):
    about_safety = forms.BooleanField(
        label="Someone might be in danger or being hurt",
        required=False,
        help_text="If you tick this, the person who keeps children safe is told straight away. "
        "If someone is in danger right now, call 999.",
    )
    what = forms.CharField(
        label="What worries you?", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ResolveForm(PlainErrorsMixin, forms.Form):
    resolution = forms.CharField(
        label="What did you do about it?", widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(PlainErrorsMixin, forms.Form):
    score = forms.TypedChoiceField(
        label="How was it, from 1 to 5?",
        help_text="1 is the worst, 5 the best.",
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    what_was_good = forms.CharField(
        label="What was good? (you can leave this)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    could_be_better = forms.CharField(
        label="What could be better? (you can leave this)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, ask_rung=False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_rung:
            from participation.forms.activities import RUNG_CHOICES

            self.fields["rung"] = forms.ChoiceField(
                label="How much say did young people have? Which rung did it reach?",
                choices=RUNG_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
