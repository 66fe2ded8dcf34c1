"""Kept for imports; the helpers live with the forms they fill."""

from participation.forms.base import add_service_errors, run_service

__all__ = ["add_service_errors", "run_service"]
