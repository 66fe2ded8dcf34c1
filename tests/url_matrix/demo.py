"""The demo data, loaded once per test module, and lookups by the demo's real names."""

from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# Who is logged in for each column of the matrix: the demo accounts from seed_demo.
PRINCIPALS = {
    "anonymous": None,
    "young_person": "young@example.org",  # Amira Khan, 15
    "child_under_13": "child@example.org",  # Leo Patel, 11, made by a worker with consent
    "ambassador": "ambassador@example.org",  # Jordan: young person and Shadow Board member
    "parent_carer": "parent@example.org",
    "worker": "worker@example.org",
    "professional": "professional@example.org",
    "officer": "officer@example.org",
    "board_member": "board@example.org",
    "provider": "provider@example.org",
    "administrator": "admin@example.org",
}

APPLICATION_WHY = (
    "I want to help keep younger pupils at my school safe, online and on the way home."
)
NOMINATION_REASON = (
    "Amira has lots to say about how the youth justice process felt, and wants to help."
)


class _Rollback(Exception):
    pass


@contextmanager
def seeded_demo(django_db_blocker):
    """seed_demo (with DEBUG on, as it requires) and `add_extras`, in one transaction that is
    rolled back afterwards, so --reuse-db databases stay empty for the other tests."""
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                with override_settings(DEBUG=True):
                    call_command("seed_demo", stdout=StringIO())
                add_extras()
                yield Demo()
                raise _Rollback
        except _Rollback:
            pass


class Demo:
    """Demo objects by the names the seed documents give them."""

    def user(self, email):
        from participation.models import User

        return User.objects.get(email=email)

    def forum(self, slug):
        from forums.models import Forum

        return Forum.objects.select_related("group").get(group__slug=slug)

    def task_group(self, name):
        from forums.models import TaskGroup

        return TaskGroup.objects.select_related("group").get(group__name=name)

    def meeting(self, title, *, past=True):
        from django.utils import timezone

        from forums.models import Meeting

        meetings = Meeting.objects.filter(activity__title=title)
        now = timezone.now()
        meetings = (
            meetings.filter(activity__starts_at__lt=now)
            if past
            else meetings.filter(activity__starts_at__gte=now)
        )
        return meetings.order_by("activity__starts_at").first() or _missing("meeting", title)

    def action(self, starts_with):
        from forums.models import MeetingAction

        return MeetingAction.objects.get(description__startswith=starts_with)

    def policy_item(self, starts_with):
        from forums.models import PolicyItem

        return PolicyItem.objects.get(title__startswith=starts_with)

    def application(self, email, forum_slug):
        from forums.models import Application

        return Application.objects.get(applicant__email=email, forum__group__slug=forum_slug)

    def nomination(self, email, forum_slug):
        from forums.models import Nomination

        return Nomination.objects.get(young_person__email=email, forum__group__slug=forum_slug)

    def election(self, title):
        from forums.elections.models import Election

        return Election.objects.get(title=title)

    def candidate(self, election_title, email):
        from forums.elections.models import Candidate

        return Candidate.objects.get(
            constituency__election__title=election_title, user__email=email
        )

    def topic(self, election_title, title):
        from forums.elections.models import Topic

        return Topic.objects.get(election__title=election_title, title=title)

    def station(self, organisation_name):
        from forums.elections.models import PollingStation

        return PollingStation.objects.get(organisation__name=organisation_name)

    def module(self, title):
        from participation.models import TrainingModule

        return TrainingModule.objects.get(title=title)

    def completion(self, email, module_title):
        from participation.models.training import TrainingCompletion

        return TrainingCompletion.objects.filter(
            user__email=email, module__title=module_title
        ).latest("pk")

    def activity(self, title):
        from participation.models import Activity

        return Activity.objects.get(title=title)

    def signup(self, email, activity_title):
        from participation.models import ActivitySignup

        return ActivitySignup.objects.filter(
            user__email=email, activity__title=activity_title
        ).latest("pk")


def _missing(what, name):
    raise LookupError(f"The demo data has no {what} called {name!r}.")


def add_extras():
    """What seed_demo lacks and some URL needs: Amira's application (B-Safe Team) and
    nomination (Voices in Youth Justice), a school as a polling station for the Youth Council
    election, and a counted Make Your Mark ballot (Amira and others voted, then it closed)."""
    from forums import services as forum_services
    from forums.elections import services as election_services
    from forums.elections.models import Election
    from participation.models import Organisation, OrganisationKind, User

    demo = Demo()
    amira = demo.user("young@example.org")
    worker = demo.user("worker@example.org")
    # Through the real services, so the notifications they send (naming her) exist too.
    forum_services.application_submit(
        forum=demo.forum("b-safe-team"), applicant=amira, why=APPLICATION_WHY
    )
    forum_services.nomination_create(
        forum=demo.forum("voices-in-youth-justice"),
        young_person=amira,
        nominated_by=demo.user("professional@example.org"),
        reason=NOMINATION_REASON,
    )

    youth_council = Election.objects.get(title="Youth Council election")
    school, _ = Organisation.objects.get_or_create(
        slug="heath-park-school",
        defaults={
            "name": "Heath Park School",
            "kind": OrganisationKind.SCHOOL,
            "area": "Wolverhampton",
        },
    )
    teacher = User.objects.create_user(
        email="teacher@example.org", password=None, first_name="Rita", last_name="Teacher"
    )
    from forums.elections.models import PollingStation

    PollingStation.objects.create(
        election=youth_council,
        constituency=youth_council.constituencies.get(),
        organisation=school,
        contact=teacher,
        electorate=900,
    )

    make_your_mark = Election.objects.get(title="Make Your Mark")
    cast_votes(
        make_your_mark,
        {
            "young@example.org": ["Mental health and wellbeing", "Climate change"],
            "ruby@example.org": ["Mental health and wellbeing", "Things to do"],
            "kai@example.org": ["Things to do"],
            "ellie@example.org": ["Safer streets", "Mental health and wellbeing"],
        },
    )
    election_services.election_close(actor=worker, election=make_your_mark)


def cast_votes(election, ballots):
    """Cast each person's ballot through the real service. `ballots`: email -> the titles of
    topics, or the emails of candidates, they choose."""
    from forums.elections import services as election_services
    from forums.elections.models import Candidate, Topic
    from participation.models import User

    constituency = election.constituencies.get()
    for email, choices in ballots.items():
        if election.kind == "topics":
            ids = list(
                Topic.objects.filter(election=election, title__in=choices).values_list(
                    "pk", flat=True
                )
            )
        else:
            ids = list(
                Candidate.objects.filter(
                    constituency=constituency, user__email__in=choices
                ).values_list("pk", flat=True)
            )
        assert len(ids) == len(choices), f"{election}: not every choice of {email} exists"
        election_services.ballot_cast(
            election_id=election.pk,
            constituency_id=constituency.pk,
            voter=User.objects.get(email=email),
            choice_ids=ids,
        )
