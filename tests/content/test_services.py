"""Writing, review and publishing through the real services: drafts, submit, approve or send
back with a reason, take down; issues from approved articles, public events and answered
"you said" items, sent to subscribers through notify(); the hub's links and ratings."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from participation.access import Refused
from participation.content import services
from participation.content.models import (
    ArticleStatus,
    HelpfulRating,
    IssueStatus,
    Resource,
    ResourceKind,
)
from participation.models import AuditEvent, Delivery, Notification, NotificationChoice
from participation.models.notifications import topic_of
from participation.transitions import BadMove
from tests.content.factories import World
from tests.factories import GroupFactory
from tests.participation.training.helpers import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return World()


def test_a_draft_is_saved_with_its_reading_time(w):
    article = w.draft(body=" ".join(["word"] * 450))
    assert article.status == ArticleStatus.DRAFT
    assert article.reading_minutes == 3
    assert AuditEvent.objects.filter(action="content.article.write").exists()


def test_an_empty_article_is_refused_in_plain_words(w):
    with pytest.raises(ValidationError) as error:
        w.draft(body="   ")
    assert error.value.message_dict == {"body": ["Write your article before you save it."]}


def test_submitting_tells_the_editors_but_not_the_writer(w):
    article = w.submitted()
    assert article.status == ArticleStatus.SUBMITTED
    told = set(
        Notification.objects.filter(kind="content.article_submitted").values_list("user", flat=True)
    )
    assert told == {w.jordan.pk, w.priya.pk}


def test_an_editor_approves_through_the_workflow(w):
    article = services.article_approve(article=w.submitted(on_hub=True), approved_by=w.jordan)
    assert article.status == ArticleStatus.APPROVED and article.published_at
    assert AuditEvent.objects.filter(action="content.article.approve").exists()
    # On the hub because the writer asked.
    resource = Resource.objects.get(article=article)
    assert resource.kind == ResourceKind.ARTICLE and resource.minutes == article.reading_minutes
    assert Notification.objects.filter(user=w.amira, kind="content.article_approved").exists()


def test_a_worker_outside_the_group_may_review_too(w):
    article = services.article_approve(article=w.submitted(), approved_by=w.worker)
    assert article.status == ArticleStatus.APPROVED


def test_nobody_approves_their_own_article(w):
    article = w.submitted(by=w.jordan)
    with pytest.raises(Refused):
        services.article_approve(article=article, approved_by=w.jordan)


def test_a_young_person_outside_the_group_cannot_approve(w):
    with pytest.raises(Refused):
        services.article_approve(article=w.submitted(), approved_by=w.ruby)


def test_a_draft_cannot_be_approved_before_it_is_sent(w):
    with pytest.raises(BadMove) as refused:
        services.article_approve(article=w.draft(), approved_by=w.jordan)
    assert "waiting for the editors" in refused.value.messages[0]


def test_sending_back_needs_a_reason_and_the_writer_can_change_and_resend(w):
    article = w.submitted()
    with pytest.raises(ValidationError):
        services.article_send_back(article=article, sent_back_by=w.jordan, reason=" ")
    article = services.article_send_back(
        article=article, sent_back_by=w.jordan, reason="Take out your school's name."
    )
    assert article.status == ArticleStatus.SENT_BACK
    note = Notification.objects.get(user=w.amira, kind="content.article_sent_back")
    assert note.body == "Take out your school's name."
    article = services.article_update(
        article=article, author=w.amira, title="Later buses", body="Better now."
    )
    assert article.title == "Later buses"
    assert services.article_submit(article=article, submitted_by=w.amira).status == "submitted"


def test_only_the_writer_changes_it_and_never_once_published(w):
    article = w.draft()
    with pytest.raises(Refused):
        services.article_update(article=article, author=w.ruby, title="Mine now", body="x")
    article = w.approved()
    with pytest.raises(Refused):
        services.article_update(article=article, author=w.amira, title="Changed", body="x")


def test_taking_down_removes_it_from_the_hub(w):
    article = w.approved(on_hub=True)
    with pytest.raises(Refused):
        services.article_take_down(article=article, taken_down_by=w.jordan, reason="x")
    services.article_take_down(article=article, taken_down_by=w.worker, reason="A concern")
    article.refresh_from_db()
    assert article.status == ArticleStatus.TAKEN_DOWN
    assert not Resource.objects.filter(article=article).exists()


# --- Issues -----------------------------------------------------------------------------------


def test_an_issue_takes_only_published_articles_public_events_and_answered_items(w):
    from tests.voice.factories import World as VoiceWorld

    voice = VoiceWorld()
    routed = voice.public_routed()
    answered = voice.public_routed(title="More youth clubs")
    voice.answer(answered)
    private_group = GroupFactory(name="Children in Care Council")
    public_event = make_activity(worker=w.priya, starts_at=timezone.now() + timedelta(days=5))
    private_event = make_activity(
        worker=w.priya, starts_at=timezone.now() + timedelta(days=5), audience_group=private_group
    )
    draft = w.draft()
    with pytest.raises(ValidationError) as error:
        w.issue(articles=[draft])
    assert "articles" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        w.issue(activities=[private_event])
    assert "activities" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        w.issue(you_said=[routed])
    assert "you_said" in error.value.message_dict
    issue = w.issue(articles=[w.approved()], activities=[public_event], you_said=[answered])
    assert issue.status == IssueStatus.DRAFT
    assert issue.articles.count() == issue.activities.count() == issue.you_said.count() == 1


def test_publishing_tells_only_subscribers_each_their_own_way(w):
    services.newsletter_subscribe(newsletter=w.newsletter, user=w.ruby)
    services.newsletter_subscribe(newsletter=w.newsletter, user=w.amira)
    services.newsletter_subscribe(newsletter=w.newsletter, user=w.amira)  # twice is once
    NotificationChoice.objects.create(
        user=w.ruby, kind=topic_of("content.issue_published"), delivery=Delivery.WEEKLY
    )
    issue = w.issue(articles=[w.approved()])
    issue = services.issue_publish(issue=issue, published_by=w.jordan)
    assert issue.status == IssueStatus.PUBLISHED and issue.sent_to == 2
    notes = {n.user_id: n for n in Notification.objects.filter(kind="content.issue_published")}
    assert set(notes) == {w.ruby.pk, w.amira.pk}
    assert notes[w.ruby.pk].digest == Delivery.WEEKLY  # her digest choice applies
    assert notes[w.amira.pk].digest == ""
    with pytest.raises(BadMove):
        services.issue_publish(issue=issue, published_by=w.jordan)


def test_an_unsubscribed_person_is_not_told(w):
    services.newsletter_subscribe(newsletter=w.newsletter, user=w.ruby)
    services.newsletter_unsubscribe(newsletter=w.newsletter, user=w.ruby)
    services.issue_publish(issue=w.issue(articles=[w.approved()]), published_by=w.priya)
    assert not Notification.objects.filter(kind="content.issue_published").exists()


def test_an_empty_issue_or_one_with_a_taken_down_article_is_not_sent(w):
    with pytest.raises(ValidationError):
        services.issue_publish(issue=w.issue(), published_by=w.jordan)
    article = w.approved()
    issue = w.issue(articles=[article], title="Summer")
    services.article_take_down(article=article, taken_down_by=w.worker, reason="A concern")
    with pytest.raises(ValidationError) as error:
        services.issue_publish(issue=issue, published_by=w.jordan)
    assert "not published any more" in error.value.messages[0]


def test_a_young_person_outside_the_group_cannot_put_an_issue_together(w):
    with pytest.raises(Refused):
        w.issue(by=w.ruby)


# --- The hub ----------------------------------------------------------------------------------


def test_a_link_records_its_website_and_fetches_nothing(w, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("adding a link must not fetch anything")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    resource = w.link(url="https://www.youtube.com/playlist?list=PL1", kind=ResourceKind.PLAYLIST)
    assert resource.host == "youtube.com"


def test_a_link_must_be_https_and_a_video_or_playlist(w):
    with pytest.raises(ValidationError) as error:
        w.link(url="http://example.org/video")
    assert error.value.message_dict["url"] == ["Use a link that starts with https://"]
    with pytest.raises(ValidationError):
        w.link(kind=ResourceKind.ARTICLE)


def test_was_this_helpful_is_one_answer_each_and_can_change(w):
    resource = w.link()
    services.resource_rate(resource=resource, user=w.ruby, helpful=True)
    services.resource_rate(resource=resource, user=w.ruby, helpful=False)
    assert list(HelpfulRating.objects.values_list("user", "helpful")) == [(w.ruby.pk, False)]
