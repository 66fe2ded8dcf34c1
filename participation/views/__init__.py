from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from participation import selectors, services
from participation.forms import NotificationPreferenceForm, YoungPersonAccountForm
from participation.models import NotificationPreference
from participation.views.errors import add_service_errors  # noqa: F401  (re-exported)


class StaffPageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Staff pages: not logged in goes to log in; logged in without the permission gets 403."""

    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ObjectPermissionMixin(StaffPageMixin):
    """Like StaffPageMixin, but the permission is checked against the page's object, which
    `get_permission_object()` loads once (404 if it does not exist) and keeps as `self.object`."""

    def get_permission_object(self):
        return None

    def has_permission(self):
        self.object = self.get_permission_object()
        return all(
            self.request.user.has_perm(p, self.object) for p in self.get_permission_required()
        )


class HomeView(TemplateView):
    template_name = "participation/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=selectors.home_sections_for(user=self.request.user), **kwargs
        )


class PrivacyView(TemplateView):
    template_name = "participation/privacy.html"


class Under13View(TemplateView):
    template_name = "participation/under_13.html"


class StaffHomeView(StaffPageMixin, TemplateView):
    permission_required = "participation.view_staff_area"
    template_name = "participation/staff_home.html"


class YoungPersonCreateView(StaffPageMixin, View):
    permission_required = "participation.create_young_person_account"
    template_name = "participation/young_person_create.html"

    def get(self, request):
        return render(request, self.template_name, {"form": YoungPersonAccountForm()})

    def post(self, request):
        form = YoungPersonAccountForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent_confirmed"}
            try:
                user = services.young_person_create_by_worker(worker=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Account made for {user.first_name}, with consent from "
                    f"{form.cleaned_data['parent_name']}. Send the family the set-password email "
                    'from the log-in page ("Forgot your password?").',
                )
                return redirect("staff_home")
        return render(request, self.template_name, {"form": form}, status=400)


class NotificationListView(LoginRequiredMixin, View):
    template_name = "participation/notifications.html"

    def get(self, request):
        preference = NotificationPreference.objects.filter(user=request.user).first()
        form = NotificationPreferenceForm(
            initial={"email_enabled": bool(preference and preference.email_enabled)}
        )
        notifications = list(selectors.notifications_for(user=request.user))
        return render(
            request, self.template_name, {"notifications": notifications, "preference_form": form}
        )

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
            form = NotificationPreferenceForm(request.POST)
            if form.is_valid():
                services.notification_preference_set(
                    user=request.user, email_enabled=form.cleaned_data["email_enabled"]
                )
                messages.success(request, "Your choice is saved.")
        return redirect(reverse("notifications"))
