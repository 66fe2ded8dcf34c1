"""A Youth Council with a worker, young members and an AGM, for the annual report's tests.
State is built directly; what is tested goes through the services."""

from datetime import datetime, timedelta

from django.utils import timezone

from forums.models import MeetingKind
from forums.services import year
from participation.models import Role
from tests.factories import StaffFactory, UserFactory, WorkerFactory, YoungPersonFactory
from tests.forums.factories import (
    ActivityFactory,
    CiccFactory,
    ForumFactory,
    MeetingFactory,
    member_of,
    worker_of,
)

FOREWORD = "This year we made sure young people were heard."


def at(day, hour=17) -> datetime:
    """A time on a day, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def meeting(forum, starts_at, *, hours=2, kind=MeetingKind.REGULAR, task_group=None):
    return MeetingFactory(
        forum=forum,
        kind=kind,
        task_group=task_group,
        activity=ActivityFactory(
            audience_group=forum.group,
            created_by=worker_of(forum),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
        ),
    )


class World:
    """A forum (ordinary, or private like the Children in Care Council), its worker, two young
    members, and people who are not in it."""

    def __init__(self, *, private=False, name=None):
        factory = CiccFactory if private else ForumFactory
        self.forum = factory(
            name=name or ("Children in Care Council" if private else "Youth Council")
        )
        self.worker = worker_of(self.forum)
        self.ruby = member_of(
            self.forum, YoungPersonFactory(first_name="Ruby", last_name="Shah")
        ).user
        self.kai = member_of(
            self.forum, YoungPersonFactory(first_name="Kai", last_name="Ward")
        ).user
        self.other_worker = WorkerFactory()
        self.outsider = YoungPersonFactory(first_name="Zara", last_name="Ali")
        self.officer = StaffFactory(roles=[Role.OFFICER])
        self.board_member = UserFactory(roles=[Role.BOARD_MEMBER])
        self.agm = meeting(self.forum, timezone.now() - timedelta(days=30), kind=MeetingKind.AGM)

    def draft(self, **kwargs):
        kwargs.setdefault("agm", self.agm)
        return year.annual_report_start(forum=self.forum, started_by=self.worker, **kwargs)

    def write(self, report, *, by=None, foreword=FOREWORD, highlights="", whats_next=""):
        report.refresh_from_db()
        return year.annual_report_words_save(
            report=report,
            written_by=by or self.ruby,
            foreword=foreword,
            highlights=highlights,
            whats_next=whats_next,
            version=report.words_version,
        )

    def published(self, **kwargs):
        report = self.draft(**kwargs)
        self.write(report)
        return year.annual_report_publish(report=report, published_by=self.worker)

    def recipient(self, report, *, name="Councillor Sarah Hughes", email="leader@example.org"):
        return year.annual_report_recipient_add(
            report=report,
            added_by=self.worker,
            name=name,
            role="Leader of the City of Wolverhampton Council",
            email=email,
        )
