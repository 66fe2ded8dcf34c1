"""The pages through the real forms: bad input is named in plain words with what was typed
kept; the writer, editors and readers each see only their own buttons; the hub searches by
topic and words; "was this helpful?" is one answer each, changeable."""

import pytest
from django.urls import reverse

from participation.content.models import Article, ArticleStatus, HelpfulRating
from tests.content.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return World()


def test_an_article_with_no_title_is_refused_and_what_was_typed_stays(client, login, w):
    login(w.amira)
    response = client.post(
        reverse("content:write"),
        {
            "newsletter": w.newsletter.pk,
            "title": "",
            "summary": "About buses",
            "body": "My long article about buses.",
            "min_age": "10",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Fill in: Title." in html
    assert "My long article about buses." in html
    assert not Article.objects.exists()


def test_write_send_and_an_editor_approves_through_the_pages(client, login, w):
    login(w.amira)
    response = client.post(
        reverse("content:write"),
        {
            "newsletter": w.newsletter.pk,
            "title": "Later buses",
            "summary": "About buses",
            "body": "The last bus goes too early.",
            "min_age": "13",
            "being_connected": "on",
        },
    )
    article = Article.objects.get()
    assert response.url == reverse("content:article", args=[article.pk])
    page = client.get(response.url).content.decode()
    assert "Send it to the editors" in page and "Approve and publish it" not in page
    client.post(reverse("content:article_submit", args=[article.pk]))
    login(w.jordan)
    page = client.get(reverse("content:review")).content.decode()
    assert "Later buses" in page
    assert "Approve and publish it" in client.get(response.url).content.decode()
    client.post(reverse("content:article_approve", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == ArticleStatus.APPROVED and article.being_connected
    assert article.min_age == 13


def test_a_reader_cannot_open_the_editors_pages(client, login, w):
    article = w.submitted()
    login(w.ruby)
    assert client.get(reverse("content:review")).status_code == 403
    assert client.post(reverse("content:article_approve", args=[article.pk])).status_code == 404
    assert client.get(reverse("content:resource_add")).status_code == 403


def test_the_hub_searches_by_topic_words_and_age(client, w):
    w.link(title="Sleep better", being_healthy=True)
    w.link(title="Making friends", being_connected=True, url="https://www.youtube.com/watch?v=f")
    w.link(title="Older sleep tips", being_healthy=True, min_age=16)
    hub = reverse("content:hub")

    def found(query):
        html = client.get(hub + query).content.decode()
        return {t for t in ("Sleep better", "Making friends", "Older sleep tips") if t in html}

    assert found("?topic=healthy") == {"Sleep better", "Older sleep tips"}
    assert found("?q=friends") == {"Making friends"}
    assert found("?q=sleep&age=13") == {"Sleep better"}
    assert found("?topic=nonsense") == {"Sleep better", "Making friends", "Older sleep tips"}
    html = client.get(hub).content.decode()
    assert "Video on youtube.com" in html


def test_a_video_page_is_a_link_that_says_where_it_goes_never_an_embed(client, w):
    resource = w.link(url="https://www.youtube.com/watch?v=abc")
    html = client.get(reverse("content:resource", args=[resource.pk])).content.decode()
    assert "Open the video on youtube.com" in html
    assert 'href="https://www.youtube.com/watch?v=abc" rel="nofollow noopener"' in html
    assert "<iframe" not in html and "<video" not in html and "<img" not in html


def test_was_this_helpful_once_each_and_changeable(client, login, w):
    resource = w.link()
    url = reverse("content:resource_rate", args=[resource.pk])
    login(w.ruby)
    client.post(url, {"helpful": "yes"})
    client.post(url, {"helpful": "no"})
    assert list(HelpfulRating.objects.values_list("helpful", flat=True)) == [False]
    page = client.get(reverse("content:resource", args=[resource.pk])).content.decode()
    assert "You said: <strong>no</strong>" in page
    response = client.post(url, {"helpful": "maybe"}, follow=True)
    assert "Choose yes or no." in response.content.decode()


def test_subscribing_is_a_choice(client, login, w):
    url = reverse("content:newsletter", args=[w.newsletter.slug])
    login(w.ruby)
    assert "Get each new issue" in client.get(url).content.decode()
    client.post(reverse("content:subscribe", args=[w.newsletter.slug]))
    assert "Stop getting it" in client.get(url).content.decode()
    client.post(reverse("content:unsubscribe", args=[w.newsletter.slug]))
    assert "Get each new issue" in client.get(url).content.decode()
