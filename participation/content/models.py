"""Youth-made news and resources: newsletters written by young people, their issues, and the
Draw Your Own Solution hub of articles, playlists and videos.

Nothing a young person writes is public until an editor approves it: an article's status moves
only through `ARTICLE_FLOW`, and every public read (selectors.public_articles) asks for
APPROVED. A newsletter issue is public once published (`ISSUE_FLOW`). The hub's videos and
playlists are links to other websites, never embedded: our pages load nothing from another
host.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from participation.transitions import Move, Workflow


class Topic(models.TextChoices):
    """The three #YES themes (Wolverhampton's Youth Engagement Strategy)."""

    BEING_HEALTHY = "healthy", "Being Healthy"
    BEING_CONNECTED = "connected", "Being Connected"
    BEING_YOU = "you", "Being You"


# Which boolean field holds each topic, so a search by topic is one indexed column.
TOPIC_FIELDS = {
    Topic.BEING_HEALTHY: "being_healthy",
    Topic.BEING_CONNECTED: "being_connected",
    Topic.BEING_YOU: "being_you",
}


class AgeSuitability(models.IntegerChoices):
    ALL = 10, "Everyone from 10"
    THIRTEEN = 13, "13 and over"
    SIXTEEN = 16, "16 and over"


class Tagged(models.Model):
    """Topic tags and who it is for, shared by articles and hub resources."""

    being_healthy = models.BooleanField("Being Healthy", default=False)
    being_connected = models.BooleanField("Being Connected", default=False)
    being_you = models.BooleanField("Being You", default=False)
    min_age = models.PositiveSmallIntegerField(
        "who it is for", choices=AgeSuitability.choices, default=AgeSuitability.ALL
    )

    class Meta:
        abstract = True

    @property
    def topics(self) -> list[str]:
        return [Topic(t).label for t, f in TOPIC_FIELDS.items() if getattr(self, f)]


class Newsletter(models.Model):
    """A newsletter young people write, such as the Kent Youth County Council's. Its editors are
    the current members of its editorial group (young people and a worker); any participation
    worker may also review."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="What it is about, in plain words.")
    editorial_group = models.ForeignKey(
        "participation.Group", on_delete=models.PROTECT, related_name="newsletters"
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for the editors"
    SENT_BACK = "sent_back", "Sent back to change"
    APPROVED = "approved", "Published"
    TAKEN_DOWN = "taken_down", "Taken down"


EDITABLE = (ArticleStatus.DRAFT, ArticleStatus.SENT_BACK)

ARTICLE_FLOW = Workflow(
    "content.article",
    moves=[
        Move(
            "submit",
            source=EDITABLE,
            target=ArticleStatus.SUBMITTED,
            permission="content.edit_article",
        ),
        Move(
            "approve",
            source=[ArticleStatus.SUBMITTED],
            target=ArticleStatus.APPROVED,
            permission="content.review_article",
        ),
        Move(
            "send_back",
            source=[ArticleStatus.SUBMITTED],
            target=ArticleStatus.SENT_BACK,
            permission="content.review_article",
        ),
        Move(
            "take_down",
            source=[ArticleStatus.APPROVED],
            target=ArticleStatus.TAKEN_DOWN,
            permission="content.take_down",
        ),
    ],
    refusals={
        "submit": "This article is already with the editors or published.",
        "approve": "Only an article waiting for the editors can be approved.",
        "send_back": "Only an article waiting for the editors can be sent back.",
        "take_down": "Only a published article can be taken down.",
    },
)


class Article(Tagged):
    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="articles")
    # SET_NULL only so an erased account's rows can be deleted by the eraser in its own order;
    # erasure deletes a person's articles (erasure.py says why).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Private by default: the byline says "a young person" unless the author chooses otherwise.
    show_first_name = models.BooleanField("Show my first name with it", default=False)
    title = models.CharField(max_length=200)
    summary = models.CharField("a short summary", max_length=300)
    body = models.TextField("your article")
    reading_minutes = models.PositiveSmallIntegerField(default=1)
    on_hub = models.BooleanField("Also put it in the Draw Your Own Solution hub", default=False)
    status = models.CharField(
        max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_back_reason = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == ArticleStatus.APPROVED

    @property
    def byline(self) -> str:
        if self.show_first_name and self.author_id and self.author.first_name:
            return self.author.first_name
        return "a young person"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Being put together"
    PUBLISHED = "published", "Published"


ISSUE_FLOW = Workflow(
    "content.issue",
    moves=[
        Move(
            "publish",
            source=[IssueStatus.DRAFT],
            target=IssueStatus.PUBLISHED,
            permission="content.assemble_issue",
        ),
    ],
    refusals={"publish": "This issue is already published."},
)


class Issue(models.Model):
    """One issue of a newsletter: approved articles, upcoming events from the base's
    activities and "you said, we did" news, with the editors' own words."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(max_length=200)
    intro = models.TextField("a few words from the editors")
    articles = models.ManyToManyField(Article, blank=True, related_name="issues")
    activities = models.ManyToManyField("participation.Activity", blank=True, related_name="+")
    you_said = models.ManyToManyField("voice.YouSaidItem", blank=True, related_name="+")
    status = models.CharField(max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # How many subscribers were told, kept for the editors.
    sent_to = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == IssueStatus.PUBLISHED


class Subscription(models.Model):
    """Someone chose to hear about new issues (nobody is subscribed unless they ask)."""

    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="subscriptions"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "user"], name="one_subscription_each")
        ]

    def __str__(self):
        return f"{self.user} gets {self.newsletter}"


class Collection(models.Model):
    """A part of the Draw Your Own Solution hub, looked after by a group of young people (the
    Building Resilience Group)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField()
    editorial_group = models.ForeignKey(
        "participation.Group", on_delete=models.PROTECT, related_name="collections"
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class ResourceKind(models.TextChoices):
    ARTICLE = "article", "Article"
    PLAYLIST = "playlist", "Playlist"
    VIDEO = "video", "Video"


LINK_KINDS = (ResourceKind.PLAYLIST, ResourceKind.VIDEO)


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class Resource(Tagged):
    """One thing in the hub. An article is one of ours (approved); a video or playlist is a
    link to another website that says where it goes."""

    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources"
    )
    title = models.CharField(max_length=200)
    summary = models.CharField("what it is, in plain words", max_length=400)
    article = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="resource"
    )
    url = models.URLField("link", max_length=500, blank=True)
    host = models.CharField(max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField("how long it takes, in minutes", default=1)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=ResourceKind.ARTICLE) & Q(article__isnull=False) & Q(url=""))
                | (~Q(kind=ResourceKind.ARTICLE) & Q(article__isnull=True) & ~Q(url="")),
                name="resource_is_an_article_or_a_link",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind in LINK_KINDS and self.url and urlsplit(self.url).scheme != "https":
            raise ValidationError({"url": "Use a link that starts with https://"})

    @property
    def is_link(self) -> bool:
        return self.kind in LINK_KINDS


class HelpfulRating(models.Model):
    """ "Was this helpful?": one answer per person per resource, which they can change."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="one_helpful_rating_each")
        ]

    def __str__(self):
        return f"{self.resource}: {'helpful' if self.helpful else 'not helpful'}"
