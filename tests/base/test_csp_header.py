"""The Content-Security-Policy header on every page, built once (PortalCSPMiddleware) and the
same as django-csp would build it; a view that changes the policy still gets its own."""

import pytest
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path


def _plain(request):
    return HttpResponse("<h1>Plain</h1>")


@csp_update({"img-src": ["https://example.org"]})
def _updated(request):
    return HttpResponse("<h1>Updated</h1>")


urlpatterns = [path("plain/", _plain), path("updated/", _updated), path("", include("config.urls"))]


def _django_csp_header(path_info="/plain/"):
    request = RequestFactory().get(path_info)
    middleware = CSPMiddleware(lambda r: HttpResponse("x"))
    middleware.process_request(request)
    return middleware.process_response(request, HttpResponse("x"))["Content-Security-Policy"]


@pytest.mark.urls(__name__)
def test_the_header_is_django_csps_own(client, db):
    for _ in range(2):  # built on the first response, reused on the second
        header = client.get("/plain/")["Content-Security-Policy"]
        assert header == _django_csp_header()
    assert "default-src 'self'" in header and "frame-ancestors 'none'" in header


@pytest.mark.urls(__name__)
def test_a_view_that_changes_the_policy_gets_its_own(client, db):
    client.get("/plain/")
    assert "https://example.org" in client.get("/updated/")["Content-Security-Policy"]
    assert "https://example.org" not in client.get("/plain/")["Content-Security-Policy"]


def test_a_portal_page_carries_it(client, db):
    assert "default-src 'self'" in client.get("/")["Content-Security-Policy"]
