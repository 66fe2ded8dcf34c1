"""Pages of mentoring and of checking a young person's record. Thin: each reads through a
selector or calls one service."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View

from participation.access import allowed
from participation.pdf import pdf_response, render_pdf
from participation.views.base import (
    CachedPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)
from participation.voice import services as voice_services

from . import forms, selectors, services
from .models import GOAL_FLOW, PAIRING_FLOW, Goal, MentoringMeeting, RecordCheckStatus
from .record import record_of_achievement


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


# --- Mentoring ---------------------------------------------------------------------------


class MyMentoringView(CachedPageMixin, PermissionPageMixin, View):
    permission_required = "mentoring.see_own"

    def get(self, request):
        return render(request, "mentoring/mine.html", selectors.my_mentoring(request.user))


class PairingListView(PermissionPageMixin, View):
    permission_required = "mentoring.see_pairings"

    def get(self, request):
        return render(
            request,
            "mentoring/pairings.html",
            {"pairings": selectors.pairings_for_worker(request.user)},
        )


class PairView(ServiceFormView):
    permission_required = "mentoring.pair"
    template_name = "mentoring/pair.html"
    form_class = forms.PairingForm
    success_message = "The mentoring is set up. The mentor and the young person have been told."

    def perform(self, form):
        return services.pairing_create(made_by=self.request.user, **form.cleaned_data)

    def get_success_url(self, pairing) -> str:
        return reverse("mentoring:pairing", args=[pairing.pk])


class DBSCheckView(ServiceFormView):
    permission_required = "mentoring.record_dbs"
    template_name = "mentoring/dbs.html"
    form_class = forms.DBSCheckForm
    success_message = "The DBS check is recorded."

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(checks=selectors.dbs_checks_recent(), **context)

    def perform(self, form):
        return services.dbs_check_record(recorded_by=self.request.user, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return reverse("mentoring:dbs")


class _PairingMixin:
    """The pairing named in the URL, if this person may see its log."""

    def get_object(self):
        return _found(selectors.pairing_for(self.request.user, self.kwargs["pk"]))

    def get_success_url(self, result) -> str:
        return reverse("mentoring:pairing", args=[self.object.pk])


class PairingView(_PairingMixin, PermissionPageMixin, View):
    permission_required = "mentoring.view_pairing"

    def has_permission(self):
        self.object = self.get_object()
        return self.request.user.has_perm(self.permission_required, self.object)

    def get(self, request, pk):
        page = selectors.pairing_page(self.object)
        user = request.user
        can_keep = self.object.is_active and allowed(user, "mentoring.keep_log", self.object)
        return render(
            request,
            "mentoring/pairing.html",
            {
                "page": page,
                "pairing": self.object,
                "can_keep_log": can_keep,
                "can_end": PAIRING_FLOW.can(self.object, "end", user),
                "can_mark_done": can_keep
                and any(GOAL_FLOW.is_possible(g, "mark_done") for g in page.goals),
            },
        )


class MeetingLogView(_PairingMixin, ServiceFormView):
    permission_required = "mentoring.keep_log"
    template_name = "mentoring/meeting_form.html"
    form_class = forms.MeetingForm
    success_message = "The meeting is on the record."

    def perform(self, form):
        return services.meeting_log(
            pairing=self.object, recorded_by=self.request.user, **form.cleaned_data
        )


class GoalAddView(_PairingMixin, ServiceFormView):
    permission_required = "mentoring.keep_log"
    template_name = "mentoring/goal_form.html"
    form_class = forms.GoalForm
    success_message = "The goal is added."

    def perform(self, form):
        return services.goal_add(
            pairing=self.object, added_by=self.request.user, **form.cleaned_data
        )


class GoalDoneView(ServiceActionView):
    permission_required = "mentoring.keep_log"
    success_message = "Well done! The goal is marked as done."

    def get_object(self):
        goal = Goal.objects.filter(pk=self.kwargs["pk"]).values_list("pairing_id", flat=True)
        pairing = _found(selectors.pairing_for(self.request.user, _found(goal.first())))
        self.goal = Goal.objects.get(pk=self.kwargs["pk"])
        self.goal.pairing = pairing
        return pairing

    def perform(self):
        return services.goal_mark_done(goal=self.goal, marked_by=self.request.user)

    def get_success_url(self, result) -> str:
        return reverse("mentoring:pairing", args=[self.object.pk])


class EndView(ServiceFormView):
    """The mentee, their parent or carer, the mentor or their worker ends the mentoring."""

    permission_required = "mentoring.end_pairing"
    template_name = "mentoring/end.html"
    form_class = forms.EndForm
    success_message = "The mentoring has ended. Thank you for telling us."

    def get_object(self):
        return _found(selectors.pairing_to_end(self.request.user, self.kwargs["pk"]))

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(
            pairing=self.object,
            can_see_log=allowed(self.request.user, "mentoring.view_pairing", self.object),
            **context,
        )

    def perform(self, form):
        return services.pairing_end(
            pairing=self.object, ended_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return reverse("mentoring:mine")


class ReportPairingView(_PairingMixin, ServiceFormView):
    """Report a concern about the mentoring, or one entry in it, to the safeguarding lead."""

    permission_required = "mentoring.report_concern"
    template_name = "mentoring/report.html"
    form_class = forms.MentoringConcernForm
    success_message = (
        "Thank you for telling us. The person who keeps children safe will look at it."
    )

    def target(self):
        return self.object

    def about(self) -> str:
        return "this mentoring"

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(pairing=self.object, about=self.about(), **context)

    def perform(self, form):
        # A concern about mentoring always reaches the safeguarding lead: an adult and a
        # child meet, so nobody should have to judge first whether it is "about safety".
        return voice_services.concern_report(
            reported_by=self.request.user,
            target=self.target(),
            about_safety=True,
            what=form.cleaned_data["what"],
        )


class ReportMeetingView(ReportPairingView):
    model = MentoringMeeting

    def get_object(self):
        entry = self.model.objects.filter(pk=self.kwargs["pk"]).first()
        pairing = _found(selectors.pairing_for(self.request.user, _found(entry).pairing_id))
        entry.pairing = pairing
        self.entry = entry
        return pairing

    def target(self):
        return self.entry

    def about(self) -> str:
        return f"the meeting on {self.entry.held_on:%-d %B %Y}"


class ReportGoalView(ReportMeetingView):
    model = Goal

    def about(self) -> str:
        return f'the goal "{self.entry.text}"'


# --- The participation record ---------------------------------------------------------------


def _record_pdf(record, *, filename_date=None):
    """The record as a PDF for a CV or a college application, drawn with its own stylesheet,
    saying at the foot of each page who checked it and when."""
    now = timezone.now()
    pdf = render_pdf(
        "mentoring/record_pdf.html",
        {
            "record": record,
            "printed_on": now,
        },
    )
    name = slugify(record.person.display_name) or "record"
    return pdf_response(pdf, f"participation-record-{name}-{timezone.localdate(now):%Y-%m-%d}.pdf")


class MyRecordView(CachedPageMixin, PermissionPageMixin, View):
    """A young person's record of achievement, for a CV or a college application: a summary,
    every app's section, and who checked it and when (with what is new since)."""

    permission_required = "mentoring.see_own"

    def get(self, request):
        user = request.user
        return render(
            request,
            "mentoring/record.html",
            {
                "record": record_of_achievement(user),
                "can_ask": allowed(user, "mentoring.ask_record_check", user),
            },
        )


class MyRecordPdfView(PermissionPageMixin, View):
    """Their own record as a PDF, checked or not (the foot of each page says which)."""

    permission_required = "mentoring.see_own"

    def get(self, request):
        return _record_pdf(record_of_achievement(request.user))


class AskCheckView(ServiceFormView):
    permission_required = "mentoring.ask_record_check"
    template_name = "mentoring/ask_check.html"
    form_class = forms.RecordCheckAskForm
    success_message = "You have asked. A participation worker will check your record."

    def get_object(self):
        return self.request.user

    def perform(self, form):
        return services.record_check_ask(person=self.request.user, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return reverse("mentoring:my_record")


class RecordChecksView(PermissionPageMixin, View):
    permission_required = "mentoring.check_records"

    def get(self, request):
        return render(
            request,
            "mentoring/record_checks.html",
            {"checks": selectors.record_checks_waiting(), "done": selectors.record_checks_done()},
        )


class _RecordCheckMixin:
    def get_object(self):
        return _found(selectors.record_check_for(self.request.user, self.kwargs["pk"]))

    def get_success_url(self, result) -> str:
        return reverse("mentoring:record_checks")


class RecordCheckView(_RecordCheckMixin, PermissionPageMixin, View):
    """A worker reads the record a young person asked them to check; once it is checked, they
    can download it as a PDF from here."""

    permission_required = "mentoring.check_records"

    def has_permission(self):
        self.object = self.get_object()
        return self.request.user.has_perm(self.permission_required, self.object)

    def get(self, request, pk):
        return render(
            request,
            "mentoring/record_check.html",
            {
                "check": self.object,
                "record": record_of_achievement(self.object.person),
                "is_open": self.object.status == RecordCheckStatus.ASKED,
                "can_download": allowed(
                    request.user, "mentoring.download_checked_record", self.object
                ),
            },
        )


class RecordCheckPdfView(_RecordCheckMixin, PermissionPageMixin, View):
    """A young person's checked record as a PDF, for their worker to send on (a reference, a
    college application)."""

    permission_required = "mentoring.download_checked_record"

    def has_permission(self):
        self.object = self.get_object()
        return self.request.user.has_perm(self.permission_required, self.object)

    def get(self, request, pk):
        return _record_pdf(record_of_achievement(self.object.person))


class RecordCheckConfirmView(_RecordCheckMixin, ServiceActionView):
    permission_required = "mentoring.check_records"
    success_message = (
        "Thank you. The record shows that you checked it. You can download it as a PDF here."
    )

    def perform(self):
        return services.record_check_confirm(check=self.object, checked_by=self.request.user)

    def get_success_url(self, result) -> str:
        return reverse("mentoring:record_check", args=[self.object.pk])

    def get_failure_url(self) -> str:
        return reverse("mentoring:record_check", args=[self.object.pk])


class RecordCheckTurnDownView(_RecordCheckMixin, ServiceFormView):
    permission_required = "mentoring.check_records"
    template_name = "mentoring/turn_down.html"
    form_class = forms.TurnDownForm
    success_message = "They have been told why."

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(check=self.object, **context)

    def perform(self, form):
        return services.record_check_turn_down(
            check=self.object, checked_by=self.request.user, **form.cleaned_data
        )
