"""The page bench server: the portal as production runs it, and the bare template page served
by a Django handler with NO middleware (issue 24), in the same gunicorn processes."""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler


class NoMiddlewareHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


from config.wsgi import application as portal  # noqa: E402 (as production serves it)

bare = NoMiddlewareHandler()

from tests.benchmarks.page_urls import BARE_PAGE_PATH  # noqa: E402 (needs the apps loaded)


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PAGE_PATH:
        return bare(environ, start_response)
    return portal(environ, start_response)
