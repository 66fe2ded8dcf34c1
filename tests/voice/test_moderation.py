"""Report a concern: it lands in the moderation queue, and one about a child's safety reaches
the designated safeguarding lead at once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participation.models import Notification
from participation.voice import services
from participation.voice.models import Concern, SafeguardingLead
from tests.voice.factories import World

pytestmark = pytest.mark.django_db


def alerts(user=None):
    rows = Notification.objects.filter(kind="voice.safeguarding_alert")
    return list(rows.filter(user=user) if user else rows)


def test_a_safety_concern_reaches_the_safeguarding_lead_at_once():
    w = World()
    SafeguardingLead.objects.create(user=w.lead)
    item = w.public_routed()
    services.concern_report(
        reported_by=w.friend, target=item, about_safety=True, what="She said she is scared."
    )
    [alert] = alerts()
    assert alert.user == w.lead
    assert "She said she is scared." in alert.body
    assert Concern.objects.get().safeguarding_alerted_at is not None


def test_with_no_lead_named_every_worker_is_alerted():
    w = World()
    item = w.public_routed()
    services.concern_report(reported_by=w.friend, target=item, about_safety=True, what="Help")
    assert {n.user for n in alerts()} == {w.worker, w.lead}


def test_an_ordinary_concern_waits_in_the_queue_and_is_dealt_with(client, login):
    w = World()
    item = w.public_routed()
    [answer] = w.answer(item)
    login(w.friend)
    page = client.get(reverse("voice:item", args=[item.pk])).content.decode()
    assert reverse("voice:report_item", args=[item.pk]) in page
    assert reverse("voice:report_answer", args=[answer.pk]) in page
    bad = client.post(reverse("voice:report_answer", args=[answer.pk]), {"what": " "})
    assert bad.status_code == 400
    client.post(reverse("voice:report_answer", args=[answer.pk]), {"what": "This isn't true."})
    concern = Concern.objects.get()
    assert concern.target_id == answer.pk and not concern.about_safety
    assert not alerts()
    login(w.worker)
    queue = client.get(reverse("voice:concerns")).content.decode()
    assert "This isn&#x27;t true." in queue
    client.post(
        reverse("voice:concern_resolve", args=[concern.pk]), {"resolution": "Checked: it is."}
    )
    concern.refresh_from_db()
    assert concern.status == "resolved" and concern.resolved_by == w.worker
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.concern_resolve(concern=concern, resolved_by=w.worker, resolution="Again")
    login(w.friend)
    assert client.get(reverse("voice:concerns")).status_code == 403


def test_a_hidden_item_cannot_be_reported_by_someone_who_cannot_see_it(client, login):
    w = World()
    item = w.raise_item()  # words not approved yet
    login(w.friend)
    assert client.get(reverse("voice:report_item", args=[item.pk])).status_code == 404


def test_an_administrator_names_a_safeguarding_lead(client, login, make_user):
    w = World()
    admin = make_user("administrator")
    login(admin)
    client.post(reverse("voice:safeguarding_leads"), {"user": w.worker.pk})
    assert SafeguardingLead.objects.filter(user=w.worker).exists()
    assert "Priya Sharma" in client.get(reverse("voice:safeguarding_leads")).content.decode()
    with pytest.raises(ValidationError, match="must be a participation worker"):
        services.safeguarding_lead_appoint(user=w.young, appointed_by=admin)


def test_workers_see_waiting_concerns_on_their_home_page():
    from participation.registry import registry

    w = World()
    item = w.public_routed()
    services.concern_report(reported_by=w.friend, target=item, about_safety=False, what="Hmm")
    texts = [i["text"] for i in registry.home_items["voice"](w.worker)]
    assert "1 reported concern is waiting for a worker." in texts
    assert not any("concern" in i["text"] for i in registry.home_items["voice"](w.friend))
