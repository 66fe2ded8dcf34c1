"""Every public write service of youth-made news refuses an actor without the permission, in
the permission layer's plain words, and writes nothing. `COVERED` and `EXEMPT` are read by
tests/base/test_every_service_is_checked.py."""

import pytest

from participation.access import Refused, refusal_for
from participation.content import services
from participation.content.models import (
    Article,
    HelpfulRating,
    Issue,
    Resource,
    ResourceKind,
    Subscription,
)
from participation.models import AuditEvent, Notification
from tests.content.factories import World
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class RefusalWorld(World):
    def __init__(self):
        super().__init__()
        self.parent = UserFactory(roles=["parent_carer"])
        self.the_draft = self.draft()
        self.waiting = self.submitted(title="Waiting")
        self.published = self.approved(title="Published")
        self.the_issue = self.issue(articles=[self.published])
        self.video = self.link()


CASES = {
    services.article_write: (
        "content.write_article",
        lambda w: dict(author=w.parent, newsletter=w.newsletter, title="t", summary="s", body="b"),
    ),
    services.article_update: (
        "content.edit_article",
        lambda w: dict(article=w.the_draft, author=w.ruby, title="t", body="b"),
    ),
    services.article_submit: (
        "content.edit_article",
        lambda w: dict(article=w.the_draft, submitted_by=w.jordan),
    ),
    services.article_approve: (
        "content.review_article",
        lambda w: dict(article=w.waiting, approved_by=w.ruby),
    ),
    services.article_send_back: (
        "content.review_article",
        lambda w: dict(article=w.waiting, sent_back_by=w.amira, reason="no"),
    ),
    services.article_take_down: (
        "content.take_down",
        lambda w: dict(article=w.published, taken_down_by=w.jordan, reason="no"),
    ),
    services.issue_create: (
        "content.assemble_issue",
        lambda w: dict(newsletter=w.newsletter, created_by=w.ruby, title="t", intro="i"),
    ),
    services.issue_update: (
        "content.assemble_issue",
        lambda w: dict(issue=w.the_issue, updated_by=w.amira, title="t", intro="i"),
    ),
    services.issue_publish: (
        "content.assemble_issue",
        lambda w: dict(issue=w.the_issue, published_by=w.ruby),
    ),
    services.newsletter_subscribe: (
        "content.subscribe",
        lambda w: dict(newsletter=w.newsletter, user=None),
    ),
    services.newsletter_unsubscribe: (
        "content.subscribe",
        lambda w: dict(newsletter=w.newsletter, user=None),
    ),
    services.resource_add: (
        "content.add_resource",
        lambda w: dict(
            collection=w.collection,
            added_by=w.ruby,
            kind=ResourceKind.VIDEO,
            title="t",
            summary="s",
            url="https://www.youtube.com/watch?v=x",
        ),
    ),
    services.resource_rate: (
        "content.rate_resource",
        lambda w: dict(resource=w.video, user=None, helpful=True),
    ),
}

COVERED = set(CASES)

EXEMPT: dict = {}


def _counts():
    return (
        AuditEvent.objects.count(),
        Notification.objects.count(),
        tuple(Article.objects.order_by("pk").values_list("title", "status", "body")),
        tuple(Issue.objects.order_by("pk").values_list("title", "status")),
        Subscription.objects.count(),
        Resource.objects.count(),
        HelpfulRating.objects.count(),
    )


@pytest.mark.parametrize(
    "service", sorted(CASES, key=lambda s: s.__name__), ids=lambda s: s.__name__
)
def test_an_actor_without_the_permission_is_refused_in_plain_words(service):
    world = RefusalWorld()
    perm, call = CASES[service]
    before = _counts()
    with pytest.raises(Refused) as refused:
        service(**call(world))
    assert refused.value.code == "forbidden"
    assert refused.value.messages == [refusal_for(perm)]
    assert _counts() == before


def test_every_refusal_is_plain_words_not_the_default():
    for perm, _call in CASES.values():
        assert refusal_for(perm) != "You don't have permission to do this.", perm
