from django import forms


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
