"""Printable documents as PDF files (a record of achievement for a CV, an annual report for
Council Leaders), drawn by WeasyPrint from an ordinary template.

A PDF is drawn on the server, so anything it links to would be fetched by the server: the
fetcher below serves only the portal's own static files and refuses every other address, so a
link or picture written into a young person's text can never make the server call another host.
"""

import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative addresses in a template resolve against this; it is never contacted.
BASE_URL = "https://portal.invalid/"


class RefusedAddress(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    """Hands WeasyPrint the portal's static files (stylesheets, the logo) from disk."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            raise RefusedAddress(f"PDFs only use the portal's own files, not {url}")
        if not parts.path.startswith(settings.STATIC_URL):
            raise RefusedAddress(f"PDFs only use the portal's static files, not {parts.path}")
        try:
            found = _static_file(parts.path.removeprefix(settings.STATIC_URL))
        except SuspiciousFileOperation as error:  # "../" out of the static folders
            raise RefusedAddress(str(error)) from error
        if not found:
            raise RefusedAddress(f"no static file at {parts.path}")
        with open(found, "rb") as handle:
            body = handle.read()
        mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, headers={"Content-Type": mime_type})


def _static_file(name: str) -> str | None:
    """The file on disk for a static name: its source (development, tests), or the collected
    copy that `{% static %}` names with a hash in production (ManifestStaticFilesStorage)."""
    found = finders.find(name)
    if found:
        return found
    if settings.STATIC_ROOT and staticfiles_storage.exists(name):
        return staticfiles_storage.path(name)
    return None


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download; the name should say what it is ("participation-record-2026-12-02.pdf")."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A record names a young person: never kept by a shared computer's browser or a proxy.
    response["Cache-Control"] = "private, no-store"
    return response
