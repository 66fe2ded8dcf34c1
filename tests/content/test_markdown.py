"""Articles are Markdown made safe: no raw HTML, script, event handler or style attribute ever
reaches a page as markup; links say where they go and get rel="nofollow noopener"; images
become links, so nothing from another host loads."""

from html.parser import HTMLParser

import pytest

from participation.content.markdown import reading_minutes, render
from tests.content.factories import SCRIPTED


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_no_active_markup(html: str) -> None:
    """Parsed as a browser would: every element and attribute in the page."""
    for tag, attrs in tags_of(html):
        assert tag not in {"script", "style", "iframe", "img", "object", "embed", "video"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)


def test_script_event_handlers_and_styles_never_become_markup():
    html = render(SCRIPTED)
    assert_no_active_markup(html)
    # What was typed is shown as text, so the writer sees what happened to it.
    assert "&lt;script&gt;" in html


def test_links_get_nofollow_and_say_where_they_go():
    html = render("Read [this](https://www.youngminds.org.uk/help/) now.")
    (a, attrs), (span, span_attrs) = tags_of(html)[1:3]
    assert a == "a" and attrs["rel"] == "nofollow noopener"
    assert attrs["href"] == "https://www.youngminds.org.uk/help/"
    assert span == "span" and span_attrs == {"class": "link-host"}
    assert "(goes to youngminds.org.uk)" in html


def test_an_image_is_a_link_to_it_never_loaded():
    html = render("![our poster](https://cdn.example.net/poster.png)")
    assert "<img" not in html
    assert 'href="https://cdn.example.net/poster.png"' in html
    assert "Picture: our poster" in html and "(goes to cdn.example.net)" in html


def test_javascript_and_data_links_lose_their_address():
    html = render("[a](javascript:alert(1)) [b](data:text/html,hi) [c](vbscript:x)")
    assert "javascript" not in html and "data:" not in html and "vbscript" not in html


def test_headings_start_below_the_pages_own_h1():
    html = render("# Big\n\n## Smaller")
    assert "<h1" not in html and "<h2>Big</h2>" in html and "<h3>Smaller</h3>" in html


@pytest.mark.parametrize(
    "words, minutes", [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5), (1001, 6)]
)
def test_reading_time_is_counted_from_the_words(words, minutes):
    assert reading_minutes(" ".join(["word"] * words)) == minutes
