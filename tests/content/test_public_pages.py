"""Nothing a young person writes is public before an editor approves it: not on the news page,
the article's page, the feed, the hub, a newsletter's archive or an issue, for anyone but the
writer and the editors. And a taken-down article leaves every one of them at once."""

import pytest
from django.urls import reverse

from participation.content import services
from tests.content.factories import SCRIPTED, World
from tests.content.test_markdown import assert_no_active_markup, tags_of

pytestmark = pytest.mark.django_db

SECRET = "Zebra-quartz-unpublished-words"


def _public_pages(w, issue):
    return [
        reverse("content:news"),
        reverse("content:feed"),
        reverse("content:hub"),
        reverse("content:hub") + "?q=Zebra",
        reverse("content:newsletter", args=[w.newsletter.slug]),
        reverse("content:issue", args=[issue.pk]),
    ]


def _published_issue(w):
    issue = w.issue(articles=[w.approved(title="Something else", body="Published words.")])
    return services.issue_publish(issue=issue, published_by=w.jordan)


@pytest.mark.parametrize("stage", ["draft", "submitted", "sent_back"])
def test_an_unapproved_article_is_on_no_public_page(client, login, stage):
    w = World()
    article = w.draft(title=SECRET, summary=SECRET, body=SECRET, on_hub=True)
    if stage != "draft":
        article = services.article_submit(article=article, submitted_by=w.amira)
    if stage == "sent_back":
        services.article_send_back(article=article, sent_back_by=w.jordan, reason="Shorter")
    issue = _published_issue(w)
    for who in (None, w.ruby):
        if who:
            login(who)
        for url in _public_pages(w, issue):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), (url, who)
        page = client.get(reverse("content:article", args=[article.pk]))
        assert page.status_code in (302, 404) and SECRET not in page.content.decode()


def test_the_writer_and_the_editors_can_read_it_before_it_is_published(client, login):
    w = World()
    article = w.submitted(title=SECRET)
    for who in (w.amira, w.jordan, w.priya, w.worker):
        login(who)
        assert SECRET in client.get(reverse("content:article", args=[article.pk])).content.decode()


def test_once_approved_it_is_on_every_public_page(client):
    w = World()
    article = w.approved(title=SECRET, summary=SECRET, on_hub=True)
    issue = services.issue_publish(issue=w.issue(articles=[article]), published_by=w.priya)
    for url in [*_public_pages(w, issue)[:4], reverse("content:issue", args=[issue.pk])]:
        assert SECRET in client.get(url).content.decode(), url
    assert SECRET in client.get(reverse("content:article", args=[article.pk])).content.decode()


def test_taken_down_it_leaves_every_page_at_once(client):
    w = World()
    article = w.approved(title=SECRET, summary=SECRET, on_hub=True)
    issue = services.issue_publish(issue=w.issue(articles=[article]), published_by=w.priya)
    assert SECRET in client.get(reverse("content:issue", args=[issue.pk])).content.decode()
    services.article_take_down(article=article, taken_down_by=w.worker, reason="A concern")
    for url in _public_pages(w, issue):
        assert SECRET not in client.get(url).content.decode(), url
    assert client.get(reverse("content:article", args=[article.pk])).status_code == 302


def test_an_unsent_issue_is_not_public(client, login):
    w = World()
    issue = w.issue(articles=[w.approved()], title=SECRET)
    url = reverse("content:issue", args=[issue.pk])
    assert client.get(url).status_code == 302
    assert (
        SECRET
        not in client.get(reverse("content:newsletter", args=[w.newsletter.slug])).content.decode()
    )
    login(w.ruby)
    assert client.get(url).status_code == 404
    login(w.jordan)
    assert SECRET in client.get(url).content.decode()


def test_script_and_styles_in_an_article_never_reach_the_page_as_markup(client):
    w = World()
    article = w.approved(body=SCRIPTED)
    html = client.get(reverse("content:article", args=[article.pk])).content.decode()
    body = html.split('<div class="article-body text-break">', 1)[1].split("</article>", 1)[0]
    assert_no_active_markup(body)
    # The page's own scripts are files of ours; none holds the article's words.
    scripts = [attrs for tag, attrs in tags_of(html) if tag == "script"]
    assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts), scripts
    assert 'rel="nofollow noopener"' in body and "(goes to youngminds.org.uk)" in body


def test_the_whole_article_page_loads_nothing_from_another_host(client):
    w = World()
    article = w.approved(body=SCRIPTED)
    html = client.get(reverse("content:article", args=[article.pk])).content.decode()
    for tag, attrs in tags_of(html):
        for name in ("src", "srcset", "data", "poster"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
        if tag == "link":
            assert not (attrs.get("href") or "").startswith(("http:", "https:", "//")), attrs
