from django import forms

from participation.forms.base import PlainErrorsMixin
from participation.models import OrganisationKind


class OrganisationForm(PlainErrorsMixin, forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, help_text="Its full name, for example: Heath Park School."
    )
    kind = forms.ChoiceField(
        label="What kind of place is it?",
        choices=[("", "Choose one"), *OrganisationKind.choices],
    )
    area = forms.CharField(
        label="Town or area (optional)",
        max_length=80,
        required=False,
        help_text="For example: Wolverhampton, or Kent.",
    )

    @staticmethod
    def initial_from(organisation) -> dict:
        return {"name": organisation.name, "kind": organisation.kind, "area": organisation.area}
