"""The page benchmark's URLs: the portal, and the bare template page (see page_wsgi.py)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns

BARE_PAGE_PATH = "/bench/bare-page/"

_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="en-GB"><head><title>{{ title }}</title></head><body>'
    "<main><h1>{{ title }}</h1><ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}"
    "</ul></main></body></html>"
)


def bare_page(request):
    """A small template, no database, no session: the yardstick each page is compared with."""
    html = _TEMPLATE.render({"title": "A bare page", "items": ["one", "two", "three"]})
    return HttpResponse(html)


urlpatterns = [path(BARE_PAGE_PATH.strip("/") + "/", bare_page), *portal_urlpatterns]
