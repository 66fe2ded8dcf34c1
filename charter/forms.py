from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from participation.forms.base import PlainErrorsMixin
from participation.models import Organisation

from . import selectors
from .models import Level, StaffScore
from .uploads import MAX_BYTES


class SignForm(PlainErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Which organisation are you signing for?", queryset=Organisation.objects.none()
    )
    board = forms.ModelChoiceField(
        label="Which board agreed to it? (you can leave this)",
        queryset=selectors.boards(),
        required=False,
        empty_label="No board yet",
    )
    adopted_on = forms.DateField(
        label="When did the board agree? (you can leave this)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Write a date, for example 14 January 2019."},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in selectors.organisations_for_officer(user)]
        )


class PrincipleForm(PlainErrorsMixin, forms.Form):
    name = forms.CharField(label="The principle, in a few words", max_length=200)
    text = forms.CharField(
        label="What it means (you can leave this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    text_for_children = forms.CharField(
        label="What it means, for younger children (you can leave this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class PromiseForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(label="The promise", max_length=300)
    text_for_children = forms.CharField(
        label="The promise, for younger children (you can leave this)",
        max_length=300,
        required=False,
    )


LEVEL_HELP = (
    "Emerging: you have started. Established: you do it most of the time. Advanced: young "
    "people say it is how you always work."
)


class PledgeForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(
        label="What does your organisation do to keep this promise?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    own_level = forms.ChoiceField(
        label="How well do you think you keep it? (you can leave this)",
        choices=[("", "Not sure yet"), *Level.choices],
        required=False,
        help_text=LEVEL_HELP,
    )


class EvidenceForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(
        label="What shows you keep this promise? (you can leave this if you add a link or file)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    link = forms.URLField(
        label="A link (you can leave this)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Write a whole web address, for example https://example.org."},
    )
    upload = forms.FileField(
        label="A file (you can leave this)",
        required=False,
        help_text=f"A PDF or a picture (JPEG, PNG or GIF), up to {MAX_BYTES // (1024 * 1024)} MB.",
    )


class JudgeForm(PlainErrorsMixin, forms.Form):
    level = forms.ChoiceField(
        label="How well do they keep this promise?",
        choices=Level.choices,
        widget=forms.RadioSelect,
        help_text=LEVEL_HELP,
    )
    young_people_say = forms.CharField(
        label="What do young people say?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="What you saw and heard. Don't write anyone's name.",
    )


class RateStaffForm(PlainErrorsMixin, forms.Form):
    """One question per principle of the charter: did the staff live it?"""

    def __init__(self, *args, principles=(), **kwargs):
        self.principles = list(principles)
        fields = {
            f"p_{p.pk}": forms.TypedChoiceField(
                label=f"Were the staff {p.name[:1].lower()}{p.name[1:]}?",
                choices=[(v, label) for v, label in reversed(StaffScore.choices)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose an answer."},
            )
            for p in self.principles
        }
        super().__init__(*args, **kwargs)
        self.fields.update(fields)

    def scores(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data[f"p_{p.pk}"] for p in self.principles}


class AnswerForm(PlainErrorsMixin, forms.Form):
    answer = forms.CharField(
        label="Your answer to the young inspectors",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="Everyone can read it, beside what they said.",
    )


class VisitForm(PlainErrorsMixin, forms.Form):
    """A young inspector's visit report: which activity, what they saw, and one box per
    promise for what they saw of it."""

    activity = forms.TypedChoiceField(
        label="Which activity did you visit?",
        coerce=int,
        error_messages={"invalid_choice": "Choose one of the activities in the list."},
    )
    summary = forms.CharField(
        label="What did you see?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="What happened, and how young people were treated. Don't write anyone's name.",
    )

    def __init__(self, *args, activities=(), promises=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = {a.pk: a for a in activities}
        self.promises = list(promises)
        self.fields["activity"].choices = [
            ("", "Choose an activity"),
            *(
                (a.pk, f"{a.title}, {date_format(timezone.localtime(a.starts_at), 'j F Y')}")
                for a in activities
            ),
        ]
        for i, promise in enumerate(self.promises, start=1):
            self.fields[f"promise_{promise.pk}"] = forms.CharField(
                label=f"Promise {i}: {promise.text}. What did you see? (you can leave this)",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=4000,
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "activity": self.activities[data["activity"]],
            "summary": data["summary"],
            "findings": {p.pk: data.get(f"promise_{p.pk}", "") for p in self.promises},
        }
