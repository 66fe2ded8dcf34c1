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


def run_service(form, call):
    """Call a service. On success return what it returned (True if that was nothing); when it
    refuses, put its plain-English reason on the form and return None."""
    try:
        result = call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return True if result is None else result
