"""Policy items: an officer brings a policy or report to a forum, a worker sends back the
forum's views."""

from django.shortcuts import render
from django.urls import reverse
from django.views import View

from forums import forms, selectors, services
from participation.access import fetch_or_404
from participation.views.base import PermissionPageMixin

from .base import ForumFormView


class PolicyItemProposeView(ForumFormView):
    permission_required = "forums.propose_policy_item"
    template_name = "forums/policy_item_form.html"
    form_class = forms.PolicyItemForm

    def perform(self, form):
        return services.policy_item_propose(
            forum=self.forum, brought_by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, item) -> str:
        return f"Thank you. {self.forum.name}'s workers will put it on an agenda and tell you."

    def get_success_url(self, item) -> str:
        return reverse("forums:policy_items")


class PolicyItemListView(PermissionPageMixin, View):
    permission_required = "forums.view_policy_items"

    def get(self, request):
        items = selectors.policy_items_for(user=request.user)
        return render(request, "forums/policy_items.html", {"items": items})


class PolicyItemRespondView(ForumFormView):
    permission_required = "forums.respond_policy_item"
    template_name = "forums/policy_respond.html"
    form_class = forms.PolicyResponseForm
    success_message = "The forum's views are sent to the officer."

    def get_object(self):
        return fetch_or_404(
            self.request.user,
            "forums.respond_policy_item",
            selectors.policy_items(),
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self) -> dict:
        return {"initial": {"response": self.object.response}}

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(item=self.object, **context)

    def perform(self, form):
        return services.policy_item_respond(
            policy_item=self.object,
            responded_by=self.request.user,
            response=form.cleaned_data["response"],
        )

    def get_success_url(self, item) -> str:
        return reverse("forums:policy_items")
