"""The demo objects that fill each youth-made news URL's arguments, for the all-URL matrix
(tests/url_matrix/kwargs.py): the lead folds `KWARGS` into its table.

The demo (participation/content/demo.py) has one published issue of the Kent Youth County
Council newsletter; Jordan's published article on the Big Conversation (on the hub); Amira's
article waiting for the editors (Jordan and the worker may read it, nobody else) and her draft
(only she may); and three hub links in the Building Resilience collection.
"""

NEWSLETTER = "kent-youth-county-council-newsletter"
PUBLISHED = "What we learned at the Big Conversation"
WAITING = "Five things that help me when exams get stressful"
DRAFT = "Why our buses need to run later"


def _article(title):
    def kwargs(d):
        from participation.content.models import Article

        return {"pk": Article.objects.get(title=title).pk}

    return kwargs


def _articles():
    return {
        "published": _article(PUBLISHED),
        "waiting": _article(WAITING),
        "draft": _article(DRAFT),
    }


def _issue(d):
    from participation.content.models import Issue

    return {"pk": Issue.objects.get(newsletter__slug=NEWSLETTER).pk}


def _resource(kind):
    def kwargs(d):
        from participation.content.models import Resource

        return {"pk": Resource.objects.filter(kind=kind).order_by("pk").first().pk}

    return kwargs


def _newsletter(d):
    return {"slug": NEWSLETTER}


KWARGS = {
    "content:article": _articles(),
    "content:article_edit": _articles(),
    "content:article_submit": _articles(),
    "content:article_approve": _articles(),
    "content:article_send_back": _articles(),
    "content:article_take_down": _articles(),
    "content:article_report": _articles(),
    "content:newsletter": _newsletter,
    "content:subscribe": _newsletter,
    "content:unsubscribe": _newsletter,
    "content:issue_create": _newsletter,
    "content:issue": _issue,
    "content:issue_edit": _issue,
    "content:issue_publish": _issue,
    "content:resource": {"article": _resource("article"), "video": _resource("video")},
    "content:resource_rate": _resource("video"),
    "content:resource_report": _resource("video"),
}
