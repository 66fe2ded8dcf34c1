"""Forms of Pay it Forward. Amounts are typed as text ("£1,000", "12.50") and read by the
services, which explain a wrong one in plain words; nothing here decides a rule."""

from django import forms

from participation.forms.base import PlainErrorsMixin
from participation.uploads import MAX_BYTES

from .models import BUDGET_LINES, Helps, PaymentMethod, Wellbeing

FILE_HELP = f"A photo or scan (JPEG, PNG or GIF) or a PDF, up to {MAX_BYTES // (1024 * 1024)} MB."
LEAVE = "(you can leave this)"


def _text(label, *, rows=None, required=True, max_length=4000, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, widget=widget, required=required, max_length=max_length, help_text=help_text
    )


class StartForm(PlainErrorsMixin, forms.Form):
    title = _text(
        "What is your project called?",
        max_length=200,
        help_text="For example: Homely Hampers. You can change it later.",
    )


class ApplicationForm(PlainErrorsMixin, forms.Form):
    """The whole application. Every box may be left while it is a draft; sending it checks
    that everything needed is there (the service's rules)."""

    title = _text("What is your project called?", max_length=200)
    helps = forms.ChoiceField(
        label="Who does it help? (you can leave this until you send it)",
        choices=Helps.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    who_it_helps = _text(
        f"Tell us about the people it helps {LEAVE}",
        rows=3,
        required=False,
        help_text="They can be any age: older people in a care home, children at a club, a "
        "friend. Don't write anyone's name.",
    )
    people_helped = forms.IntegerField(
        label=f"About how many people will it help? {LEAVE}",
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={
            "invalid": "Write a number, for example 30.",
            "min_value": "Write a number of 1 or more.",
            "max_value": "Write a smaller number.",
        },
    )
    wellbeing = _text(f"How will it help their wellbeing? {LEAVE}", rows=4, required=False)
    plan = _text(
        f"What will happen, and when? {LEAVE}",
        rows=4,
        required=False,
        help_text="The steps, with rough dates. For example: June, buy the wool; July, the "
        "knitting club starts.",
    )
    amount = _text(
        f"How much money are you asking for, in pounds? {LEAVE}",
        required=False,
        max_length=20,
        help_text="Between £250 and £1,000. It must be the same as your budget lines added up.",
    )
    co_applicants = _text(
        f"Is anyone doing it with you? Write their first names {LEAVE}",
        rows=2,
        required=False,
        max_length=1000,
        help_text="Only the workers see this, not the young reviewers.",
    )
    school = _text(
        f"Your school or college {LEAVE}",
        required=False,
        max_length=200,
        help_text="Only the workers see this, not the young reviewers.",
    )
    adult_name = _text(
        f"The trusted adult's full name {LEAVE}",
        required=False,
        max_length=200,
        help_text="An adult who will look after the money for you, for example a teacher, a "
        "youth worker or someone in your family. The grant is paid to them.",
    )
    adult_relationship = _text(
        f"How do they know you? {LEAVE}",
        required=False,
        max_length=100,
        help_text="For example: my teacher, my aunt.",
    )
    adult_contact = _text(f"Their email or phone number {LEAVE}", required=False, max_length=200)
    consent_name = _text(
        f"Your parent or carer's full name {LEAVE}",
        required=False,
        max_length=200,
        help_text="If you are under 16, your parent or carer needs to say yes. A worker will "
        "check with them.",
    )
    consent_relationship = _text(
        f"Who are they to you? {LEAVE}",
        required=False,
        max_length=100,
        help_text="For example: Mum, Dad, foster carer.",
    )
    consent_contact = _text(
        f"Their email or phone number, for your parent or carer {LEAVE}",
        required=False,
        max_length=200,
    )
    showcase_name = _text(
        f"If your project is funded, what name should we show? {LEAVE}",
        required=False,
        max_length=100,
        help_text="It goes on the public showcase of projects. It can be a first name, a "
        "group name or a made-up one.",
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, BUDGET_LINES + 1):
            self.fields[f"line_{i}_item"] = _text(
                f"Budget line {i}: what it is for {LEAVE}", required=False, max_length=200
            )
            self.fields[f"line_{i}_cost"] = _text(
                f"Budget line {i}: cost in pounds {LEAVE}", required=False, max_length=20
            )
        if not self.is_bound:
            for i, line in enumerate(lines, start=1):
                self.initial[f"line_{i}_item"] = line.item
                self.initial[f"line_{i}_cost"] = line.cost

    @property
    def main_fields(self):
        return [f for f in self if not f.name.startswith("line_")]

    @property
    def line_rows(self):
        return [
            (i, self[f"line_{i}_item"], self[f"line_{i}_cost"]) for i in range(1, BUDGET_LINES + 1)
        ]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        lines = [
            (data.pop(f"line_{i}_item"), data.pop(f"line_{i}_cost"))
            for i in range(1, BUDGET_LINES + 1)
        ]
        return {"lines": lines, **data}


class ConsentForm(PlainErrorsMixin, forms.Form):
    how = _text(
        "How did their parent or carer tell you they say yes?",
        max_length=200,
        help_text="For example: on the phone on 3 May.",
    )


class DecisionForm(PlainErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="What did the panel decide?",
        choices=[("award", "Award a grant"), ("decline", "Don't fund it this time")],
        widget=forms.RadioSelect,
    )
    reason = _text(
        "The panel's reason, for the young person",
        rows=4,
        help_text="They will read this, with what the young reviewers said. Be kind and clear.",
    )
    amount = _text(
        f"How much to award, in pounds {LEAVE}",
        required=False,
        max_length=20,
        help_text="Leave it to award what they asked for.",
    )
    conditions = _text(
        f"Anything they must do {LEAVE}",
        rows=2,
        required=False,
        help_text="For example: keep the receipts.",
    )


class PaymentForm(PlainErrorsMixin, forms.Form):
    paid_on = forms.DateField(
        label="When was it paid?",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Write a date, for example 14 January 2026."},
    )
    method = forms.ChoiceField(
        label="How was it paid?", choices=PaymentMethod.choices, widget=forms.RadioSelect
    )


class ReceiptForm(PlainErrorsMixin, forms.Form):
    what = _text("What was it for?", max_length=200)
    amount = _text("How much, in pounds?", max_length=20)
    upload = forms.FileField(label="The receipt", help_text=FILE_HELP)


class VisitPlanForm(PlainErrorsMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label="When is the visit?",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": "Write a date and time, for example 14 June 2026, 16:00."},
    )
    place = _text("Where is it?", max_length=200)
    due_on = forms.DateField(
        label=f"When must it be written up by? {LEAVE}",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Write a date, for example 14 January 2026."},
    )


class VisitRecordForm(PlainErrorsMixin, forms.Form):
    happened = forms.TypedChoiceField(
        label="Did the project happen?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    money_used = _text("How was the money used?", rows=3)
    people_said = _text(
        f"What did the people it helped say? {LEAVE} if it did not happen",
        rows=3,
        required=False,
        help_text="Their words, without their names.",
    )
    wellbeing = forms.ChoiceField(
        label=f"How did their wellbeing seem? {LEAVE} if it did not happen",
        choices=Wellbeing.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    people_helped = forms.IntegerField(
        label=f"How many people did it help? {LEAVE}",
        required=False,
        min_value=0,
        max_value=100000,
        error_messages={"invalid": "Write a number, for example 30."},
    )
    photo = forms.FileField(
        label=f"A photo {LEAVE}",
        required=False,
        help_text=f"A JPEG, PNG or GIF picture, up to {MAX_BYTES // (1024 * 1024)} MB.",
    )
    photo_caption = _text(f"What the photo shows {LEAVE}", required=False, max_length=200)
    photo_consent = forms.BooleanField(
        label="Everyone in the photo (and a parent or carer for children) said yes to it",
        required=False,
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "happened": data["happened"],
            "money_used": data["money_used"],
            "people_said": data["people_said"],
            "wellbeing": data["wellbeing"],
            "people_helped": data["people_helped"],
            "photos": [(data["photo"], data["photo_caption"], data["photo_consent"])]
            if data.get("photo")
            else [],
        }


class ShowcaseSuggestForm(PlainErrorsMixin, forms.Form):
    story = _text(
        "What did the project do?",
        rows=4,
        help_text="A few sentences for everyone to read. Don't write anyone's full name.",
    )
    quote = _text(
        f"Something one of the people it helped said {LEAVE}",
        rows=2,
        required=False,
        max_length=500,
    )


class ShowcaseHideForm(PlainErrorsMixin, forms.Form):
    reason = _text("Why is it coming off the showcase?", rows=2, max_length=500)


class RoundForm(PlainErrorsMixin, forms.Form):
    name = _text("Name of the round", max_length=200, help_text="For example: Pay it Forward 2026")
    summary = _text(f"What it is for {LEAVE}", rows=3, required=False)
    area = _text(
        f"Where applicants must live {LEAVE}",
        required=False,
        max_length=200,
        help_text="For example: Kent. Leave it empty for anywhere.",
    )
    budget = _text("Budget for the round, in pounds", max_length=20)
    min_grant = _text("Smallest grant, in pounds", max_length=20, required=True)
    max_grant = _text("Biggest grant, in pounds", max_length=20, required=True)
    min_age = forms.IntegerField(
        label="Youngest age on the day of applying", min_value=5, max_value=25
    )
    max_age = forms.IntegerField(
        label="Oldest age on the day of applying", min_value=5, max_value=25
    )
    opens_at = forms.DateTimeField(
        label="Opens",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    closes_at = forms.DateTimeField(
        label="Closes",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    review_deadline = forms.DateTimeField(
        label="Reviews due by",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"min_grant": "250", "max_grant": "1000", "min_age": 11, "max_age": 16}
        )
        super().__init__(*args, **kwargs)


class ReviewerForm(PlainErrorsMixin, forms.Form):
    person = forms.TypedChoiceField(
        label="Which trained young reviewer?",
        coerce=int,
        error_messages={"invalid_choice": "Choose someone from the list."},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["person"].choices = [
            ("", "Choose a young reviewer"),
            *((p.pk, p.display_name) for p in people),
        ]
