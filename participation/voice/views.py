"""Pages of "you said, we did". Thin: each reads through a selector or calls one service."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from participation.access import allowed, fetch_or_404
from participation.models import Role
from participation.selectors.eligibility import eligibility
from participation.views.base import (
    CachedPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)

from . import forms, selectors, services
from .models import CONSULTATION_FLOW, ITEM_FLOW


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


class PublicListView(CachedPageMixin, View):
    """ "You said, we did": every public item, filtered and paginated, open to everyone."""

    def get(self, request):
        filters = selectors.PublicFilters.from_query(request.GET)
        page = selectors.public_page(filters=filters, page=request.GET.get("page"))
        return render(
            request,
            "voice/public.html",
            {
                "page": page,
                "filters": filters,
                "filter_query": filters.as_query(),
                "choices": selectors.filter_choices(),
                "can_raise": allowed(request.user, "voice.raise_item"),
            },
        )


class RecordsView(CachedPageMixin, View):
    """Each organisation's record: answered on time, days to answer, rated good enough."""

    def get(self, request):
        return render(request, "voice/records.html", {"records": selectors.organisation_records()})


class ItemView(CachedPageMixin, View):
    def get(self, request, pk):
        item = _found(selectors.item_for(user=request.user, item_id=pk))
        if not item.is_public:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, "voice.view_item", item):
                raise Http404("Not found")
        user = request.user
        latest = item.answers[-1] if item.answers else None
        return render(
            request,
            "voice/item.html",
            {
                "item": item,
                "raiser": selectors.raiser_shown_to(user, item) if user.is_authenticated else "",
                "timeline": selectors.timeline(item),
                "latest": latest,
                "can_follow": item.my_follow is None and allowed(user, "voice.follow_item", item),
                "can_me_too": (item.my_follow is None or item.my_follow.kind == "follow")
                and allowed(user, "voice.follow_item", item),
                "can_rate": latest is not None and allowed(user, "voice.rate_response", item),
                "can_route": ITEM_FLOW.can(item, "route", user),
                "can_approve": item.text_approved_at is None
                and allowed(user, "voice.approve_text", item),
                "can_respond": ITEM_FLOW.can(item, "answer_done", user),
                "can_reopen": ITEM_FLOW.can(item, "reopen", user),
                "can_close": ITEM_FLOW.can(item, "close", user),
                "is_declined": item.is_declined,
            },
        )


class RaiseView(ServiceFormView):
    permission_required = "voice.raise_item"
    template_name = "voice/raise.html"
    form_class = forms.RaiseForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.item_raise(raised_by=self.request.user, **form.cleaned_data)

    def get_success_message(self, item) -> str:
        if item.text_approved_at is None:
            return (
                "Thank you. A participation worker will read it and send it to the people who "
                "can act. Only you and the workers can see it until then."
            )
        return "The item is raised."

    def get_success_url(self, item) -> str:
        return reverse("voice:item", args=[item.pk])


class MineView(PermissionPageMixin, View):
    permission_required = "voice.raise_item"

    def get(self, request):
        return render(request, "voice/mine.html", {"items": selectors.my_items(user=request.user)})


class WorkerQueueView(PermissionPageMixin, View):
    permission_required = "voice.view_worker_queue"

    def get(self, request):
        return render(request, "voice/worker_queue.html", selectors.worker_queue())


class OfficerQueueView(PermissionPageMixin, View):
    permission_required = "voice.view_officer_queue"

    def get(self, request):
        return render(
            request,
            "voice/officer_queue.html",
            {"items": selectors.officer_queue(user=request.user)},
        )


class _ItemMixin:
    """The item, loaded once; 404 unless this person may see it."""

    def get_object(self):
        item = _found(selectors.item_for(user=self.request.user, item_id=self.kwargs["pk"]))
        if not allowed(self.request.user, "voice.view_item", item):
            raise Http404("Not found")
        return item

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "item": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("voice:item", args=[self.object.pk])


class RouteView(_ItemMixin, ServiceFormView):
    permission_required = "voice.route_item"
    template_name = "voice/route.html"
    form_class = forms.RouteForm
    success_message = "The item is sent on. The officer has been told."

    def get_form_kwargs(self):
        return {"initial": {"organisation": self.object.organisation_id}}

    def perform(self, form):
        return services.item_route(
            item=self.object, routed_by=self.request.user, **form.cleaned_data
        )


class DeclineView(_ItemMixin, ServiceFormView):
    permission_required = "voice.route_item"
    template_name = "voice/decline.html"
    form_class = forms.DeclineForm
    success_message = "The item is declined. The person who raised it has been told why."

    def perform(self, form):
        return services.item_decline(
            item=self.object, declined_by=self.request.user, **form.cleaned_data
        )


class ReopenView(_ItemMixin, ServiceFormView):
    permission_required = "voice.route_item"
    template_name = "voice/reopen.html"
    form_class = forms.ReopenForm
    success_message = "The item is sent back to the officer."

    def perform(self, form):
        return services.item_reopen(
            item=self.object, reopened_by=self.request.user, **form.cleaned_data
        )


class RespondView(_ItemMixin, ServiceFormView):
    permission_required = "voice.respond_item"
    template_name = "voice/respond.html"
    form_class = forms.RespondForm
    success_message = "Your answer is published. Everyone who follows the item has been told."

    def perform(self, form):
        return services.response_publish(
            items=[self.object], published_by=self.request.user, **form.cleaned_data
        )


class RateView(_ItemMixin, ServiceFormView):
    permission_required = "voice.rate_response"
    template_name = "voice/rate.html"
    form_class = forms.RateForm
    success_message = "Thank you for saying what you think."

    def perform(self, form):
        return services.response_rate(item=self.object, user=self.request.user, **form.cleaned_data)


class _ItemButton(_ItemMixin, ServiceActionView):
    pass


class FollowView(_ItemButton):
    permission_required = "voice.follow_item"
    success_message = "You follow this item. We will tell you when it changes."

    def perform(self):
        return services.item_follow(item=self.object, user=self.request.user)


class MeTooView(_ItemButton):
    permission_required = "voice.follow_item"
    success_message = 'You said "me too". You follow this item now.'

    def perform(self):
        return services.item_follow(item=self.object, user=self.request.user, me_too=True)


class ApproveView(_ItemButton):
    permission_required = "voice.approve_text"
    success_message = "The words are approved."

    def perform(self):
        return services.item_text_approve(item=self.object, approved_by=self.request.user)


class CloseView(_ItemButton):
    permission_required = "voice.route_item"
    success_message = "The item is closed."

    def perform(self):
        return services.item_close(item=self.object, closed_by=self.request.user)


class LeadsView(ServiceFormView):
    """An administrator makes a participation worker a participation lead: leads receive the
    escalations of overdue items."""

    permission_required = "voice.appoint_lead"
    template_name = "voice/leads.html"
    form_class = forms.LeadForm
    success_message = "They are a participation lead now. Overdue items will reach them."

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(leads=selectors.participation_leads(), **context)

    def perform(self, form):
        return services.participation_lead_appoint(
            user=form.cleaned_data["user"], appointed_by=self.request.user
        )

    def get_success_url(self, result) -> str:
        return reverse("voice:leads")


# --- Consultations ----------------------------------------------------------------------------


class ConsultationListView(CachedPageMixin, View):
    def get(self, request):
        return render(
            request,
            "voice/consultations.html",
            {
                "consultations": selectors.consultation_list(user=request.user),
                "can_create": allowed(request.user, "voice.manage_consultation"),
            },
        )


class ConsultationView(View):
    """The consultation: what is asked, the answer form while it is open, and afterwards what
    people said, the items it raised and how the service did against its own measure."""

    def get(self, request, pk):
        consultation = _found(selectors.consultation_for(consultation_id=pk))
        user = request.user
        if consultation.is_draft:
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(user, "voice.view_consultation", consultation):
                raise Http404("Not found")
        answered = selectors.has_answered(user=user, consultation=consultation)
        fit = None
        can_answer = False
        if (
            user.is_authenticated
            and not answered
            and consultation.is_open
            and consultation.opens_at <= timezone.now() < consultation.closes_at
        ):
            fit = eligibility(user, services.criteria_for(consultation))
            can_answer = bool(fit)
        sees_answers = allowed(user, "voice.view_consultation_answers", consultation)
        return render(
            request,
            "voice/consultation.html",
            {
                "consultation": consultation,
                "questions": list(consultation.questions.all()),
                "answered": answered,
                "can_answer": can_answer,
                "not_for_you": fit.reason if fit is not None and not fit else "",
                "answer_form": forms.AnswerForm(questions=consultation.questions.all())
                if can_answer
                else None,
                "results": selectors.consultation_results(consultation) if sees_answers else None,
                "items": selectors.consultation_items(consultation),
                "can_manage": allowed(user, "voice.manage_consultation", consultation),
                "can_open": CONSULTATION_FLOW.can(consultation, "open", user),
                "can_close": CONSULTATION_FLOW.can(consultation, "close", user),
                "can_summarise": CONSULTATION_FLOW.can(consultation, "summarise", user),
                "can_report": consultation.is_summarised
                and allowed(user, "voice.manage_consultation", consultation),
                "is_draft": consultation.is_draft,
            },
        )


class _ConsultationMixin:
    def get_object(self):
        consultation = _found(selectors.consultation_for(consultation_id=self.kwargs["pk"]))
        if not allowed(self.request.user, "voice.view_consultation", consultation):
            raise Http404("Not found")
        return consultation

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "consultation": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("voice:consultation", args=[self.object.pk])


class ConsultationCreateView(ServiceFormView):
    permission_required = "voice.manage_consultation"
    template_name = "voice/consultation_form.html"
    form_class = forms.ConsultationForm
    success_message = "The consultation is saved. Add its questions, then open it."

    def perform(self, form):
        return services.consultation_create(created_by=self.request.user, **form.cleaned_data)

    def get_success_url(self, consultation) -> str:
        return reverse("voice:consultation", args=[consultation.pk])


class QuestionAddView(_ConsultationMixin, ServiceFormView):
    permission_required = "voice.manage_consultation"
    template_name = "voice/question_form.html"
    form_class = forms.QuestionForm
    success_message = "The question is added."

    def perform(self, form):
        return services.question_add(
            consultation=self.object, added_by=self.request.user, **form.cleaned_data
        )


class ConsultationAnswerView(_ConsultationMixin, ServiceFormView):
    permission_required = "voice.answer_consultation"
    template_name = "voice/consultation_answer.html"
    form_class = forms.AnswerForm
    success_message = "Thank you! We will tell you what people said and what is done about it."

    def get_form_kwargs(self):
        return {"questions": self.object.questions.all()}

    def perform(self, form):
        return services.consultation_answer(
            consultation=self.object, user=self.request.user, answers=form.answers()
        )


class ConsultationSummaryView(_ConsultationMixin, ServiceFormView):
    permission_required = "voice.summarise_consultation"
    template_name = "voice/consultation_summary.html"
    form_class = forms.SummaryForm
    success_message = 'What people said is published, and their "you said" items are raised.'

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(
            results=selectors.consultation_results(self.object), **context
        )

    def perform(self, form):
        topic = form.cleaned_data["topic"]
        return services.consultation_summarise(
            consultation=self.object,
            summarised_by=self.request.user,
            summary=form.cleaned_data["summary"],
            items=[
                services.ItemDraft(title=line, topic=topic) for line in form.cleaned_data["items"]
            ],
        )


class ConsultationReportView(_ConsultationMixin, ServiceFormView):
    permission_required = "voice.manage_consultation"
    template_name = "voice/consultation_report.html"
    form_class = forms.ReportForm
    success_message = "Your report is published."

    def perform(self, form):
        return services.consultation_report(
            consultation=self.object, reported_by=self.request.user, **form.cleaned_data
        )


class ConsultationOpenView(_ConsultationMixin, ServiceActionView):
    permission_required = "voice.manage_consultation"
    success_message = "The consultation is open."

    def perform(self):
        return services.consultation_open(consultation=self.object, opened_by=self.request.user)


class ConsultationCloseView(_ConsultationMixin, ServiceActionView):
    permission_required = "voice.manage_consultation"
    success_message = "The consultation is closed."

    def perform(self):
        return services.consultation_close(consultation=self.object, closed_by=self.request.user)


# --- Report a concern, moderation -------------------------------------------------------------


class ReportItemView(_ItemMixin, ServiceFormView):
    permission_required = "voice.report_concern"
    template_name = "voice/report.html"
    form_class = forms.ConcernForm
    success_message = "Thank you for telling us. A participation worker will look at it."

    def target(self):
        return self.object

    def about(self) -> str:
        return self.object.title

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(about=self.about(), **context)

    def perform(self, form):
        return services.concern_report(
            reported_by=self.request.user, target=self.target(), **form.cleaned_data
        )


class ReportAnswerView(ReportItemView):
    def get_object(self):
        self.response = _found(selectors.response_for(response_id=self.kwargs["pk"]))
        self.kwargs = {**self.kwargs, "pk": self.response.item_id}
        return super().get_object()

    def target(self):
        return self.response

    def about(self) -> str:
        return f"{self.response.organisation.name}'s answer"


class ConcernsView(PermissionPageMixin, View):
    permission_required = "voice.moderate"

    def get(self, request):
        return render(
            request,
            "voice/concerns.html",
            {**selectors.concern_queue(user=request.user), **selectors.worker_queue()},
        )


class ConcernResolveView(ServiceFormView):
    permission_required = "voice.moderate"
    template_name = "voice/concern_resolve.html"
    form_class = forms.ResolveForm
    success_message = "The concern is marked as dealt with."

    def get_object(self):
        return _found(selectors.concern_for(user=self.request.user, concern_id=self.kwargs["pk"]))

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(concern=self.object, **context)

    def perform(self, form):
        return services.concern_resolve(
            concern=self.object, resolved_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return reverse("voice:concerns")


class SafeguardingLeadsView(LeadsView):
    """An administrator names a worker a designated safeguarding lead: they are alerted at
    once about concerns for a child's safety."""

    template_name = "voice/safeguarding_leads.html"
    success_message = "They are a designated safeguarding lead now."

    def get_form_kwargs(self):
        return {"already": "safeguarding_lead"}

    def get_context_data(self, **context) -> dict:
        return {"object": None, "leads": selectors.safeguarding_leads(), **context}

    def perform(self, form):
        return services.safeguarding_lead_appoint(
            user=form.cleaned_data["user"], appointed_by=self.request.user
        )

    def get_success_url(self, result) -> str:
        return reverse("voice:safeguarding_leads")


# --- Session feedback -------------------------------------------------------------------------


class SessionFeedbackView(ServiceFormView):
    """One short form after an activity: the 1 to 5 rating, what was good and what could be
    better, and for young people the rung of the ladder it reached."""

    permission_required = "voice.give_session_feedback"
    template_name = "voice/session_feedback.html"
    form_class = forms.FeedbackForm
    success_message = "Thank you. Your feedback helps make the next one better."

    def get_object(self):
        from participation.models import Activity

        return fetch_or_404(
            self.request.user, "participation.view_activity", Activity, pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        return {"ask_rung": self.request.user.has_role(Role.YOUNG_PERSON)}

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(activity=self.object, **context)

    def perform(self, form):
        data = {**form.cleaned_data}
        return services.session_feedback_give(
            activity=self.object, user=self.request.user, rung=data.pop("rung", "") or "", **data
        )

    def get_success_url(self, result) -> str:
        return reverse("activity_detail", args=[self.object.pk])
