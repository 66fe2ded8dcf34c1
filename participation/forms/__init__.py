from django import forms
from django.utils import timezone

from participation.forms.base import PlainErrorsMixin
from participation.models import Delivery, NotificationTopic, ParentalConsent
from participation.models.notifications import TOPIC_HELP
from participation.services.accounts import self_signup_age_error


class DateInput(forms.DateInput):
    input_type = "date"


class SignupDetailsForm(PlainErrorsMixin, forms.Form):
    """Extra fields on allauth's sign-up form. The age rule lives here, where allauth asks."""

    first_name = forms.CharField(
        label="What should we call you?",
        max_length=150,
        help_text="Your first name or the name you like to use.",
    )
    date_of_birth = forms.DateField(
        label="Your date of birth",
        widget=DateInput,
        help_text="We only use this to check your age. Nobody else sees it.",
        error_messages={"invalid": "Enter your date of birth as a real date, like 14/03/2010."},
    )
    area = forms.CharField(
        label="Which part of the city do you live in? (optional)",
        max_length=80,
        required=False,
    )

    def clean_date_of_birth(self):
        date_of_birth = self.cleaned_data["date_of_birth"]
        reason = self_signup_age_error(date_of_birth, today=timezone.localdate())
        if reason:
            raise forms.ValidationError(reason, code="age")
        return date_of_birth

    def signup(self, request, user):
        from participation.services import user_signup_details_set

        user_signup_details_set(
            user=user,
            first_name=self.cleaned_data["first_name"],
            date_of_birth=self.cleaned_data["date_of_birth"],
            area=self.cleaned_data.get("area", ""),
        )


class YoungPersonAccountForm(PlainErrorsMixin, forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(
        label="Email address for the account",
        help_text="The young person's own email, or one the family uses for them.",
    )
    date_of_birth = forms.DateField(widget=DateInput)
    area = forms.CharField(max_length=80, required=False, label="Area (optional)")
    parent_name = forms.CharField(label="Parent or carer's name", max_length=150)
    relationship = forms.CharField(
        label="How they are related", max_length=80, help_text="For example mum, dad, foster carer."
    )
    parent_contact = forms.CharField(
        label="Parent or carer's phone or email", max_length=200, required=False
    )
    how_given = forms.ChoiceField(
        label="How they gave consent", choices=ParentalConsent.How.choices
    )
    consent_confirmed = forms.BooleanField(
        label="The parent or carer agreed to this account, and I explained the privacy notice.",
        error_messages={"required": "Tick this box to confirm the parent or carer agreed."},
    )


class NotificationChoicesForm(forms.Form):
    """One question per topic of notification: how should it reach you? Each field is named
    after its topic, so the cleaned data is what `notification_choices_set` takes."""

    def __init__(self, *args, topics: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for topic in topics:
            label = NotificationTopic(topic).label
            self.fields[topic] = forms.ChoiceField(
                label=label,
                help_text=TOPIC_HELP[topic],
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose how you want to hear about {label.lower()}.",
                    "invalid_choice": f"Choose one of the ways to hear about {label.lower()}.",
                },
            )


class AccountEraseForm(PlainErrorsMixin, forms.Form):
    confirmation = forms.CharField(
        label='To delete your account, type "delete my account"',
        max_length=40,
        help_text="This cannot be undone. Your votes stay counted, but they were never linked "
        "to you.",
    )
