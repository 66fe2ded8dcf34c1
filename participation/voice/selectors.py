"""Reads of "you said, we did": visibility is applied here, once, so no page can forget it.

Every list reads its rows and what each row shows (organisation, forum, latest answer, counts)
in a fixed number of queries, whatever the number of items, followers or responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import allowed
from participation.models import Group, GroupKind, Organisation, Role, User
from participation.small_numbers import is_shown, small_count

from .models import (
    ANSWERED,
    PUBLIC_STATUSES,
    Follow,
    FollowKind,
    ItemStatus,
    Rating,
    Response,
    Topic,
    YouSaidItem,
)
from .permissions import officer_organisation_ids

PAGE_SIZE = 20
ANONYMOUS_RAISER = "Someone who asked not to be named"


def _with_counts(items: QuerySet) -> QuerySet:
    return items.select_related("routed_to", "group").annotate(
        me_too_count=Count("follows", filter=Q(follows__kind=FollowKind.ME_TOO), distinct=True),
    )


def _latest_answers():
    return Prefetch(
        "responses", queryset=Response.objects.order_by("published_at", "id"), to_attr="answers"
    )


def public_items() -> QuerySet:
    return YouSaidItem.objects.filter(
        text_approved_at__isnull=False, status__in=list(PUBLIC_STATUSES)
    )


@dataclass
class PublicFilters:
    forum: str = ""
    organisation: str = ""
    topic: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, query) -> PublicFilters:
        return cls(
            forum=query.get("forum", "").strip(),
            organisation=query.get("organisation", "").strip(),
            topic=query.get("topic", "").strip(),
            status=query.get("status", "").strip(),
        )

    def apply(self, items: QuerySet) -> QuerySet:
        # Unknown values simply match nothing: a bad link shows an empty list, never an error.
        if self.forum:
            items = items.filter(group__slug=self.forum)
        if self.organisation:
            items = items.filter(routed_to__slug=self.organisation)
        if self.topic:
            items = items.filter(topic=self.topic)
        if self.status:
            items = items.filter(status=self.status)
        return items

    def as_query(self) -> str:
        from urllib.parse import urlencode

        return urlencode({k: v for k, v in self.__dict__.items() if v})


def public_page(*, filters: PublicFilters, page: str | int | None):
    # Counted and paged on the bare rows, then only the page's 20 get their counts and answers:
    # grouping every public item to count follows cost ~1 s a page at 200,000 items.
    ids = filters.apply(public_items()).order_by("-created_at", "-id").values_list("pk", flat=True)
    found = Paginator(ids, PAGE_SIZE).get_page(page)
    page_ids = list(found.object_list)
    shown = _with_counts(YouSaidItem.objects.filter(pk__in=page_ids)).prefetch_related(
        _latest_answers()
    )
    by_id = {item.pk: item for item in shown}
    found.object_list = [by_id[pk] for pk in page_ids if pk in by_id]
    return found


def filter_choices() -> dict:
    """The forums and organisations that have public items, for the filters (two queries)."""
    public = public_items()
    return {
        "forums": list(
            Group.objects.filter(
                kind=GroupKind.FORUM,
                membership_is_sensitive=False,
                pk__in=public.values("group_id"),
            ).values_list("slug", "name")
        ),
        "organisations": list(
            Organisation.objects.filter(pk__in=public.values("routed_to_id")).values_list(
                "slug", "name"
            )
        ),
        "topics": Topic.choices,
        "statuses": [(s.value, s.label) for s in ItemStatus if s.value in PUBLIC_STATUSES],
    }


def item_for(*, user, item_id: int) -> YouSaidItem | None:
    """The item with its timeline (answers and milestones) and what this person did with it."""
    item = (
        _with_counts(YouSaidItem.objects.filter(pk=item_id))
        .select_related("raised_by", "officer")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.order_by("published_at", "id")
                .select_related("organisation")
                .prefetch_related("milestones")
                .annotate(
                    good_count=Count("ratings", filter=Q(ratings__good_enough=True)),
                    rating_count=Count("ratings"),
                ),
                to_attr="answers",
            )
        )
        .first()
    )
    if item is None:
        return None
    item.follower_ids = set()
    if user is not None and user.is_authenticated:
        follow = item.follows.filter(user_id=user.pk).first()
        if follow is not None:
            item.follower_ids = {user.pk}
        item.my_follow = follow
    else:
        item.my_follow = None
    return item


def raiser_shown_to(user, item: YouSaidItem) -> str:
    """Who raised it, as this person may see it: named for workers and the raiser, for an
    officer only if the raiser agreed, and never on the public page."""
    if item.raised_by_id is None:
        return "Someone who has left the portal"
    if allowed(user, "voice.view_raiser", item):
        return item.raised_by.display_name
    if item.anonymous_to_officer:
        return ANONYMOUS_RAISER
    return item.get_source_display()


def timeline(item: YouSaidItem) -> list[dict]:
    """What happened and when, oldest first, in plain words."""
    events = [{"when": item.created_at, "what": f"Raised by {item.get_source_display().lower()}"}]
    if item.routed_at:
        events.append(
            {
                "when": item.routed_at,
                "what": f"Sent to {item.routed_to.name}, to answer by "
                f"{date_format(item.due_on, 'j F Y')}",
            }
        )
    if item.is_declined:
        events.append({"when": None, "what": f"Not taken forward: {item.decline_reason}"})
    for answer in getattr(item, "answers", []):
        events.append(
            {
                "when": answer.published_at,
                "what": f"{answer.organisation.name} answered: {answer.get_outcome_display()}",
                "answer": answer,
            }
        )
    return events


def my_items(*, user: User) -> list[YouSaidItem]:
    """The items this person raised, said "me too" to or follows, with how they follow."""
    follows = {f.item_id: f.kind for f in Follow.objects.filter(user=user).only("item_id", "kind")}
    items = list(
        _with_counts(YouSaidItem.objects.filter(pk__in=list(follows)))
        .prefetch_related(_latest_answers())
        .order_by("-created_at", "-id")
    )
    rated = set(
        Rating.objects.filter(user=user, response__item_id__in=list(follows)).values_list(
            "response_id", flat=True
        )
    )
    for item in items:
        item.how = FollowKind(follows[item.pk]).label
        latest = item.answers[-1] if item.answers else None
        item.latest = latest
        item.can_rate = latest is not None and latest.pk not in rated and item.status in ANSWERED
    return items


def worker_queue(*, show: str = "") -> dict:
    """What waits for a worker: words to approve, items to send on, answers that were not good
    enough, items past their due date."""
    base = _with_counts(YouSaidItem.objects.all()).select_related("raised_by")
    today = timezone.localdate()
    lists = {
        "to_route": base.filter(status=ItemStatus.RAISED).order_by("created_at", "id"),
        "to_approve": base.filter(text_approved_at__isnull=True)
        .exclude(status=ItemStatus.DECLINED)
        .order_by("created_at", "id"),
        "returned": base.filter(returned_at__isnull=False).order_by("returned_at", "id"),
        "overdue": base.filter(
            status=ItemStatus.ROUTED, first_answered_at__isnull=True, due_on__lt=today
        ).order_by("due_on", "id"),
    }
    return {name: list(rows[:100]) for name, rows in lists.items()}


def officer_queue(*, user: User) -> list[YouSaidItem]:
    """Items routed to this officer's organisations that wait for an answer or an update.
    Who raised them is never loaded here: the page has no way to show it."""
    orgs = officer_organisation_ids(user)
    return list(
        _with_counts(
            YouSaidItem.objects.filter(
                routed_to_id__in=list(orgs),
                status__in=[ItemStatus.ROUTED, ItemStatus.IN_PROGRESS],
            )
        )
        .defer("raised_by")
        .order_by("due_on", "id")[:200]
    )


def routing_choices() -> dict:
    return {
        "organisations": list(Organisation.objects.order_by("name")),
        "officers": list(
            User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True)
            .distinct()
            .order_by("first_name", "last_name")
        ),
    }


@dataclass
class Record:
    organisation: Organisation
    routed: int
    answered: int
    on_time_share: int | None
    median_days: float | None
    rated: int
    good_share: int | None


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def organisation_records(*, organisation: Organisation | None = None) -> list[Record]:
    """Each organisation's record (or only the one given): the share of items answered by the
    due date, the median days to the first answer, and the share of ratings that said "good
    enough". Three queries."""
    rows: dict[int, dict] = {}
    items = YouSaidItem.objects.filter(routed_to__isnull=False, routed_at__isnull=False)
    ratings_of = Rating.objects.all()
    if organisation is not None:
        items = items.filter(routed_to=organisation)
        ratings_of = ratings_of.filter(response__organisation=organisation)
    for org_id, routed_at, answered_at, due_on in items.values_list(
        "routed_to_id", "routed_at", "first_answered_at", "due_on"
    ):
        row = rows.setdefault(org_id, {"routed": 0, "on_time": 0, "days": []})
        row["routed"] += 1
        if answered_at is not None:
            row["days"].append((answered_at - routed_at).total_seconds() / 86400)
            if due_on is not None and timezone.localdate(answered_at) <= due_on:
                row["on_time"] += 1
    ratings = {
        org_id: (total, good)
        for org_id, total, good in ratings_of.values("response__organisation_id")
        .annotate(total=Count("id"), good=Count("id", filter=Q(good_enough=True)))
        .values_list("response__organisation_id", "total", "good")
    }
    organisations = (
        {organisation.pk: organisation}
        if organisation is not None
        else Organisation.objects.in_bulk(list(rows))
    )
    records = []
    for org_id, row in rows.items():
        total, good = ratings.get(org_id, (0, 0))
        records.append(
            Record(
                organisation=organisations[org_id],
                routed=row["routed"],
                answered=len(row["days"]),
                on_time_share=_share(row["on_time"], row["routed"]),
                median_days=round(median(row["days"]), 1) if row["days"] else None,
                rated=total,
                good_share=_share(good, total),
            )
        )
    return sorted(records, key=lambda r: r.organisation.name)


def participation_leads() -> list[User]:
    return list(
        User.objects.filter(participation_lead__isnull=False).order_by("first_name", "last_name")
    )


# --- for the base's registry -----------------------------------------------------------------


def voice_home_items(user) -> list[dict]:
    from django.urls import reverse

    if not (user and user.is_authenticated):
        return []
    items = []
    if user.has_role(Role.WORKER):
        waiting = YouSaidItem.objects.filter(
            Q(status=ItemStatus.RAISED) | Q(returned_at__isnull=False)
        ).count()
        if waiting:
            items.append(
                {
                    "text": f'{waiting} "you said" items are waiting for you.',
                    "url": reverse("voice:worker_queue"),
                    "kind": "you_said",
                }
            )
    if user.has_role(Role.WORKER):
        from .models import Concern, ConcernStatus

        concerns = Concern.objects.filter(status=ConcernStatus.OPEN).count()
        if concerns:
            items.append(
                {
                    "text": f"{concerns} reported concern{'s are' if concerns > 1 else ' is'} "
                    "waiting for a worker.",
                    "url": reverse("voice:concerns"),
                    "kind": "concern",
                }
            )
    if user.has_role(Role.OFFICER):
        waiting = YouSaidItem.objects.filter(
            routed_to_id__in=list(officer_organisation_ids(user)), status=ItemStatus.ROUTED
        ).count()
        if waiting:
            items.append(
                {
                    "text": f'{waiting} "you said" items are waiting for your answer.',
                    "url": reverse("voice:officer_queue"),
                    "kind": "you_said",
                }
            )
    return items


def voice_export_section(user: User) -> dict:
    """What a person raised, followed and said about answers, for their data download."""
    return {
        "you_said_items_raised": [
            {
                "title": i.title,
                "what_you_said": i.text,
                "topic": i.get_topic_display(),
                "status": i.get_status_display(),
                "anonymous_to_officer": i.anonymous_to_officer,
                "why_not_taken_forward": i.decline_reason,
                "when": i.created_at.isoformat(),
            }
            for i in YouSaidItem.objects.filter(raised_by=user)
        ],
        "you_said_items_followed": [
            {"title": title, "how": FollowKind(kind).label, "when": when.isoformat()}
            for title, kind, when in Follow.objects.filter(user=user).values_list(
                "item__title", "kind", "created_at"
            )
        ],
        "you_said_ratings": [
            {
                "item": r.response.item.title,
                "good_enough": r.good_enough,
                "why": r.reason,
                "when": r.created_at.isoformat(),
            }
            for r in Rating.objects.filter(user=user).select_related("response__item")
        ],
        "consultation_answers": [
            {"consultation": title, "question": question, "your_answer": value}
            for title, question, value in _answers_of(user)
        ],
        "session_feedback": [
            {
                "activity": title,
                "score": score,
                "what_was_good": good,
                "could_be_better": better,
            }
            for title, score, good, better in _feedback_of(user)
        ],
        "you_said_answers_published": [
            {"item": title, "answer": text, "when": when.isoformat()}
            for title, text, when in Response.objects.filter(published_by=user).values_list(
                "item__title", "text", "published_at"
            )
        ],
    }


# --- Consultations ----------------------------------------------------------------------------


def consultation_list(*, user) -> list:
    """Open and finished consultations for everyone; drafts only for those who may change
    them (all of them for workers, their own for officers)."""
    from .models import Consultation, ConsultationStatus

    shown = ~Q(status=ConsultationStatus.DRAFT)
    if user.is_authenticated and user.has_role(Role.WORKER):
        shown = Q()
    elif user.is_authenticated and user.has_role(Role.OFFICER):
        shown |= Q(created_by=user) | Q(organisation_id__in=list(officer_organisation_ids(user)))
    return list(
        Consultation.objects.filter(shown)
        .select_related("group", "organisation")
        .annotate(answer_count=Count("submissions", distinct=True))
        .order_by("-opens_at", "-id")[:200]
    )


def consultation_for(*, consultation_id: int):
    from .models import Consultation

    return (
        Consultation.objects.select_related("group", "organisation")
        .prefetch_related("questions")
        .filter(pk=consultation_id)
        .first()
    )


def has_answered(*, user, consultation) -> bool:
    from .models import Submission

    return (
        user.is_authenticated
        and Submission.objects.filter(consultation=consultation, user_id=user.pk).exists()
    )


def consultation_results(consultation) -> list[dict]:
    """Per question: how many answered, the ratings and choices counted, the written answers
    (never who wrote them). Two queries, however many answers."""
    from collections import Counter

    from .models import Answer, QuestionKind

    questions = list(consultation.questions.all())
    values: dict[int, list[str]] = {q.pk: [] for q in questions}
    for question_id, value in Answer.objects.filter(
        submission__consultation=consultation
    ).values_list("question_id", "value"):
        values[question_id].append(value)
    results = []
    for q in questions:
        given = values[q.pk]
        row = {"question": q, "count": len(given)}
        if q.kind == QuestionKind.RATING:
            numbers = [int(v) for v in given if v.isdigit()]
            row["average"] = round(sum(numbers) / len(numbers), 1) if numbers else None
            counts = Counter(numbers)
            row["counts"] = [(n, counts.get(n, 0)) for n in range(1, 6)]
        elif q.kind == QuestionKind.CHOICE:
            counts = Counter(given)
            row["counts"] = [(o, counts.get(o, 0)) for o in q.option_list]
        else:
            row["texts"] = given
        results.append(row)
    return results


def consultation_items(consultation) -> list[YouSaidItem]:
    return list(
        _with_counts(consultation.items.all()).prefetch_related(_latest_answers()).order_by("pk")
    )


def _feedback_of(user):
    from .models import SessionFeedback

    return SessionFeedback.objects.filter(user=user).values_list(
        "activity__title", "score", "what_was_good", "could_be_better"
    )


def _answers_of(user):
    from .models import Answer

    return Answer.objects.filter(submission__user=user).values_list(
        "submission__consultation__title", "question__text", "value"
    )


# --- Moderation -------------------------------------------------------------------------------


def _words_only_for_readers(user, concerns) -> bool:
    """Empties the words of each concern `user` may not read (`voice.read_concern`: a concern
    about mentoring is for safeguarding leads), and who reported it, so no page can show them
    by mistake; each is marked `readable`. Whether any was hidden."""
    from .permissions import may_read_concern

    hidden = False
    for concern in concerns:
        concern.readable = may_read_concern(user, concern)
        if not concern.readable:
            # Who reported it and where it points say who is being mentored: gone too. (Only
            # this copy in memory changes; services read the concern again before a write.)
            concern.what = concern.resolution = concern.url = ""
            concern.reported_by = None
            hidden = True
    return hidden


def concern_queue(*, user) -> dict:
    """Open concerns, safety first, and the last ones dealt with (two queries), with the words
    only of those this worker may read. When some are hidden, the safeguarding leads' names
    come too (one more query), so the page says who to tell."""
    from .models import Concern, ConcernStatus

    rows = Concern.objects.select_related("reported_by", "resolved_by", "target_type")
    open_concerns = list(rows.filter(status=ConcernStatus.OPEN)[:200])
    resolved = list(rows.filter(status=ConcernStatus.RESOLVED).order_by("-resolved_at", "-id")[:20])
    hidden = _words_only_for_readers(user, open_concerns + resolved)
    return {
        "open_concerns": open_concerns,
        "resolved": resolved,
        "safeguarding_leads": safeguarding_leads() if hidden else [],
    }


def concern_for(*, user, concern_id: int):
    """The concern, with its words only if `user` may read them."""
    from .models import Concern

    concern = (
        Concern.objects.select_related("reported_by", "target_type").filter(pk=concern_id).first()
    )
    if concern is not None:
        _words_only_for_readers(user, [concern])
    return concern


def response_for(*, response_id: int):
    return Response.objects.select_related("item", "organisation").filter(pk=response_id).first()


def safeguarding_leads() -> list[User]:
    return list(
        User.objects.filter(safeguarding_lead__isnull=False).order_by("first_name", "last_name")
    )


# --- Dashboards (aggregates only: counts under 5 are shown as "fewer than 5") -----------------


def session_feedback_dashboard_section() -> dict:
    """For boards: how people rated sessions, per kind of activity. Numbers only."""
    from django.db.models import Avg

    from participation.models import ActivityKind

    from .models import SessionFeedback

    rows = (
        SessionFeedback.objects.values("activity__kind")
        .annotate(n=Count("id"), average=Avg("score"))
        .order_by("activity__kind")
    )
    labels = dict(ActivityKind.choices)
    return {
        "title": "How people rated sessions",
        "rows": [
            {
                "kind": labels.get(r["activity__kind"], r["activity__kind"]),
                "ratings": small_count(r["n"]),
                # An average of fewer than 5 ratings could point at one person.
                "average_out_of_5": round(r["average"], 1) if is_shown(r["n"]) else None,
            }
            for r in rows
        ],
    }


def you_said_dashboard_section() -> dict:
    """For boards: each organisation's record on "you said" items."""
    return {
        "title": "You said, we did: how organisations answer",
        "rows": [
            {
                "organisation": r.organisation.name,
                "items": r.routed,
                "answered_by_due_date_percent": r.on_time_share,
                "median_days_to_answer": r.median_days,
                "rated_good_enough_percent": r.good_share if is_shown(r.rated) else None,
                "ratings": small_count(r.rated),
            }
            for r in organisation_records()
        ],
    }
