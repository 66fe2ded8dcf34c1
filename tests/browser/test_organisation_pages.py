"""The organisation pages a worker uses to add schools and groups pass axe and the harness."""

from io import StringIO

import pytest
from django.urls import reverse

from participation.demo import seed_base
from participation.models import Organisation
from tests import factories
from tests.browser.helpers import browser_force_login, navigation, visit


@pytest.mark.django_db(transaction=True)
def test_a_worker_adds_a_school_on_pages_that_pass_axe(page, live_server):
    seed_base(StringIO())
    browser_force_login(page, factories.WorkerFactory())
    school = Organisation.objects.get(name="Heath Park School")
    visit(page, reverse("organisation_list"))
    visit(page, reverse("organisation_edit", args=[school.pk]))
    visit(page, reverse("organisation_create"))
    with navigation(page):
        page.get_by_role("button", name="Add it").click()  # nothing typed: the error summary
    assert page.evaluate("document.activeElement.dataset.errorSummary") is not None
    page.get_by_label("Name").fill("Bilston Academy")
    page.get_by_label("What kind of place is it?").select_option("school")
    with navigation(page):
        page.get_by_role("button", name="Add it").click()
    assert "Bilston Academy is added." in page.get_by_role("status").first.inner_text()
