"""Youth-made news notifications fall into topics a young person can choose for, not into
"anything else": the editors' answer about your article is an answer to what you said; a new
newsletter issue and an article for your editors' group to read come with your groups. What a
person chose for that topic is what they get."""

import pytest

from participation.content import services
from participation.models import Delivery, Notification, NotificationTopic
from participation.models.notifications import topic_of
from participation.services import notification_choices_set
from tests.content.factories import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "topic"),
    [
        ("content.article_submitted", NotificationTopic.FORUMS),
        ("content.issue_published", NotificationTopic.FORUMS),
        ("content.article_approved", NotificationTopic.ANSWERS),
        ("content.article_sent_back", NotificationTopic.ANSWERS),
        ("content.article_taken_down", NotificationTopic.ANSWERS),
    ],
)
def test_every_content_kind_has_a_topic_of_its_own(kind, topic):
    assert topic_of(kind) == topic
    assert topic_of(kind) != NotificationTopic.OTHER


def test_a_young_writer_gets_the_editors_answer_the_way_she_chose_for_answers():
    w = World()
    # Amira wants answers by email at once, and everything else only on the portal.
    notification_choices_set(
        user=w.amira, choices={"answers": Delivery.EMAIL_NOW, "other": Delivery.PORTAL}
    )
    notification_choices_set(user=w.jordan, choices={"forums": Delivery.DAILY})
    article = w.submitted()
    services.article_send_back(article=article, sent_back_by=w.jordan, reason="Add a picture.")
    sent_back = Notification.objects.get(kind="content.article_sent_back")
    assert sent_back.user == w.amira and sent_back.wants_email
    # Jordan, a young editor, chose a daily email for his groups: the article to read is in it.
    to_read = Notification.objects.get(kind="content.article_submitted", user=w.jordan)
    assert to_read.digest == Delivery.DAILY
