"""Every write of "you said, we did". Each service asks the permission layer, moves the item
through `ITEM_FLOW` (which audits the move) and tells people through the base's `notify`.

Telling followers: everyone who raised, said "me too" to or follows an item has one `Follow`
row for it (unique per person and item), so they are told once. When one action changes many
items (an officer answers 50 items raised about the same thing), each person is told once:
one note naming the item when only one of theirs changed, otherwise one note saying how many.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import require
from participation.models import Group, Organisation, Role, RoleAssignment, User
from participation.services import audit, notify

from ..models import (
    ANSWER_MOVE,
    ANSWERED,
    ITEM_FLOW,
    Follow,
    FollowKind,
    ItemStatus,
    Milestone,
    Outcome,
    ParticipationLead,
    Rating,
    Response,
    Source,
    Topic,
    YouSaidItem,
)

# How many working days an organisation has to answer, unless the worker routing it says.
DEFAULT_DUE_WORKING_DAYS = 20
# How many working days before the due date the officer is reminded.
DEFAULT_REMINDER_WORKING_DAYS = 3


def due_working_days() -> int:
    return int(getattr(settings, "YOU_SAID_DUE_WORKING_DAYS", DEFAULT_DUE_WORKING_DAYS))


def reminder_working_days() -> int:
    return int(getattr(settings, "YOU_SAID_REMINDER_WORKING_DAYS", DEFAULT_REMINDER_WORKING_DAYS))


def add_working_days(start: date, days: int) -> date:
    """Monday to Friday. Bank holidays are not counted out: the due date is a promise to young
    people, and a day early is better than a day late."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _on(day: date) -> str:
    return date_format(day, "j F Y")


def _item_url(item_id: int) -> str:
    return reverse("voice:item", args=[item_id])


def _lock(item: YouSaidItem) -> YouSaidItem:
    return YouSaidItem.objects.select_for_update(of=("self",)).get(pk=item.pk)


def tell_followers(
    item_ids: Iterable[int],
    *,
    kind: str,
    title_for: Callable[[YouSaidItem], str],
    body_for: Callable[[YouSaidItem], str],
    many_title: Callable[[int], str],
) -> int:
    """One note per person, however many of the items they follow. Returns how many people."""
    item_ids = list(item_ids)
    follows = Follow.objects.filter(item_id__in=item_ids)
    items_of: dict[int, list[int]] = defaultdict(list)
    for user_id, item_id in follows.values_list("user_id", "item_id"):
        items_of[user_id].append(item_id)
    if not items_of:
        return 0
    by_one_item: dict[int, list[User]] = defaultdict(list)
    several: dict[int, list[User]] = defaultdict(list)
    for user_id, theirs in items_of.items():
        person = User(pk=user_id)
        if len(theirs) == 1:
            by_one_item[theirs[0]].append(person)
        else:
            several[len(theirs)].append(person)
    items = YouSaidItem.objects.in_bulk(list(by_one_item))
    for item_id, people in by_one_item.items():
        item = items[item_id]
        notify(
            recipients=people,
            kind=kind,
            title=title_for(item),
            body=body_for(item),
            url=_item_url(item_id),
        )
    for count, people in several.items():
        notify(
            recipients=people,
            kind=kind,
            title=many_title(count),
            body="Open your items to see what changed.",
            url=reverse("voice:mine"),
        )
    return len(items_of)


def _officers_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__role=Role.OFFICER,
            role_assignments__organisation=organisation,
            is_active=True,
        ).distinct()
    )


def _workers() -> list[User]:
    return list(User.objects.filter(role_assignments__role=Role.WORKER, is_active=True).distinct())


# --- raising and following -------------------------------------------------------------------


@transaction.atomic
def item_raise(
    *,
    raised_by: User,
    topic: str,
    title: str,
    text: str,
    organisation: Organisation | None = None,
    anonymous_to_officer: bool = False,
    source: str = "",
    group: Group | None = None,
    source_url: str = "",
    consultation=None,
) -> YouSaidItem:
    """Raise an item. A young person's or a parent's own words wait for a worker to approve
    them before anyone else sees them; a worker's (from a meeting, a consultation, an activity
    or a campaign) are the programme's words and are public once the item is sent on."""
    require(raised_by, "voice.raise_item")
    is_worker = raised_by.has_role(Role.WORKER)
    if is_worker:
        source = source or Source.FORUM_MEETING_ACTION
        if source in (Source.YOUNG_PERSON, Source.PARENT_CARER):
            raise ValidationError({"source": "Say where this came from: a meeting, an activity…"})
    elif raised_by.has_role(Role.YOUNG_PERSON):
        source = Source.YOUNG_PERSON
    else:
        source = Source.PARENT_CARER
    if source not in Source.values:
        raise ValidationError({"source": "Choose where this came from."})
    if topic not in Topic.values:
        raise ValidationError({"topic": "Choose what it is about."})
    now = timezone.now()
    item = YouSaidItem(
        topic=topic,
        title=title.strip()[:200],
        text=text.strip(),
        source=source,
        source_url=source_url,
        consultation=consultation,
        group=group,
        organisation=organisation,
        raised_by=raised_by,
        anonymous_to_officer=anonymous_to_officer,
        text_approved_at=now if is_worker else None,
        text_approved_by=raised_by if is_worker else None,
    )
    if not item.title:
        raise ValidationError({"title": "Say in a few words what it is about."})
    if not item.text:
        raise ValidationError({"text": "Say what you would like to change."})
    item.full_clean()
    item.save()
    Follow.objects.create(item=item, user=raised_by, kind=FollowKind.RAISED)
    audit(actor=raised_by, action="voice.item.raise", target=item, source=source)
    return item


@transaction.atomic
def item_follow(*, item: YouSaidItem, user: User, me_too: bool = False) -> Follow:
    """Follow an item, or say "me too" (which follows it as well). Once per person."""
    item = _lock(item)
    require(user, "voice.follow_item", item)
    kind = FollowKind.ME_TOO if me_too else FollowKind.FOLLOW
    follow, created = Follow.objects.get_or_create(item=item, user=user, defaults={"kind": kind})
    if not created:
        if follow.kind == FollowKind.RAISED:
            raise ValidationError("You raised this item, so you follow it already.")
        if me_too and follow.kind == FollowKind.FOLLOW:
            follow.kind = FollowKind.ME_TOO
            follow.save(update_fields=["kind"])
        elif me_too and follow.kind == FollowKind.ME_TOO:
            raise ValidationError('You have already said "me too".')
        elif not me_too:
            raise ValidationError("You already follow this item.")
    audit(actor=user, action="voice.item.follow", target=item, kind=follow.kind)
    return follow


@transaction.atomic
def item_text_approve(*, item: YouSaidItem, approved_by: User) -> YouSaidItem:
    item = _lock(item)
    require(approved_by, "voice.approve_text", item)
    if item.text_approved_at is not None:
        raise ValidationError("These words are already approved.")
    item.text_approved_at = timezone.now()
    item.text_approved_by = approved_by
    item.save(update_fields=["text_approved_at", "text_approved_by"])
    audit(actor=approved_by, action="voice.item.approve_text", target=item)
    return item


# --- routing ---------------------------------------------------------------------------------


@transaction.atomic
def item_route(
    *,
    item: YouSaidItem,
    routed_by: User,
    organisation: Organisation,
    officer: User | None = None,
    due_in_working_days: int | None = None,
) -> YouSaidItem:
    item = _lock(item)
    require(routed_by, "voice.route_item", item)
    if organisation is None:
        raise ValidationError({"organisation": "Choose the organisation that can act on it."})
    if (
        officer is not None
        and not RoleAssignment.objects.filter(
            user=officer, role=Role.OFFICER, organisation=organisation
        ).exists()
    ):
        raise ValidationError({"officer": f"That person isn't an officer of {organisation}."})
    days = due_working_days() if due_in_working_days is None else due_in_working_days
    if not 1 <= days <= 120:
        raise ValidationError({"due_in_working_days": "Give between 1 and 120 working days."})
    now = timezone.now()
    item.routed_to = organisation
    item.officer = officer
    item.routed_by = routed_by
    item.routed_at = now
    item.due_on = add_working_days(timezone.localdate(now), days)
    ITEM_FLOW.move(
        item,
        "route",
        actor=routed_by,
        extra_fields=["routed_to", "officer", "routed_by", "routed_at", "due_on"],
        organisation=organisation.pk,
        due_on=item.due_on.isoformat(),
    )
    # The officer's note never names the raiser: an anonymous raiser stays anonymous in email.
    notify(
        recipients=[officer] if officer else _officers_of(organisation),
        kind="voice.item_routed",
        title=f'A "you said" item for {organisation.name}: {item.title}',
        body=f"Please answer by {_on(item.due_on)}.",
        url=_item_url(item.pk),
    )
    tell_followers(
        [item.pk],
        kind="voice.item_routed",
        title_for=lambda i: f"Your item has been sent to {organisation.name}",
        body_for=lambda i: f"{i.title}: they will answer by {_on(i.due_on)}.",
        many_title=lambda n: f"{n} of your items have been sent on",
    )
    return item


@transaction.atomic
def item_decline(*, item: YouSaidItem, declined_by: User, reason: str) -> YouSaidItem:
    item = _lock(item)
    require(declined_by, "voice.route_item", item)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why, in words the person who raised it will understand."}
        )
    item.decline_reason = reason
    ITEM_FLOW.move(item, "decline", actor=declined_by, extra_fields=["decline_reason"])
    tell_followers(
        [item.pk],
        kind="voice.item_declined",
        title_for=lambda i: f"Your item won't be taken forward: {i.title}",
        body_for=lambda i: i.decline_reason,
        many_title=lambda n: f"{n} of your items won't be taken forward",
    )
    return item


@transaction.atomic
def item_reopen(*, item: YouSaidItem, reopened_by: User, note: str = "") -> YouSaidItem:
    """Send an answered item back to the officer (after a "not good enough")."""
    item = _lock(item)
    require(reopened_by, "voice.route_item", item)
    item.returned_at = None
    ITEM_FLOW.move(item, "reopen", actor=reopened_by, extra_fields=["returned_at"], note=note)
    notify(
        recipients=[item.officer] if item.officer_id else _officers_of(item.routed_to),
        kind="voice.item_reopened",
        title=f"Please look again at: {item.title}",
        body=note.strip() or "The people who raised it said the answer was not good enough.",
        url=_item_url(item.pk),
    )
    return item


@transaction.atomic
def item_close(*, item: YouSaidItem, closed_by: User) -> YouSaidItem:
    item = _lock(item)
    require(closed_by, "voice.route_item", item)
    item.returned_at = None
    ITEM_FLOW.move(item, "close", actor=closed_by, extra_fields=["returned_at"])
    return item


# --- responding and rating -------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneDraft:
    on: date
    what: str


@transaction.atomic
def response_publish(
    *,
    items: Iterable[YouSaidItem],
    published_by: User,
    outcome: str,
    text: str,
    plain_text: str,
    progress: int | None = None,
    milestones: Iterable[MilestoneDraft] = (),
    check_back_on: date | None = None,
) -> list[Response]:
    """Publish one answer to one item, or the same answer to several raised about the same
    thing. Everyone who raised, supported or follows them is told once."""
    ids = sorted({i.pk for i in items})
    if not ids:
        raise ValidationError("Choose the items this answers.")
    locked = list(
        YouSaidItem.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
    )
    for item in locked:
        require(published_by, "voice.respond_item", item)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Choose done, in progress or can't do."})
    text, plain_text = text.strip(), plain_text.strip()
    if not text:
        raise ValidationError({"text": "Write your answer."})
    if not plain_text:
        raise ValidationError({"plain_text": "Write the answer in words a 10-year-old can read."})
    if progress is None:
        progress = 100 if outcome == Outcome.DONE else 0
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": "Give a number from 0 to 100."})
    today = timezone.localdate()
    if check_back_on is not None and check_back_on <= today:
        raise ValidationError({"check_back_on": "Choose a date after today."})
    milestones = list(milestones)
    for milestone in milestones:
        if not milestone.what.strip():
            raise ValidationError({"milestones": "Say what happens on each date."})
    now = timezone.now()
    responses = []
    for item in locked:
        move = ANSWER_MOVE[Outcome(outcome)]
        ITEM_FLOW.check(item, move, published_by)
        response = Response(
            item=item,
            outcome=outcome,
            text=text,
            plain_text=plain_text,
            progress=progress,
            check_back_on=check_back_on,
            published_by=published_by,
            organisation=item.routed_to,
            published_at=now,
        )
        response.full_clean()
        responses.append(response)
        fields = ["returned_at"]
        if item.first_answered_at is None:
            item.first_answered_at = now
            fields.append("first_answered_at")
        item.returned_at = None
        ITEM_FLOW.move(item, move, actor=published_by, extra_fields=fields)
    # A new answer is the update the officer promised: earlier check-backs are done with.
    Response.objects.filter(item_id__in=ids, check_back_sent_at__isnull=True).exclude(
        check_back_on=None
    ).update(check_back_sent_at=now)
    Response.objects.bulk_create(responses)
    Milestone.objects.bulk_create(
        Milestone(response=r, on=m.on, what=m.what.strip()[:200])
        for r in responses
        for m in milestones
    )
    words = Outcome(outcome).label
    tell_followers(
        ids,
        kind="voice.response",
        title_for=lambda i: f"An answer to your item: {i.title}",
        body_for=lambda i: f"{words}. {plain_text}",
        many_title=lambda n: f"{n} of your items have an answer",
    )
    return responses


def latest_response(item: YouSaidItem) -> Response | None:
    return item.responses.order_by("-published_at", "-id").first()


@transaction.atomic
def response_rate(*, item: YouSaidItem, user: User, good_enough: bool, reason: str = "") -> Rating:
    """Say whether the latest answer was good enough. "Not good enough", with why, puts the
    item back on the list of the worker who sent it on."""
    item = _lock(item)
    require(user, "voice.rate_response", item)
    response = latest_response(item)
    if response is None:
        raise ValidationError("There is no answer to rate yet.")
    reason = reason.strip()
    if not good_enough and not reason:
        raise ValidationError({"reason": "Say why the answer was not good enough."})
    if Rating.objects.filter(response=response, user=user).exists():
        raise ValidationError("You have already said what you think of this answer.")
    rating = Rating(response=response, user=user, good_enough=good_enough, reason=reason)
    rating.full_clean()
    rating.save()
    audit(actor=user, action="voice.response.rate", target=item, good_enough=good_enough)
    if not good_enough:
        item.returned_at = timezone.now()
        item.save(update_fields=["returned_at"])
        notify(
            recipients=[item.routed_by] if item.routed_by_id else _workers(),
            kind="voice.not_good_enough",
            title=f"An answer was not good enough: {item.title}",
            body=reason,
            url=_item_url(item.pk),
        )
    return rating


@transaction.atomic
def participation_lead_appoint(*, user: User, appointed_by: User) -> ParticipationLead:
    require(appointed_by, "voice.appoint_lead")
    if not user.has_role(Role.WORKER):
        raise ValidationError("A participation lead must be a participation worker.")
    lead, created = ParticipationLead.objects.get_or_create(
        user=user, defaults={"appointed_by": appointed_by}
    )
    if not created:
        raise ValidationError(f"{user.display_name} is already a participation lead.")
    audit(actor=appointed_by, action="voice.lead.appoint", target=user)
    return lead


# --- periodic: reminders, escalations, check-backs -------------------------------------------


def _waiting():
    return YouSaidItem.objects.filter(
        status__in=[ItemStatus.ROUTED], first_answered_at__isnull=True, due_on__isnull=False
    )


@transaction.atomic
def officer_reminders_send(*, today: date | None = None) -> int:
    """Remind the officer of each item due within the next few working days, once per item
    (claimed with a conditional UPDATE, so two runs at once still remind once)."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, reminder_working_days())
    sent = 0
    for item in (
        _waiting()
        .filter(reminder_sent_at__isnull=True, due_on__gte=today, due_on__lte=horizon)
        .select_related("routed_to")
    ):
        if not YouSaidItem.objects.filter(pk=item.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        ):
            continue
        notify(
            recipients=[User(pk=item.officer_id)]
            if item.officer_id
            else _officers_of(item.routed_to),
            kind="voice.officer_reminder",
            title=f"Due on {_on(item.due_on)}: {item.title}",
            body="Young people are waiting to hear what you will do.",
            url=_item_url(item.pk),
        )
        sent += 1
    return sent


@transaction.atomic
def overdue_items_escalate(*, today: date | None = None) -> int:
    """Tell the participation leads about items past their due date with no answer: once per
    item, and one note per lead however many items are overdue."""
    today = today or timezone.localdate()
    overdue = list(
        _waiting()
        .filter(escalated_at__isnull=True, due_on__lt=today)
        .select_related("routed_to")
        .order_by("due_on", "pk")
    )
    claimed = []
    for item in overdue:
        if YouSaidItem.objects.filter(pk=item.pk, escalated_at__isnull=True).update(
            escalated_at=timezone.now()
        ):
            claimed.append(item)
            audit(actor=None, action="voice.item.escalate", target=item)
    # With no lead named yet, every worker hears, so an overdue item never goes unnoticed.
    leads = [
        User(pk=pk)
        for pk in ParticipationLead.objects.filter(user__is_active=True).values_list(
            "user_id", flat=True
        )
    ] or (_workers() if claimed else [])
    if claimed and leads:
        if len(claimed) == 1:
            item = claimed[0]
            title = f"Overdue: {item.routed_to.name} has not answered {item.title}"
            url = _item_url(item.pk)
        else:
            title = f'{len(claimed)} "you said" items are overdue'
            url = reverse("voice:worker_queue") + "?show=overdue"
        notify(
            recipients=leads,
            kind="voice.escalation",
            title=title,
            body="\n".join(f"{i.title} ({i.routed_to.name}, due {_on(i.due_on)})" for i in claimed),
            url=url,
        )
    return len(claimed)


@transaction.atomic
def check_back_reminders_send(*, today: date | None = None) -> int:
    """On a response's check-back date, remind the officer who wrote it to say what happened
    since. Once per response."""
    today = today or timezone.localdate()
    due = Response.objects.filter(
        check_back_on__lte=today,
        check_back_sent_at__isnull=True,
        item__status__in=list(ANSWERED),
    ).select_related("item")
    sent = 0
    for response in due:
        if not Response.objects.filter(pk=response.pk, check_back_sent_at__isnull=True).update(
            check_back_sent_at=timezone.now()
        ):
            continue
        recipients = (
            [User(pk=response.published_by_id)]
            if response.published_by_id
            else _officers_of(response.organisation)
        )
        notify(
            recipients=recipients,
            kind="voice.check_back",
            title=f"Time to check back: {response.item.title}",
            body="You said you would tell young people how it is going. Add an update.",
            url=_item_url(response.item_id),
        )
        sent += 1
    return sent
