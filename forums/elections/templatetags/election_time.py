"""Dates and times on election pages, written the way the ballot's refusals write them.

Django's "g:ia" prints "5:58p.m.", which reads oddly and doubles up with a sentence's full
stop ("closes at 5:58p.m.."). `{{ moment|day_and_time }}` gives "14 March 2026, 5:58pm", and
`{{ moment|day_and_time:"j F" }}` leaves the year out.
"""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def day_and_time(moment, day_format: str = "j F Y") -> str:
    if not moment:
        return ""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{date_format(local, day_format)}, {hour}:{local:%M}{suffix}"
