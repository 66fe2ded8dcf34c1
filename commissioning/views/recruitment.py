"""Recruitment panel pages. The young people's panel sees candidates only as "Candidate A"."""

from django.shortcuts import render
from django.urls import reverse
from django.views import View

from participation.access import allowed
from participation.scoring import services as scoring
from participation.scoring.selectors import items_for, progress, results_table
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)

from .. import forms, selectors, services
from ..models import RECRUITMENT_FLOW, Recruitment, RecruitmentStatus
from ..selectors import found


class RecruitmentListView(CachedPageMixin, PermissionPageMixin, View):
    permission_required = "commissioning.manage_recruitment"

    def get(self, request):
        return render(
            request,
            "commissioning/recruitment_list.html",
            {"recruitments": list(Recruitment.objects.select_related("organisation"))},
        )


class RecruitmentCreateView(ServiceFormView):
    permission_required = "commissioning.manage_recruitment"
    template_name = "commissioning/recruitment_form.html"
    form_class = forms.RecruitmentForm
    success_message = "The recruitment panel is set up. Add the candidates and the young people."

    def get_form(self, data=None, files=None):
        return self.form_class(
            data=data,
            initial={"task_weight": 30, "presentation_weight": 30, "questions_weight": 40},
        )

    def perform(self, form):
        return services.recruitment_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self, recruitment) -> str:
        return reverse("commissioning:recruitment_detail", args=[recruitment.pk])


class RecruitmentMixin:
    def get_object(self):
        return found(
            Recruitment.objects.filter(pk=self.kwargs["pk"])
            .select_related("panel", "panel__rubric", "organisation")
            .first()
        )

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "recruitment": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("commissioning:recruitment_detail", args=[self.object.pk])


class RecruitmentDetailView(RecruitmentMixin, ObjectPageMixin, View):
    permission_required = "commissioning.view_recruitment"

    def get(self, request, pk):
        recruitment, user = self.object, request.user
        manage = allowed(user, "commissioning.manage_recruitment", recruitment)
        panel = recruitment.panel
        context = {
            "recruitment": recruitment,
            "manage": manage,
            "questions": list(recruitment.questions.all()),
            "can_ask": allowed(user, "commissioning.ask_candidates", recruitment)
            and recruitment.status in (RecruitmentStatus.PLANNING, RecruitmentStatus.INTERVIEWING),
            "question_form": forms.QuestionForm(),
            "my_items": items_for(user, panel),
            "criteria": list(panel.rubric.criteria.order_by("number")),
        }
        if manage:
            context.update(
                candidates=list(recruitment.candidates.all()),
                panellists=selectors.panellists_of(panel),
                panellist_form=forms.PanellistForm(
                    people=selectors.trained_young_people(panel.unlock, panel)
                ),
                candidate_form=forms.CandidateForm(),
                progress=progress(panel),
                table=results_table(panel, viewer=user),
                can_start=RECRUITMENT_FLOW.can(recruitment, "start_panel", user),
                can_shortlist=RECRUITMENT_FLOW.can(recruitment, "shortlist", user),
                can_close=RECRUITMENT_FLOW.can(recruitment, "close", user),
                planning=recruitment.status == RecruitmentStatus.PLANNING,
            )
        return render(request, "commissioning/recruitment_detail.html", context)


class _DetailFormMixin(RecruitmentMixin):
    """A form posted from the recruitment page; on a problem it shows on its own small page,
    with what was typed kept."""

    template_name = "commissioning/recruitment_part_form.html"
    heading = ""
    submit = "Save"

    def get_context_data(self, **context):
        return super().get_context_data(heading=self.heading, submit=self.submit, **context)


class CandidateAddView(_DetailFormMixin, ServiceFormView):
    permission_required = "commissioning.manage_recruitment"
    form_class = forms.CandidateForm
    heading = "Add a candidate"
    submit = "Add the candidate"
    success_message = "The candidate is added."

    def perform(self, form):
        return services.candidate_add(
            actor=self.request.user, recruitment=self.object, **form.cleaned_data
        )


class QuestionAddView(_DetailFormMixin, ServiceFormView):
    permission_required = "commissioning.ask_candidates"
    form_class = forms.QuestionForm
    heading = "Add a question for the candidates"
    submit = "Add the question"
    success_message = "Your question is added. Every candidate will be asked it."

    def perform(self, form):
        return services.recruitment_question_add(
            actor=self.request.user, recruitment=self.object, text=form.cleaned_data["text"]
        )


class RecruitmentPanellistAddView(_DetailFormMixin, ServiceFormView):
    permission_required = "commissioning.manage_recruitment"
    form_class = forms.PanellistForm
    heading = "Add a young person to the panel"
    submit = "Add to the panel"
    success_message = "Added to the panel."

    def get_form(self, data=None, files=None):
        panel = self.object.panel
        return self.form_class(
            data=data, people=selectors.trained_young_people(panel.unlock, panel)
        )

    def perform(self, form):
        return scoring.panellist_add(
            actor=self.request.user, panel=self.object.panel, person=form.cleaned_data["person"]
        )


class RecruitmentShortlistView(_DetailFormMixin, ServiceFormView):
    permission_required = "commissioning.manage_recruitment"
    form_class = forms.CandidateShortlistForm
    heading = "The shortlist for the adult panel"
    submit = "Send the shortlist"
    success_message = "The shortlist is saved and the panel is closed."

    def get_form(self, data=None, files=None):
        return self.form_class(data=data, candidates=self.object.candidates.all())

    def get_context_data(self, **context):
        return super().get_context_data(
            table=results_table(self.object.panel, viewer=self.request.user), **context
        )

    def perform(self, form):
        return services.recruitment_shortlist(
            actor=self.request.user,
            recruitment=self.object,
            candidates=list(form.cleaned_data["candidates"]),
            reasons=form.cleaned_data["reasons"],
        )


class RecruitmentStartView(RecruitmentMixin, ServiceActionView):
    permission_required = "commissioning.manage_recruitment"
    success_message = "The panel has started. The young people can score the candidates."

    def perform(self):
        return services.recruitment_start(actor=self.request.user, recruitment=self.object)


class RecruitmentCloseView(RecruitmentMixin, ServiceActionView):
    permission_required = "commissioning.manage_recruitment"
    success_message = "Finished. The candidates' details will be erased in 6 months."

    def perform(self):
        return services.recruitment_close(actor=self.request.user, recruitment=self.object)
