"""One record of achievement: every app's section (hours, forums and roles, elections, panels,
training, mentoring, articles) with a summary at the top counted from them, in plain words, and
who checked it and when, with what is new since the check."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from forums.elections.models import ElectionStatus, Outcome
from participation.mentoring import services
from participation.mentoring.record import record_of_achievement, summary_of
from participation.registry import registry
from tests.elections.factories import CandidateFactory, ElectionFactory
from tests.forums.factories import ForumFactory, member_of
from tests.mentoring.factories import World, attended, on_a_panel

pytestmark = pytest.mark.django_db


def _jordans_year(w: World):
    """Jordan (19): two sessions (2 hours and 1 hour 30), Total Respect and grant reviewer
    training (1 hour each, signed off away from a session), a member and the chair of the Youth
    Council, stood in two elections (elected in one, the other still open), on one panel,
    mentoring Leo."""
    attended(w, w.jordan, hours=2, title="SpeakOut session")
    attended(w, w.jordan, hours=1.5, title="Open Space event")
    forum = ForumFactory(name="Wolverhampton Youth Council")
    member_of(forum, w.jordan)
    member_of(forum, w.jordan, role="chair")
    closed = ElectionFactory(
        title="Youth Council election 2026",
        group=forum.group,
        status=ElectionStatus.CLOSED,
        closed_at=timezone.now() - timedelta(days=40),
    )
    CandidateFactory(
        constituency=closed.constituencies.get(), user=w.jordan, outcome=Outcome.ELECTED, votes=41
    )
    still_open = ElectionFactory(title="Youth MP election 2027", group=forum.group)
    CandidateFactory(constituency=still_open.constituencies.get(), user=w.jordan)
    on_a_panel(w, w.jordan)
    w.meeting(w.peer())


def test_the_summary_is_counted_from_every_section_in_plain_words():
    w = World()
    _jordans_year(w)

    record = record_of_achievement(w.jordan)

    assert [s["title"] for s in record.sections] == [
        "Training and activities",
        "Youth Voice forums",
        "Panels",
        "Mentoring",
    ]
    # By hand: 2 + 1.5 hours at sessions, 1 + 1 hour of training.
    assert record.summary == [
        "5.5 hours of taking part, at events, meetings and training",
        "Went to 2 events and meetings",
        "Finished 2 training courses",
        "Member of 1 Youth Voice forum",
        "Held 1 role in a forum, like chair or Youth MP",
        "Stood for election 2 times and was elected 1 time",
        "Sat on 1 panel choosing grants, services or staff",
        "Mentored 1 young person as a mentor",
    ]
    forums = record.sections[1]["items"]
    texts = [i["text"] for i in forums]
    assert "Chair of Wolverhampton Youth Council" in texts
    assert (
        "Stood for election and was elected: Youth Council election 2026 (Youth Council "
        "election 2026)" in texts
    )
    assert "Standing for election: Youth MP election 2027 (Youth MP election 2027)" in texts
    assert "41" not in repr(forums)  # never the votes


def test_a_section_that_does_not_say_what_its_items_are_is_still_counted(monkeypatch):
    w = World()
    monkeypatch.setitem(
        registry.record_sections,
        "grants",
        lambda user: {
            "title": "Pay it Forward",
            "items": [
                {"date": timezone.localdate(), "text": "Applied to Pay it Forward spring"},
                {"date": timezone.localdate(), "text": "Visited a project"},
            ],
        },
    )
    record = record_of_achievement(w.amira)
    assert (
        "Took part in Pay it Forward grants 2 times (applying, reviewing or visiting)"
        in record.summary
    )
    assert summary_of([]) == []


def test_the_record_shows_who_checked_it_when_and_what_is_new_since(client, login):
    w = World()
    _jordans_year(w)
    check = services.record_check_ask(person=w.jordan, note="For my apprenticeship")
    services.record_check_confirm(check=check, checked_by=w.worker)
    today = date_format(timezone.localdate(), "j F Y")

    login(w.jordan)
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert f"Checked by Priya Sharma, participation worker, on {today}." in page
    assert "In short" in page and "Finished 2 training courses" in page
    assert "New since the check" not in page and "new since the check)" not in page

    attended(w, w.jordan, hours=3, days_ago=1, title="Make Your Mark count")
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert "Anything added after that date has not been checked yet" in page
    assert "New since the check" in page
    new_since = page.split("New since the check", 1)[1].split("</section>", 1)[0]
    assert "Make Your Mark count" in new_since and "SpeakOut session" not in new_since
    assert page.count("(new since the check)") == 1

    # Asking again keeps the last check on the record until a worker answers.
    services.record_check_ask(person=w.jordan)
    page = client.get(reverse("mentoring:my_record")).content.decode()
    assert "Checked by Priya Sharma" in page
    assert "You asked for your record to be checked on" in page


def test_the_worker_sees_the_same_record_and_the_summary_when_checking(client, login):
    w = World()
    _jordans_year(w)
    check = services.record_check_ask(person=w.jordan)
    login(w.worker)
    page = client.get(reverse("mentoring:record_check", args=[check.pk])).content.decode()
    assert "Stood for election 2 times and was elected 1 time" in page
    assert "Not checked by a worker yet." in page
    assert reverse("mentoring:record_check_pdf", args=[check.pk]) not in page
    response = client.post(reverse("mentoring:record_check_confirm", args=[check.pk]))
    assert response.url == reverse("mentoring:record_check", args=[check.pk])
    page = client.get(response.url).content.decode()
    assert "Checked by Priya Sharma, participation worker" in page
    assert reverse("mentoring:record_check_pdf", args=[check.pk]) in page
    listing = client.get(reverse("mentoring:record_checks")).content.decode()
    assert "Checked lately" in listing and "Jordan Clarke" in listing
