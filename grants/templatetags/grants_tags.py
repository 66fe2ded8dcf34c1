from django import template

from grants.models import money as _money

register = template.Library()


@register.filter
def money(value) -> str:
    """£1,000 or £12.50 (empty for nothing)."""
    if value in (None, ""):
        return ""
    return _money(value)
