"""The demo charters come from the seeds; the app hands its parts to the base through the
registry (export, erasure, home items)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from charter.models import Charter, Judgement, Signatory, Standing, Visit
from participation.models import Activity, User
from participation.registry import registry
from participation.services import personal_data_export
from tests.charter.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_charters_come_from_the_seeds_and_run_twice(seeded, client):
    co = Charter.objects.get(title="Co-Production Charter")
    version = co.versions.get()
    assert [p.name for p in version.principles.all()] == [
        "Trust",
        "Shared understanding",
        "Equal partnership",
        "Creative thinking",
        "Communication",
    ]
    assert "To seek regular feedback from families" in [p.text for p in version.promises.all()]
    assert all(p.text_for_children for p in version.promises.all())
    kent = Charter.objects.get(title="Kent Youth Charter")
    assert kent.versions.get().principles.count() == 4
    standings = dict(Signatory.objects.values_list("organisation__name", "standing"))
    assert standings == {
        "City of Wolverhampton Council": Standing.SIGNED,
        "HeadStart Wolverhampton": Standing.REVIEWED,
        "Bilston Youth Project": Standing.SIGNED,
        "Changing Our Lives": Standing.LAPSED,
    }
    assert Signatory.objects.filter(adopted_by_board__name__contains="Together Board").count() == 4
    assert Judgement.objects.count() == 4
    challenge = Judgement.objects.get(challenged=True)
    assert challenge.pledge.signatory.organisation.name == "City of Wolverhampton Council"
    assert challenge.answered_at is not None and challenge.answer
    visit = Visit.objects.get()
    assert visit.signatory.organisation.name == "City of Wolverhampton Council"
    assert visit.activity.organisation == visit.signatory.organisation
    assert visit.findings.count() == 2
    assert Activity.objects.filter(organisation__name="HeadStart Wolverhampton").exists()
    call_command("seed_demo", stdout=StringIO())
    assert Signatory.objects.count() == 4
    assert Visit.objects.count() == 1
    for url in (reverse("charter:list"), reverse("charter:detail", args=[co.slug])):
        assert client.get(url).status_code == 200
    page = client.get(reverse("charter:detail", args=[kent.slug])).content.decode()
    assert "Respectful and kind" in page


def test_a_worker_can_add_the_kent_charters_other_principles(seeded, client, login):
    kent = Charter.objects.get(title="Kent Youth Charter")
    login(User.objects.get(email="worker@example.org"))
    response = client.post(
        reverse("charter:principle_add", args=[kent.slug]),
        {"name": "Listening to young people", "text": "", "text_for_children": ""},
    )
    assert response.status_code == 302
    assert kent.versions.get().principles.count() == 5


def test_the_registry_has_every_part():
    assert "charter" in registry.export_sections
    assert "charter" in registry.erasers
    assert "charter" in registry.home_items
    assert "charter" in registry.dashboard_sections
    assert any(name == "charter" for _order, name, _seed in registry.demo_seeders)
    for label in (
        "charter.signatory",
        "charter.pledge",
        "charter.evidence",
        "charter.judgement",
        "charter.visit",
    ):
        assert label in registry.erasure_policies


def test_export_and_erasure_of_an_inspector_and_an_officer():
    w = World()
    signed, pledges = w.ready_to_judge()
    w.judge(pledges[0], "advanced")
    exported = json.dumps(personal_data_export(user=w.inspector), default=str)
    assert "Families said they were asked once" in exported
    officer_export = json.dumps(personal_data_export(user=w.officer), default=str)
    assert "City of Wolverhampton Council" in officer_export
    registry.erasers["charter"](w.inspector)
    registry.erasers["charter"](w.officer)
    judgement = Judgement.objects.get()
    assert judgement.inspector is None and judgement.level == "advanced"
    signed.refresh_from_db()
    assert signed.signed_by is None


def test_home_items_for_the_officer_and_a_young_person_who_was_at_a_session():
    from datetime import timedelta

    from django.utils import timezone

    from charter import services
    from charter.selectors import charter_home_items
    from participation.services import attendance_record
    from tests.participation.training.helpers import make_activity

    w = World()
    signed, _pledges = w.ready_to_judge()
    assert charter_home_items(w.officer) == []
    Signatory.objects.filter(pk=signed.pk).update(standing=Standing.LAPSED)
    officer_items = charter_home_items(w.officer)
    assert officer_items and "it has lapsed" in officer_items[0]["text"]

    activity = make_activity(worker=w.worker, starts_at=timezone.now() - timedelta(hours=3))
    attendance_record(activity=activity, recorded_by=w.worker, statuses={w.young.pk: "present"})
    assert charter_home_items(w.young) == []  # no charter rates staff yet
    services.charter_create(
        created_by=w.worker, title="Kent Youth Charter", summary="s", rates_staff=True
    )
    items = charter_home_items(w.young)
    assert [i["url"] for i in items] == [reverse("charter:rate_staff", args=[activity.pk])]
    assert charter_home_items(w.inspector) == []  # not at the session
