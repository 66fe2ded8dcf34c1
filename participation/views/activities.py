"""Activity pages: list, detail, sign up and cancel, and the worker's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from participation import services
from participation.forms.activities import (
    ActivityConsentForm,
    ActivityForm,
    AttendanceForm,
    RungForm,
)
from participation.models import (
    ActivitySignup,
    AttendanceStatus,
    LadderRung,
    SignupStatus,
    TrainingDelivery,
    User,
)
from participation.models.activities import LADDER_RUNG_MEANING
from participation.selectors import activities as selectors
from participation.views import ObjectPermissionMixin, StaffPageMixin, add_service_errors


class ActivityListView(StaffPageMixin, View):
    permission_required = "participation.view_activities"

    def get(self, request):
        past = request.GET.get("when") == "past"
        activities = selectors.activities_for(user=request.user, past=past)
        if past:
            activities = activities[:100]
        return render(
            request,
            "participation/activities/list.html",
            {"activities": list(activities), "past": past},
        )


class _ActivityView(ObjectPermissionMixin, View):
    def get_permission_object(self):
        activity = selectors.activity_for(user=self.request.user, pk=self.kwargs["pk"])
        if activity is None:
            raise Http404("No such activity")
        return activity


class ActivityDetailView(_ActivityView):
    permission_required = "participation.view_activity"

    def get(self, request, pk):
        activity = self.object
        now = timezone.now()
        my_attendance, my_rung = selectors.my_attendance(user=request.user, activity=activity)
        context = {
            "activity": activity,
            "rung_meaning": LADDER_RUNG_MEANING[LadderRung(activity.planned_rung)],
            "has_started": activity.starts_at <= now,
            "has_ended": activity.ends_at <= now,
            "signup_problem": services.activity_signup_error(activity=activity, user=request.user)
            if not activity.my_status
            else "",
            "can_sign_up": request.user.has_perm("participation.sign_up_for_activity", activity),
            "is_full": activity.capacity is not None and activity.places_taken >= activity.capacity,
            "my_attendance": my_attendance,
            "my_rung": my_rung,
            "my_rung_label": LadderRung(my_rung).label if my_rung else "",
            "can_rate": my_attendance == AttendanceStatus.PRESENT
            and activity.ends_at <= now
            and request.user.has_perm("participation.rate_activity_rung"),
        }
        if request.user.has_perm("participation.manage_activities"):
            context["roster"] = selectors.activity_roster(activity=activity)
        return render(request, "participation/activities/detail.html", context)


class ActivitySignupView(_ActivityView):
    permission_required = "participation.sign_up_for_activity"

    def post(self, request, pk):
        try:
            signup = services.activity_signup(activity=self.object, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _signup_message(signup))
        return redirect("activity_detail", pk=pk)


def _signup_message(signup: ActivitySignup) -> str:
    if signup.status == SignupStatus.CONFIRMED:
        return "You have a place. We'll remind you the day before."
    if signup.status == SignupStatus.WAITING:
        return (
            "It's full, so you're on the waiting list. If a place comes free, it's yours and "
            "we'll tell you."
        )
    return (
        "We're holding a place for you. Because you're under 13, a parent or carer needs to "
        "say yes first. A worker will contact them."
    )


class ActivityCancelView(_ActivityView):
    permission_required = "participation.view_activity"

    def post(self, request, pk):
        try:
            signup = services.activity_cancel(activity=self.object, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if signup:
                messages.success(request, "You have cancelled. Thank you for letting us know.")
        return redirect("activity_detail", pk=pk)


class ActivityCreateView(StaffPageMixin, View):
    permission_required = "participation.manage_activities"
    template_name = "participation/activities/form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ActivityForm()})

    def post(self, request):
        form = ActivityForm(request.POST)
        if form.is_valid():
            try:
                activity = services.activity_create(
                    created_by=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{activity.title} is saved.")
                return redirect("activity_detail", pk=activity.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ActivityEditView(_ActivityView):
    permission_required = "participation.manage_activities"
    template_name = "participation/activities/form.html"

    def get(self, request, pk):
        form = ActivityForm(initial=ActivityForm.initial_from(self.object))
        return render(request, self.template_name, {"form": form, "activity": self.object})

    def post(self, request, pk):
        form = ActivityForm(request.POST)
        if form.is_valid():
            try:
                services.activity_update(
                    activity=self.object, updated_by=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your changes are saved.")
                return redirect("activity_detail", pk=pk)
        return render(
            request, self.template_name, {"form": form, "activity": self.object}, status=400
        )


class AttendanceView(_ActivityView):
    """Record who came, and (for a training session) sign off everyone present in one step."""

    permission_required = "participation.manage_activities"
    template_name = "participation/activities/attendance.html"

    def _form(self, data=None):
        activity = self.object
        roster = selectors.activity_roster(activity=activity)
        people = [s.user for s in roster.signups if s.status != SignupStatus.WAITING]
        people += [a.user for a in roster.walk_ins]
        module = activity.training_module
        can_sign_off = module is not None and module.delivery == TrainingDelivery.FACE_TO_FACE
        initial = {f"status_{uid}": status for uid, status in roster.attendance.items()}
        return AttendanceForm(
            data,
            initial=initial,
            people=people,
            can_sign_off=can_sign_off,
            module_title=module.title if module else "",
        )

    def _render(self, request, form, status=200):
        context = {
            "activity": self.object,
            "form": form,
            "has_started": self.object.starts_at <= timezone.now(),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, self._form())

    def post(self, request, pk):
        activity = self.object
        form = self._form(request.POST)
        if form.is_valid():
            statuses = form.statuses()
            email = form.cleaned_data.get("walk_in_email")
            if email:
                walk_in = User.objects.filter(email__iexact=email).first()
                if walk_in is None:
                    form.add_error(
                        "walk_in_email", "Nobody has an account with this email address."
                    )
                    return self._render(request, form, status=400)
                statuses[walk_in.pk] = AttendanceStatus.PRESENT
            if not statuses:
                form.add_error(None, "Choose present, apologies or absent for at least one person.")
                return self._render(request, form, status=400)
            try:
                _record_and_sign_off(
                    activity, request.user, statuses, bool(form.cleaned_data.get("sign_off"))
                )
            except ValidationError as error:
                add_service_errors(form, error)
                return self._render(request, form, status=400)
            messages.success(request, "Attendance is saved.")
            return redirect("activity_detail", pk=pk)
        return self._render(request, form, status=400)


def _record_and_sign_off(activity, worker, statuses, sign_off: bool) -> None:
    # One step for the worker, and all or nothing: attendance and sign-off commit together.
    with transaction.atomic():
        services.attendance_record(activity=activity, recorded_by=worker, statuses=statuses)
        if sign_off:
            present = [uid for uid, s in statuses.items() if s == AttendanceStatus.PRESENT]
            if not present:
                raise ValidationError("Nobody is marked present, so there is nobody to sign off.")
            services.training_group_signoff(
                module=activity.training_module,
                people=list(User.objects.filter(pk__in=present)),
                signed_off_by=worker,
                completed_on=timezone.localdate(activity.starts_at),
                activity=activity,
            )


class ConsentView(_ActivityView):
    permission_required = "participation.manage_activities"
    template_name = "participation/activities/consent.html"

    def _signup(self):
        return get_object_or_404(
            ActivitySignup.objects.select_related("user"),
            pk=self.kwargs["signup_pk"],
            activity=self.object,
        )

    def get(self, request, pk, signup_pk):
        context = {"activity": self.object, "signup": self._signup(), "form": ActivityConsentForm()}
        return render(request, self.template_name, context)

    def post(self, request, pk, signup_pk):
        signup = self._signup()
        form = ActivityConsentForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "confirmed"}
            try:
                services.activity_consent_record(signup=signup, recorded_by=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Consent is recorded. {signup.user.display_name} has been told."
                )
                return redirect("activity_detail", pk=pk)
        context = {"activity": self.object, "signup": signup, "form": form}
        return render(request, self.template_name, context, status=400)


class RungView(_ActivityView):
    permission_required = "participation.rate_activity_rung"
    template_name = "participation/activities/rung.html"

    def get(self, request, pk):
        _, rung = selectors.my_attendance(user=request.user, activity=self.object)
        form = RungForm(initial={"rung": rung} if rung else None)
        return render(request, self.template_name, {"activity": self.object, "form": form})

    def post(self, request, pk):
        form = RungForm(request.POST)
        if form.is_valid():
            try:
                services.rung_rate(
                    activity=self.object, user=request.user, rung=form.cleaned_data["rung"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Thank you. Your answer is saved.")
                return redirect("activity_detail", pk=pk)
        return render(
            request, self.template_name, {"activity": self.object, "form": form}, status=400
        )
