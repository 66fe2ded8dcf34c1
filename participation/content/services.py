"""Every write of youth-made news and the hub: articles and their review, newsletter issues and
who hears about them, hub links and "was this helpful?".

Each service asks the permission layer first, validates, and runs in one transaction. An
article's status changes only through `ARTICLE_FLOW`, an issue's through `ISSUE_FLOW`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import Membership, User
from participation.services import audit, notify
from participation.voice.models import ANSWERED
from participation.voice.selectors import public_items

from .markdown import reading_minutes
from .models import (
    ARTICLE_FLOW,
    ISSUE_FLOW,
    LINK_KINDS,
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
    host_of,
)

__all__ = [
    "article_approve",
    "article_send_back",
    "article_submit",
    "article_take_down",
    "article_update",
    "article_write",
    "issue_create",
    "issue_publish",
    "issue_update",
    "newsletter_subscribe",
    "newsletter_unsubscribe",
    "resource_add",
    "resource_rate",
]

ARTICLE_FIELDS = (
    "title",
    "summary",
    "body",
    "being_healthy",
    "being_connected",
    "being_you",
    "min_age",
    "show_first_name",
    "on_hub",
)


def _article_url(article: Article) -> str:
    return reverse("content:article", args=[article.pk])


def _lock(article: Article) -> Article:
    return Article.objects.select_for_update().select_related("newsletter").get(pk=article.pk)


def _editors_of(newsletter: Newsletter, *, besides: User | None = None) -> list[User]:
    ids = (
        Membership.objects.active()
        .filter(group_id=newsletter.editorial_group_id, user__is_active=True)
        .exclude(user_id=getattr(besides, "pk", None))
        .values_list("user_id", flat=True)
        .distinct()
    )
    return [User(pk=pk) for pk in ids]


def _fill(article: Article, fields: dict) -> None:
    for name in ARTICLE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(article, name, value.strip() if isinstance(value, str) else value)
    if not article.title:
        raise ValidationError({"title": "Give your article a title."})
    if not article.body:
        raise ValidationError({"body": "Write your article before you save it."})
    article.reading_minutes = reading_minutes(article.body)
    article.updated_at = timezone.now()
    article.full_clean(exclude=["author", "decided_by"])


# --- Articles ---------------------------------------------------------------------------------


@transaction.atomic
def article_write(*, author: User, newsletter: Newsletter, **fields) -> Article:
    """A new draft: nobody but the author and the editors sees it until it is approved."""
    require(author, "content.write_article")
    article = Article(newsletter=newsletter, author=author)
    _fill(article, fields)
    article.save()
    audit(actor=author, action="content.article.write", target=article)
    return article


@transaction.atomic
def article_update(*, article: Article, author: User, **fields) -> Article:
    article = _lock(article)
    require(author, "content.edit_article", article)
    _fill(article, fields)
    article.save()
    audit(actor=author, action="content.article.update", target=article)
    return article


@transaction.atomic
def article_submit(*, article: Article, submitted_by: User) -> Article:
    article = _lock(article)
    require(submitted_by, "content.edit_article", article)
    article.submitted_at = timezone.now()
    ARTICLE_FLOW.move(article, "submit", actor=submitted_by, extra_fields=["submitted_at"])
    notify(
        recipients=_editors_of(article.newsletter, besides=submitted_by),
        kind="content.article_submitted",
        # Not the article's title: the editors keep this note, and the writer's words must go
        # with the writer if they delete their account.
        title=f"A new article to read for {article.newsletter.title}",
        url=reverse("content:review"),
    )
    return article


@transaction.atomic
def article_approve(*, article: Article, approved_by: User) -> Article:
    """Published: on the news page and feed, ready for an issue, and on the hub if the author
    asked for it."""
    article = _lock(article)
    require(approved_by, "content.review_article", article)
    now = timezone.now()
    article.decided_at = article.published_at = now
    article.decided_by = approved_by
    article.sent_back_reason = ""
    ARTICLE_FLOW.move(
        article,
        "approve",
        actor=approved_by,
        extra_fields=["decided_at", "decided_by", "published_at", "sent_back_reason"],
    )
    if article.on_hub:
        Resource.objects.update_or_create(
            article=article,
            defaults={
                "kind": ResourceKind.ARTICLE,
                "title": article.title,
                "summary": article.summary,
                "being_healthy": article.being_healthy,
                "being_connected": article.being_connected,
                "being_you": article.being_you,
                "min_age": article.min_age,
                "minutes": article.reading_minutes,
                "added_by": approved_by,
                "added_at": now,
            },
        )
    if article.author_id:
        notify(
            recipients=User(pk=article.author_id),
            kind="content.article_approved",
            title=f'Your article "{article.title}" is published',
            url=_article_url(article),
        )
    return article


@transaction.atomic
def article_send_back(*, article: Article, sent_back_by: User, reason: str) -> Article:
    article = _lock(article)
    require(sent_back_by, "content.review_article", article)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say what to change, so they can put it right."})
    article.sent_back_reason = reason
    article.decided_at = timezone.now()
    article.decided_by = sent_back_by
    ARTICLE_FLOW.move(
        article,
        "send_back",
        actor=sent_back_by,
        extra_fields=["sent_back_reason", "decided_at", "decided_by"],
    )
    if article.author_id:
        notify(
            recipients=User(pk=article.author_id),
            kind="content.article_sent_back",
            title=f'The editors asked you to change "{article.title}"',
            body=reason,
            url=_article_url(article),
        )
    return article


@transaction.atomic
def article_take_down(*, article: Article, taken_down_by: User, reason: str) -> Article:
    """After a concern: off every public page, the feed and the hub at once."""
    article = _lock(article)
    require(taken_down_by, "content.take_down", article)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is taken down."})
    ARTICLE_FLOW.move(article, "take_down", actor=taken_down_by, reason=reason)
    Resource.objects.filter(article=article).delete()
    if article.author_id:
        notify(
            recipients=User(pk=article.author_id),
            kind="content.article_taken_down",
            title=f'Your article "{article.title}" was taken down',
            body=reason,
            url=_article_url(article),
        )
    return article


# --- Newsletter issues ------------------------------------------------------------------------


def _check_contents(newsletter: Newsletter, articles, activities, you_said) -> tuple:
    articles, activities, you_said = list(articles), list(activities), list(you_said)
    not_ours = [
        a.title
        for a in articles
        if a.newsletter_id != newsletter.pk or a.status != ArticleStatus.APPROVED
    ]
    if not_ours:
        raise ValidationError(
            {
                "articles": "Only this newsletter's published articles can go in: "
                + ", ".join(not_ours)
            }
        )
    private = [a.title for a in activities if a.audience_group_id is not None]
    if private:
        raise ValidationError(
            {
                "activities": "Only events open to everyone can go in a newsletter: "
                + ", ".join(private)
            }
        )
    answered = set(
        public_items()
        .filter(pk__in=[i.pk for i in you_said], status__in=list(ANSWERED))
        .values_list("pk", flat=True)
    )
    unanswered = [i.title for i in you_said if i.pk not in answered]
    if unanswered:
        raise ValidationError(
            {
                "you_said": 'Only public "you said" items with an answer can go in: '
                + ", ".join(unanswered)
            }
        )
    return articles, activities, you_said


def _fill_issue(issue: Issue, *, title: str, intro: str) -> None:
    issue.title, issue.intro = title.strip(), intro.strip()
    if not issue.title:
        raise ValidationError({"title": "Give the issue a title."})
    if not issue.intro:
        raise ValidationError({"intro": "Write a few words to start the issue."})
    issue.full_clean(exclude=["created_by", "published_by"])


@transaction.atomic
def issue_create(
    *,
    newsletter: Newsletter,
    created_by: User,
    title: str,
    intro: str,
    articles=(),
    activities=(),
    you_said=(),
) -> Issue:
    require(created_by, "content.assemble_issue", newsletter)
    articles, activities, you_said = _check_contents(newsletter, articles, activities, you_said)
    issue = Issue(newsletter=newsletter, created_by=created_by)
    _fill_issue(issue, title=title, intro=intro)
    issue.save()
    issue.articles.set(articles)
    issue.activities.set(activities)
    issue.you_said.set(you_said)
    audit(actor=created_by, action="content.issue.create", target=issue)
    return issue


@transaction.atomic
def issue_update(
    *,
    issue: Issue,
    updated_by: User,
    title: str,
    intro: str,
    articles=(),
    activities=(),
    you_said=(),
) -> Issue:
    issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue.pk)
    require(updated_by, "content.assemble_issue", issue)
    if issue.status != IssueStatus.DRAFT:
        raise ValidationError("This issue is published, so it can't change.")
    articles, activities, you_said = _check_contents(
        issue.newsletter, articles, activities, you_said
    )
    _fill_issue(issue, title=title, intro=intro)
    issue.save(update_fields=["title", "intro"])
    issue.articles.set(articles)
    issue.activities.set(activities)
    issue.you_said.set(you_said)
    audit(actor=updated_by, action="content.issue.update", target=issue)
    return issue


@transaction.atomic
def issue_publish(*, issue: Issue, published_by: User) -> Issue:
    """Public in the archive, and every subscriber told through notify(), so each person's
    choice (here only, an email, a daily or weekly digest) decides how it reaches them."""
    issue = Issue.objects.select_for_update().select_related("newsletter").get(pk=issue.pk)
    require(published_by, "content.assemble_issue", issue)
    ISSUE_FLOW.check(issue, "publish", published_by)
    if not issue.articles.exists() and not issue.you_said.exists():
        raise ValidationError('Put at least one article or one "you said, we did" in it first.')
    taken_down = list(
        issue.articles.exclude(status=ArticleStatus.APPROVED).values_list("title", flat=True)
    )
    if taken_down:
        raise ValidationError(
            "These articles are not published any more; take them out first: "
            + ", ".join(taken_down)
        )
    subscribers = [
        User(pk=pk)
        for pk in Subscription.objects.filter(
            newsletter=issue.newsletter, user__is_active=True
        ).values_list("user_id", flat=True)
    ]
    issue.published_at = timezone.now()
    issue.published_by = published_by
    issue.sent_to = len(subscribers)
    ISSUE_FLOW.move(
        issue,
        "publish",
        actor=published_by,
        extra_fields=["published_at", "published_by", "sent_to"],
        subscribers=len(subscribers),
    )
    notify(
        recipients=subscribers,
        kind="content.issue_published",
        title=f"New from {issue.newsletter.title}: {issue.title}",
        body=issue.intro[:300],
        url=reverse("content:issue", args=[issue.pk]),
    )
    return issue


# --- Subscriptions ----------------------------------------------------------------------------


@transaction.atomic
def newsletter_subscribe(*, newsletter: Newsletter, user: User) -> Subscription:
    require(user, "content.subscribe", newsletter)
    subscription, created = Subscription.objects.get_or_create(newsletter=newsletter, user=user)
    if created:
        audit(actor=user, action="content.subscribe", target=newsletter)
    return subscription


@transaction.atomic
def newsletter_unsubscribe(*, newsletter: Newsletter, user: User) -> int:
    require(user, "content.subscribe", newsletter)
    removed, _ = Subscription.objects.filter(newsletter=newsletter, user=user).delete()
    if removed:
        audit(actor=user, action="content.unsubscribe", target=newsletter)
    return removed


# --- The hub ----------------------------------------------------------------------------------


@transaction.atomic
def resource_add(
    *,
    collection: Collection | None,
    added_by: User,
    kind: str,
    title: str,
    summary: str,
    url: str,
    minutes: int = 1,
    being_healthy: bool = False,
    being_connected: bool = False,
    being_you: bool = False,
    min_age: int = 10,
) -> Resource:
    """A video or playlist: a link that says which website it goes to. Nothing is fetched from
    it (no preview, no picture), so adding one makes no request to another host."""
    require(added_by, "content.add_resource", collection)
    if kind not in LINK_KINDS:
        raise ValidationError({"kind": "Choose video or playlist. Articles are written here."})
    url = url.strip()
    resource = Resource(
        kind=kind,
        collection=collection,
        title=title.strip(),
        summary=summary.strip(),
        url=url,
        host=host_of(url),
        minutes=minutes,
        being_healthy=being_healthy,
        being_connected=being_connected,
        being_you=being_you,
        min_age=min_age,
        added_by=added_by,
    )
    resource.full_clean(exclude=["added_by"])
    if not resource.host:
        raise ValidationError({"url": "This link has no website in it."})
    resource.save()
    audit(actor=added_by, action="content.resource.add", target=resource, host=resource.host)
    return resource


@transaction.atomic
def resource_rate(*, resource: Resource, user: User, helpful: bool) -> HelpfulRating:
    """One answer per person; answering again changes it."""
    require(user, "content.rate_resource", resource)
    rating, _ = HelpfulRating.objects.update_or_create(
        resource=resource,
        user=user,
        defaults={"helpful": helpful, "rated_at": timezone.now()},
    )
    return rating
