"""The shapes every page of every app is built from, so that views stay thin.

- `PermissionPageMixin`: not logged in goes to log in; logged in without the permission, 403.
- `ObjectPageMixin`: the page's object comes from `get_object()` (an access-checked selector or
  `participation.access.fetch_or_404`) and the permission is checked against it.
- `ServiceFormView`: GET shows the form; POST validates it and calls `perform(form)`, one
  service; the service's refusal appears in the form's error summary with everything typed
  kept (status 400), and nothing is saved.
- `CachedPageMixin`: a page kept per person and per version of its data (page_cache.py).
- `ServiceActionView`: a button (POST only) that calls one service and goes back with its
  message, or its refusal.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from participation import page_cache
from participation.forms.base import attempt, run_service


class CachedPageMixin:
    """Put first in a page view's bases: its GET page is kept per person and per version of the
    data it was drawn from, and served again until one of them changes (page_cache.py). The
    permission check runs inside, so a kept page is only ever one this person was let see."""

    def dispatch(self, request, *args, **kwargs):
        draw = super().dispatch
        return page_cache.serve(request, lambda: draw(request, *args, **kwargs))


class PermissionPageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ObjectPageMixin(PermissionPageMixin):
    """The permission is checked against the page's object, which `get_object()` loads once
    (404 if it does not exist or is hidden from this person) and keeps as `self.object`."""

    def get_object(self):
        return None

    def has_permission(self):
        self.object = self.get_object()
        return all(
            self.request.user.has_perm(p, self.object) for p in self.get_permission_required()
        )


class ServiceFormView(ObjectPageMixin, View):
    template_name: str
    form_class = None
    success_message = ""

    def get_form_kwargs(self) -> dict:
        return {}

    def get_form(self, data=None, files=None):
        return self.form_class(data=data, files=files, **self.get_form_kwargs())

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, **context}

    def perform(self, form):
        """Call the one service this page is for, with the form's cleaned data."""
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message

    def get_success_level(self, result) -> int:
        """A saved form whose result still needs doing something (say, two counts that
        don't match) is announced as a warning, not in the green box."""
        return messages.SUCCESS

    def get_success_url(self, result) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            result = run_service(form, lambda: self.perform(form))
            if result is not None:
                message = self.get_success_message(result)
                if message:
                    messages.add_message(request, self.get_success_level(result), message)
                return HttpResponseRedirect(self.get_success_url(result))
        return self.render_form(form, status=400)

    def render_form(self, form, status: int = 200):
        return render(
            self.request, self.template_name, self.get_context_data(form=form), status=status
        )


class ServiceActionView(ObjectPageMixin, View):
    http_method_names = ["post"]
    success_message = ""

    def perform(self):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return self.success_message

    def get_success_url(self, result) -> str:
        raise NotImplementedError

    def get_failure_url(self) -> str:
        return self.get_success_url(None)

    def post(self, request, *args, **kwargs):
        outcome = attempt(self.perform)
        if not outcome.ok:
            messages.error(request, outcome.refusal)
            return HttpResponseRedirect(self.get_failure_url())
        message = self.get_success_message(outcome.result)
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url(outcome.result))
