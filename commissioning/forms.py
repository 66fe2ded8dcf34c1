"""Forms for commissioning pages. They only check the shape of what was typed; the services
decide (closing times, weights, who may)."""

from decimal import Decimal

from django import forms

from participation.forms.base import PlainErrorsMixin

from .models import StatementStatus

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
SCORES = range(0, 5)
MAX_CRITERIA = 8


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _when(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": "Enter a date and time, like 14/03/2026 12:00."},
    )


def _pounds(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": "Write an amount in pounds, like 450000 or 450000.00.",
            "max_decimal_places": "Write pence with two numbers at most, like 12.50.",
            "min_value": "The amount must be more than £0.",
        },
        **kwargs,
    )


def pence(amount: Decimal | None) -> int | None:
    return None if amount is None else int((amount * 100).to_integral_value())


def _weight(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        error_messages={"invalid": "Write a whole number from 0 to 100."},
    )


class RoundForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(
        label="Name of the round", max_length=200, help_text="For example: Emotional health 2026."
    )
    service_title = forms.CharField(label="The service being commissioned", max_length=200)
    summary = forms.CharField(
        label="What the service is for", widget=forms.Textarea(attrs={"rows": 3})
    )
    budget = _pounds("Budget (£)")
    contract_months = forms.IntegerField(
        label="Contract length (months)", min_value=1, max_value=120
    )
    bids_close_at = _when("Bids must arrive by")
    evaluation_ends_at = _when("Scoring must be finished by")
    presentations_at = _when("Presentations (Dragon's Den) start")
    presentations_place = forms.CharField(label="Where the presentations happen", max_length=200)
    decision_by = forms.DateField(
        label="Decision by",
        widget=DateInput(),
        error_messages={"invalid": "Write a real date, like 30/04/2026."},
    )
    quality_weight = _weight("Weight of the written bid (%)")
    price_weight = _weight("Weight of the price (%)")
    presentation_weight = _weight("Weight of the presentation (%)")
    shortlist_size = forms.IntegerField(
        label="How many organisations are shortlisted to present", min_value=1, max_value=10
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["budget_pence"] = pence(data.pop("budget"))
        return data


class SectionForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(label="Heading", max_length=200)
    body = forms.CharField(
        label="What this part says", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class CommentForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 2}))


class StatementForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(
        label="A good service...",
        max_length=300,
        help_text="Finish the sentence, for example: staff listen before they act.",
    )


class DecideForm(PlainErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Does it go in the specification?",
        choices=[
            (StatementStatus.ACCEPTED, "Yes, put it in the next version"),
            (StatementStatus.DECLINED, "No, and I will say why"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why not (they will read this)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class PublishForm(PlainErrorsMixin, forms.Form):
    what_changed = forms.CharField(
        label="What changed since the last version",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class CriteriaForm(PlainErrorsMixin, forms.Form):
    """Up to MAX_CRITERIA criteria, each with a title, what to look for, a weight and the words
    for each score from 0 to 4. Rows left without a title are ignored."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(criteria)
        rows = min(MAX_CRITERIA, max(len(existing) + 2, 3))
        self.rows = []
        for n in range(1, rows + 1):
            c = existing[n - 1] if n <= len(existing) else None
            names = {
                "title": f"c{n}_title",
                "question": f"c{n}_question",
                "weight": f"c{n}_weight",
                "scores": [f"c{n}_g{s}" for s in SCORES],
            }
            self.fields[names["title"]] = forms.CharField(
                label=f"Criterion {n}: title",
                max_length=200,
                required=False,
                initial=getattr(c, "title", ""),
            )
            self.fields[names["question"]] = forms.CharField(
                label=f"Criterion {n}: what to look for",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=getattr(c, "question", ""),
            )
            self.fields[names["weight"]] = forms.IntegerField(
                label=f"Criterion {n}: weight (%)",
                required=False,
                min_value=1,
                max_value=100,
                initial=getattr(c, "weight", None),
                error_messages={"invalid": "Write a whole number from 1 to 100."},
            )
            for s, name in zip(SCORES, names["scores"], strict=True):
                self.fields[name] = forms.CharField(
                    label=f"Criterion {n}: what a score of {s} means",
                    required=False,
                    max_length=300,
                    initial=(c.guidance_for(s) if c is not None else ""),
                )
            self.rows.append((n, names))

    def clean(self):
        data = super().clean()
        for n, names in self.rows:
            if data.get(names["title"]) and not data.get(names["weight"]):
                self.add_error(names["weight"], f"Give criterion {n} a weight.")
        return data

    def criteria(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "title": data.get(names["title"], ""),
                "question": data.get(names["question"], ""),
                "weight": data.get(names["weight"]),
                "guidance": {
                    str(s): data.get(name, "")
                    for s, name in zip(SCORES, names["scores"], strict=True)
                },
            }
            for _n, names in self.rows
            if data.get(names["title"])
        ]


class BidForm(PlainErrorsMixin, forms.Form):
    """An answer per criterion and the price. A draft may be saved with gaps."""

    def __init__(self, *args, criteria=(), answers=None, price_pence=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"answer_{c.pk}"] = forms.CharField(
                label=f"{c.number}. {c.title} ({c.weight}%)",
                help_text=c.question,
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,
                initial=answers.get(c.pk, ""),
            )
        self.fields["price"] = _pounds(
            "Your total price for the whole contract (£)",
            required=False,
            help_text="The young people scoring the written bid never see this.",
            initial=None if price_pence is None else Decimal(price_pence) / 100,
        )

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"answer_{c.pk}", "") for c in self.criteria}


class AttachmentForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(label="What the file is", max_length=200)
    upload = forms.FileField(
        label="The file", help_text="A PDF document or a picture (JPEG, PNG or GIF), up to 5 MB."
    )


class ClarificationForm(PlainErrorsMixin, forms.Form):
    question = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Every bidder will see the question and the answer. We never say who asked.",
    )


class AnswerForm(PlainErrorsMixin, forms.Form):
    answer = forms.CharField(
        label="The answer (every bidder gets it)", widget=forms.Textarea(attrs={"rows": 4})
    )


class DeclarationForm(PlainErrorsMixin, forms.Form):
    """The conflict form a panellist fills in before scoring each bid or candidate."""

    has_conflict = forms.TypedChoiceField(
        label="Do you know anyone involved, or could you gain from this one?",
        choices=[
            ("no", "No. I don't know anyone involved and I won't gain from it"),
            ("yes", "Yes. Someone else should score this one"),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="If yes, why? (only the participation worker reads this)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say in a few words why, for example: my aunt works there.")
        return data


class PanellistForm(PlainErrorsMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Young person to add",
        queryset=None,
        help_text="Only young people whose training for this panel is still valid are listed.",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.display_name


class ShortlistForm(PlainErrorsMixin, forms.Form):
    bids = forms.ModelMultipleChoiceField(
        label="Who presents at the Dragon's Den",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(
        label="Why these are shortlisted", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, bids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bids"].queryset = bids
        self.fields["bids"].label_from_instance = lambda b: b.organisation.name


class DecisionForm(PlainErrorsMixin, forms.Form):
    chosen = forms.ModelChoiceField(
        label="The panel chose", queryset=None, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="The reasons for the choice",
        help_text="Every organisation that bid reads these with its own feedback.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, bids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = bids
        self.fields["chosen"].label_from_instance = lambda b: b.organisation.name


class RecruitmentForm(PlainErrorsMixin, forms.Form):
    title = forms.CharField(
        label="The job", max_length=200, help_text="For example: School Support Coordinator."
    )
    organisation = forms.ModelChoiceField(
        label="Which organisation is hiring (optional)", queryset=None, required=False
    )
    summary = forms.CharField(
        label="What the job is (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    activity = forms.ModelChoiceField(
        label="The interview day, from the events (optional)", queryset=None, required=False
    )
    deadline = _when("Scores must be sent by")
    task_weight = _weight("Weight of the activity task (%)")
    presentation_weight = _weight("Weight of the 5-minute presentation (%)")
    questions_weight = _weight("Weight of the answers to the young people's questions (%)")

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        from participation.models import Activity, Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["activity"].queryset = Activity.objects.filter(
            starts_at__gte=timezone.now()
        ).order_by("starts_at")


class CandidateForm(PlainErrorsMixin, forms.Form):
    name = forms.CharField(label="Candidate's name", max_length=200)
    email = forms.EmailField(label="Email (optional)", required=False)
    phone = forms.CharField(label="Phone (optional)", max_length=40, required=False)
    notes = forms.CharField(
        label="Notes for the workers (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="The young people's panel never sees the name or these notes.",
    )


class QuestionForm(PlainErrorsMixin, forms.Form):
    text = forms.CharField(label="Your question for every candidate", max_length=300)


class CandidateShortlistForm(PlainErrorsMixin, forms.Form):
    candidates = forms.ModelMultipleChoiceField(
        label="Who goes on to the adult panel", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    reasons = forms.CharField(
        label="Why the young people chose them", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates
        self.fields["candidates"].label_from_instance = lambda c: c.label
