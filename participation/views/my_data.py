import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from participation import services
from participation.forms import AccountEraseForm
from participation.registry import registry
from participation.views.errors import add_service_errors


class MyDataView(LoginRequiredMixin, View):
    template_name = "participation/my_data.html"

    def get(self, request):
        return self._page(request, AccountEraseForm())

    def post(self, request):
        form = AccountEraseForm(request.POST)
        if form.is_valid():
            try:
                services.account_erase(
                    user=request.user, confirmation=form.cleaned_data["confirmation"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                logout(request)
                messages.success(request, "Your account and your information are deleted.")
                return redirect("home")
        return self._page(request, form, status=400)

    def _page(self, request, form, status=200):
        sections = [
            section
            for section in (fn(request.user) for fn in registry.record_sections.values())
            if section
        ]
        return render(
            request, self.template_name, {"form": form, "record_sections": sections}, status=status
        )


class MyDataDownloadView(LoginRequiredMixin, View):
    def get(self, request):
        data = services.personal_data_export(user=request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, default=str), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="my-youth-voice-data.json"'
        return response
