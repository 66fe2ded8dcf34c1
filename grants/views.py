"""Pages of Pay it Forward. Thin: each reads through a selector or calls one service.

Reviewer pages are built only from `selectors.BlindApplication` and the scoring engine's item,
never from the application itself, so nothing about the applicant can reach them.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from participation.access import allowed
from participation.forms.base import run_service
from participation.models import Role, User
from participation.scoring import services as scoring
from participation.scoring.forms import ConflictForm, SheetForm
from participation.scoring.selectors import progress, sheet_of, visible_sheets
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)
from participation.voice.forms import ConcernForm
from participation.voice.services import concern_report

from . import forms, selectors, services
from .models import (
    APPLICATION_FLOW,
    AWARD_FLOW,
    CONSENT_UNDER_AGE,
    VISIT_FLOW,
    ApplicationStatus,
)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


# --- Public: rounds and the showcase ----------------------------------------------------------


class RoundListView(CachedPageMixin, View):
    def get(self, request):
        return render(
            request,
            "grants/round_list.html",
            {
                "rounds": selectors.round_list(),
                "can_manage": allowed(request.user, "grants.manage_rounds"),
            },
        )


class RoundView(CachedPageMixin, View):
    def get(self, request, slug):
        round_ = _found(selectors.round_by_slug(slug))
        user = request.user
        return render(
            request,
            "grants/round.html",
            {
                "round": round_,
                "criteria": selectors.rubric_of(round_),
                "can_apply": round_.open_now and allowed(user, "grants.apply", round_),
                "can_review": allowed(user, "grants.view_reviews", round_),
                "can_manage": allowed(user, "grants.manage_rounds", round_),
            },
        )


class ShowcaseView(CachedPageMixin, View):
    def get(self, request):
        entries, figures = selectors.showcase()
        return render(request, "grants/showcase.html", {"entries": entries, "figures": figures})


class ShowcaseReportView(ServiceFormView):
    """Report a concern about a project on the showcase: it goes to the base's moderation
    queue, like a concern about anything else."""

    permission_required = "voice.report_concern"
    template_name = "grants/report.html"
    form_class = ConcernForm
    success_message = "Thank you for telling us. A participation worker will look at it."

    def get_object(self):
        entry = _found(selectors.showcase_entry(self.kwargs["pk"]))
        if entry.status != "published":
            raise Http404("Not found")
        return entry

    def perform(self, form):
        return concern_report(
            reported_by=self.request.user, target=self.object, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return reverse("grants:showcase")


# --- Rounds: the worker's side ----------------------------------------------------------------


class RoundCreateView(ServiceFormView):
    permission_required = "grants.manage_rounds"
    template_name = "grants/round_form.html"
    form_class = forms.RoundForm
    success_message = "The round is set up. Add its young reviewers next."

    def perform(self, form):
        return services.round_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self, round_) -> str:
        return reverse("grants:manage", args=[round_.slug])


class _RoundMixin:
    def get_object(self):
        return _found(selectors.round_by_slug(self.kwargs["slug"]))

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "round": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("grants:manage", args=[self.object.slug])


class RoundManageView(_RoundMixin, ObjectPageMixin, View):
    """The worker's view of a round: every application with its status and reviews, the
    review panel's progress, the reviewers and the budget."""

    permission_required = "grants.manage_rounds"

    def get(self, request, slug):
        round_ = self.object
        return render(
            request,
            "grants/manage.html",
            {
                "round": round_,
                "applications": selectors.applications_of(round_),
                "progress": progress(round_.panel),
                "reviewers": selectors.reviewers_of(round_),
            },
        )


class ReviewerAddView(_RoundMixin, ServiceFormView):
    permission_required = "grants.manage_rounds"
    template_name = "grants/reviewer_form.html"
    form_class = forms.ReviewerForm
    success_message = "They are on the review panel."

    def get_form_kwargs(self):
        from participation.services import trained_user_ids

        trained = trained_user_ids("grant_reviewer")
        people = User.objects.filter(
            pk__in=trained, role_assignments__role=Role.YOUNG_PERSON, is_active=True
        ).exclude(scoring_places__panel=self.object.panel)
        return {"people": list(people.distinct())}

    def perform(self, form):
        person = form.people.get(form.cleaned_data["person"])
        return services.reviewer_add(actor=self.request.user, round=self.object, person=person)


# --- Applications: the young person's side ----------------------------------------------------


class StartView(_RoundMixin, ServiceFormView):
    permission_required = "grants.apply"
    template_name = "grants/start.html"
    form_class = forms.StartForm
    success_message = "Your draft is saved. Fill in the rest when you are ready."

    def perform(self, form):
        return services.application_start(
            actor=self.request.user, round=self.object, title=form.cleaned_data["title"]
        )

    def get_success_url(self, application) -> str:
        return reverse("grants:edit", args=[application.pk])


class MineView(PermissionPageMixin, View):
    permission_required = "grants.apply"

    def get(self, request):
        return render(
            request,
            "grants/mine.html",
            {"applications": selectors.my_applications(request.user)},
        )


class _ApplicationMixin:
    page_permission = "grants.view_application"

    def get_object(self):
        return selectors.application_for(
            self.request.user, self.kwargs["pk"], perm=self.page_permission
        )

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "application": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("grants:application", args=[self.object.pk])


class ApplicationView(_ApplicationMixin, ObjectPageMixin, View):
    permission_required = "grants.view_application"

    def get(self, request, pk):
        application = self.object
        user = request.user
        decided = application.status in (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED)
        return render(
            request,
            "grants/application.html",
            {
                "application": application,
                "lines": list(application.budget_lines.all()),
                "award": getattr(application, "award", None),
                "feedback": selectors.feedback_for(application) if decided else [],
                "is_mine": application.applicant_id == user.pk,
                "can_edit": allowed(user, "grants.edit_application", application),
                "can_withdraw": APPLICATION_FLOW.is_possible(application, "withdraw")
                and allowed(user, "grants.withdraw_application", application),
                "can_decide": APPLICATION_FLOW.can(application, "award", user),
                "can_confirm_consent": application.consent_needed
                and application.consent_confirmed_at is None
                and allowed(user, "grants.confirm_consent", application),
                "can_suggest": allowed(user, "grants.suggest_showcase", application)
                and getattr(getattr(application, "award", None), "status", "") == "completed"
                and not hasattr(application, "showcase"),
            },
        )


class EditView(_ApplicationMixin, ServiceFormView):
    """The whole application on one page. "Save my draft" keeps what is typed so far;
    "Send my application" saves and sends it if every rule is met, and otherwise shows every
    reason with what was typed still in the boxes (and the saved draft as it was)."""

    permission_required = "grants.edit_application"
    page_permission = "grants.edit_application"
    template_name = "grants/edit.html"
    form_class = forms.ApplicationForm

    def get_form_kwargs(self):
        a = self.object
        if self.request.method == "POST":
            return {}
        initial = {
            name: getattr(a, name)
            for name in (
                "title",
                "helps",
                "who_it_helps",
                "people_helped",
                "wellbeing",
                "plan",
                "co_applicants",
                "school",
                "adult_name",
                "adult_relationship",
                "adult_contact",
                "consent_name",
                "consent_relationship",
                "consent_contact",
                "showcase_name",
            )
        }
        initial["amount"] = a.amount if a.amount is not None else ""
        return {"initial": initial, "lines": list(a.budget_lines.all())}

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(
            under_16=(self.object.applicant.age() or 0) < CONSENT_UNDER_AGE, **context
        )

    def sending(self) -> bool:
        return self.request.POST.get("action") == "send"

    def perform(self, form):
        service = services.application_submit if self.sending() else services.application_save
        return service(actor=self.request.user, application=self.object, **form.service_kwargs())

    def get_success_message(self, result) -> str:
        if self.sending():
            return "Your application is sent. Young reviewers will read it soon."
        return "Your draft is saved."

    def get_success_url(self, result) -> str:
        if self.sending():
            return reverse("grants:application", args=[self.object.pk])
        return reverse("grants:edit", args=[self.object.pk])


class WithdrawView(_ApplicationMixin, ServiceActionView):
    permission_required = "grants.withdraw_application"
    success_message = "Your application is withdrawn."

    def perform(self):
        return services.application_withdraw(actor=self.request.user, application=self.object)


class ShowcaseSuggestView(_ApplicationMixin, ServiceFormView):
    permission_required = "grants.suggest_showcase"
    page_permission = "grants.suggest_showcase"
    template_name = "grants/showcase_suggest.html"
    form_class = forms.ShowcaseSuggestForm
    success_message = "Thank you. A worker will check it, then it goes on the showcase."

    def perform(self, form):
        return services.showcase_suggest(
            actor=self.request.user, application=self.object, **form.cleaned_data
        )


# --- Peer review (blind) ----------------------------------------------------------------------


class ReviewsView(_RoundMixin, ObjectPageMixin, View):
    permission_required = "grants.view_reviews"

    def get(self, request, slug):
        round_ = self.object
        return render(
            request,
            "grants/reviews.html",
            {"round": round_, "rows": selectors.reviews_for(request.user, round_)},
        )


class _ReviewMixin(_RoundMixin):
    """The page's object is the round (the reviewer must be on its panel); the application is
    only ever handed to the template as its blind view."""

    permission_required = "grants.view_reviews"

    def get_object(self):
        found = selectors.review_target(self.request.user, self.kwargs["slug"], self.kwargs["pk"])
        if found is None:
            raise Http404("Not found")
        self._application, self.item = found
        self.blind = selectors.blind(self._application)
        return self._application.round

    def get_success_url(self, result) -> str:
        return reverse("grants:reviews", args=[self.object.slug])


class ReviewView(_ReviewMixin, ObjectPageMixin, View):
    """Score one application against the round's rubric. "Save" keeps a draft; "Send my
    scores" sends them, after which the other reviewers' scores can be seen."""

    template_name = "grants/review.html"

    def criteria(self):
        return list(self.object.panel.rubric.criteria.order_by("number"))

    def context(self, form=None, **extra):
        user = self.request.user
        # Their own sheet comes with what they may read: the others' only once theirs is sent.
        readable = visible_sheets(user, self.item)
        sheet = next((s for s in readable if s.person_id == user.pk), None)
        sent = sheet is not None and sheet.status == "submitted"
        # Once sent, scores can't change: no form, and no need to ask whether they may score.
        may_score = not sent and allowed(user, "grants.review", self._application)
        if form is None and may_score:
            form = SheetForm(self.criteria(), sheet=sheet)
        return {
            "round": self.object,
            "application": self.blind,
            "item": self.item,
            "sheet": sheet,
            "sent": sent,
            "form": form,
            "may_score": may_score,
            "why_not": "" if may_score or sent else self._why_not(),
            "others": readable if sent else [],
            **extra,
        }

    def _why_not(self) -> str:
        from participation.scoring.selectors import can_score

        ok, reason = can_score(self.request.user, self.item)
        return reason

    def get(self, request, slug, pk):
        return render(request, self.template_name, self.context())

    def post(self, request, slug, pk):
        form = SheetForm(
            self.criteria(), sheet=sheet_of(request.user, self.item), data=request.POST
        )
        sending = request.POST.get("action") == "send"
        if form.is_valid():

            def call():
                sheet = scoring.sheet_save(actor=request.user, item=self.item, scores=form.scores())
                if sending:
                    return scoring.sheet_submit(actor=request.user, item=self.item)
                return sheet

            if run_service(form, call) is not None:
                messages.success(
                    request,
                    "Your scores are sent. Thank you." if sending else "Your scores are saved.",
                )
                return HttpResponseRedirect(reverse("grants:reviews", args=[slug]))
        return render(request, self.template_name, self.context(form=form), status=400)


class ConflictView(_ReviewMixin, ServiceFormView):
    template_name = "grants/conflict.html"
    form_class = ConflictForm
    success_message = "Thank you for saying. Someone else will review this one."

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(application=self.blind, item=self.item, **context)

    def perform(self, form):
        return scoring.conflict_declare(
            actor=self.request.user, item=self.item, reason=form.cleaned_data["reason"]
        )


# --- The decision panel -----------------------------------------------------------------------


class PanelView(_RoundMixin, ObjectPageMixin, View):
    """The decision panel's page: every sent application ranked by the young reviewers'
    weighted scores, with the spread flags, and what is left of the budget."""

    permission_required = "grants.decide"

    def get(self, request, slug):
        round_ = self.object
        return render(
            request,
            "grants/panel.html",
            {
                "round": round_,
                "rows": selectors.decision_rows(round_, request.user),
                "reviews_open": round_.panel.is_open,
            },
        )


class CloseReviewsView(_RoundMixin, ServiceActionView):
    """Stop the reviews (a reviewer who never sent theirs no longer holds the panel up): the
    scores sent so far are what the panel decides on."""

    permission_required = "grants.decide"
    success_message = "The reviews are closed. The panel can see every score now."

    def perform(self):
        return scoring.panel_close(actor=self.request.user, panel=self.object.panel)

    def get_success_url(self, result) -> str:
        return reverse("grants:panel", args=[self.object.slug])


class DecideView(_ApplicationMixin, ServiceFormView):
    permission_required = "grants.decide"
    template_name = "grants/decide.html"
    form_class = forms.DecisionForm
    success_message = "The decision is recorded, and the young person has been told."

    def get_context_data(self, **context) -> dict:
        round_ = self.object.round
        return super().get_context_data(
            round=round_,
            left=selectors.budget_left(round_),
            result=selectors.result_for(round_, self.object, self.request.user),
            criteria=selectors.rubric_of(round_),
            feedback=selectors.feedback_for(self.object),
            **context,
        )

    def perform(self, form):
        return services.application_decide(
            actor=self.request.user, application=self.object, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return reverse("grants:panel", args=[self.object.round.slug])


class ConsentView(_ApplicationMixin, ServiceFormView):
    permission_required = "grants.confirm_consent"
    template_name = "grants/consent.html"
    form_class = forms.ConsentForm
    success_message = "Their parent or carer's yes is recorded."

    def perform(self, form):
        return services.consent_confirm(
            actor=self.request.user, application=self.object, how=form.cleaned_data["how"]
        )


# --- Awards, payment, receipts, visits --------------------------------------------------------


class _AwardMixin:
    def get_object(self):
        return _found(selectors.award_for(self.kwargs["pk"]))

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "award": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("grants:award", args=[self.object.pk])


class AwardView(_AwardMixin, ObjectPageMixin, View):
    permission_required = "grants.record_payment"

    def get(self, request, pk):
        award = self.object
        return render(
            request,
            "grants/award.html",
            {
                "award": award,
                "application": award.application,
                "receipts": list(award.receipts.all()),
                "visits": list(award.visits.all()),
                "can_pay": AWARD_FLOW.can(award, "pay", request.user),
            },
        )


class PaymentView(_AwardMixin, ServiceFormView):
    permission_required = "grants.record_payment"
    template_name = "grants/payment.html"
    form_class = forms.PaymentForm
    success_message = "The payment is recorded."

    def perform(self, form):
        return services.payment_record(
            actor=self.request.user, award=self.object, **form.cleaned_data
        )


class ReceiptAddView(_AwardMixin, ServiceFormView):
    permission_required = "grants.add_receipt"
    template_name = "grants/receipt_form.html"
    form_class = forms.ReceiptForm
    success_message = "The receipt is added."

    def perform(self, form):
        return services.receipt_add(actor=self.request.user, award=self.object, **form.cleaned_data)


class VisitPlanView(_AwardMixin, ServiceFormView):
    permission_required = "grants.plan_visit"
    template_name = "grants/visit_plan.html"
    form_class = forms.VisitPlanForm
    success_message = "The visit is planned. Young people can sign up for it on its activity page."

    def perform(self, form):
        return services.visit_plan(actor=self.request.user, award=self.object, **form.cleaned_data)


class VisitView(ServiceFormView):
    permission_required = "grants.record_visit"
    template_name = "grants/visit.html"
    form_class = forms.VisitRecordForm
    success_message = "Thank you. The visit is written up."

    def get_object(self):
        return _found(selectors.visit_for(self.kwargs["pk"]))

    def get_context_data(self, **context) -> dict:
        return {
            "object": self.object,
            "visit": self.object,
            "project": self.object.award.application.title,
            "can_record": VISIT_FLOW.can(self.object, "record", self.request.user),
            **context,
        }

    def perform(self, form):
        return services.visit_record(
            actor=self.request.user, visit=self.object, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return reverse("grants:visit", args=[self.object.pk])


class _FileView(View):
    """A receipt or photo, for workers only; always a download, with the type its content was
    found to be, so a browser never runs it as a page."""

    permission = "grants.record_payment"

    def row(self, pk):
        raise NotImplementedError

    def get(self, request, pk):
        if not allowed(request.user, self.permission):
            raise Http404("Not found")
        row = _found(self.row(pk))
        content_type = CONTENT_TYPES.get(row.file_kind)
        if content_type is None:
            raise Http404("Not found")
        response = FileResponse(
            row.file.open("rb"),
            as_attachment=True,
            filename=row.file.name.rsplit("/", 1)[-1],
            content_type=content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ReceiptFileView(_FileView):
    def row(self, pk):
        from .models import Receipt

        return Receipt.objects.filter(pk=pk).first()


class PhotoFileView(_FileView):
    permission = "grants.moderate_showcase"

    def row(self, pk):
        from .models import VisitPhoto

        return VisitPhoto.objects.filter(pk=pk).first()


# --- Showcase moderation ----------------------------------------------------------------------


class ShowcaseQueueView(PermissionPageMixin, View):
    permission_required = "grants.moderate_showcase"

    def get(self, request):
        return render(
            request, "grants/showcase_queue.html", {"entries": selectors.showcase_queue()}
        )


class _EntryMixin:
    def get_object(self):
        return _found(selectors.showcase_entry(self.kwargs["pk"]))

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "entry": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("grants:showcase_queue")


class ShowcasePublishView(_EntryMixin, ServiceActionView):
    permission_required = "grants.moderate_showcase"
    success_message = "It is on the showcase."

    def perform(self):
        return services.showcase_publish(actor=self.request.user, entry=self.object)


class ShowcaseHideView(_EntryMixin, ServiceFormView):
    permission_required = "grants.moderate_showcase"
    template_name = "grants/showcase_hide.html"
    form_class = forms.ShowcaseHideForm
    success_message = "It is off the showcase."

    def perform(self, form):
        return services.showcase_hide(
            actor=self.request.user, entry=self.object, reason=form.cleaned_data["reason"]
        )
