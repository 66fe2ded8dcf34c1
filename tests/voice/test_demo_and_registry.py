"""The demo "you said" items come from the seed documents and cover the whole loop; the app
hands its parts to the base through the registry."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from participation.models import Notification, User
from participation.registry import registry
from participation.voice.models import (
    Consultation,
    ItemStatus,
    Rating,
    SessionFeedback,
    YouSaidItem,
)
from participation.voice.selectors import organisation_records
from tests.voice.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_covers_the_loop_and_runs_twice(seeded, settings):
    items = YouSaidItem.objects.all()
    statuses = set(items.values_list("status", flat=True))
    assert {
        ItemStatus.RAISED,
        ItemStatus.ROUTED,
        ItemStatus.IN_PROGRESS,
        ItemStatus.DONE,
        ItemStatus.DECLINED,
    } <= statuses
    routed_to = set(items.exclude(routed_to=None).values_list("routed_to__name", flat=True))
    assert routed_to == {"City of Wolverhampton Council", "HeadStart Wolverhampton"}
    groups = set(items.exclude(group=None).values_list("group__name", flat=True))
    assert {"Youth Council", "Children in Care Council"} <= groups
    assert items.filter(escalated_at__isnull=False).count() == 1
    assert Rating.objects.filter(good_enough=False).exists()
    assert Notification.objects.filter(
        kind="voice.escalation", user__email="worker@example.org"
    ).exists()
    records = {r.organisation.name: r for r in organisation_records()}
    assert records["City of Wolverhampton Council"].on_time_share < 100
    assert records["HeadStart Wolverhampton"].good_share == 50
    parks = Consultation.objects.get(title="What would make parks better for you?")
    assert parks.status == "summarised" and parks.submissions.count() == 2
    assert parks.items.count() == 2
    assert Consultation.objects.filter(audience="staff_partners", status="open").exists()
    count = items.count()
    call_command("seed_demo", stdout=StringIO())
    assert YouSaidItem.objects.count() == count
    assert Consultation.objects.count() == 2
    assert SessionFeedback.objects.filter(user__email="young@example.org").exists()


def test_the_demo_pages_open(seeded, client, login):
    assert client.get(reverse("voice:public")).status_code == 200
    login(User.objects.get(email="officer@example.org"))
    client.get(reverse("home"))
    page = client.get(reverse("voice:officer_queue")).content.decode()
    assert "The path by the park has no lights" in page and "Amira" not in page


def test_the_registry_has_every_part():
    assert "voice" in registry.export_sections
    assert "voice" in registry.erasers
    assert "voice" in registry.home_items
    assert any(name == "voice" for _order, name, _seed in registry.demo_seeders)


def test_home_items_for_worker_and_officer():
    w = World()
    item = w.raise_item()
    assert registry.home_items["voice"](w.worker)[0]["url"] == reverse("voice:worker_queue")
    assert registry.home_items["voice"](w.officer) == []
    w.routed(item)
    assert registry.home_items["voice"](w.officer)[0]["url"] == reverse("voice:officer_queue")
    assert registry.home_items["voice"](w.young) == []


def test_erasing_a_raiser_removes_their_words_and_keeps_the_answer():
    from participation.services import account_erase
    from participation.services.personal_data import ERASE_CONFIRMATION

    w = World()
    item = w.public_routed(title="Buses cost too much in Bilston", anonymous=True)
    w.answer(item)
    from participation.voice import services

    services.item_follow(item=item, user=w.friend)
    services.response_rate(item=item, user=w.young, good_enough=False, reason="Still too dear")
    account_erase(user=w.young, confirmation=ERASE_CONFIRMATION)
    item.refresh_from_db()
    assert item.raised_by is None and "Bilston" not in item.title + item.text
    assert item.responses.count() == 1
    assert not Rating.objects.filter(reason="Still too dear").exists()
    assert not Notification.objects.filter(title__contains="Bilston").exists()
