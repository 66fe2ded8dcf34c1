"""The bench server's WSGI application: the portal as production runs it, plus one address
served with NO middleware at all (issue 24), so each path can be compared with a bare insert
both ways in the same run.

`/bench/bare-insert-no-middleware/` goes to a Django handler whose middleware chain is empty;
it still runs the request signals (so connections are kept and closed as for every other
request) and resolves the same bare view as `/bench/bare-insert/`. Every other address goes
to the portal's ordinary handler; the choice between the two is one string comparison.
"""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

NO_MIDDLEWARE_PATH = "/bench/bare-insert-no-middleware/"
BARE_PATH = "/bench/bare-insert/"


class NoMiddlewareHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


from config.wsgi import application as portal  # noqa: E402 (as production serves it)

bare = NoMiddlewareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == NO_MIDDLEWARE_PATH:
        environ["PATH_INFO"] = BARE_PATH
        return bare(environ, start_response)
    return portal(environ, start_response)
