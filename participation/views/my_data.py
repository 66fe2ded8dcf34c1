import json

from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.views import View

from participation import services
from participation.forms import AccountEraseForm
from participation.registry import registry
from participation.views.base import CachedPageMixin, ServiceFormView


class MyDataView(CachedPageMixin, ServiceFormView):
    """A person's record of what they have done, their download, and deleting their account."""

    template_name = "participation/my_data.html"
    form_class = AccountEraseForm
    success_message = "Your account and your information are deleted."

    def has_permission(self):
        self.object = None
        return True  # anyone logged in: it is about themselves

    def get_context_data(self, **context) -> dict:
        sections = [
            section
            for section in (fn(self.request.user) for fn in registry.record_sections.values())
            if section
        ]
        return {"record_sections": sections, **context}

    def perform(self, form):
        services.account_erase(
            user=self.request.user, confirmation=form.cleaned_data["confirmation"]
        )
        logout(self.request)

    def get_success_url(self, result) -> str:
        return reverse("home")


class MyDataDownloadView(LoginRequiredMixin, View):
    def get(self, request):
        data = services.personal_data_export(user=request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, default=str), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="my-youth-voice-data.json"'
        return response
