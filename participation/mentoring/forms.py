from django import forms

from participation.forms.base import PlainErrorsMixin
from participation.models import Group, GroupKind

from . import selectors
from .models import PairingKind

DATE_INVALID = {"invalid": "Write a date, for example 14 January 2026."}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        band = person.age_band
        return f"{person.display_name} ({band})" if band else person.display_name


class PairingForm(PlainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What kind of mentoring?", choices=PairingKind.choices, widget=forms.RadioSelect
    )
    mentor = PersonChoiceField(label="Mentor", queryset=selectors.mentor_choices())
    mentee = PersonChoiceField(
        label="Young person they will mentor", queryset=selectors.mentee_choices()
    )
    group = forms.ModelChoiceField(
        label="For board mentoring: the forum the young person is in",
        queryset=Group.objects.filter(kind=GroupKind.FORUM),
        required=False,
        empty_label="Not board mentoring",
    )
    parent_carer = PersonChoiceField(
        label="Their parent or carer's account (you can leave this)",
        help_text="They can end the mentoring. They do not see the record of meetings.",
        queryset=selectors.parent_choices(),
        required=False,
        empty_label="None",
    )
    goals = forms.CharField(
        label="Goals to start with (one on each line, you can leave this)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean_goals(self):
        return [line.strip() for line in self.cleaned_data["goals"].splitlines() if line.strip()]


class DBSCheckForm(PlainErrorsMixin, forms.Form):
    mentor = PersonChoiceField(label="Mentor", queryset=selectors.mentor_choices())
    checked_on = forms.DateField(
        label="Date on the DBS certificate",
        help_text="A DBS check counts for 3 years from this date.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_INVALID,
    )


class GoalForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(label="The goal", max_length=300)


class MeetingForm(PlainErrorsMixin, forms.Form):
    held_on = forms.DateField(
        label="Date of the meeting",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_INVALID,
    )
    place = forms.CharField(
        label="Where you met",
        max_length=200,
        help_text="For example: the youth centre, school, the library.",
    )
    worked_on = forms.CharField(
        label="What you worked on",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="A few words for the record. This is not a place to send messages.",
    )


class EndForm(PlainErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why? (you don't have to say)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class RecordCheckAskForm(PlainErrorsMixin, forms.Form):
    note = forms.CharField(
        label="Anything the worker should know? (you can leave this)",
        required=False,
        max_length=500,
        help_text="For example: it is for a college application in March.",
    )


class TurnDownForm(PlainErrorsMixin, forms.Form):
    reply = forms.CharField(
        label="Why can't you check it yet, and what should they do?",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MentoringConcernForm(PlainErrorsMixin, forms.Form):
    what = forms.CharField(
        label="What worries you?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="The person who keeps children safe is told straight away. If someone is in "
        "danger right now, call 999.",
    )
