"""Reads of youth-made news and the hub. What is public is decided here, once: an article only
when approved, an issue only when published, a hub article only while its article is approved.
Every list reads its rows in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from participation.access import allowed
from participation.models import Activity, User
from participation.small_numbers import small_count
from participation.voice.models import ANSWERED, Response
from participation.voice.selectors import public_items

from .models import (
    TOPIC_FIELDS,
    AgeSuitability,
    Article,
    ArticleStatus,
    Collection,
    HelpfulRating,
    Issue,
    IssueStatus,
    Newsletter,
    Resource,
    ResourceKind,
    Subscription,
    Topic,
)
from .permissions import editor_group_ids

PAGE_SIZE = 20


# --- Articles ---------------------------------------------------------------------------------


def public_articles() -> QuerySet:
    return Article.objects.filter(status=ArticleStatus.APPROVED).select_related(
        "author", "newsletter"
    )


def article_page(*, page: str | int | None):
    articles = public_articles().order_by("-published_at", "-id")
    return Paginator(articles, PAGE_SIZE).get_page(page)


def article_for(*, article_id: int) -> Article | None:
    """The article with what its page shows; the view asks content.view_article of it."""
    return (
        Article.objects.select_related("author", "newsletter", "resource")
        .filter(pk=article_id)
        .first()
    )


def my_articles(*, user: User) -> list[Article]:
    return list(
        Article.objects.filter(author=user).select_related("newsletter").order_by("-updated_at")
    )


def review_queue(*, user: User) -> list[Article]:
    """Articles waiting for this editor: their newsletters' (a worker: every newsletter's),
    never their own."""
    waiting = Article.objects.filter(status=ArticleStatus.SUBMITTED).exclude(author=user)
    if not allowed(user, "content.take_down"):
        waiting = waiting.filter(newsletter__editorial_group_id__in=editor_group_ids(user))
    return list(waiting.select_related("newsletter").order_by("submitted_at", "id"))


# --- Newsletters and issues -------------------------------------------------------------------


def newsletter_for(*, slug: str) -> Newsletter | None:
    return Newsletter.objects.select_related("editorial_group").filter(slug=slug).first()


def newsletters() -> list[Newsletter]:
    return list(
        Newsletter.objects.annotate(
            published=Count("issues", filter=Q(issues__status=IssueStatus.PUBLISHED))
        )
    )


def archive(*, newsletter: Newsletter, user, page: str | int | None) -> dict:
    issues = Issue.objects.filter(newsletter=newsletter, status=IssueStatus.PUBLISHED).order_by(
        "-published_at", "-id"
    )
    can_assemble = allowed(user, "content.assemble_issue", newsletter)
    return {
        "issues": Paginator(issues, PAGE_SIZE).get_page(page),
        "drafts": list(
            Issue.objects.filter(newsletter=newsletter, status=IssueStatus.DRAFT).order_by(
                "-created_at"
            )
        )
        if can_assemble
        else [],
        "can_assemble": can_assemble,
        "subscribed": user.is_authenticated
        and Subscription.objects.filter(newsletter=newsletter, user=user).exists(),
    }


def issue_for(*, issue_id: int) -> Issue | None:
    """An issue with everything in it, in a fixed number of queries. Only articles still
    published show, so a taken-down article leaves the archive at once."""
    return (
        Issue.objects.select_related("newsletter")
        .prefetch_related(
            Prefetch(
                "articles",
                queryset=public_articles().order_by("-published_at", "-id"),
                to_attr="shown_articles",
            ),
            Prefetch(
                "activities", queryset=Activity.objects.order_by("starts_at"), to_attr="events"
            ),
            Prefetch(
                "you_said",
                queryset=public_items()
                .select_related("routed_to")
                .prefetch_related(
                    Prefetch(
                        "responses",
                        queryset=Response.objects.order_by("published_at", "id"),
                        to_attr="answers",
                    )
                ),
                to_attr="news",
            ),
        )
        .filter(pk=issue_id)
        .first()
    )


def issue_choices(*, newsletter: Newsletter) -> dict[str, QuerySet]:
    """What an editor can put in an issue: this newsletter's published articles, upcoming
    events open to everyone, and answered "you said" items."""
    return {
        "articles": public_articles()
        .filter(newsletter=newsletter)
        .order_by("-published_at", "-id"),
        "activities": Activity.objects.filter(
            audience_group__isnull=True, ends_at__gte=timezone.now()
        ).order_by("starts_at", "id"),
        "you_said": public_items()
        .filter(status__in=list(ANSWERED))
        .order_by("-first_answered_at", "-id"),
    }


# --- The hub ----------------------------------------------------------------------------------


def public_resources() -> QuerySet:
    return Resource.objects.filter(
        Q(article__isnull=True) | Q(article__status=ArticleStatus.APPROVED)
    )


@dataclass
class HubFilters:
    words: str = ""
    topic: str = ""
    kind: str = ""
    age: str = ""
    collection: str = ""

    @classmethod
    def from_query(cls, query) -> HubFilters:
        def pick(name, allowed_values):
            value = (query.get(name) or "").strip()
            return value if value in allowed_values else ""

        return cls(
            words=(query.get("q") or "").strip()[:100],
            topic=pick("topic", set(Topic.values)),
            kind=pick("kind", set(ResourceKind.values)),
            age=pick("age", {str(v) for v in AgeSuitability.values}),
            collection=(query.get("collection") or "").strip()[:200],
        )

    def as_query(self) -> str:
        from urllib.parse import urlencode

        pairs = {
            "q": self.words,
            "topic": self.topic,
            "kind": self.kind,
            "age": self.age,
            "collection": self.collection,
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def hub_page(*, filters: HubFilters, page: str | int | None, user) -> dict:
    resources = public_resources().select_related("collection", "article")
    if filters.words:
        for word in filters.words.split()[:8]:
            resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if filters.topic:
        resources = resources.filter(**{TOPIC_FIELDS[filters.topic]: True})
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.age:
        # Suitable for someone of this age: made for this age or younger.
        resources = resources.filter(min_age__lte=int(filters.age))
    collection = None
    if filters.collection:
        collection = Collection.objects.filter(slug=filters.collection).first()
        resources = resources.filter(collection=collection) if collection else resources.none()
    resources = resources.annotate(
        helped=Count("ratings", filter=Q(ratings__helpful=True))
    ).order_by("-added_at", "-id")
    shown = Paginator(resources, PAGE_SIZE).get_page(page)
    for resource in shown:
        resource.helped_shown = small_count(resource.helped)
    return {
        "page": shown,
        "collection": collection,
        "collections": list(Collection.objects.all()),
        "can_add": allowed(user, "content.add_resource"),
    }


def resource_for(*, resource_id: int) -> Resource | None:
    return (
        public_resources()
        .select_related("collection", "article")
        .annotate(
            helped=Count("ratings", filter=Q(ratings__helpful=True)),
            not_helped=Count("ratings", filter=Q(ratings__helpful=False)),
        )
        .filter(pk=resource_id)
        .first()
    )


def my_rating(*, resource: Resource, user) -> bool | None:
    if not user.is_authenticated:
        return None
    return (
        HelpfulRating.objects.filter(resource=resource, user=user)
        .values_list("helpful", flat=True)
        .first()
    )


# --- The registry's parts ---------------------------------------------------------------------


def content_export_section(user: User) -> dict:
    """Their own articles (every word, whatever their status), their "was this helpful?"
    answers and the newsletters they get."""
    return {
        "articles": [
            {
                "title": a.title,
                "newsletter": a.newsletter.title,
                "status": a.get_status_display(),
                "summary": a.summary,
                "article": a.body,
                "written": a.created_at.isoformat(),
                "published": a.published_at.isoformat() if a.published_at else None,
                "sent back because": a.sent_back_reason or None,
            }
            for a in Article.objects.filter(author=user).select_related("newsletter")
        ],
        "was this helpful": [
            {"resource": r.resource.title, "helpful": r.helpful, "when": r.rated_at.isoformat()}
            for r in HelpfulRating.objects.filter(user=user).select_related("resource")
        ],
        "newsletters you get": list(
            Subscription.objects.filter(user=user).values_list("newsletter__title", flat=True)
        ),
    }


def content_record_section(user: User) -> dict | None:
    """For their participation record: the articles they had published."""
    published = list(
        Article.objects.filter(author=user, status=ArticleStatus.APPROVED)
        .select_related("newsletter")
        .order_by("published_at")
    )
    if not published:
        return None
    return {
        "title": "Articles published",
        "hours": None,
        "items": [
            {
                "text": f"{a.title} ({a.newsletter.title})",
                "date": timezone.localdate(a.published_at),
                "hours": None,
                "kind": "article",
            }
            for a in published
        ],
    }


def content_dashboard_section() -> dict:
    """For boards: how much young people wrote and published, and whether the hub helps.
    Every count goes through the small-number rule."""
    articles = Article.objects.aggregate(
        published=Count("pk", filter=Q(status=ArticleStatus.APPROVED)),
        writers=Count("author", filter=Q(status=ArticleStatus.APPROVED), distinct=True),
    )
    ratings = HelpfulRating.objects.aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    issues = Issue.objects.filter(status=IssueStatus.PUBLISHED).count()
    subscribers = Subscription.objects.values("user").distinct().count()
    return {
        "title": "Youth-made news and the Draw Your Own Solution hub",
        "rows": [
            {"label": label, "value": small_count(n)}
            for label, n in [
                ("Articles young people had published", articles["published"]),
                ("Young people who had an article published", articles["writers"]),
                ("Newsletter issues sent", issues),
                ("People who get a newsletter", subscribers),
                ('Said a hub resource helped ("yes")', ratings["yes"]),
                ('Said a hub resource did not help ("no")', ratings["no"]),
            ]
        ],
    }


def content_home_items(user) -> list[dict]:
    from django.urls import reverse

    if not user.is_authenticated:
        return []
    items = []
    sent_back = Article.objects.filter(author=user, status=ArticleStatus.SENT_BACK).count()
    if sent_back:
        items.append(
            {
                "text": f"The editors asked you to change {sent_back} article"
                f"{'s' if sent_back != 1 else ''}",
                "url": reverse("content:mine"),
                "kind": "content",
            }
        )
    if allowed(user, "content.view_review_queue"):
        waiting = len(review_queue(user=user))
        if waiting:
            items.append(
                {
                    "text": f"{waiting} article{'s' if waiting != 1 else ''} waiting for the "
                    "editors",
                    "url": reverse("content:review"),
                    "kind": "content",
                }
            )
    return items
