"""Forums, their workers, task groups and the private care status record."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from forums import selectors
from forums.models import CareStatus, CareStatusKind, CareStatusNeeded, Forum, Nomination, TaskGroup
from participation.access import require
from participation.models import Group, GroupKind, Membership, Organisation, Role, User
from participation.services import audit, notify

from .eligibility import OLDEST, YOUNGEST

FORUM_FIELDS = (
    "summary",
    "description",
    "join_route",
    "how_to_join",
    "min_age",
    "max_age",
    "care_status_needed",
    "area",
    "meets",
    "is_listed",
)


# Forum addresses share /forums/ with these pages, so no forum may take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "new",
        "mine",
        "care-status",
        "policy-items",
        "applications",
        "nominations",
        "meetings",
        "actions",
    }
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "group"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Group.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_forum(forum: Forum) -> None:
    errors = {}
    for field in ("min_age", "max_age"):
        value = getattr(forum, field)
        if value is not None and not YOUNGEST <= value <= OLDEST:
            errors[field] = f"Forums are for young people aged {YOUNGEST} to {OLDEST}."
    low, high = forum.min_age, forum.max_age
    # The forum's own settings in order (who is eligible is the base eligibility service's).
    if "max_age" not in errors and low is not None and high is not None and high - low < 0:
        errors["max_age"] = "The oldest age can't be lower than the youngest age."
    if errors:
        raise ValidationError(errors)
    forum.full_clean(exclude=["group"])


@transaction.atomic
def forum_create(
    *,
    created_by: User,
    name: str,
    summary: str,
    description: str,
    join_route: str,
    meets: str,
    how_to_join: str = "",
    min_age: int | None = None,
    max_age: int | None = None,
    care_status_needed: str = CareStatusNeeded.ANY,
    area: str = "",
    organisation: Organisation | None = None,
    is_private: bool = False,
    is_listed: bool = True,
) -> Forum:
    """A worker adds a forum (SpeakOut, Kent Youth County Council ...) and becomes its worker.

    A forum for young people in care or care leavers is always private: being a member says
    something about a young person's life that others must not learn.
    """
    require(created_by, "forums.add_forum")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the forum a name."})
    if Forum.objects.filter(group__name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a forum called {name}."})
    group = Group(
        name=name,
        slug=_unique_slug(name),
        kind=GroupKind.FORUM,
        organisation=organisation,
        membership_is_sensitive=is_private or bool(care_status_needed),
    )
    forum = Forum(
        group=group,
        summary=summary.strip(),
        description=description.strip(),
        join_route=join_route,
        how_to_join=how_to_join.strip(),
        min_age=min_age,
        max_age=max_age,
        care_status_needed=care_status_needed or CareStatusNeeded.ANY,
        area=area.strip(),
        meets=meets.strip(),
        is_listed=is_listed,
        created_by=created_by,
    )
    _check_forum(forum)
    group.full_clean()
    group.save()
    forum.group = group
    forum.save()
    forum.workers.add(created_by)
    audit(actor=created_by, action="forums.forum.create", target=forum, name=name)
    return forum


@transaction.atomic
def forum_update(*, forum: Forum, updated_by: User, is_private: bool | None = None, **fields):
    """Change what a forum says about itself or who can join.

    Making a private forum public is refused once anyone has been a member: they joined on the
    promise that nobody else would know.
    """
    unknown = set(fields) - set(FORUM_FIELDS) - {"name", "organisation"}
    if unknown:
        raise TypeError(f"forum_update got unknown fields: {sorted(unknown)}")
    require(updated_by, "forums.change_forum", forum)
    forum = Forum.objects.select_for_update(of=("self",)).select_related("group").get(pk=forum.pk)
    group = forum.group
    name = fields.pop("name", None)
    if name is not None:
        name = name.strip()
        if Forum.objects.filter(group__name__iexact=name).exclude(pk=forum.pk).exists():
            raise ValidationError({"name": f"There is already a forum called {name}."})
        group.name = name
    if "organisation" in fields:
        group.organisation = fields.pop("organisation")
    for field, value in fields.items():
        setattr(forum, field, value.strip() if isinstance(value, str) else value)
    forum.care_status_needed = forum.care_status_needed or CareStatusNeeded.ANY
    private = group.membership_is_sensitive if is_private is None else is_private
    private = private or bool(forum.care_status_needed)
    if group.membership_is_sensitive and not private:
        if Membership.objects.filter(group__in=_forum_groups(forum)).exists():
            raise ValidationError(
                "Young people joined this forum when it was private, so it has to stay private."
            )
    group.membership_is_sensitive = private
    _check_forum(forum)
    group.full_clean()
    group.save()
    forum.save()
    # Task groups share the forum's privacy: their members are the forum's members.
    Group.objects.filter(parent=group, kind=GroupKind.TASK_GROUP).update(
        membership_is_sensitive=private
    )
    audit(actor=updated_by, action="forums.forum.update", target=forum, fields=sorted(fields))
    return forum


def _forum_groups(forum: Forum):
    return Group.objects.filter(pk=forum.group_id) | Group.objects.filter(parent=forum.group_id)


@transaction.atomic
def forum_worker_add(*, forum: Forum, worker: User, added_by: User) -> None:
    require(added_by, "forums.manage_forum_workers", forum)
    if not worker.has_role(Role.WORKER):
        raise ValidationError({"email": f"{worker.display_name} is not a participation worker."})
    if forum.workers.filter(pk=worker.pk).exists():
        raise ValidationError({"email": f"{worker.display_name} already works with this forum."})
    forum.workers.add(worker)
    audit(actor=added_by, action="forums.worker.add", target=forum, worker=worker.pk)
    notify(
        recipients=worker,
        kind="forums.worker_added",
        title=f"You now support {forum.name}",
        body=f"{added_by.display_name} added you as a worker for {forum.name}.",
        url=reverse("forums:detail", args=[forum.slug]),
    )


@transaction.atomic
def forum_worker_remove(*, forum: Forum, worker: User, removed_by: User) -> None:
    require(removed_by, "forums.manage_forum_workers", forum)
    Forum.objects.select_for_update().get(pk=forum.pk)
    if not forum.workers.filter(pk=worker.pk).exists():
        raise ValidationError(f"{worker.display_name} doesn't work with this forum.")
    if forum.workers.count() == 1:
        raise ValidationError("A forum needs at least one worker. Add another worker first.")
    forum.workers.remove(worker)
    audit(actor=removed_by, action="forums.worker.remove", target=forum, worker=worker.pk)


@transaction.atomic
def care_status_set(
    *, person: User, status: str, recorded_by: User, nomination: Nomination | None = None
) -> CareStatus:
    """Record whether a young person is in care or a care leaver.

    One rule, `forums.record_care_status` (see forums/permissions.py): workers record it; a
    professional may confirm it only through `nomination`, their own nomination of `person` to
    a care forum, when nothing is recorded yet.
    """
    if nomination is not None and nomination.young_person_id != person.pk:
        raise ValueError("care_status_set: the nomination is for someone else")
    require(recorded_by, "forums.record_care_status", nomination)
    if status not in CareStatusKind.values:
        raise ValidationError({"status": "Choose one of the options."})
    if not person.has_role(Role.YOUNG_PERSON):
        raise ValidationError({"email": "That account is not a young person's account."})
    record = CareStatus.objects.select_for_update().filter(user=person).first()
    record = record or CareStatus(user=person)
    record.status, record.recorded_by, record.recorded_at = status, recorded_by, timezone.now()
    record.full_clean(validate_unique=False)
    record.save()
    audit(actor=recorded_by, action="forums.care_status.set", target=person)
    return record


@transaction.atomic
def task_group_create(*, forum: Forum, name: str, purpose: str, created_by: User) -> TaskGroup:
    require(created_by, "forums.manage_task_groups", forum)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the task group a name."})
    if TaskGroup.objects.filter(forum=forum, group__name__iexact=name).exists():
        raise ValidationError({"name": f"{forum.name} already has a task group called {name}."})
    group = Group(
        name=name,
        slug=_unique_slug(f"{forum.slug} {name}"),
        kind=GroupKind.TASK_GROUP,
        parent=forum.group,
        organisation=forum.group.organisation,
        membership_is_sensitive=forum.group.membership_is_sensitive,
    )
    group.full_clean()
    group.save()
    task_group = TaskGroup(group=group, forum=forum, purpose=purpose.strip(), created_by=created_by)
    task_group.full_clean()
    task_group.save()
    audit(actor=created_by, action="forums.task_group.create", target=task_group)
    return task_group


def _task_group_add(task_group: TaskGroup, person: User) -> Membership:
    forum = task_group.forum
    if not selectors.is_forum_member(forum=forum, user=person):
        raise ValidationError(
            f"{person.first_name or 'They'} must be a member of {forum.name} to be in one of "
            "its task groups."
        )
    if Membership.objects.active().filter(group=task_group.group, user=person).exists():
        raise ValidationError(f"{person.first_name or 'They'} is already in {task_group.name}.")
    membership = Membership(group=task_group.group, user=person, role="member")
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise ValidationError(f"{person.first_name} is already in {task_group.name}.") from error
    return membership


@transaction.atomic
def task_group_member_add(*, task_group: TaskGroup, person: User, added_by: User) -> Membership:
    require(added_by, "forums.manage_task_groups", task_group)
    membership = _task_group_add(task_group, person)
    notify(
        recipients=person,
        kind="forums.task_group_added",
        title=f"You're in the {task_group.name} task group",
        body=f"{added_by.display_name} added you to {task_group.name} in {task_group.forum.name}.",
        url=reverse("forums:task_group", args=[task_group.forum.slug, task_group.pk]),
    )
    return membership


@transaction.atomic
def task_group_join(*, task_group: TaskGroup, person: User) -> Membership:
    """A forum member joins one of its task groups themselves."""
    require(person, "forums.join_task_group", task_group)
    return _task_group_add(task_group, person)


@transaction.atomic
def task_group_leave(*, task_group: TaskGroup, person: User) -> int:
    today = timezone.localdate()
    rows = list(
        Membership.objects.active().select_for_update().filter(group=task_group.group, user=person)
    )
    if not rows:
        raise ValidationError(f"You are not in {task_group.name}.")
    for row in rows:
        row.ended_on = max(today, row.started_on)
        row.save(update_fields=["ended_on"])
    return len(rows)
