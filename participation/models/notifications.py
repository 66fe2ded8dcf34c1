from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Delivery(models.TextChoices):
    """How a person wants one kind of notification. Email is never the default (the
    Children's Code's most private setting): it is something the person chooses."""

    PORTAL = "portal", "Only here, on this website"
    EMAIL_NOW = "email_now", "Here, and an email straight away"
    DAILY = "daily", "Here, and one email a day with all the new ones"
    WEEKLY = "weekly", "Here, and one email a week with all the new ones"


DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


class NotificationTopic(models.TextChoices):
    """The few kinds of notification a person chooses for, in words a young person knows.
    Every notification's `kind` ("voice.response", "election.published") falls into one of
    these through `topic_of`; a kind nobody placed falls into OTHER, so none is left out."""

    ANSWERS = "answers", "Answers to things you said"
    HAVE_YOUR_SAY = "have_your_say", "Questions we ask you"
    MEETINGS = "meetings", "Meetings and events"
    FORUMS = "forums", "Your forums and groups"
    ELECTIONS = "elections", "Elections and votes"
    TRAINING = "training", "Training"
    WORK = "work", "Work for staff"
    OTHER = "other", "Messages from workers, and anything else"


TOPIC_HELP = {
    NotificationTopic.ANSWERS: "When something you said, supported or follow is passed on, "
    "turned down or answered, when the editors answer about an article you wrote, when the "
    "panel decides about your Pay it Forward idea, and when your record is checked.",
    NotificationTopic.HAVE_YOUR_SAY: "When we ask what you think, when we tell you what "
    "people said, and reminders to score for a panel you are on.",
    NotificationTopic.MEETINGS: "Reminders about events you are going to, places that come "
    "free, and jobs from meetings.",
    NotificationTopic.FORUMS: "When you join a forum, get a new role, or hear back about joining, "
    "new issues of newsletters you get, and articles for your editors' group to read.",
    NotificationTopic.ELECTIONS: "When a vote opens, and when the results are out.",
    NotificationTopic.TRAINING: "When your training needs doing again soon.",
    NotificationTopic.WORK: "Items to pass on or answer, reminders, things sent back to you, "
    "and requests to look at.",
    NotificationTopic.OTHER: "Anything that is not in the list above.",
}

# Kinds whose topic is not the one their prefix ("forums.", "voice.") gives. Staff work comes
# first: a worker chooses how their to-do list reaches them apart from their own news.
_TOPIC_OF_KIND = {
    "voice.response": NotificationTopic.ANSWERS,
    "voice.item_routed": NotificationTopic.ANSWERS,
    "voice.item_declined": NotificationTopic.ANSWERS,
    "voice.consultation_open": NotificationTopic.HAVE_YOUR_SAY,
    "voice.consultation_closing": NotificationTopic.HAVE_YOUR_SAY,
    "voice.consultation_closed": NotificationTopic.HAVE_YOUR_SAY,
    "voice.consultation_summary": NotificationTopic.HAVE_YOUR_SAY,
    "voice.feedback_reminder": NotificationTopic.MEETINGS,
    "voice.officer_reminder": NotificationTopic.WORK,
    "voice.escalation": NotificationTopic.WORK,
    "voice.check_back": NotificationTopic.WORK,
    "voice.not_good_enough": NotificationTopic.WORK,
    "voice.item_reopened": NotificationTopic.WORK,
    "voice.safeguarding_alert": NotificationTopic.WORK,
    "forums.application_new": NotificationTopic.WORK,
    "forums.member_joined": NotificationTopic.WORK,
    "forums.member_left": NotificationTopic.WORK,
    "forums.nomination_new": NotificationTopic.WORK,
    "forums.nomination_reminder": NotificationTopic.WORK,
    "forums.policy_item_new": NotificationTopic.WORK,
    "forums.worker_added": NotificationTopic.WORK,
    "forums.policy_item_scheduled": NotificationTopic.MEETINGS,
    "forums.action_given": NotificationTopic.MEETINGS,
    "training.expiring_worker": NotificationTopic.WORK,
    "activity.consent_needed": NotificationTopic.WORK,
    # Youth-made news: the editors' answer about your article is an answer to what you said;
    # newsletter issues and articles to read for an editors' group come with your groups.
    "content.article_approved": NotificationTopic.ANSWERS,
    "content.article_sent_back": NotificationTopic.ANSWERS,
    "content.article_taken_down": NotificationTopic.ANSWERS,
    # Pay it Forward: the panel's answer to your application is an answer to what you asked;
    # reviewing for a panel is being asked what you think; the rest is workers' work.
    "grants.application_sent": NotificationTopic.ANSWERS,
    "grants.decision": NotificationTopic.ANSWERS,
    "grants.review_reminder": NotificationTopic.HAVE_YOUR_SAY,
    "grants.showcase_waiting": NotificationTopic.WORK,
    "grants.visit_overdue": NotificationTopic.WORK,
    # Commissioning: what became of your words in a specification is an answer; scoring bids
    # on a panel is being asked; providers and workers get work.
    "commissioning.statement_decided": NotificationTopic.ANSWERS,
    "commissioning.spec_published": NotificationTopic.ANSWERS,
    "commissioning.panel_reminder": NotificationTopic.HAVE_YOUR_SAY,
    "commissioning.bid": NotificationTopic.WORK,
    "commissioning.clarification_asked": NotificationTopic.WORK,
    "commissioning.clarification_answered": NotificationTopic.WORK,
    "commissioning.feedback": NotificationTopic.WORK,
    "commissioning.round_open": NotificationTopic.WORK,
    # Mentoring: a record check asked for is a worker's to do; its answer is hers. Being
    # paired or a pairing ending stays with "anything else": it is about people, not a topic.
    "mentoring.record_check_asked": NotificationTopic.WORK,
    "mentoring.record_checked": NotificationTopic.ANSWERS,
}
_TOPIC_OF_PREFIX = {
    "activity": NotificationTopic.MEETINGS,
    "forums": NotificationTopic.FORUMS,
    "content": NotificationTopic.FORUMS,
    "election": NotificationTopic.ELECTIONS,
    "training": NotificationTopic.TRAINING,
    # Every charter notification goes to a partner's officers or the participation leads.
    "charter": NotificationTopic.WORK,
}

# Never held back for a digest: a concern about a child's safety reaches the safeguarding lead
# at once (by email too, if they chose any email for work).
URGENT_KINDS = frozenset({"voice.safeguarding_alert"})


def topic_of(kind: str) -> str:
    topic = _TOPIC_OF_KIND.get(kind) or _TOPIC_OF_PREFIX.get(kind.split(".", 1)[0])
    return topic or NotificationTopic.OTHER


class Notification(models.Model):
    """One message to one person. Written in the same transaction as the event that causes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Decided when written, from the person's choice for this kind at that moment.
    wants_email = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_attempts = models.PositiveSmallIntegerField(default=0)
    # "daily" or "weekly" when it waits for that digest email; set when the digest claims it.
    digest = models.CharField(
        max_length=10, blank=True, choices=[(d.value, d.label) for d in DIGESTS]
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(
                fields=["created_at"],
                condition=Q(delivered_at__isnull=True),
                name="notification_undelivered",
            ),
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["digest", "user"],
                condition=Q(digest_sent_at__isnull=True) & ~Q(digest=""),
                name="notification_digest_due",
            ),
        ]

    def __str__(self):
        return self.title


class NotificationChoice(models.Model):
    """How one person wants one topic of notification. No row means the default: the portal
    only, private by default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choices"
    )
    kind = models.CharField(max_length=60, choices=NotificationTopic.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.PORTAL)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_notification_choice_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} by {self.delivery}"
