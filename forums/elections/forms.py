from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from participation.models import Group, GroupKind, Organisation
from participation.selectors.organisations import polling_station_places

from .models import Constituency, ElectionKind, ReservedSeat
from .refusals import BallotRefused

CHOOSE = "Choose from the list, then press Vote."

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
WINNER_ROLES = [
    ("", "No role (for example a Youth Council election)"),
    ("youth_mp", "Youth MP"),
    ("youth_crime_commissioner", "Youth Crime Commissioner"),
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _when(label: str, *, required: bool = True, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        help_text=help_text,
        error_messages={
            "invalid": "Enter a date and time, like 14/03/2026 17:00.",
            "required": f"Enter when {label.lower()}.",
        },
    )


class ElectionForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="For example: Youth Council election 2026.")
    description = forms.CharField(
        label="What is it for? (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kind = forms.ChoiceField(
        label="What kind of vote is it?", choices=ElectionKind.choices, widget=forms.RadioSelect
    )
    group = forms.ModelChoiceField(
        label="Which forum is it for? (optional)",
        queryset=Group.objects.filter(kind=GroupKind.FORUM),
        required=False,
    )
    winner_role = forms.ChoiceField(
        label="Role the winners get in that forum", choices=WINNER_ROLES, required=False
    )
    seats = forms.IntegerField(
        label="Open seats",
        min_value=0,
        max_value=200,
        initial=1,
        help_text="How many people are elected. Add seats kept for a group after you save.",
    )
    max_choices = forms.IntegerField(
        label="How many choices can each voter make?", min_value=1, max_value=50, initial=1
    )
    nominations_open_at = _when(
        "Standing opens", required=False, help_text="Leave empty for a topic ballot."
    )
    nominations_close_at = _when("Standing closes", required=False)
    voting_opens_at = _when("Voting opens")
    voting_closes_at = _when("Voting closes")
    voters_group = forms.ModelChoiceField(
        label="Only members of this group can vote (optional)",
        queryset=Group.objects.exclude(kind=GroupKind.BOARD),
        required=False,
    )
    voters_area = forms.CharField(
        label="Only young people living in this area can vote (optional)",
        max_length=80,
        required=False,
    )
    voter_min_age = forms.IntegerField(
        label="Youngest age that can vote (optional)", min_value=10, max_value=25, required=False
    )
    voter_max_age = forms.IntegerField(
        label="Oldest age that can vote (optional)", min_value=10, max_value=25, required=False
    )


# The manage page shows several forms at once, so each kind has its own prefix: its fields'
# ids (id_seat-name, id_constituency-name) and the names they post stay apart, and every label
# points at its own control.


class ReservedSeatForm(forms.Form):
    prefix = "seat"
    name = forms.CharField(
        label="Who are the seats kept for?",
        max_length=200,
        help_text="For example: young carers. Only workers see this name.",
    )
    seats = forms.IntegerField(label="How many seats?", min_value=1, max_value=100, initial=1)
    constituency = forms.ModelChoiceField(queryset=None, label="In which constituency?")

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["constituency"]
        field.queryset = election.constituencies.all() if election else Constituency.objects.none()
        if election is not None and len(field.queryset) == 1:
            field.initial = field.queryset[0].pk
            field.widget = forms.HiddenInput()


class TopicForm(forms.Form):
    prefix = "topic"
    title = forms.CharField(label="Topic", max_length=200)
    description = forms.CharField(
        label="Say a bit more (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class StandForm(forms.Form):
    manifesto = forms.CharField(
        label="Your manifesto",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why should people vote for you? What do you want to change?",
        error_messages={"required": "Write your manifesto: why people should vote for you."},
    )
    reserved_seat = forms.ModelChoiceField(
        label="Do you want to stand for a community seat? (optional)",
        queryset=ReservedSeat.objects.none(),
        required=False,
        empty_label="No, just the open seats",
        help_text="Only choose one if you belong to that group. Only workers see your answer.",
    )

    def __init__(self, *args, constituency=None, **kwargs):
        super().__init__(*args, **kwargs)
        seats = constituency.reserved_seats.all() if constituency else ReservedSeat.objects.none()
        self.fields["reserved_seat"].queryset = seats
        if not seats:
            del self.fields["reserved_seat"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Turn down")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose Approve or Turn down."},
    )
    reason = forms.CharField(
        label="Reason (needed if you turn it down)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ReceiptCheckForm(forms.Form):
    code = forms.CharField(
        label="Your receipt code",
        max_length=30,
        help_text="It looks like ABCD-EFGH-JKLM.",
        error_messages={"required": "Type in your receipt code."},
    )


class AdoptForm(forms.Form):
    campaign_note = forms.CharField(
        label="What will the campaign do? (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class TieForm(forms.Form):
    winners = forms.TypedMultipleChoiceField(
        label="Who wins?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who wins the tied seats."},
    )

    def __init__(self, *args, tied=(), places: int = 1, constituency=None, **kwargs):
        # One tie form per constituency can show at once.
        prefix = f"tie{constituency.pk}" if constituency is not None else None
        super().__init__(*args, prefix=prefix, **kwargs)
        field = self.fields["winners"]
        field.choices = [(c.pk, c.user.display_name) for c in tied]
        field.help_text = (
            f"Choose {places}. Settle it fairly first, for example by drawing lots with "
            "the candidates there."
        )


class ConstituencyForm(forms.Form):
    prefix = "constituency"
    name = forms.CharField(
        label="Constituency name", max_length=200, help_text="For example: a school or an area."
    )
    seats = forms.IntegerField(label="Open seats", min_value=0, max_value=200, initial=1)
    voters_area = forms.CharField(
        label="Only young people living in this area can vote online (optional)",
        max_length=80,
        required=False,
    )


class ConstituencyRenameForm(forms.Form):
    """One per constituency on the manage page, so its prefix carries the constituency's id."""

    name = forms.CharField(label="New name", max_length=200)

    def __init__(self, *args, constituency=None, **kwargs):
        super().__init__(*args, prefix=f"rename{constituency.pk}", **kwargs)
        self.fields["name"].label = f"New name for {constituency.name}"
        if not self.is_bound:
            self.initial["name"] = constituency.name


def _place_label(organisation) -> str:
    where = f", {organisation.area}" if organisation.area else ""
    return f"{organisation.name} ({organisation.get_kind_display()}{where})"


class StationForm(forms.Form):
    constituency = forms.ModelChoiceField(queryset=None, label="Constituency")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="School, group or service",
        empty_label="Choose one",
    )
    contact_email = forms.EmailField(
        label="Contact's email", help_text="A teacher or youth worker with an account here."
    )
    electorate = forms.IntegerField(
        label="How many young people can vote there? (optional)", min_value=0, required=False
    )

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].queryset = (
            election.constituencies.all() if election else Constituency.objects.none()
        )
        # The base keeps the schools, groups and services; a worker adds a missing one there
        # and comes straight back here.
        places = self.fields["organisation"]
        places.queryset = polling_station_places()
        places.label_from_instance = _place_label
        add_url = reverse("organisation_create")
        if election is not None:
            add_url += "?" + urlencode(
                {"kind": "school", "next": reverse("elections:manage", args=[election.pk])}
            )
        places.help_text = format_html(
            'Not in the list? <a href="{}">Add a school or group</a>.', add_url
        )

    def clean_contact_email(self):
        from participation.models import User

        email = self.cleaned_data["contact_email"].lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise forms.ValidationError("Nobody has an account with that email. Check it.")
        self.cleaned_data["contact"] = user
        return email


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label="How many codes?",
        min_value=1,
        max_value=5000,
        help_text="One for each young person who will vote online without an account.",
    )


class ElectorateForm(forms.Form):
    electorate = forms.IntegerField(
        label="How many young people can vote here?", min_value=0, max_value=100000
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Your voting code",
        max_length=30,
        help_text="It is on the slip you were given. It looks like ABCDE-FGHJK.",
        error_messages={"required": "Type in the code from your slip."},
    )


def paper_count_form(choices):
    """A form with one box per name on the ballot paper."""

    fields = {
        "papers": forms.IntegerField(
            label="Ballot papers in the box", min_value=0, help_text="Count every paper."
        ),
        "spoilt": forms.IntegerField(label="Spoilt papers", min_value=0, initial=0),
        "blank": forms.IntegerField(label="Blank papers", min_value=0, initial=0),
    }
    for pk, name in choices:
        fields[f"choice_{pk}"] = forms.IntegerField(
            label=f"Votes for {name}", min_value=0, initial=0
        )
    return type("PaperCountForm", (forms.Form,), fields)


class BallotForm:
    """A ballot paper as posted: which constituency (none with a voting code) and the choices.

    Not a Django form on purpose: it sits on the ballot's fast path, where a form's set-up
    (copying its fields) cost about 0.15 ms a ballot, a tenth of the whole request. It reads
    two plain values the same way a form would, and `cast(call)` calls the one service that
    casts the ballot and keeps its refusal, with the refusal's code (the page answers 409 for
    a second ballot, 403 for someone who may not vote), as `run_service` does for a form.
    """

    def __init__(self, data, *, with_code: bool = False):
        self.data = data
        self.with_code = with_code
        self.cleaned_data: dict = {}
        self.error: tuple[str, str] | None = None
        self.refusal: BallotRefused | None = None

    def is_valid(self) -> bool:
        try:
            choices = [int(c) for c in self.data.getlist("choice")]
            constituency = self.data.get("constituency", "")
            constituency = int(constituency) if constituency not in ("", None) else None
        except (TypeError, ValueError):
            self.error = (CHOOSE, "bad_choice")
            return False
        if not self.with_code and constituency is None:
            self.error = (CHOOSE, "bad_choice")
            return False
        self.cleaned_data = {
            "constituency": constituency,
            "choices": choices,
            "code": self.data.get("code", "")[:30],
        }
        return True

    @property
    def chosen(self) -> list[str]:
        return self.data.getlist("choice")

    def cast(self, call):
        """The service's result, or None with `refusal` kept."""
        try:
            return call()
        except BallotRefused as refusal:
            self.refusal = refusal
            return None

    @property
    def problem(self) -> tuple[str, str]:
        """(plain words, code) for what went wrong."""
        if self.refusal is not None:
            return self.refusal.messages[0], self.refusal.code or ""
        return self.error or (CHOOSE, "bad_choice")
