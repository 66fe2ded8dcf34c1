"""A concern raised from a mentoring entry is for the designated safeguarding lead alone: every
other worker sees in the concern queue that one exists and who to tell, never its words or who
raised it; nobody else sees the queue at all. Checked for every role, for the queue, the page
that deals with a concern, the list of concerns dealt with, and the alert."""

import pytest
from django.urls import reverse

from participation.models import Notification, Role
from participation.voice import services
from participation.voice.models import Concern, SafeguardingLead
from participation.voice.permissions import may_read_concern
from tests.factories import StaffFactory, UserFactory, YoungPersonFactory
from tests.mentoring.factories import World

pytestmark = pytest.mark.django_db

WORDS = "He asked me to meet him on my own at the weekend."
RESOLUTION = "Spoke to his dad and paused the pairing."


@pytest.fixture
def w(client, login):
    w = World()
    w.pairing = w.peer()
    w.entry = w.meeting(w.pairing)
    login(w.leo)
    response = client.post(reverse("mentoring:report_meeting", args=[w.entry.pk]), {"what": WORDS})
    assert response.status_code == 302
    w.concern = Concern.objects.get()
    client.logout()
    return w


def _people(w):
    """Every kind of person, with what the concern queue gives them."""
    return {
        "the safeguarding lead": (w.lead, "reads"),
        "the pairing's own worker": (w.worker, "told"),
        "another worker": (w.other_worker, "told"),
        "the mentee who raised it": (w.leo, 403),
        "the mentor": (w.jordan, 403),
        "the mentee's parent": (w.dad, 403),
        "a board member": (w.grace, 403),
        "another young person": (YoungPersonFactory(), 403),
        "an officer": (StaffFactory(roles=[Role.OFFICER]), 403),
        "a professional": (StaffFactory(roles=[Role.PROFESSIONAL]), 403),
        "a provider": (UserFactory(roles=[Role.PROVIDER]), 403),
        "an administrator": (StaffFactory(roles=[Role.ADMINISTRATOR]), 403),
        "a Django superuser": (
            StaffFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True),
            "told",
        ),
    }


def test_the_queue_for_every_role(client, login, w):
    queue = reverse("voice:concerns")
    deal = reverse("voice:concern_resolve", args=[w.concern.pk])
    assert client.get(queue).status_code == 302  # anonymous: to log in
    for who, (person, expected) in _people(w).items():
        login(person)
        response = client.get(queue)
        page = response.content.decode()
        assert "He asked me to meet him" not in page or expected == "reads", who
        if expected == 403:
            assert response.status_code == 403, who
            continue
        assert response.status_code == 200, who
        if expected == "reads":
            assert "He asked me to meet him on my own" in page, who
            assert "Leo Patel" in page, who  # who raised it
            assert client.get(deal).status_code == 200, who
        else:
            # That there is one, and who to tell; not its words, who raised it, or the pairing.
            assert "Only the designated safeguarding lead can read this concern" in page, who
            assert "tell Sara Hussain" in page, who
            assert "Leo Patel" not in page, who
            assert reverse("mentoring:pairing", args=[w.pairing.pk]) not in page, who
            assert deal not in page, who
            dealing = client.get(deal)
            assert "He asked me to meet him" not in dealing.content.decode(), who
            if person.is_superuser:
                continue  # Django lets a superuser open the page; the words stay hidden
            assert dealing.status_code == 403, who
            refused = client.post(deal, {"resolution": "Looked at it"})
            assert refused.status_code == 403, who
    w.concern.refresh_from_db()
    assert w.concern.status == "open"


def test_only_the_lead_deals_with_it_and_what_they_did_stays_private(client, login, w):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="safeguarding lead"):
        services.concern_resolve(concern=w.concern, resolved_by=w.worker, resolution="Done")
    login(w.lead)
    response = client.post(
        reverse("voice:concern_resolve", args=[w.concern.pk]), {"resolution": RESOLUTION}
    )
    assert response.status_code == 302
    assert RESOLUTION in client.get(reverse("voice:concerns")).content.decode()
    login(w.other_worker)
    page = client.get(reverse("voice:concerns")).content.decode()
    assert RESOLUTION not in page
    assert "a private concern, dealt with by the safeguarding lead" in page


def test_an_ordinary_concern_is_still_read_by_every_worker(w):
    from tests.voice.factories import World as VoiceWorld

    v = VoiceWorld()
    item = v.public_routed()
    ordinary = services.concern_report(
        reported_by=v.friend, target=item, about_safety=False, what="This isn't true."
    )
    assert may_read_concern(w.other_worker, ordinary)
    assert not may_read_concern(w.other_worker, w.concern)
    assert may_read_concern(w.lead, w.concern)


def test_the_alert_carries_the_words_to_the_lead_only(w):
    [alert] = Notification.objects.filter(kind="voice.safeguarding_alert")
    assert alert.user == w.lead and WORDS in alert.body


def test_with_no_lead_named_workers_are_alerted_without_the_words(client, login):
    w = World()
    SafeguardingLead.objects.all().delete()
    entry = w.meeting(w.peer())
    login(w.leo)
    client.post(reverse("mentoring:report_meeting", args=[entry.pk]), {"what": WORDS})
    alerts = Notification.objects.filter(kind="voice.safeguarding_alert")
    assert {n.user for n in alerts} == {w.worker, w.other_worker, w.lead}
    for alert in alerts:
        assert WORDS not in alert.body and "none is named" in alert.body
    login(w.worker)
    page = client.get(reverse("voice:concerns")).content.decode()
    assert "He asked me to meet him" not in page
    assert "No safeguarding lead is named yet" in page
