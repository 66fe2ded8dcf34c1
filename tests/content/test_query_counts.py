"""The hub, the article list and a newsletter's archive (and an issue) run the same number of
queries with 1 and with 50 rows, inside the page budget, for a young person and for someone
logged out."""

import itertools

import pytest
from django.urls import reverse

from participation.content import services
from participation.content.models import Issue, IssueStatus
from tests.content.factories import World
from tests.pagebudget import assert_page_budget

pytestmark = pytest.mark.django_db
numbers = itertools.count()


@pytest.fixture
def w():
    return World()


def _articles(w):
    def grow(n):
        for _ in range(n):
            w.approved(title=f"Article {next(numbers)}", on_hub=True, show_first_name=True)

    return grow


def _links(w):
    def grow(n):
        for _ in range(n):
            resource = w.link(title=f"Video {next(numbers)}")
            services.resource_rate(resource=resource, user=w.ruby, helpful=True)

    return grow


@pytest.mark.parametrize("who", ["anonymous", "young"])
def test_the_article_list(client, login, w, who, cached_sessions):
    if who == "young":
        login(w.ruby)
    assert_page_budget(client, reverse("content:news"), grow=_articles(w))


@pytest.mark.parametrize("who", ["anonymous", "young"])
def test_the_hub_with_articles_and_links(client, login, w, who, cached_sessions):
    if who == "young":
        login(w.ruby)
    articles, links = _articles(w), _links(w)

    def grow(n):
        articles(n)
        links(n)

    assert_page_budget(client, reverse("content:hub") + "?topic=&q=", grow=grow)


def test_the_hub_searched(client, login, w, cached_sessions):
    login(w.ruby)
    assert_page_budget(
        client, reverse("content:hub") + "?q=Video&kind=video&age=13", grow=_links(w)
    )


@pytest.mark.parametrize("who", ["anonymous", "young", "editor"])
def test_the_archive(client, login, w, who, cached_sessions):
    if who != "anonymous":
        login(w.jordan if who == "editor" else w.ruby)
    article = w.approved()

    def grow(n):
        for _ in range(n):
            issue = w.issue(articles=[article], title=f"Issue {next(numbers)}")
            services.issue_publish(issue=issue, published_by=w.priya)
            w.issue(articles=[article], title=f"Draft {next(numbers)}")

    url = reverse("content:newsletter", args=[w.newsletter.slug])
    assert_page_budget(client, url, grow=grow, at_most=8 if who != "editor" else 12)


def test_an_issue_with_many_articles_events_and_news(client, login, w, cached_sessions):
    from datetime import timedelta

    from django.utils import timezone

    from tests.participation.training.helpers import make_activity
    from tests.voice.factories import World as VoiceWorld

    voice = VoiceWorld()
    issue = w.issue(articles=[w.approved()])
    services.issue_publish(issue=issue, published_by=w.priya)
    login(w.ruby)

    def grow(n):
        for _ in range(n):
            item = voice.public_routed(title=f"Item {next(numbers)}")
            voice.answer(item)
            issue.articles.add(w.approved(title=f"Article {next(numbers)}"))
            issue.activities.add(
                make_activity(worker=w.priya, starts_at=timezone.now() + timedelta(days=3))
            )
            issue.you_said.add(item)

    assert Issue.objects.get().status == IssueStatus.PUBLISHED
    assert_page_budget(client, reverse("content:issue", args=[issue.pk]), grow=grow)
