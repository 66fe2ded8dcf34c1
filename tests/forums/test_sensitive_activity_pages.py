"""A CiCC or CLIC meeting's activity pages show who signed up: only the forum's workers may see."""

import pytest
from django.urls import reverse

from participation.models import Membership
from tests.factories import WorkerFactory
from tests.forums.factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_meeting(worker):
    forum = ForumFactory(private=True)
    forum.workers.add(worker)
    return MeetingFactory(forum=forum)


@pytest.mark.parametrize("page", ["activity_detail", "activity_attendance", "activity_edit"])
def test_only_the_forums_own_workers_open_a_private_forums_activity_pages(
    client, login, worker, private_meeting, page
):
    activity = private_meeting.activity
    login(WorkerFactory())
    assert client.get(reverse(page, args=[activity.pk])).status_code in (403, 404)
    login(worker)
    assert client.get(reverse(page, args=[activity.pk])).status_code == 200


def test_members_still_see_their_own_meeting(client, login, private_meeting, young_person):
    Membership.objects.create(group=private_meeting.forum.group, user=young_person)
    login(young_person)
    response = client.get(reverse("activity_detail", args=[private_meeting.activity.pk]))
    assert response.status_code == 200
