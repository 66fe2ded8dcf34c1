"""Activity pages: list, detail, sign up and cancel, and the worker's pages. Thin: objects and
reads from selectors, each write one service through the base views."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from participation import services
from participation.forms.activities import (
    ActivityConsentForm,
    ActivityForm,
    AttendanceForm,
    RungForm,
)
from participation.models import AttendanceStatus, LadderRung, SignupStatus
from participation.models.activities import LADDER_RUNG_MEANING
from participation.selectors import activities as selectors
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)

ATTENDANCE_WORDS = {
    AttendanceStatus.PRESENT: "there",
    AttendanceStatus.APOLOGIES: "sent apologies",
    AttendanceStatus.ABSENT: "not there",
}

SIGNUP_MESSAGES = {
    SignupStatus.CONFIRMED: "You have a place. We'll remind you the day before.",
    SignupStatus.WAITING: "It's full, so you're on the waiting list. If a place comes free, "
    "it's yours and we'll tell you.",
    SignupStatus.PENDING_CONSENT: "We're holding a place for you. Because you're under 13, a "
    "parent or carer needs to say yes first. A worker will contact them.",
}


class ActivityListView(CachedPageMixin, PermissionPageMixin, View):
    permission_required = "participation.view_activities"

    # A page at a time: with two thousand activities a year, one list was a page of a megabyte
    # that took ten times as long to send as any other (issue 24's larger data set).
    per_page = 20

    def get(self, request):
        past = request.GET.get("when") == "past"
        number = _page_number(request.GET.get("page"))
        start = (number - 1) * self.per_page
        # One row more than a page says whether there is a next page, without counting them all.
        rows = list(
            selectors.activities_for(user=request.user, past=past)[
                start : start + self.per_page + 1
            ]
        )
        return render(
            request,
            "participation/activities/list.html",
            {
                "activities": rows[: self.per_page],
                "past": past,
                "page_number": number,
                "next_page": number + 1 if len(rows) > self.per_page else None,
                "previous_page": number - 1 if number > 1 else None,
            },
        )


def _page_number(value) -> int:
    """The page asked for; anything that is not a whole number from 1 up is page 1."""
    try:
        return max(1, min(int(value), 10_000))
    except (TypeError, ValueError):
        return 1


class _ActivityMixin:
    """The page's object is the activity in the URL, with the figures the list shows (404 if
    there is none); the permission is checked against it."""

    def get_object(self):
        return selectors.activity_or_404(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **context) -> dict:
        return {"activity": self.object, **context}

    def activity_url(self, *_) -> str:
        return reverse("activity_detail", args=[self.object.pk])


class ActivityDetailView(CachedPageMixin, _ActivityMixin, ObjectPageMixin, View):
    permission_required = "participation.view_activity"

    def get(self, request, pk):
        activity, user = self.object, request.user
        now = timezone.now()
        my_attendance, my_rung = selectors.my_attendance(user=user, activity=activity)
        context = {
            "activity": activity,
            "rung_meaning": LADDER_RUNG_MEANING[LadderRung(activity.planned_rung)],
            "has_started": activity.starts_at <= now,
            "has_ended": activity.ends_at <= now,
            "signup_problem": ""
            if activity.mine
            else selectors.signup_problem(activity=activity, user=user, now=now),
            "can_sign_up": user.has_perm("participation.sign_up_for_activity", activity),
            "is_full": activity.capacity is not None and activity.places_taken >= activity.capacity,
            "my_attendance": my_attendance,
            "my_attendance_words": ATTENDANCE_WORDS.get(my_attendance, ""),
            "my_rung": my_rung,
            "my_rung_label": LadderRung(my_rung).label if my_rung else "",
            "can_rate": my_attendance in (AttendanceStatus.PRESENT,)
            and activity.ends_at <= now
            and user.has_perm("participation.rate_activity_rung", activity),
        }
        if user.has_perm("participation.manage_activities", activity):
            context["roster"] = selectors.activity_roster(activity=activity)
        return render(request, "participation/activities/detail.html", context)


class ActivitySignupView(_ActivityMixin, ServiceActionView):
    permission_required = "participation.sign_up_for_activity"
    get_success_url = _ActivityMixin.activity_url

    def perform(self):
        return services.activity_signup(activity=self.object, user=self.request.user)

    def get_success_message(self, signup) -> str:
        return SIGNUP_MESSAGES[signup.status]


class ActivityCancelView(_ActivityMixin, ServiceActionView):
    permission_required = "participation.view_activity"
    get_success_url = _ActivityMixin.activity_url

    def perform(self):
        return services.activity_cancel(activity=self.object, user=self.request.user)

    def get_success_message(self, signup) -> str:
        return "You have cancelled. Thank you for letting us know." if signup else ""


class ActivityCreateView(ServiceFormView):
    permission_required = "participation.manage_activities"
    template_name = "participation/activities/form.html"
    form_class = ActivityForm

    def perform(self, form):
        return services.activity_create(created_by=self.request.user, **form.service_kwargs())

    def get_success_message(self, activity) -> str:
        return f"{activity.title} is saved."

    def get_success_url(self, activity) -> str:
        return reverse("activity_detail", args=[activity.pk])


class ActivityEditView(_ActivityMixin, ServiceFormView):
    permission_required = "participation.manage_activities"
    template_name = "participation/activities/form.html"
    success_message = "Your changes are saved."
    get_success_url = _ActivityMixin.activity_url

    def get_form(self, data=None, files=None):
        if data is None:
            return ActivityForm(initial=ActivityForm.initial_from(self.object))
        return ActivityForm(data)

    def perform(self, form):
        return services.activity_update(
            activity=self.object, updated_by=self.request.user, **form.service_kwargs()
        )


class AttendanceView(_ActivityMixin, ServiceFormView):
    """Record who came, and (for a training session) sign off everyone present in one step."""

    permission_required = "participation.record_attendance"
    template_name = "participation/activities/attendance.html"
    success_message = "Attendance is saved."
    get_success_url = _ActivityMixin.activity_url

    def get_form(self, data=None, files=None):
        activity = self.object
        roster = selectors.activity_roster(activity=activity)
        module = activity.training_module
        return AttendanceForm(
            data,
            initial={f"status_{uid}": status for uid, status in roster.attendance.items()},
            people=selectors.attendance_people(roster),
            can_sign_off=module is not None and not module.is_e_learning,
            module_title=module.title if module else "",
        )

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(
            has_started=self.object.starts_at <= timezone.now(), **context
        )

    def perform(self, form):
        return services.attendance_take(
            activity=self.object,
            recorded_by=self.request.user,
            statuses=form.statuses(),
            walk_in_email=form.cleaned_data.get("walk_in_email") or "",
            sign_off=bool(form.cleaned_data.get("sign_off")),
        )


class ConsentView(_ActivityMixin, ServiceFormView):
    permission_required = "participation.record_activity_consent"
    template_name = "participation/activities/consent.html"
    form_class = ActivityConsentForm
    get_success_url = _ActivityMixin.activity_url

    def get_object(self):
        activity = super().get_object()
        self.signup = selectors.signup_of(activity=activity, pk=self.kwargs["signup_pk"])
        return activity

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(signup=self.signup, **context)

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirmed"}
        return services.activity_consent_record(
            signup=self.signup, recorded_by=self.request.user, **data
        )

    def get_success_message(self, signup) -> str:
        return f"Consent is recorded. {signup.user.display_name} has been told."


class RungView(_ActivityMixin, ServiceFormView):
    permission_required = "participation.rate_activity_rung"
    template_name = "participation/activities/rung.html"
    success_message = "Thank you. Your answer is saved."
    get_success_url = _ActivityMixin.activity_url

    def get_form(self, data=None, files=None):
        if data is None:
            _, rung = selectors.my_attendance(user=self.request.user, activity=self.object)
            return RungForm(initial={"rung": rung} if rung else None)
        return RungForm(data)

    def perform(self, form):
        return services.rung_rate(
            activity=self.object, user=self.request.user, rung=form.cleaned_data["rung"]
        )
