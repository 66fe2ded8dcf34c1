"""Members of a forum: joining an open forum, a worker adding someone, roles with dates, leaving.

Members are participation.Membership rows on the forum's group. Everyone has an open "member"
row; each office (chair, Youth MP ...) is one more row with its own start and end dates.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from forums import selectors
from forums.models import OFFICE_ROLES, Forum, JoinRoute, Meeting, MemberRole
from participation.access import require
from participation.models import ActivitySignup, Group, Membership, User
from participation.models.activities import OPEN_SIGNUP_STATUSES
from participation.services import audit, notify

from .eligibility import forum_eligibility


def _lock(forum: Forum) -> Forum:
    # One writer at a time per forum, so a double-clicked "Join" can't make two members.
    return Forum.objects.select_for_update(of=("self",)).select_related("group").get(pk=forum.pk)


def _already_member_error(forum: Forum, person: User, *, about_them: bool) -> None:
    if selectors.is_forum_member(forum=forum, user=person):
        who = f"{person.first_name} is" if about_them else "You are"
        raise ValidationError(f"{who} already a member of {forum.name}.")


def _check_eligible(forum: Forum, person: User, *, about_them: bool, on: date | None = None):
    result = forum_eligibility(forum=forum, person=person, about_them=about_them, on=on)
    if not result.ok:
        raise ValidationError(list(result.reasons))


def _start(forum: Forum, person: User, *, role: str = MemberRole.MEMBER, started_on=None):
    membership = Membership(
        group=forum.group,
        user=person,
        role=role,
        started_on=started_on or timezone.localdate(),
    )
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise ValidationError(f"{person.first_name or 'They'} already has that role.") from error
    return membership


def _tell_workers(forum: Forum, *, kind: str, title: str, body: str, url: str) -> None:
    workers = list(forum.workers.all())
    if workers:
        notify(recipients=workers, kind=kind, title=title, body=body, url=url)


def membership_start(forum: Forum, person: User, *, started_on=None) -> Membership:
    """Used by joining, approving and accepting: the eligibility check is made by the caller,
    inside the same lock."""
    return _start(forum, person, started_on=started_on)


@transaction.atomic
def membership_join(*, forum: Forum, person: User) -> Membership:
    """A young person joins an open forum straight away, if they may."""
    require(person, "forums.join_forum", forum)
    forum = _lock(forum)
    if forum.join_route != JoinRoute.OPEN:
        raise ValidationError(f"You can't join {forum.name} straight away. {forum.route_meaning}")
    _already_member_error(forum, person, about_them=False)
    _check_eligible(forum, person, about_them=False)
    membership = _start(forum, person)
    _tell_workers(
        forum,
        kind="forums.member_joined",
        title=f"{person.display_name} joined {forum.name}",
        body=f"{person.display_name} joined {forum.name}.",
        url=reverse("forums:members", args=[forum.slug]),
    )
    return membership


@transaction.atomic
def membership_add(
    *, forum: Forum, person: User, added_by: User, started_on: date | None = None
) -> Membership:
    """A forum's worker adds a member, for example someone elected at their school."""
    require(added_by, "forums.manage_members", forum)
    forum = _lock(forum)
    _already_member_error(forum, person, about_them=True)
    _check_eligible(forum, person, about_them=True, on=started_on)
    membership = _start(forum, person, started_on=started_on)
    audit(actor=added_by, action="forums.member.add", target=forum, user=person.pk)
    notify(
        recipients=person,
        kind="forums.member_added",
        title=f"Welcome to {forum.name}",
        body=f"{added_by.display_name} added you as a member of {forum.name}.",
        url=reverse("forums:detail", args=[forum.slug]),
    )
    return membership


def _end_all(forum: Forum, person: User, *, ended_on: date) -> int:
    group_ids = [
        forum.group_id,
        *Group.objects.filter(parent_id=forum.group_id).values_list("pk", flat=True),
    ]
    rows = list(
        Membership.objects.select_for_update().filter(
            group_id__in=group_ids, user=person, ended_on__isnull=True
        )
    )
    for row in rows:
        # A membership that was due to start later simply never starts.
        row.ended_on = max(ended_on, row.started_on)
        row.save(update_fields=["ended_on"])
    return len(rows)


def _cancel_future_meeting_places(forum: Forum, person: User) -> None:
    from participation.services.activities import activity_cancel

    upcoming = ActivitySignup.objects.filter(
        user=person,
        status__in=OPEN_SIGNUP_STATUSES,
        activity__forum_meeting__in=Meeting.objects.filter(forum=forum),
        activity__starts_at__gt=timezone.now(),
    ).select_related("activity")
    for signup in upcoming:
        activity_cancel(activity=signup.activity, user=person)


@transaction.atomic
def membership_leave(*, forum: Forum, person: User) -> int:
    """A young person leaves, whenever they like, with no questions asked. Their roles and task
    groups end too, and their places at the forum's future meetings go to others."""
    require(person, "forums.leave_forum", forum)
    forum = _lock(forum)
    ended = _end_all(forum, person, ended_on=timezone.localdate())
    _cancel_future_meeting_places(forum, person)
    _tell_workers(
        forum,
        kind="forums.member_left",
        title=f"{person.display_name} left {forum.name}",
        body=f"{person.display_name} has left {forum.name}.",
        url=reverse("forums:members", args=[forum.slug]),
    )
    return ended


@transaction.atomic
def membership_end(
    *, forum: Forum, person: User, ended_by: User, ended_on: date | None = None
) -> int:
    """A forum's worker ends someone's membership (for example they have aged out)."""
    require(ended_by, "forums.manage_members", forum)
    forum = _lock(forum)
    ended_on = ended_on or timezone.localdate()
    ended = _end_all(forum, person, ended_on=ended_on)
    if not ended:
        raise ValidationError(f"{person.first_name} is not a member of {forum.name}.")
    if ended_on <= timezone.localdate():
        _cancel_future_meeting_places(forum, person)
    audit(actor=ended_by, action="forums.member.end", target=forum, user=person.pk)
    return ended


@transaction.atomic
def member_role_give(
    *, forum: Forum, person: User, role: str, given_by: User, started_on: date | None = None
) -> Membership:
    """Give a member an office: chair, vice-chair, Youth MP, Youth Crime Commissioner ..."""
    require(given_by, "forums.manage_members", forum)
    forum = _lock(forum)
    if role not in OFFICE_ROLES:
        raise ValidationError({"role": "Choose one of the roles in the list."})
    if not selectors.is_forum_member(forum=forum, user=person, on=started_on):
        raise ValidationError(
            f"{person.first_name} must be a member of {forum.name} to have a role in it."
        )
    label = MemberRole(role).label
    if Membership.objects.filter(
        group=forum.group, user=person, role=role, ended_on__isnull=True
    ).exists():
        raise ValidationError({"role": f"{person.first_name} is already {label}."})
    membership = _start(forum, person, role=role, started_on=started_on)
    audit(actor=given_by, action="forums.role.give", target=forum, user=person.pk, role=role)
    notify(
        recipients=person,
        kind="forums.role_given",
        title=f"You are now {label} of {forum.name}",
        body=f"From {date_format(membership.started_on, 'j F Y')} you are {label} of {forum.name}.",
        url=reverse("forums:detail", args=[forum.slug]),
    )
    return membership


@transaction.atomic
def member_role_end(
    *, membership: Membership, ended_by: User, ended_on: date | None = None
) -> Membership:
    forum = _lock(membership.group.forum)
    require(ended_by, "forums.manage_members", forum)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == MemberRole.MEMBER:
        raise ValidationError('To end someone\'s membership, use "End membership" instead.')
    if membership.ended_on is not None:
        raise ValidationError("That role has already ended.")
    ended_on = ended_on or timezone.localdate()
    if ended_on < membership.started_on:
        raise ValidationError({"ended_on": "A role can't end before it started."})
    membership.ended_on = ended_on
    membership.save(update_fields=["ended_on"])
    audit(
        actor=ended_by,
        action="forums.role.end",
        target=forum,
        user=membership.user_id,
        role=membership.role,
    )
    return membership
