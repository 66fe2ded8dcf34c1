from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's validation error on the form, beside the field it is about."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)
