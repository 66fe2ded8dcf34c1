"""Schools, community groups and services, kept by workers in the portal (not the admin site)
so they can be chosen as polling stations. Thin: reads from selectors, each write one service."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from participation.forms.organisations import OrganisationForm
from participation.models import OrganisationKind
from participation.selectors import organisations as selectors
from participation.services import organisations as services
from participation.views.base import PermissionPageMixin, ServiceFormView

PERMISSION = "participation.manage_organisations"


class _BackToMixin:
    """A worker who came from another page (the polling station form) goes back to it."""

    def back_to(self) -> str:
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if url and safe else ""

    def get_success_url(self, organisation) -> str:
        return self.back_to() or reverse("organisation_list")


class OrganisationListView(PermissionPageMixin, View):
    permission_required = PERMISSION

    def get(self, request):
        kind = request.GET.get("kind", "")
        return render(
            request,
            "participation/organisations/list.html",
            {
                "organisations": list(selectors.organisations_list(kind=kind)),
                "kinds": OrganisationKind.choices,
                "kind": kind if kind in OrganisationKind.values else "",
            },
        )


class OrganisationCreateView(_BackToMixin, ServiceFormView):
    permission_required = PERMISSION
    template_name = "participation/organisations/form.html"
    form_class = OrganisationForm

    def get_form(self, data=None, files=None):
        kind = self.request.GET.get("kind", "")
        initial = {"kind": kind} if kind in OrganisationKind.values else {}
        return OrganisationForm(data, initial=initial)

    def get_context_data(self, **context):
        return {"back_to": self.back_to(), **context}

    def perform(self, form):
        return services.organisation_create(actor=self.request.user, **form.cleaned_data)

    def get_success_message(self, organisation) -> str:
        if self.back_to():
            return f"{organisation.name} is added. You can choose it now."
        return f"{organisation.name} is added."


class OrganisationEditView(_BackToMixin, ServiceFormView):
    permission_required = PERMISSION
    template_name = "participation/organisations/form.html"
    form_class = OrganisationForm
    success_message = "Your changes are saved."

    def get_object(self):
        return selectors.organisation_or_404(pk=self.kwargs["pk"])

    def get_form(self, data=None, files=None):
        if data is None:
            return OrganisationForm(initial=OrganisationForm.initial_from(self.object))
        return OrganisationForm(data)

    def get_context_data(self, **context):
        return {"organisation": self.object, "back_to": self.back_to(), **context}

    def perform(self, form):
        return services.organisation_update(
            actor=self.request.user, organisation=self.object, **form.cleaned_data
        )
