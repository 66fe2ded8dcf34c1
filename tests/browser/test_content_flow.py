"""Youth-made news in a real browser, on a phone and on a desktop: a young person writes an
article (with a link and a picture from other websites in it), the editorial group approves
it, an editor puts it in a newsletter issue and sends it, and it appears in the issue and on
the Draw Your Own Solution hub. Every request every page makes is recorded: all go to the test
server, none to another host. axe-core clean on every page visited."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from participation.content.models import Article, ArticleStatus, Issue, IssueStatus
from tests.browser.helpers import navigation, visit
from tests.browser.test_forums_pages import log_in
from tests.content.factories import World

TITLE = "What helps when exams get stressful"
BODY = """Five things that help me:

1. Make a small plan.
2. Go outside for five minutes.

Watch [this video](https://www.youtube.com/watch?v=abc123) and see
![a calm picture](https://images.example.com/calm.png) too.

<img src="https://tracker.example.net/pixel.gif"> <script>alert(1)</script>"""


@pytest.mark.parametrize("page", ["phone", "desktop"], indirect=True)
def test_an_article_from_writing_to_the_newsletter_and_the_hub(page, live_server):
    w = World()
    w.link(title="Calm breathing video")
    ours = urlsplit(live_server.url).netloc
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    log_in(page, live_server, w.amira)
    visit(page, reverse("content:news"))
    with navigation(page):
        page.get_by_role("link", name="Write an article").click()
    with navigation(page):
        page.get_by_role("button", name="Save my draft").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Small things.")
    page.locator("#id_body").fill(BODY)
    page.get_by_label("Being Healthy").check()
    page.get_by_label("Also put it in the Draw Your Own Solution hub").check()
    with navigation(page):
        page.get_by_role("button", name="Save my draft").click()
    assert "(goes to youtube.com)" in page.content()
    assert page.locator("img").count() == 0
    with navigation(page):
        page.get_by_role("button", name="Send it to the editors").click()
    article = Article.objects.get()
    assert article.status == ArticleStatus.SUBMITTED

    page.context.clear_cookies()
    response = visit(page, reverse("content:article", args=[article.pk]))
    assert "/accounts/login/" in page.url and TITLE not in page.content()
    visit(page, reverse("content:hub"))
    assert TITLE not in page.content()

    log_in(page, live_server, w.jordan)
    visit(page, reverse("content:review"))
    with navigation(page):
        page.get_by_role("link", name=TITLE).click()
    with navigation(page):
        page.get_by_role("button", name="Approve and publish it").click()
    assert "The article is published." in page.content()

    visit(page, reverse("content:newsletter", args=[w.newsletter.slug]))
    with navigation(page):
        page.get_by_role("link", name="Put a new issue together").click()
    page.locator("#id_title").fill("Exam time")
    page.locator("#id_intro").fill("Tips from us for exam time.")
    page.get_by_label(TITLE).check()
    with navigation(page):
        page.get_by_role("button", name="Save the issue").click()
    with navigation(page):
        page.get_by_role("button", name="Send it").click()
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.PUBLISHED

    page.context.clear_cookies()
    visit(page, reverse("content:issue", args=[issue.pk]))
    assert TITLE in page.content()
    visit(page, reverse("content:hub") + "?topic=healthy")
    assert TITLE in page.content()
    with navigation(page):
        page.get_by_role("link", name=TITLE).click()
    with navigation(page):
        page.get_by_role("link", name="Read the article").click()
    assert "(goes to images.example.com)" in page.content()
    visit(page, reverse("content:hub"))
    with navigation(page):
        page.get_by_role("link", name="Calm breathing video").click()
    assert page.get_by_role("link", name="Open the video on youtube.com").is_visible()
    visit(page, reverse("content:news"))
    visit(page, reverse("content:newsletter", args=[w.newsletter.slug]))

    assert requested and response is not None
    elsewhere = sorted({u for u in requested if urlsplit(u).netloc != ours})
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
