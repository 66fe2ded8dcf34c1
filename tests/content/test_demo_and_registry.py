"""The demo news and hub come from the seeds (HeadStart Kent); the app hands its parts to the
base through the registry: export, erasure, record, dashboard, home items, reporting."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from participation.content import services
from participation.content.models import (
    Article,
    ArticleStatus,
    HelpfulRating,
    Issue,
    IssueStatus,
    Newsletter,
    Resource,
    Subscription,
)
from participation.content.selectors import (
    content_dashboard_section,
    content_home_items,
    content_record_section,
)
from participation.models import User
from participation.registry import registry
from participation.services import personal_data_export
from participation.voice.models import Concern
from tests.content.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_newsletter_and_hub_come_from_the_seeds_and_run_twice(seeded, client):
    newsletter = Newsletter.objects.get(title="Kent Youth County Council newsletter")
    assert "up to date" in newsletter.summary
    assert newsletter.editorial_group.name == "Youth Council newsletter editors"
    issue = Issue.objects.get(status=IssueStatus.PUBLISHED)
    assert issue.articles.get().title == "What we learned at the Big Conversation"
    assert issue.activities.filter(title="The Big Conversation").exists()
    assert issue.you_said.exists()
    statuses = dict(Article.objects.values_list("title", "status"))
    assert statuses["Five things that help me when exams get stressful"] == ArticleStatus.SUBMITTED
    assert statuses["Why our buses need to run later"] == ArticleStatus.DRAFT
    resilience = Resource.objects.filter(collection__title="Building resilience")
    assert {r.kind for r in resilience} == {"article", "playlist", "video"}
    assert resilience.get(kind="article").collection.editorial_group.name == (
        "Building Resilience Group"
    )
    call_command("seed_demo", stdout=StringIO())
    assert Newsletter.objects.count() == 1 and Issue.objects.count() == 1
    for url in (
        reverse("content:news"),
        reverse("content:hub"),
        reverse("content:hub") + "?collection=building-resilience",
        reverse("content:newsletter", args=[newsletter.slug]),
        reverse("content:issue", args=[issue.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_registry_has_every_part():
    for part in (
        registry.export_sections,
        registry.erasers,
        registry.home_items,
        registry.dashboard_sections,
        registry.record_sections,
    ):
        assert "content" in part
    assert any(name == "content" for _order, name, _seed in registry.demo_seeders)
    for label in (
        "content.article",
        "content.issue",
        "content.resource",
        "content.subscription",
        "content.helpfulrating",
    ):
        assert label in registry.erasure_policies


def test_export_has_their_own_words_and_ratings():
    w = World()
    w.draft(title="My draft", body="Draft words only I have seen.")
    services.resource_rate(resource=w.link(title="A calm video"), user=w.amira, helpful=True)
    services.newsletter_subscribe(newsletter=w.newsletter, user=w.amira)
    exported = json.dumps(personal_data_export(user=w.amira), default=str)
    assert "Draft words only I have seen." in exported
    assert "A calm video" in exported
    assert "Kent Youth County Council newsletter" in exported


def test_erasure_removes_their_articles_even_published_and_keeps_others_records():
    w = World()
    mine = w.approved(title="Mine", on_hub=True)
    jordans = w.approved(by=w.jordan, approver=w.priya, title="Jordan's")
    issue = services.issue_publish(
        issue=w.issue(articles=[mine, jordans], by=w.jordan),
        published_by=w.jordan,
    )
    services.resource_rate(resource=w.link(), user=w.amira, helpful=True)
    services.newsletter_subscribe(newsletter=w.newsletter, user=w.amira)
    registry.erasers["content"](w.amira)
    registry.erasers["content"](w.jordan)
    assert list(Article.objects.values_list("title", flat=True)) == []  # both wrote theirs
    assert not Resource.objects.filter(kind="article").exists()
    assert not HelpfulRating.objects.exists() and not Subscription.objects.exists()
    issue.refresh_from_db()
    assert issue.created_by is None and issue.published_by is None
    assert Resource.objects.get().added_by is None  # Jordan's link stays, unnamed


def test_erasing_an_editor_keeps_the_articles_they_approved():
    w = World()
    article = w.approved(approver=w.jordan)
    registry.erasers["content"](w.jordan)
    article.refresh_from_db()
    assert article.status == ArticleStatus.APPROVED and article.decided_by is None


def test_the_record_shows_articles_published(client):
    w = World()
    assert content_record_section(w.amira) is None
    w.draft(title="Not yet")
    w.approved(title="Later buses")
    section = content_record_section(w.amira)
    assert section["title"] == "Articles published"
    assert [i["text"] for i in section["items"]] == [
        "Later buses (Kent Youth County Council newsletter)"
    ]


def test_the_dashboard_hides_small_numbers():
    w = World()
    w.approved()
    rows = {r["label"]: r["value"] for r in content_dashboard_section()["rows"]}
    assert rows["Articles young people had published"] == "fewer than 5"
    for n in range(5):
        w.approved(title=f"Article {n}")
    rows = {r["label"]: r["value"] for r in content_dashboard_section()["rows"]}
    assert rows["Articles young people had published"] == 6
    assert rows["Young people who had an article published"] == "fewer than 5"


def test_home_items_for_an_editor_and_a_writer_sent_back():
    w = World()
    article = w.submitted()
    assert [i["url"] for i in content_home_items(w.jordan)] == [reverse("content:review")]
    assert content_home_items(w.ruby) == []
    services.article_send_back(article=article, sent_back_by=w.jordan, reason="Shorter please")
    assert [i["url"] for i in content_home_items(User.objects.get(pk=w.amira.pk))] == [
        reverse("content:mine")
    ]


def test_a_reader_reports_a_concern_into_the_moderation_queue(client, login):
    w = World()
    article = w.approved()
    login(w.ruby)
    response = client.post(
        reverse("content:article_report", args=[article.pk]),
        {"what": "It names a girl in my class.", "about_safety": ""},
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.url == reverse("content:article", args=[article.pk])
    assert concern.reported_by == w.ruby
    resource = w.link()
    response = client.post(
        reverse("content:resource_report", args=[resource.pk]),
        {"what": "This video is scary.", "about_safety": "on"},
    )
    assert response.status_code == 302
    assert Concern.objects.filter(url=reverse("content:resource", args=[resource.pk])).exists()
