"""Every commissioning page on the demo data, as the worker, a young person on the panels and a
provider, on a phone and on a desktop: axe-core clean, one h1, every control named."""

import pytest
from django.test import override_settings
from django.urls import reverse

from participation.models import User
from tests.browser.helpers import visit
from tests.browser.test_forums_pages import log_in
from tests.commissioning.factories import seed_demo_to_here
from tests.commissioning.url_kwargs import KWARGS

WORKER_PAGES = [
    "round_list",
    "round_create",
    "round_detail",
    "round_edit",
    "spec_draft",
    "section_add",
    "section_edit",
    "statement_decide",
    "spec_publish",
    "spec_versions",
    "criteria_edit",
    "presentation_criteria_edit",
    "clarifications",
    "clarification_answer",
    "panel",
    "moderation",
    "shortlist",
    "audit",
    "moderate",
    "recruitment_list",
    "recruitment_create",
    "recruitment_detail",
    "candidate_add",
    "recruitment_panellist_add",
    "recruitment_shortlist",
]
YOUNG_PAGES = ["round_detail", "spec_draft", "my_panels", "recruitment_detail"]
JORDAN_PAGES = ["score", "bid_detail", "my_panels"]
PROVIDER_PAGES = ["round_detail", "bid_detail", "clarifications", "feedback", "spec_versions"]


def _url(name):
    full = f"commissioning:{name}"
    return reverse(full, kwargs=KWARGS[full](None) if full in KWARGS else None)


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_every_commissioning_page_is_accessible(page, live_server):
    with override_settings(DEBUG=True):
        seed_demo_to_here()
    for email, names in (
        ("worker@example.org", WORKER_PAGES),
        ("young@example.org", YOUNG_PAGES),
        ("ambassador@example.org", JORDAN_PAGES),
        ("provider@example.org", PROVIDER_PAGES),
    ):
        log_in(page, live_server, User.objects.get(email=email))
        for name in names:
            visit(page, _url(name))
