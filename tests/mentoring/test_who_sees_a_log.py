"""Only the pair, their worker and the safeguarding lead see a pairing's log: every other role
(another worker, the mentee's parent, a board member, an officer, an administrator, even a
Django superuser, another young person) gets 404 or 403 on every page of it."""

import pytest
from django.urls import reverse

from participation.mentoring import services
from participation.models import Role
from tests.factories import StaffFactory, UserFactory, YoungPersonFactory
from tests.mentoring.factories import World

pytestmark = pytest.mark.django_db


def _pages(pairing, meeting, goal):
    return [
        reverse("mentoring:pairing", args=[pairing.pk]),
        reverse("mentoring:log_meeting", args=[pairing.pk]),
        reverse("mentoring:add_goal", args=[pairing.pk]),
        reverse("mentoring:report_pairing", args=[pairing.pk]),
        reverse("mentoring:report_meeting", args=[meeting.pk]),
        reverse("mentoring:report_goal", args=[goal.pk]),
    ]


@pytest.fixture
def setup():
    w = World()
    pairing = w.peer()
    meeting = w.meeting(pairing, worked_on="Talked about secondary school.")
    goal = services.goal_add(pairing=pairing, text="Try football", added_by=w.jordan)
    return w, pairing, meeting, goal


def test_the_pair_their_worker_and_the_lead_see_the_log(client, login, setup):
    w, pairing, meeting, goal = setup
    for person in (w.jordan, w.leo, w.worker, w.lead):
        login(person)
        response = client.get(reverse("mentoring:pairing", args=[pairing.pk]))
        assert response.status_code == 200, person
        assert "Talked about secondary school." in response.content.decode()
        assert client.get(reverse("mentoring:report_meeting", args=[meeting.pk])).status_code == 200


def test_every_other_role_gets_403_or_404(client, login, setup):
    w, pairing, meeting, goal = setup
    superuser = StaffFactory(roles=[Role.ADMINISTRATOR], is_superuser=True, is_staff=True)
    others = {
        "another worker": w.other_worker,
        "the mentee's parent": w.dad,
        "a board member": w.grace,
        "another young person": YoungPersonFactory(),
        "an officer": StaffFactory(roles=[Role.OFFICER]),
        "a professional": StaffFactory(roles=[Role.PROFESSIONAL]),
        "an administrator": StaffFactory(roles=[Role.ADMINISTRATOR]),
        "a Django superuser": superuser,
        "a provider": UserFactory(roles=[Role.PROVIDER]),
    }
    for who, person in others.items():
        login(person)
        for url in _pages(pairing, meeting, goal):
            response = client.get(url)
            assert response.status_code in (403, 404), f"{who} got {response.status_code}: {url}"
            assert b"Talked about secondary school." not in response.content
        done = client.post(reverse("mentoring:goal_done", args=[goal.pk]))
        assert done.status_code in (403, 404), who
    client.logout()
    for url in _pages(pairing, meeting, goal):
        assert client.get(url).status_code == 302  # to log in


def test_the_parent_can_reach_the_end_page_but_not_the_log(client, login, setup):
    w, pairing, meeting, goal = setup
    login(w.dad)
    page = client.get(reverse("mentoring:mine")).content.decode()
    assert "Leo Patel" in page and "Talked about" not in page
    assert client.get(reverse("mentoring:end", args=[pairing.pk])).status_code == 200
    login(w.other_worker)
    assert client.get(reverse("mentoring:end", args=[pairing.pk])).status_code == 404


def test_ending_from_the_mentees_side_through_the_page(client, login, setup):
    w, pairing, meeting, goal = setup
    login(w.leo)
    response = client.post(reverse("mentoring:end", args=[pairing.pk]), {"reason": ""})
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.status == "ended" and pairing.ended_by == w.leo
    page = client.get(reverse("mentoring:pairing", args=[pairing.pk])).content.decode()
    assert "Record a meeting" not in page and "Ended" in page


def test_a_mentee_logs_a_meeting_and_bad_input_keeps_what_was_typed(client, login, setup):
    w, pairing, meeting, goal = setup
    login(w.leo)
    url = reverse("mentoring:log_meeting", args=[pairing.pk])
    bad = client.post(url, {"held_on": "2999-01-01", "place": "The library", "worked_on": "Maths"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "in the future" in text and "The library" in text and "Maths" in text
    ok = client.post(
        url, {"held_on": pairing.started_on.isoformat(), "place": "Library", "worked_on": "Maths"}
    )
    assert ok.status_code == 302
    assert pairing.meetings.count() == 2


def test_a_concern_from_the_page_always_alerts_the_safeguarding_lead(client, login, setup):
    from participation.models import Notification

    w, pairing, meeting, goal = setup
    login(w.leo)
    response = client.post(
        reverse("mentoring:report_meeting", args=[meeting.pk]), {"what": "I felt unsafe."}
    )
    assert response.status_code == 302
    assert Notification.objects.filter(kind="voice.safeguarding_alert", user=w.lead).exists()
