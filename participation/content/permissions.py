"""Who may do what with youth-made news and the hub: every rule with the words it refuses in.

Everyone may read what is published. Any young person may write an article; only its author
changes it, and only while it is a draft or sent back. The editors of a newsletter (the current
members of its editorial group, young people and a worker) and any participation worker review
articles and put issues together, never approving their own article. The editors of a hub
collection, and workers, add videos and playlists to it.
"""

import rules

from participation.access import permission
from participation.models import Membership
from participation.permissions import is_worker, is_young_person


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


def editor_group_ids(user) -> frozenset[int]:
    """The groups this person is a current member of, read once per request."""
    cached = getattr(user, "_content_group_ids", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.active().filter(user_id=user.pk).values_list("group_id", flat=True)
        )
        user._content_group_ids = cached
    return cached


def _editorial_group_id(obj) -> int | None:
    from .models import Article, Collection, Issue, Newsletter, Resource

    if isinstance(obj, Newsletter | Collection):
        return obj.editorial_group_id
    if isinstance(obj, Article | Issue):
        return obj.newsletter.editorial_group_id
    if isinstance(obj, Resource) and obj.collection_id:
        return obj.collection.editorial_group_id
    return None


@rules.predicate
def is_editor(user, obj) -> bool:
    """An editor of this newsletter or collection (asked with none: of any)."""
    if not is_logged_in(user):
        return False
    if obj is None:
        from .models import Collection, Newsletter

        groups = editor_group_ids(user)
        return bool(groups) and (
            Newsletter.objects.filter(editorial_group_id__in=groups).exists()
            or Collection.objects.filter(editorial_group_id__in=groups).exists()
        )
    group_id = _editorial_group_id(obj)
    return group_id is not None and group_id in editor_group_ids(user)


@rules.predicate
def is_author(user, article) -> bool:
    return article is not None and article.author_id == user.pk


@rules.predicate
def is_public(user, obj) -> bool:
    return obj is not None and obj.is_public


@rules.predicate
def is_editable(user, article) -> bool:
    from .models import EDITABLE

    return article is not None and article.status in EDITABLE


@rules.predicate
def is_sent(user, article) -> bool:
    """Sent to the editors at least once: a draft is the writer's own until then."""
    from .models import ArticleStatus

    return article is not None and article.status != ArticleStatus.DRAFT


editor_or_worker = is_editor | is_worker

permission("content.view_published", rules.always_allow)
permission(
    "content.view_article",
    is_public | is_author | (is_sent & editor_or_worker),
    refusal="This article is not published yet.",
)
permission(
    "content.write_article",
    is_young_person,
    refusal="Articles are written by young people. Log in with a young person's account.",
)
permission(
    "content.edit_article",
    is_author & is_editable,
    refusal="Only the person who wrote this article can change it, and only before it is "
    "published.",
)
permission(
    "content.review_article",
    editor_or_worker & ~is_author,
    refusal="Only the newsletter's editors can approve an article or send it back, and never "
    "their own.",
)
permission(
    "content.view_review_queue",
    editor_or_worker,
    refusal="This page is for the newsletter's editors.",
)
permission(
    "content.take_down",
    is_worker,
    refusal="Only a participation worker can take a published article down.",
)
permission(
    "content.view_issue",
    is_public | editor_or_worker,
    refusal="This issue is not published yet.",
)
permission(
    "content.assemble_issue",
    editor_or_worker,
    refusal="Only the newsletter's editors can put an issue together and send it.",
)
permission(
    "content.subscribe",
    is_logged_in,
    refusal="Log in to get the newsletter.",
)
permission(
    "content.add_resource",
    editor_or_worker,
    refusal="Only the hub's editors can add videos and playlists.",
)
permission(
    "content.rate_resource",
    is_logged_in,
    refusal="Log in to say whether this helped.",
)
