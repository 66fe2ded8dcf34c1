"""Small helpers the commissioning services share."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format


def long_when(moment: datetime) -> str:
    """ "12:00 on 30 March 2026", in the portal's time zone."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'H:i')} on {date_format(local, 'j F Y')}"
