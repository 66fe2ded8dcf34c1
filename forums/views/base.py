"""The shapes forum pages are built from, on participation.views.base.

A page about one forum, or something inside one, loads its object once through a selector
(404 when it does not exist). Not logged in: off to log in. Logged in without the permission:
403, except on a private forum (CiCC, CLIC), where it is 404 so that nothing, not even that
there is something to see, leaks. Pages about something that belongs to one person or one
forum's workers (a nomination, an application, a policy item's answer) load it with
`fetch_or_404`, so for everyone else it does not exist.
"""

from django.http import Http404
from django.shortcuts import render
from django.views import View

from forums import selectors
from forums.permissions import forum_of
from participation.views.base import ObjectPageMixin, ServiceActionView, ServiceFormView


def found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


class ForumPageMixin(ObjectPageMixin):
    template_name = ""

    def get_object(self):
        return found(selectors.forum_by_slug(slug=self.kwargs["slug"]))

    def has_permission(self):
        allowed = super().has_permission()
        self.forum = forum_of(self.object)
        return allowed

    def handle_no_permission(self):
        if self.request.user.is_authenticated and self.forum.is_private:
            raise Http404("Not found")
        return super().handle_no_permission()

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "forum": self.forum, **context}

    def show(self, context: dict | None = None, *, status: int = 200):
        return render(
            self.request,
            self.template_name,
            self.get_context_data(**(context or {})),
            status=status,
        )


class ForumPage(ForumPageMixin, View):
    """A page that only shows (GET)."""


class ForumFormView(ForumPageMixin, ServiceFormView):
    """A form on a forum page that calls one service."""


class ForumActionView(ForumPageMixin, ServiceActionView):
    """A button on a forum page that calls one service."""
