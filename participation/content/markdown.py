"""What young people write, made safe to show: Markdown in, a small set of plain tags out.

Two locks, so that one mistake is not enough. First, python-markdown is run with its raw-HTML
handling switched off, so anything that looks like a tag (`<script>`, `<img onerror=...>`) is
shown as the text that was typed. Then nh3 cleans the result against an allow-list: no script,
style, iframe or image, no attribute but a link's address (and the one class we add), and only
http, https and mailto links, each given rel="nofollow noopener".

Nothing from another host may load on our pages, so an image in Markdown becomes a link to the
picture, and every link to another website says where it goes ("goes to example.org"), so a
child knows before they click.
"""

import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "code",
    "pre",
    "hr",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_CLASSES = {"span": {"link-host"}}
URL_SCHEMES = {"http", "https", "mailto"}
# The page's own h1 is the title: headings in an article start one level below it.
HEADING_SHIFT = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def host_words(url: str) -> str:
    """The website a link goes to, in words ("youtube.com"), or "" for one of our own pages."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return "an email address"
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag in HEADING_SHIFT:
                    child.tag = HEADING_SHIFT[child.tag]
                elif child.tag == "img":
                    parent.remove(child)
                    link = etree.Element("a", {"href": child.get("src", "")})
                    link.text = f"Picture: {child.get('alt') or 'no description'}"
                    link.tail = child.tail
                    parent.insert(index, link)
                    self._say_where(parent, link)
                elif child.tag == "a":
                    self._say_where(parent, child)

    def _say_where(self, parent, link):
        where = host_words(link.get("href", ""))
        if not where:
            return
        note = etree.Element("span", {"class": "link-host"})
        note.text = f" (goes to {where})"
        note.tail = link.tail
        link.tail = None
        parent.insert(list(parent).index(link) + 1, note)


class _SafeExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


def render(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=[_SafeExtension()], output_format="html")
    return mark_safe(  # noqa: S308 - cleaned by nh3 against the allow-list just above
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            allowed_classes=ALLOWED_CLASSES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener",
        )
    )


WORDS_A_MINUTE = 200


def reading_minutes(text: str) -> int:
    """Minutes to read, at a steady young reader's 200 words a minute; never less than one."""
    words = len((text or "").split())
    return max(1, -(-words // WORDS_A_MINUTE))
