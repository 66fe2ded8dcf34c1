"""Factories for forums. Build state directly; behaviour is tested through services."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from forums.models import (
    AgendaItem,
    CareStatus,
    CareStatusKind,
    CareStatusNeeded,
    Forum,
    JoinRoute,
    Meeting,
    MeetingAction,
    TaskGroup,
)
from participation.models import Activity, ActivityKind, Group, GroupKind, Membership
from tests.factories import GroupFactory, WorkerFactory, YoungPersonFactory


class ForumFactory(factory.django.DjangoModelFactory):
    """A forum with one worker of its own (`forum.workers`); pass `workers=[...]` for others."""

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    class Params:
        name = factory.Sequence(lambda n: f"Forum {n}")
        private = False

    group = factory.LazyAttribute(
        lambda o: GroupFactory(
            name=o.name,
            slug=slugify(o.name),
            kind=GroupKind.FORUM,
            membership_is_sensitive=o.private,
        )
    )
    summary = "Young people who help make decisions."
    description = "We meet to talk about what matters to young people."
    join_route = JoinRoute.OPEN
    meets = "Once a month"

    @factory.post_generation
    def workers(obj, create, extracted, **kwargs):
        if create:
            obj.workers.add(*(extracted if extracted is not None else [WorkerFactory()]))


class CiccFactory(ForumFactory):
    """The Children in Care Council: private, 11 to 18, in care, by nomination."""

    class Params:
        name = factory.Sequence(lambda n: f"Children in Care Council {n}")
        private = True

    join_route = JoinRoute.NOMINATION
    min_age = 11
    max_age = 18
    care_status_needed = CareStatusNeeded.IN_CARE


def worker_of(forum: Forum):
    return forum.workers.first()


def member_of(forum_or_group, user=None, *, role="member", **kwargs) -> Membership:
    group = forum_or_group.group if hasattr(forum_or_group, "group") else forum_or_group
    return Membership.objects.create(
        group=group, user=user or YoungPersonFactory(), role=role, **kwargs
    )


def in_care(user, status=CareStatusKind.IN_CARE) -> CareStatus:
    return CareStatus.objects.create(user=user, status=status, recorded_by=WorkerFactory())


class TaskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskGroup

    forum = factory.SubFactory(ForumFactory)
    group = factory.LazyAttribute(
        lambda o: Group.objects.create(
            name=f"Task group for {o.forum.name} {Group.objects.count()}",
            slug=f"tg-{o.forum.slug}-{Group.objects.count()}",
            kind=GroupKind.TASK_GROUP,
            parent=o.forum.group,
            membership_is_sensitive=o.forum.is_private,
        )
    )
    purpose = "Working on one issue."


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Meeting {n}")
    description = "Our monthly meeting."
    kind = ActivityKind.MEETING
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Civic Centre, Wolverhampton"
    created_by = factory.SubFactory(WorkerFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    activity = factory.LazyAttribute(
        lambda o: ActivityFactory(audience_group=o.forum.group, created_by=worker_of(o.forum))
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class MeetingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Do thing {n}")
