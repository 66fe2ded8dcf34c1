from datetime import datetime

from django import forms
from django.utils import timezone

from participation.forms.base import PlainErrorsMixin
from participation.models import (
    ActivityKind,
    AttendanceStatus,
    Group,
    LadderRung,
    Organisation,
    ParentalConsent,
    TrainingDelivery,
    TrainingModule,
)
from participation.models.activities import LADDER_RUNG_MEANING
from participation.services.activities import ACTIVITY_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


RUNG_CHOICES = [(rung.value, f"{rung.label}: {LADDER_RUNG_MEANING[rung]}") for rung in LadderRung]


class ActivityForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="What kind of activity is it?", choices=ActivityKind.choices)
    description = forms.CharField(
        label="What will happen?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Use short sentences and everyday words.",
    )
    date = forms.DateField(
        widget=DateInput(),
        error_messages={"invalid": "Write the date as a real date, like 14/03/2026."},
    )
    start_time = forms.TimeField(
        label="Starts at",
        widget=TimeInput(),
        error_messages={"invalid": "Write the time like 16:30."},
    )
    end_time = forms.TimeField(
        label="Ends at",
        widget=TimeInput(),
        error_messages={"invalid": "Write the time like 18:00."},
    )
    place = forms.CharField(
        label="Where is it?", max_length=200, help_text="For example Wolverhampton Civic Hall."
    )
    access_info = forms.CharField(
        label="Access information (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, a quiet room, hearing loop, buses, food, who to ask for.",
    )
    audience_group = forms.ModelChoiceField(
        label="Who is it for?",
        queryset=Group.objects.all(),
        required=False,
        empty_label="Everyone",
        help_text="Choose a forum or group if only its members can come.",
    )
    organisation = forms.ModelChoiceField(
        label="Which organisation runs it? (optional)",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="Not given",
        help_text="It then counts on that organisation's charter page.",
    )
    min_age = forms.IntegerField(
        label="Youngest age (optional)", min_value=10, max_value=25, required=False
    )
    max_age = forms.IntegerField(
        label="Oldest age (optional)", min_value=10, max_value=99, required=False
    )
    capacity = forms.IntegerField(
        label="Number of places (optional)",
        min_value=1,
        required=False,
        help_text="Leave empty for no limit. When it is full, people join a waiting list.",
        error_messages={"min_value": "Places must be at least 1. Leave it empty for no limit."},
    )
    planned_rung = forms.ChoiceField(
        label="Which rung of the ladder of participation do you plan for it to reach?",
        choices=RUNG_CHOICES,
        widget=forms.RadioSelect,
        initial=LadderRung.ENGAGEMENT,
    )
    training_module = forms.ModelChoiceField(
        label="Which face-to-face training does this session give? (optional)",
        queryset=TrainingModule.objects.filter(delivery=TrainingDelivery.FACE_TO_FACE),
        required=False,
        empty_label="None",
    )

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            zone = timezone.get_current_timezone()
            cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, start), zone)
            cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, end), zone)
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time.")
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", "The oldest age can't be lower than the youngest age.")
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) for k in ACTIVITY_FIELDS}

    @classmethod
    def initial_from(cls, activity) -> dict:
        starts, ends = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
        return {
            "title": activity.title,
            "kind": activity.kind,
            "description": activity.description,
            "date": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "place": activity.place,
            "access_info": activity.access_info,
            "audience_group": activity.audience_group_id,
            "organisation": activity.organisation_id,
            "min_age": activity.min_age,
            "max_age": activity.max_age,
            "capacity": activity.capacity,
            "planned_rung": activity.planned_rung,
            "training_module": activity.training_module_id,
        }


class ActivityConsentForm(PlainErrorsMixin, forms.Form):
    given_by_name = forms.CharField(label="Parent or carer's name", max_length=150)
    relationship = forms.CharField(
        label="How they are related", max_length=80, help_text="For example mum, dad, foster carer."
    )
    contact = forms.CharField(
        label="Parent or carer's phone or email (optional)", max_length=200, required=False
    )
    how_given = forms.ChoiceField(
        label="How they gave consent", choices=ParentalConsent.How.choices
    )
    confirmed = forms.BooleanField(
        label="The parent or carer said yes to this activity, and I told them where and when "
        "it is.",
        error_messages={"required": "Tick this box to confirm the parent or carer said yes."},
    )


class AttendanceForm(PlainErrorsMixin, forms.Form):
    """One radio group per person; rendered by hand as fieldsets with the person's name."""

    walk_in_email = forms.EmailField(
        label="Someone came who didn't sign up? Their email (optional)",
        required=False,
        help_text="They must already have an account. They are marked present.",
    )

    def __init__(self, *args, people, can_sign_off=False, module_title="", **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=person.display_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
            )
        if can_sign_off:
            self.fields["sign_off"] = forms.BooleanField(
                label=f"Also sign off {module_title} for everyone marked present",
                required=False,
            )

    def person_fields(self):
        return [(p, self[f"status_{p.pk}"]) for p in self.people]

    def statuses(self) -> dict[int, str]:
        return {
            p.pk: self.cleaned_data[f"status_{p.pk}"]
            for p in self.people
            if self.cleaned_data.get(f"status_{p.pk}")
        }


class RungForm(PlainErrorsMixin, forms.Form):
    rung = forms.ChoiceField(
        label="Which rung did it really reach?",
        choices=RUNG_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the rung you think it reached."},
    )
