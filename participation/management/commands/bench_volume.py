"""Add the page benchmark's larger data set (issue 24): 5,000 young people, 200 forums,
2,000 activities and 50,000 notifications, on top of the demo data. Bulk inserts, a minute or
less. Benchmark data only: refuses to run with DEBUG off unless --yes is given."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from participation.models import (
    Activity,
    ActivityKind,
    Group,
    GroupKind,
    Membership,
    Notification,
    Role,
    RoleAssignment,
    User,
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--forums", type=int, default=200)
        parser.add_argument("--activities", type=int, default=2000)
        parser.add_argument("--notifications", type=int, default=50000)
        parser.add_argument("--yes", action="store_true", help="run even with DEBUG off")

    @transaction.atomic
    def handle(self, *args, **o):
        if not settings.DEBUG and not o["yes"]:
            raise CommandError("bench_volume adds made-up people: run with DEBUG on, or --yes.")
        Forum = apps.get_model("forums", "Forum")  # the base does not import forums
        now = timezone.now()
        tag = now.strftime("%Y%m%d%H%M%S")
        password = make_password(None)
        dob = now.date().replace(year=now.year - 15, month=1, day=1)
        people = User.objects.bulk_create(
            (
                User(
                    email=f"bench{tag}-{i}@bench.example.org",
                    first_name=f"Bench{i}",
                    password=password,
                    date_of_birth=dob,
                    area="Bilston",
                )
                for i in range(o["people"])
            ),
            batch_size=2000,
        )
        RoleAssignment.objects.bulk_create(
            (RoleAssignment(user=p, role=Role.YOUNG_PERSON) for p in people), batch_size=5000
        )
        worker = User.objects.filter(role_assignments__role=Role.WORKER).first() or people[0]
        groups = Group.objects.bulk_create(
            Group(name=f"Bench forum {tag} {i}", slug=f"bench-{tag}-{i}", kind=GroupKind.FORUM)
            for i in range(o["forums"])
        )
        Forum.objects.bulk_create(
            Forum(
                group=g,
                summary="A made-up forum for the benchmark",
                description="Young people meeting to talk about their area.",
                join_route="open",
                meets="Tuesdays after school",
            )
            for g in groups
        )
        Membership.objects.bulk_create(
            (Membership(group=groups[i % len(groups)], user=p) for i, p in enumerate(people)),
            batch_size=5000,
        )
        Activity.objects.bulk_create(
            (
                Activity(
                    title=f"Bench session {i}",
                    description="Come along and have your say.",
                    kind=ActivityKind.choices[i % len(ActivityKind.choices)][0],
                    place="Civic Centre",
                    starts_at=now + timedelta(days=1 + i % 90, hours=i % 8),
                    ends_at=now + timedelta(days=1 + i % 90, hours=2 + i % 8),
                    audience_group=groups[i % len(groups)] if i % 2 else None,
                    created_by=worker,
                )
                for i in range(o["activities"])
            ),
            batch_size=2000,
        )
        everyone = people + list(User.objects.filter(email__endswith="@example.org"))
        Notification.objects.bulk_create(
            (
                Notification(
                    user=everyone[i % len(everyone)],
                    kind="bench.volume",
                    title=f"Something new {i}",
                    body="A made-up notification for the benchmark.",
                    read_at=now if i % 3 else None,
                    delivered_at=now,
                )
                for i in range(o["notifications"])
            ),
            batch_size=5000,
        )
        self.stdout.write(
            f"Added {len(people)} young people, {len(groups)} forums, {o['activities']} "
            f"activities and {o['notifications']} notifications."
        )
