"""The annual report's figures match a count done by hand on a small data set.

The Youth Council's report covers 1 June 2025 to 31 May 2026. Next to each row below is whether
it counts, and why; the expected figures at the bottom were added up by hand from these notes.
Rows just outside the period (the day before it starts, the minute after it ends), rows of
another forum and people who were not members then are there to be left out.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from forums.elections.models import Election, ElectionKind, ElectionStatus, Topic
from forums.models import MeetingKind
from forums.year_selectors import annual_report_figures
from participation.models import (
    ActivityKind,
    Attendance,
    TrainingAudience,
    TrainingCompletion,
    TrainingDelivery,
    TrainingModule,
)
from participation.voice.models import YouSaidItem
from tests.factories import YoungPersonFactory
from tests.forums.factories import ActivityFactory, ForumFactory, TaskGroupFactory, member_of
from tests.forums.year.factories import at, meeting

pytestmark = pytest.mark.django_db

START, END = date(2025, 6, 1), date(2026, 5, 31)
NOW = at(date(2026, 7, 1), 12)


def _election(group, title, closed_on, turnout, kind=ElectionKind.CANDIDATES, status="closed"):
    closes = at(closed_on, 12)
    return Election.objects.create(
        title=title,
        kind=kind,
        group=group,
        status=status,
        voting_opens_at=closes - timedelta(days=7),
        voting_closes_at=closes,
        closed_at=closes if status == ElectionStatus.CLOSED else None,
        turnout=turnout,
    )


def _present(activity, *people, status="present"):
    for person in people:
        Attendance.objects.create(
            activity=activity, user=person, status=status, recorded_by=activity.created_by
        )


def _module(title, minutes):
    return TrainingModule.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="A course.",
        audience=TrainingAudience.YOUNG_PEOPLE,
        delivery=TrainingDelivery.FACE_TO_FACE,
        duration_minutes=minutes,
        is_published=True,
    )


def _completion(person, module, on, activity=None):
    TrainingCompletion.objects.create(
        user=person, module=module, completed_on=on, method="face_to_face", activity=activity
    )


def _item(group, created_on, answered_on=None, title="Buses"):
    return YouSaidItem.objects.create(
        topic="transport",
        title=title,
        text="Buses cost too much.",
        source="young_person",
        group=group,
        created_at=at(created_on, 12),
        first_answered_at=at(answered_on, 12) if answered_on else None,
    )


@pytest.fixture
def data():
    with time_machine.travel(NOW, tick=False):
        yc = ForumFactory(name="Youth Council")
        other = ForumFactory(name="B-Safe Team")
        task_group = TaskGroupFactory(forum=yc)
        ruby = YoungPersonFactory(first_name="Ruby")
        kai = YoungPersonFactory(first_name="Kai")
        lee = YoungPersonFactory(first_name="Lee")
        mo = YoungPersonFactory(first_name="Mo")
        member_of(yc, ruby, started_on=date(2024, 1, 1))  # member all year
        member_of(yc, ruby, role="chair", started_on=date(2025, 1, 1))  # an office: same person
        member_of(yc, kai, started_on=date(2025, 9, 1))  # joined in the period
        member_of(yc, lee, started_on=date(2023, 1, 1), ended_on=date(2025, 3, 1))  # left before
        member_of(yc, mo, started_on=date(2026, 6, 1))  # joined after
        member_of(other, lee)

        # Meetings of the Youth Council: three in the period, two just outside it.
        m1 = meeting(yc, at(date(2025, 6, 10)))  # 2 hours
        m2 = meeting(yc, at(date(2025, 11, 5)), kind=MeetingKind.TASK_GROUP, task_group=task_group)
        m3 = meeting(yc, at(date(2026, 5, 31), 18), kind=MeetingKind.AGM)  # the last day
        before = meeting(yc, at(date(2025, 5, 31), 18))  # the day before: out
        after = meeting(yc, timezone.make_aware(timezone.datetime(2026, 6, 1, 0, 30)))  # out
        elsewhere = meeting(other, at(date(2025, 12, 1)))  # another forum: out
        _present(m1.activity, ruby, kai, lee)  # 3 (Lee came, though not a member then)
        _present(m1.activity, mo, status="apologies")  # not there
        _present(m2.activity, ruby)  # 1
        _present(m2.activity, kai, status="absent")  # not there
        _present(m3.activity, ruby, kai, mo)  # 3
        _present(before.activity, ruby)
        _present(after.activity, ruby)
        _present(elsewhere.activity, kai)  # not a Youth Council meeting, but Kai's hours count
        open_space = ActivityFactory(
            kind=ActivityKind.OPEN_SPACE,
            starts_at=at(date(2025, 8, 1), 10),
            ends_at=at(date(2025, 8, 1), 13),
        )
        _present(open_space, ruby)  # 3 hours for Ruby

        # Training.
        first_aid = _module("First aid", 60)
        interview = _module("Interview training", 90)
        _completion(ruby, first_aid, date(2025, 7, 1))  # counts, and 1 hour of training
        _completion(
            kai, interview, date(2026, 1, 10), activity=elsewhere.activity
        )  # counts, no hours
        _completion(kai, first_aid, date(2025, 5, 31))  # the day before: out
        _completion(lee, first_aid, date(2025, 10, 1))  # not a member then: out

        # Elections and Make Your Mark.
        _election(yc.group, "Youth Council election", date(2025, 10, 15), 12)  # counts
        _election(yc.group, "Last year's election", date(2025, 5, 15), 40)  # before: out
        _election(other.group, "B-Safe election", date(2025, 10, 15), 9)  # other forum: out
        _election(yc.group, "Youth MP election", date(2025, 12, 1), 0, status="open")  # not closed
        old = _election(yc.group, "Make Your Mark 2024", date(2024, 12, 1), 50, ElectionKind.TOPICS)
        Topic.objects.create(
            election=old, title="Safer streets", votes=20, rank=1, adopted_at=at(date(2025, 7, 1))
        )  # a campaign taken on in the period, from an older ballot
        ballot = _election(yc.group, "Make Your Mark", date(2026, 2, 1), 30, ElectionKind.TOPICS)
        for rank, (title, votes) in enumerate(
            [
                ("Mental health", 14),
                ("Buses", 9),
                ("Climate", 7),
                ("Things to do", 3),
                ("Jobs", 2),
                ("Poverty", 1),
                ("Libraries", 0),
            ],
            start=1,
        ):
            Topic.objects.create(election=ballot, title=title, votes=votes, rank=rank)
        Topic.objects.filter(election=ballot, title="Mental health").update(
            adopted_at=at(date(2026, 2, 10))
        )  # in the period: a campaign
        Topic.objects.filter(election=ballot, title="Buses").update(
            adopted_at=at(date(2026, 6, 15))
        )  # after the period: not this year's
        other_ballot = _election(other.group, "B-Safe ballot", date(2026, 2, 1), 5, "topics")
        Topic.objects.create(
            election=other_ballot, title="Online safety", votes=5, rank=1, adopted_at=NOW
        )

        # "You said" items.
        _item(yc.group, date(2025, 7, 1), answered_on=date(2025, 8, 1))  # raised and answered
        _item(yc.group, date(2026, 5, 1), answered_on=date(2026, 6, 10))  # answered after: raised
        _item(task_group.group, date(2025, 12, 1))  # a task group's: raised
        _item(yc.group, date(2025, 5, 1), answered_on=date(2025, 7, 1))  # raised before: out
        _item(other.group, date(2025, 9, 1), answered_on=date(2025, 9, 2))  # other forum: out
    return yc


def test_every_figure_matches_the_hand_count(data):
    figures = annual_report_figures(forum=data, start=START, end=END, now=NOW)
    assert figures["meetings"] == {"held": 3, "task_group": 1, "agm": 1}
    # m1: Ruby, Kai, Lee; m2: Ruby; m3: Ruby, Kai, Mo. 7 times, 4 people, 7 / 3 = 2.3.
    assert figures["attendance"] == {"people": 4, "attendances": 7, "average": 2.3}
    assert figures["elections"] == {
        "held": 1,
        "turnout": 12,
        "list": [{"title": "Youth Council election", "closed_on": "2025-10-15", "turnout": 12}],
    }
    assert figures["ballots"] == [
        {
            "title": "Make Your Mark",
            "closed_on": "2026-02-01",
            "turnout": 30,
            "topics": [
                {"title": "Mental health", "votes": 14, "rank": 1, "adopted": True},
                {"title": "Buses", "votes": 9, "rank": 2, "adopted": False},
                {"title": "Climate", "votes": 7, "rank": 3, "adopted": False},
                {"title": "Things to do", "votes": 3, "rank": 4, "adopted": False},
                {"title": "Jobs", "votes": 2, "rank": 5, "adopted": False},
            ],
            "more_topics": 2,
        }
    ]
    assert figures["campaigns"] == [
        {"title": "Safer streets", "ballot": "Make Your Mark 2024"},
        {"title": "Mental health", "ballot": "Make Your Mark"},
    ]
    assert figures["you_said"] == {"raised": 3, "answered": 1}
    # Members in the period: Ruby and Kai (Lee had left, Mo had not joined).
    assert figures["training"] == {"completions": 2, "people": 2}
    # Ruby: m1 2 + m2 2 + m3 2 + Open Space 3 = 9; Kai: m1 2 + m3 2 + B-Safe meeting 2 = 6.
    # Training outside a session: Ruby's first aid, 1 hour (Kai's was at a session).
    assert figures["hours"] == {"activities": 15.0, "training": 1.0, "total": 16.0, "people": 2}


def test_a_meeting_that_has_not_ended_is_not_held_yet(data):
    figures = annual_report_figures(forum=data, start=START, end=END, now=at(date(2026, 5, 31), 19))
    # The AGM on the last day runs 18:00 to 20:00.
    assert figures["meetings"] == {"held": 2, "task_group": 1, "agm": 0}
    assert figures["attendance"]["attendances"] == 4


def test_the_figures_are_counted_in_six_queries(data, django_assert_num_queries):
    with django_assert_num_queries(6):
        annual_report_figures(forum=data, start=START, end=END, now=NOW)
