"""The people, newsletters and hub youth-made news tests need, built through the real services."""

from participation.content import services
from participation.content.models import Collection, Newsletter, ResourceKind
from participation.models import GroupKind
from tests.factories import GroupFactory, MembershipFactory, WorkerFactory, YoungPersonFactory

SCRIPTED = """Hello <script>alert('stolen')</script> there.

<img src="https://tracker.example/pixel.gif" onerror="alert(1)">

<p style="color:red" onclick="alert(2)">styled</p>

[click me](javascript:alert(3)) and [YoungMinds](https://www.youngminds.org.uk/)

![a cat](https://cats.example/cat.jpg)
"""


class World:
    """The Kent Youth County Council newsletter with its editorial group (Jordan, a young
    editor, and Priya, the worker in it), the Building Resilience Group's collection, Amira who
    writes, Ruby who reads, and another worker outside the group."""

    def __init__(self):
        self.editors = GroupFactory(name="Newsletter editors", kind=GroupKind.TASK_GROUP)
        self.resilience = GroupFactory(name="Building Resilience Group", kind=GroupKind.TASK_GROUP)
        self.amira = YoungPersonFactory(first_name="Amira", last_name="Khan")
        self.ruby = YoungPersonFactory(first_name="Ruby", last_name="Jones")
        self.jordan = YoungPersonFactory(first_name="Jordan", last_name="Reid")
        self.priya = WorkerFactory(first_name="Priya", last_name="Sharma")
        self.worker = WorkerFactory(first_name="Sam", last_name="Ellis")
        for person in (self.jordan, self.priya):
            MembershipFactory(group=self.editors, user=person, role="editor")
            MembershipFactory(group=self.resilience, user=person, role="editor")
        self.newsletter = Newsletter.objects.create(
            title="Kent Youth County Council newsletter",
            slug="kycc-newsletter",
            summary="Our work, things we made, events near you.",
            editorial_group=self.editors,
        )
        self.collection = Collection.objects.create(
            title="Building resilience",
            slug="building-resilience",
            summary="Ways to build resilience.",
            editorial_group=self.resilience,
        )

    def draft(self, by=None, *, title="Later buses please", body=None, **kw):
        return services.article_write(
            author=by or self.amira,
            newsletter=kw.pop("newsletter", self.newsletter),
            title=title,
            summary=kw.pop("summary", "The last bus goes too early."),
            body=body if body is not None else "The last bus goes before clubs finish.",
            **kw,
        )

    def submitted(self, by=None, **kw):
        article = self.draft(by, **kw)
        return services.article_submit(article=article, submitted_by=article.author)

    def approved(self, by=None, *, approver=None, **kw):
        article = self.submitted(by, **kw)
        return services.article_approve(article=article, approved_by=approver or self.jordan)

    def link(self, *, title="Coping with worry", url="https://www.youtube.com/watch?v=abc", **kw):
        return services.resource_add(
            collection=kw.pop("collection", self.collection),
            added_by=kw.pop("added_by", self.jordan),
            kind=kw.pop("kind", ResourceKind.VIDEO),
            title=title,
            summary=kw.pop("summary", "A short video about worry."),
            url=url,
            **kw,
        )

    def issue(self, *, articles=(), activities=(), you_said=(), by=None, title="Spring issue"):
        return services.issue_create(
            newsletter=self.newsletter,
            created_by=by or self.jordan,
            title=title,
            intro="Welcome to the spring issue.",
            articles=articles,
            activities=activities,
            you_said=you_said,
        )
