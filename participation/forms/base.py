from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError


class PlainErrorsMixin:
    """Names the empty box ("Fill in: Your date of birth."), not "This field is required"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name.replace("_", " ").capitalize()).rstrip(".?:")
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                verb = "Choose" if isinstance(field, forms.ChoiceField) else "Fill in"
                field.error_messages["required"] = f"{verb}: {label}."


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, beside the field it is about."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def run_service(form, call):
    """Call a service. On success return what it returned (True if that was nothing); when it
    refuses, put its plain-English reason on the form and return None."""
    try:
        result = call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return True if result is None else result


@dataclass(frozen=True)
class Outcome:
    """What a service call without a form (a button) came to: its result, or why not."""

    result: object = None
    refusal: str = ""

    @property
    def ok(self) -> bool:
        return not self.refusal


def attempt(call) -> Outcome:
    try:
        return Outcome(result=call())
    except ValidationError as error:
        return Outcome(refusal=" ".join(error.messages))
