"""The demo forums come from the seed documents; forums hands its parts to the base through
the registry (participation record, data export, board dashboard, periodic tasks)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from forums.models import CareStatus, Forum, Meeting, PolicyItem
from participation.models import Membership, User
from participation.registry import registry
from participation.schedules import PERIODIC_TASKS
from participation.small_numbers import small_count
from tests.factories import YoungPersonFactory
from tests.forums.factories import CiccFactory, ForumFactory, member_of

pytestmark = pytest.mark.django_db

SEED_FORUMS = {
    "Youth Council",
    "Children in Care Council",
    "Care Leavers Forum (CLIC)",
    "B-Safe Team",
    "HeadStart Ambassadors",
    "Voices in Youth Justice",
    "Changing Our Lives",
    "SpeakOut",
    "Kent Youth County Council",
}


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_has_every_forum_from_the_documents_and_runs_twice(seeded):
    assert set(Forum.objects.values_list("group__name", flat=True)) == SEED_FORUMS
    counts = (Forum.objects.count(), Membership.objects.count(), Meeting.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Forum.objects.count(), Membership.objects.count(), Meeting.objects.count()) == counts


def test_the_demo_forums_say_what_the_documents_say(seeded):
    cicc = Forum.objects.get(group__name="Children in Care Council")
    assert (cicc.min_age, cicc.max_age, cicc.join_route) == (11, 18, "nomination")
    assert cicc.is_private and cicc.care_status_needed == "in_care"
    clic = Forum.objects.get(group__name="Care Leavers Forum (CLIC)")
    assert (clic.min_age, clic.max_age, clic.care_status_needed) == (18, 25, "care_leaver")
    assert Forum.objects.get(group__name="HeadStart Ambassadors").min_age == 16
    kycc = Forum.objects.get(group__name="Kent Youth County Council")
    assert "8 elected members and 12 community seats" in kycc.description
    youth_council = Forum.objects.get(group__name="Youth Council")
    assert "Two Youth MPs and two Youth Crime Commissioners" in youth_council.description
    assert youth_council.task_groups.filter(group__name="Make Your Mark").exists()
    assert PolicyItem.objects.filter(forum=youth_council).exists()
    ellie = User.objects.get(email="ellie@example.org")
    assert CareStatus.objects.get(user=ellie).status == "in_care"


def test_the_demo_pages_open(seeded, client, login):
    client.get(reverse("forums:list"))
    login(User.objects.get(email="worker@example.org"))
    for forum in Forum.objects.all():
        assert client.get(reverse("forums:detail", args=[forum.slug])).status_code == 200
        assert client.get(reverse("forums:members", args=[forum.slug])).status_code == 200
    for meeting in Meeting.objects.all():
        assert client.get(reverse("forums:meeting", args=[meeting.pk])).status_code == 200


def test_the_participation_record_and_export_include_forums():
    forum = ForumFactory(name="Youth Council")
    person = YoungPersonFactory()
    member_of(forum, person)
    member_of(forum, person, role="youth_mp")
    record = registry.record_sections["forums"](person)
    assert [item["text"] for item in record["items"]] == [
        "Member of Youth Council",
        "Youth MP of Youth Council",
    ]
    export = registry.export_sections["forums"](person)
    assert {m["role"] for m in export["forum_memberships"]} == {"Member", "Youth MP"}
    assert registry.record_sections["forums"](YoungPersonFactory()) is None


def test_the_board_dashboard_hides_counts_under_five():
    cicc = CiccFactory(name="Children in Care Council")
    for _ in range(3):
        member_of(cicc)
    youth_council = ForumFactory(name="Youth Council")
    for _ in range(6):
        member_of(youth_council)
    rows = {r["forum"]: r for r in registry.dashboard_sections["forums"]()["rows"]}
    assert rows["Children in Care Council"]["members"] == "fewer than 5"
    assert rows["Youth Council"]["members"] == 6
    assert small_count(0) == 0


def test_the_nomination_reminder_is_scheduled():
    spec = PERIODIC_TASKS["Remind young people about nominations"]
    assert spec["task"] == "forums.tasks.send_nomination_reminders"
