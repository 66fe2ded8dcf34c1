from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from participation import selectors, services
from participation.forms import NotificationChoicesForm, YoungPersonAccountForm
from participation.forms.base import add_service_errors, run_service
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)

__all__ = [
    "ObjectPageMixin",
    "PermissionPageMixin",
    "ServiceActionView",
    "ServiceFormView",
    "add_service_errors",
    "run_service",
]


class HomeView(CachedPageMixin, TemplateView):
    """What is waiting for this person now (from every app, through the registry), then what
    they can do here, with links only to pages they can open."""

    template_name = "participation/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            waiting=selectors.home_items_for(user=user),
            sections=selectors.home_sections_for(user=user),
            **kwargs,
        )


class PrivacyView(CachedPageMixin, TemplateView):
    template_name = "participation/privacy.html"


class Under13View(TemplateView):
    template_name = "participation/under_13.html"


class StaffHomeView(PermissionPageMixin, TemplateView):
    permission_required = "participation.view_staff_area"
    template_name = "participation/staff_home.html"


class YoungPersonCreateView(ServiceFormView):
    permission_required = "participation.create_young_person_account"
    template_name = "participation/young_person_create.html"
    form_class = YoungPersonAccountForm

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent_confirmed"}
        self.parent_name = data["parent_name"]
        return services.young_person_create_by_worker(worker=self.request.user, **data)

    def get_success_message(self, user) -> str:
        return (
            f"Account made for {user.first_name}, with consent from {self.parent_name}. Send "
            'the family the set-password email from the log-in page ("Forgot your password?").'
        )

    def get_success_url(self, result) -> str:
        return reverse("staff_home")


class NotificationListView(CachedPageMixin, LoginRequiredMixin, View):
    """The person's notifications, and how each kind of notification reaches them."""

    template_name = "participation/notifications.html"

    def choices_form(self, data=None):
        user = self.request.user
        return NotificationChoicesForm(
            data,
            topics=selectors.notification_topics_for(user=user),
            initial=selectors.notification_choices_for(user=user),
        )

    def render_page(self, form, status=200):
        notifications = list(selectors.notifications_for(user=self.request.user))
        context = {"notifications": notifications, "choices_form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(self.choices_form())

    def post(self, request):
        if "mark_all_read" in request.POST:
            services.notification_mark_read(user=request.user)
            messages.success(request, "All your notifications are marked as read.")
        elif "notification_id" in request.POST:
            try:
                notification_id = int(request.POST["notification_id"])
            except ValueError:
                notification_id = -1
            services.notification_mark_read(user=request.user, notification_id=notification_id)
        else:
            form = self.choices_form(request.POST)
            saved = form.is_valid() and run_service(
                form,
                lambda: services.notification_choices_set(
                    user=request.user, choices=form.cleaned_data
                ),
            )
            if not saved:
                return self.render_page(form, status=400)
            messages.success(request, "Your choices are saved.")
        return redirect(reverse("notifications"))
