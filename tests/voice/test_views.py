"""The pages, driven as people use them: raise, route, answer, rate, follow, filter."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participation.voice import services
from participation.voice.models import Follow, ItemStatus, Rating, Response, YouSaidItem
from participation.voice.selectors import organisation_records
from tests.forums.factories import ForumFactory
from tests.voice.factories import World

pytestmark = pytest.mark.django_db


def test_the_loop_through_the_pages(client, login):
    w = World()
    login(w.young)
    bad = client.post(reverse("voice:raise"), {"title": "", "text": "Buses cost too much."})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "There is a problem" in page and "Buses cost too much." in page
    assert not YouSaidItem.objects.exists()
    response = client.post(
        reverse("voice:raise"),
        {
            "title": "Cheaper buses",
            "text": "A day ticket costs more than my lunch money.",
            "topic": "transport",
            "anonymous_to_officer": "on",
        },
    )
    item = YouSaidItem.objects.get()
    assert response.status_code == 302 and response.url == reverse("voice:item", args=[item.pk])
    assert item.anonymous_to_officer and item.source == "young_person"

    login(w.worker)
    assert client.post(reverse("voice:approve", args=[item.pk])).status_code == 302
    bad_route = client.post(
        reverse("voice:route", args=[item.pk]),
        {"organisation": w.council.pk, "officer": w.other_officer.pk, "due_in_working_days": 10},
    )
    assert bad_route.status_code == 400
    assert "isn&#x27;t an officer of" in bad_route.content.decode()
    client.post(
        reverse("voice:route", args=[item.pk]),
        {"organisation": w.council.pk, "officer": w.officer.pk, "due_in_working_days": 10},
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.ROUTED

    login(w.officer)
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    bad_answer = client.post(
        reverse("voice:respond", args=[item.pk]),
        {
            "outcome": "in_progress",
            "text": "We are talking to the bus company.",
            "plain_text": "We are asking for cheaper tickets.",
            "milestones": "next week talk to them",
        },
    )
    assert bad_answer.status_code == 400
    assert "start with the date" in bad_answer.content.decode()
    assert "We are talking to the bus company." in bad_answer.content.decode()
    client.post(
        reverse("voice:respond", args=[item.pk]),
        {
            "outcome": "in_progress",
            "text": "We are talking to the bus company.",
            "plain_text": "We are asking for cheaper tickets.",
            "progress": "25",
            "milestones": f"{future} Meet the bus company",
            "check_back_on": future,
        },
    )
    answer = Response.objects.get()
    assert answer.progress == 25 and answer.milestones.get().what == "Meet the bus company"

    login(w.young)
    page = client.get(reverse("voice:item", args=[item.pk])).content.decode()
    assert "We are asking for cheaper tickets." in page and "Meet the bus company" in page
    assert reverse("voice:rate", args=[item.pk]) in page
    mine = client.get(reverse("voice:mine")).content.decode()
    assert "Cheaper buses" in mine and "Say if the answer was good enough" in mine
    no_reason = client.post(reverse("voice:rate", args=[item.pk]), {"good_enough": "no"})
    assert no_reason.status_code == 400
    client.post(
        reverse("voice:rate", args=[item.pk]),
        {"good_enough": "no", "reason": "I need it before September."},
    )
    assert Rating.objects.get().good_enough is False

    login(w.worker)
    queue = client.get(reverse("voice:worker_queue")).content.decode()
    assert "Cheaper buses" in queue
    client.post(reverse("voice:reopen", args=[item.pk]), {"note": "They need it by September."})
    item.refresh_from_db()
    assert item.status == ItemStatus.ROUTED


def test_following_and_me_too_buttons(client, login):
    w = World()
    item = w.public_routed()
    login(w.friend)
    page = client.get(reverse("voice:item", args=[item.pk])).content.decode()
    assert "Me too" in page and "Follow this item" in page
    client.post(reverse("voice:me_too", args=[item.pk]))
    assert Follow.objects.get(user=w.friend).kind == "me_too"
    again = client.post(reverse("voice:me_too", args=[item.pk]), follow=True)
    assert "already" in again.content.decode()


def test_a_declined_item_shows_its_raiser_why(client, login):
    w = World()
    item = w.raise_item()
    login(w.worker)
    client.post(reverse("voice:decline", args=[item.pk]), {"reason": "The council did it."})
    login(w.young)
    page = client.get(reverse("voice:item", args=[item.pk])).content.decode()
    assert "The council did it." in page
    login(w.friend)
    assert client.get(reverse("voice:item", args=[item.pk])).status_code == 404


def test_the_public_page_filters_and_pages(client):
    w = World()
    forum = ForumFactory(name="Youth Council")
    for n in range(23):
        item = w.raise_item(w.worker, title=f"Transport item {n}", group=forum.group)
        w.routed(item)
    other = w.routed(
        w.approved(w.raise_item(title="School dinners", topic="school")), to=w.headstart
    )
    url = reverse("voice:public")
    first = client.get(url).content.decode()
    assert "24 items" in first and "Page 1 of 2" in first
    by_forum = client.get(url, {"forum": "youth-council"}).content.decode()
    assert "23 items" in by_forum and "School dinners" not in by_forum
    assert "forum=youth-council&amp;page=2" in by_forum
    by_org = client.get(url, {"organisation": w.headstart.slug}).content.decode()
    assert "1 item" in by_org and "School dinners" in by_org
    assert "School dinners" in client.get(url, {"topic": "school"}).content.decode()
    assert "0 items" in client.get(url, {"status": "done"}).content.decode()
    w.answer(other, officer=w.other_officer)
    assert "School dinners" in client.get(url, {"status": "done"}).content.decode()
    # Bad input never gives an error page.
    assert client.get(url, {"page": "x", "topic": "<script>"}).status_code == 200
    assert client.get(url, {"page": "999"}).status_code == 200


def test_the_organisation_record():
    w = World()
    on_time = w.public_routed(title="On time")
    w.answer(on_time)
    late = w.public_routed(title="Late")
    YouSaidItem.objects.filter(pk=late.pk).update(due_on=date(2000, 1, 1))
    w.answer(late)
    w.public_routed(title="Not answered")
    services.response_rate(item=on_time, user=w.young, good_enough=True)
    services.item_follow(item=on_time, user=w.friend)
    services.response_rate(item=on_time, user=w.friend, good_enough=False, reason="Too slow")
    [record] = organisation_records()
    assert record.organisation == w.council
    assert record.routed == 3 and record.answered == 2
    assert record.on_time_share == 33
    assert record.median_days is not None and record.median_days < 1
    assert record.good_share == 50 and record.rated == 2


def test_an_administrator_makes_a_worker_a_participation_lead(client, login, make_user):
    from participation.voice.models import ParticipationLead

    w = World()
    admin = make_user("administrator")
    login(admin)
    page = client.get(reverse("voice:leads")).content.decode()
    assert "Lena Lead" in page and "Priya Sharma" in page
    bad = client.post(reverse("voice:leads"), {"user": w.young.pk})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    client.post(reverse("voice:leads"), {"user": w.worker.pk})
    assert ParticipationLead.objects.filter(user=w.worker).exists()
    login(w.worker)
    assert client.get(reverse("voice:leads")).status_code == 403
