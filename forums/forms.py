"""Forms check the shape of what was typed; the rules live in services."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from forums import selectors
from forums.models import (
    OFFICE_ROLES,
    ActionStatus,
    AgendaItemKind,
    CareStatusKind,
    CareStatusNeeded,
    JoinRoute,
    MeetingKind,
)
from participation.forms.base import PlainErrorsMixin
from participation.models import LadderRung, Organisation


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


DATE_ERROR = {"invalid": "Enter a real date, like 14/03/2026."}
DATETIME_ERROR = {"invalid": "Enter a real date and time, like 14/03/2026 at 17:30."}


class EmailOfPersonField(forms.EmailField):
    default_error_messages = {"invalid": "Enter an email address, like name@example.org."}


class PersonByEmailMixin:
    """A form naming someone by the email they log in with: `form.person` is who it is."""

    nobody = "Nobody on the portal has that email address."
    person = None

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.person = selectors.user_by_email(email=email)
        if self.person is None:
            raise forms.ValidationError(self.nobody)
        return email


class ForumForm(forms.Form):
    name = forms.CharField(label="Name of the forum", max_length=200)
    summary = forms.CharField(
        label="What it does, in one line",
        max_length=200,
        help_text="Use words a 10-year-old would understand.",
    )
    description = forms.CharField(label="More about what it does", widget=forms.Textarea)
    join_route = forms.ChoiceField(
        label="How do young people join?", choices=JoinRoute.choices, widget=forms.RadioSelect
    )
    how_to_join = forms.CharField(
        label="How to join, in your own words (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    min_age = forms.IntegerField(
        label="Youngest age (optional)", min_value=10, max_value=25, required=False
    )
    max_age = forms.IntegerField(
        label="Oldest age (optional)", min_value=10, max_value=25, required=False
    )
    care_status_needed = forms.ChoiceField(
        label="Is it only for young people in care or care leavers?",
        choices=CareStatusNeeded.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    area = forms.CharField(
        label="Where must members live? (optional)",
        max_length=80,
        required=False,
        help_text="Leave empty for anywhere. Separate places with commas, like: Kent, Medway.",
    )
    meets = forms.CharField(
        label="When does it meet?", max_length=200, help_text="For example: Once a month."
    )
    organisation = forms.ModelChoiceField(
        label="Which organisation runs it? (optional)",
        queryset=Organisation.objects.all(),
        required=False,
    )
    is_private = forms.BooleanField(
        label="Being a member says something private about a young person (for example that "
        "they are in care). Keep the members hidden.",
        required=False,
        help_text="Forums for young people in care or care leavers are always kept private.",
    )
    is_listed = forms.BooleanField(label="Show it in the list of forums", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("is_listed", True)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", "The oldest age can't be lower than the youngest age.")
        return data


class EmptyForm(forms.Form):
    """For a page whose only input is a button; service errors still show in the summary."""


class ApplicationForm(forms.Form):
    why = forms.CharField(
        label="Why do you want to join?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text="A few sentences is fine. There are no wrong answers.",
        error_messages={"required": "Tell us a little about why you want to join."},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Yes, they can join"), ("decline", "No, not this time")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    reason = forms.CharField(
        label="Message to the young person",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Needed if you say no. Be kind and clear: they will read it.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error(
                "reason", "Say why, in words the young person will understand. They will read it."
            )
        return data


class NominationForm(PersonByEmailMixin, forms.Form):
    nobody = (
        "Nobody on the portal has that email address. Ask the young person to sign up, or ask "
        "a participation worker to set up their account."
    )

    email = EmailOfPersonField(
        label="The young person's email address",
        help_text="The email they use to log in to the Youth Voice Portal.",
    )
    reason = forms.CharField(
        label="Why would they get a lot from this forum?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why they would get a lot from this forum."},
    )
    confirms_care_status = forms.BooleanField(
        label="I confirm this young person is in the care of the council.",
        required=False,
    )

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        needed = forum.care_status_needed if forum else ""
        if needed == CareStatusNeeded.CARE_LEAVER:
            self.fields[
                "confirms_care_status"
            ].label = (
                "I confirm this young person is a care leaver supported by the Transitions Team."
            )
        elif needed != CareStatusNeeded.IN_CARE:
            del self.fields["confirms_care_status"]


class NominationResponseForm(forms.Form):
    answer = forms.ChoiceField(
        label="Do you want to join?",
        choices=[("yes", "Yes, I want to join"), ("no", "No thank you")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no thank you."},
    )


class MemberAddForm(PersonByEmailMixin, forms.Form):
    email = EmailOfPersonField(label="The young person's email address")
    started_on = forms.DateField(
        label="Member from",
        widget=DateInput,
        required=False,
        help_text="Leave empty for today.",
        error_messages=DATE_ERROR,
    )


class RoleGiveForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=[(r.value, r.label) for r in OFFICE_ROLES])
    started_on = forms.DateField(
        label="From",
        widget=DateInput,
        required=False,
        help_text="Leave empty for today.",
        error_messages=DATE_ERROR,
    )


class EndDateForm(forms.Form):
    ended_on = forms.DateField(
        label="Last day",
        widget=DateInput,
        required=False,
        help_text="Leave empty for today.",
        error_messages=DATE_ERROR,
    )


class WorkerAddForm(PersonByEmailMixin, forms.Form):
    email = EmailOfPersonField(label="The worker's email address")


class WorkerRemoveForm(EmptyForm):
    """The "Remove" button beside a worker: `form.worker` is who."""

    def __init__(self, *args, forum=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.worker = None

    def clean(self):
        self.worker = selectors.forum_worker(forum=self.forum, user_id=self.data.get("remove"))
        if self.worker is None:
            raise forms.ValidationError("That person doesn't work with this forum.")
        return super().clean()


class CareStatusForm(PersonByEmailMixin, forms.Form):
    email = EmailOfPersonField(label="The young person's email address")
    status = forms.ChoiceField(
        label="Care status", choices=CareStatusKind.choices, widget=forms.RadioSelect
    )


class TaskGroupForm(forms.Form):
    name = forms.CharField(label="Name of the task group", max_length=150)
    purpose = forms.CharField(label="What is it for?", widget=forms.Textarea(attrs={"rows": 3}))


class TaskGroupMemberForm(forms.Form):
    person = forms.TypedChoiceField(label="Forum member", coerce=int)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a member")] + [
            (row.user_id, row.full_name or row.first_name) for row in people
        ]


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        label="Type of meeting",
        choices=[c for c in MeetingKind.choices if c[0] != MeetingKind.TASK_GROUP],
    )
    description = forms.CharField(
        label="What will happen", widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_at = forms.DateTimeField(
        label="Starts", widget=DateTimeInput, error_messages=DATETIME_ERROR
    )
    ends_at = forms.DateTimeField(label="Ends", widget=DateTimeInput, error_messages=DATETIME_ERROR)
    place = forms.CharField(max_length=200)
    access_info = forms.CharField(
        label="Access information (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Step-free access, quiet room, hearing loop, bus routes, food.",
    )
    capacity = forms.IntegerField(
        label="Places (optional)", min_value=1, required=False, help_text="Empty means no limit."
    )
    planned_rung = forms.ChoiceField(
        label="Planned rung on the ladder of participation",
        choices=LadderRung.choices,
        initial=LadderRung.CO_PRODUCTION,
    )

    def __init__(self, *args, task_group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if task_group is not None:
            del self.fields["kind"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end time must be after the start time.")
        if starts and starts < timezone.now() - timezone.timedelta(days=365):
            self.add_error("starts_at", "That date is more than a year ago. Check the year.")
        return data


class AgendaItemForm(forms.Form):
    policy_item = forms.TypedChoiceField(
        label="A policy item an officer brought (optional)",
        coerce=int,
        required=False,
        empty_value=None,
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave empty to use the policy item's title."
    )
    kind = forms.ChoiceField(label="Type of item", choices=AgendaItemKind.choices)
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, policy_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy_item"].choices = [("", "None")] + [
            (item.pk, f"{item.title} (from {item.brought_by.display_name})")
            for item in policy_items
        ]

    def clean(self):
        data = super().clean()
        if not data.get("policy_item") and not data.get("title", "").strip():
            self.add_error("title", "Give the agenda item a title.")
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Who came, what was decided. Use plain words: members will read this.",
    )

    def __init__(self, *args, agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        for item in agenda_items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{item.position}. {item.title}: what was said",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=item.notes,
            )

    def item_notes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("item_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("item_")
        }


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What will be done", widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.TypedChoiceField(
        label="Who will do it", coerce=int, required=False, empty_value=None
    )
    owner_name = forms.CharField(
        label="Or, who will do it if they are not on the portal",
        max_length=150,
        required=False,
        help_text="For example: the council's transport officer.",
    )
    due_on = forms.DateField(
        label="To be done by (optional)",
        widget=DateInput,
        required=False,
        error_messages=DATE_ERROR,
    )
    agenda_item = forms.TypedChoiceField(
        label="Agenda item (optional)", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, people=(), agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Choose a person")] + [
            (p.pk, p.display_name) for p in people
        ]
        self.fields["agenda_item"].choices = [("", "None")] + [
            (i.pk, f"{i.position}. {i.title}") for i in agenda_items
        ]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)


class PolicyItemForm(forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(
        label="What it is about, in plain words",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Young people aged 10 and up will read this. No jargon.",
    )
    questions = forms.CharField(
        label="What do you want their views on?", widget=forms.Textarea(attrs={"rows": 4})
    )


class PolicyResponseForm(forms.Form):
    response = forms.CharField(
        label="What the young people said",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write what the young people said."},
    )


# --- The Youth Council's year: annual reports ------------------------------------------------


class AnnualReportStartForm(PlainErrorsMixin, forms.Form):
    agm = forms.TypedChoiceField(
        label="The AGM it is for (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Plan the AGM as a meeting of the forum first, with the type Annual General "
        "Meeting (AGM).",
        error_messages={"invalid_choice": "Choose one of this forum's AGMs, or No AGM."},
    )
    period_start = forms.DateField(
        label="First day it covers (optional if you chose an AGM)",
        widget=DateInput,
        required=False,
        error_messages=DATE_ERROR,
    )
    period_end = forms.DateField(
        label="Last day it covers (optional if you chose an AGM)",
        widget=DateInput,
        required=False,
        error_messages=DATE_ERROR,
        help_text="Leave both days empty for the year up to the day of the AGM.",
    )
    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        help_text="Leave empty for a title like: Youth Council annual report 2025 to 2026.",
    )

    def __init__(self, *args, agms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agm"].choices = [("", "No AGM")] + [
            (m.pk, f"{m.activity.title}, {date_format(localtime(m.activity.starts_at), 'j F Y')}")
            for m in agms
        ]

    def clean(self):
        data = super().clean()
        if data.get("agm") is None and "period_start" in data and "period_end" in data:
            if data.get("period_start") is None:
                self.add_error("period_start", "Choose the first day, or the AGM it is for.")
            if data.get("period_end") is None:
                self.add_error("period_end", "Choose the last day, or the AGM it is for.")
        return data


class AnnualReportWordsForm(PlainErrorsMixin, forms.Form):
    foreword = forms.CharField(
        label="Foreword",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="A few words from the young people to start the report: what this year "
        "meant to you. Up to 3,000 characters.",
    )
    highlights = forms.CharField(
        label="Highlights",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="What you are proudest of this year. Start a new line for each one. Don't "
        "name other young people. Up to 5,000 characters.",
    )
    whats_next = forms.CharField(
        label="What's next",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="What you want to do next year. Up to 3,000 characters.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AnnualReportRecipientForm(PlainErrorsMixin, forms.Form):
    name = forms.CharField(label="Their name", max_length=150)
    role = forms.CharField(
        label="Their role",
        max_length=200,
        help_text="For example: Leader of the City of Wolverhampton Council.",
    )
    email = forms.EmailField(
        label="Their email address",
        error_messages={"invalid": "Enter an email address, like name@example.org."},
    )


class AnnualReportAcknowledgeForm(PlainErrorsMixin, forms.Form):
    message = forms.CharField(
        label="A short message for the young people (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="The forum's members and workers will see it. Up to 1,000 characters.",
    )
