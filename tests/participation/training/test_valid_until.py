"""One rule for how long training lasts: the day a certificate says it is valid until is the
last day `is_trained` says yes, and the person's pages say the same day."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from participation import services
from participation.models import Unlock

from .helpers import a_worker, make_module, young

pytestmark = pytest.mark.django_db


def test_training_counts_on_its_last_valid_day_and_not_the_day_after(client, login):
    module = make_module(
        title="Pay it Forward reviewer", unlocks=["grant_reviewer"], valid_for_months=24
    )
    kai = young(first_name="Kai", last_name="")
    with time_machine.travel(date(2025, 12, 1), tick=False):
        [completion] = services.training_group_signoff(
            module=module, people=[kai], signed_off_by=a_worker(), completed_on=date(2025, 12, 1)
        )
    last_day = completion.valid_until

    with time_machine.travel(last_day, tick=False):
        login(kai)
        certificate = client.get(reverse("training_certificate", args=[completion.pk]))
        check = services.is_trained(kai, Unlock.GRANT_REVIEWER)
        mine = client.get(reverse("training_mine")).content.decode()
    assert check, check.reason
    shown = f"{last_day.day} {last_day:%B %Y}"
    assert f"Valid until {shown}." in certificate.content.decode()
    assert f"valid until {shown}." in check.reason
    assert f"Valid until {shown}" in mine

    with time_machine.travel(date.fromordinal(last_day.toordinal() + 1), tick=False):
        login(kai)
        check = services.is_trained(kai, Unlock.GRANT_REVIEWER)
        mine = client.get(reverse("training_mine")).content.decode()
    assert not check
    assert f"was valid until {shown}, so it has run out" in check.reason
    assert f"Ran out: it was valid until {shown}" in mine
