"""Pages of a round: the list, setting one up, its page, the specification and criteria."""

from decimal import Decimal

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from participation.access import allowed
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)

from .. import forms, selectors, services
from ..models import ROUND_FLOW, STATEMENT_FLOW, Stage, Statement
from ..selectors import found

MOVE_WORDS = {
    "open_bids": "Open the round for bids",
    "start_evaluation": "Start scoring the bids",
    "start_presentations": "Start the presentations",
    "start_decision": "Finish scoring the presentations",
}


class RoundMixin:
    """The round named by the URL's slug is the page's object."""

    def get_object(self):
        return found(selectors.round_by_slug(self.kwargs["slug"]))

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "round": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("commissioning:round_detail", args=[self.object.slug])


class RoundListView(CachedPageMixin, PermissionPageMixin, View):
    permission_required = "commissioning.view_round"

    def get(self, request):
        return render(
            request,
            "commissioning/round_list.html",
            {
                "rounds": selectors.round_list(),
                "can_manage": allowed(request.user, "commissioning.manage_round"),
                "recruitments": allowed(request.user, "commissioning.manage_recruitment"),
            },
        )


class RoundCreateView(ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/round_form.html"
    form_class = forms.RoundForm
    success_message = "The round is set up. Now write the first part of the specification."

    def get_form(self, data=None, files=None):
        return self.form_class(
            data=data,
            initial={
                "quality_weight": 60,
                "price_weight": 20,
                "presentation_weight": 20,
                "shortlist_size": 3,
                "contract_months": 36,
            },
        )

    def perform(self, form):
        return services.round_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, round) -> str:
        return reverse("commissioning:spec_draft", args=[round.slug])


class RoundEditView(RoundMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/round_form.html"
    form_class = forms.RoundForm
    success_message = "The round is saved."

    def get_form(self, data=None, files=None):
        round = self.object
        initial = {f: getattr(round, f) for f in services.rounds.ROUND_FIELDS}
        initial["budget"] = Decimal(round.budget_pence) / 100
        for name in ("bids_close_at", "evaluation_ends_at", "presentations_at"):
            initial[name] = timezone.localtime(initial[name])
        return self.form_class(data=data, initial=initial)

    def perform(self, form):
        return services.round_update(
            actor=self.request.user, round=self.object, **form.service_kwargs()
        )


class RoundDetailView(CachedPageMixin, RoundMixin, ObjectPageMixin, View):
    permission_required = "commissioning.view_round"

    def get(self, request, slug):
        round = self.object
        user = request.user
        can_manage = allowed(user, "commissioning.manage_round", round)
        moves = [
            (name, words)
            for name, words in MOVE_WORDS.items()
            if can_manage and ROUND_FLOW.is_possible(round, name)
        ]
        return render(
            request,
            "commissioning/round_detail.html",
            {
                "round": round,
                "stages": selectors.stage_rows(round),
                "version": selectors.latest_version(round),
                "criteria": selectors.criteria_of(round.rubric),
                "questions": selectors.criteria_of(round.presentation_rubric),
                "clarifications": selectors.answered_clarifications(round),
                "can_manage": can_manage,
                "moves": moves,
                "can_bid": allowed(user, "commissioning.bid", round),
                "my_bid": selectors.my_bid(user, round),
                "is_open": round.is_open_for_bids(),
                "in_co_design": round.stage == Stage.CO_DESIGN,
                "can_co_design": allowed(user, "commissioning.co_design", round),
                "can_decide": can_manage and round.stage == Stage.DECISION,
            },
        )


class RoundMoveView(RoundMixin, ServiceActionView):
    permission_required = "commissioning.manage_round"

    def perform(self):
        return services.round_move(
            actor=self.request.user, round=self.object, move=self.kwargs["move"]
        )

    def get_success_message(self, result) -> str:
        return f"Done. The round is now at: {result.get_stage_display()}."


# --- The specification ----------------------------------------------------------------------


class SpecDraftView(CachedPageMixin, RoundMixin, ObjectPageMixin, View):
    permission_required = "commissioning.co_design"

    def get(self, request, slug):
        return self.render_page()

    def render_page(self, *, status=200, forms_for=None):
        round, user = self.object, self.request.user
        forms_for = forms_for or {}
        sections = selectors.draft_sections(round, user)
        for row in sections:
            row.comment_form = forms_for.get(("comment", row.section.pk)) or forms.CommentForm(
                prefix=f"comment-{row.section.pk}"
            )
            row.statement_form = forms_for.get(
                ("statement", row.section.pk)
            ) or forms.StatementForm(prefix=f"statement-{row.section.pk}")
        return render(
            self.request,
            "commissioning/spec_draft.html",
            {
                "round": round,
                "sections": sections,
                "open": round.stage == Stage.CO_DESIGN,
                "can_manage": allowed(user, "commissioning.manage_round", round),
                "can_prioritise": allowed(user, "commissioning.prioritise", round),
                "version": selectors.latest_version(round),
            },
            status=status,
        )


class _SectionChildMixin(RoundMixin):
    """A form posted from the draft page about one section: errors are shown on the draft
    page itself, beside that section, with what was typed kept."""

    kind = ""
    form_class = None

    def get_section(self):
        return found(self.object.sections.filter(pk=self.kwargs["section"]).first())

    def get_form(self, data=None, files=None):
        return self.form_class(data=data, prefix=f"{self.kind}-{self.kwargs['section']}")

    def render_form(self, form, status=200):
        page = SpecDraftView()
        page.request, page.kwargs, page.object = self.request, self.kwargs, self.object
        return page.render_page(status=status, forms_for={(self.kind, form_key(self)): form})

    def get_success_url(self, result) -> str:
        return reverse("commissioning:spec_draft", args=[self.object.slug]) + (
            f"#section-{self.kwargs['section']}"
        )


def form_key(view) -> int:
    return int(view.kwargs["section"])


class CommentAddView(_SectionChildMixin, ServiceFormView):
    permission_required = "commissioning.co_design"
    kind = "comment"
    form_class = forms.CommentForm
    success_message = "Thank you. Your comment is added."

    def perform(self, form):
        return services.comment_add(
            actor=self.request.user, section=self.get_section(), text=form.cleaned_data["text"]
        )


class StatementProposeView(_SectionChildMixin, ServiceFormView):
    permission_required = "commissioning.co_design"
    kind = "statement"
    form_class = forms.StatementForm
    success_message = "Thank you. Your idea is added for everyone to choose from."

    def perform(self, form):
        return services.statement_propose(
            actor=self.request.user, section=self.get_section(), text=form.cleaned_data["text"]
        )


class SectionFormView(RoundMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/section_form.html"
    form_class = forms.SectionForm
    success_message = "The section is saved."

    def get_section(self):
        if "section" not in self.kwargs:
            return None
        return found(self.object.sections.filter(pk=self.kwargs["section"]).first())

    def get_form(self, data=None, files=None):
        section = self.get_section()
        initial = {"title": section.title, "body": section.body} if section else {}
        return self.form_class(data=data, initial=initial)

    def get_context_data(self, **context):
        return super().get_context_data(section=self.get_section(), **context)

    def perform(self, form):
        return services.section_save(
            actor=self.request.user,
            round=self.object,
            section=self.get_section(),
            **form.cleaned_data,
        )

    def get_success_url(self, section) -> str:
        return reverse("commissioning:spec_draft", args=[self.object.slug])


class _StatementMixin:
    def get_object(self):
        statement = found(
            Statement.objects.filter(pk=self.kwargs["pk"]).select_related("section__round").first()
        )
        self.statement = statement
        return statement.section.round

    def get_success_url(self, result) -> str:
        return reverse("commissioning:spec_draft", args=[self.object.slug]) + (
            f"#section-{self.statement.section_id}"
        )


class StatementPrioritiseView(_StatementMixin, ServiceActionView):
    permission_required = "commissioning.prioritise"

    def perform(self):
        return services.statement_prioritise(
            actor=self.request.user,
            statement=self.statement,
            matters=self.request.POST.get("matters") != "0",
        )

    def get_success_message(self, chosen) -> str:
        return "Chosen as one that matters most to you." if chosen else "Taken off your choices."


class StatementDecideView(_StatementMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/statement_decide.html"
    form_class = forms.DecideForm

    def get_context_data(self, **context):
        return {
            "object": self.object,
            "round": self.object,
            "statement": self.statement,
            "can_accept": STATEMENT_FLOW.is_possible(self.statement, "accept"),
            **context,
        }

    def perform(self, form):
        return services.statement_decide(
            actor=self.request.user,
            statement=self.statement,
            accept=form.cleaned_data["decision"] == "accepted",
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, statement) -> str:
        return f"Saved: {statement.get_status_display().lower()}."


class SpecPublishView(RoundMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/spec_publish.html"
    form_class = forms.PublishForm
    success_message = "The new version is published. Everyone who helped has been told."

    def get_context_data(self, **context):
        return super().get_context_data(
            version=selectors.latest_version(self.object),
            sections=selectors.draft_sections(self.object, self.request.user),
            **context,
        )

    def perform(self, form):
        return services.spec_publish(
            actor=self.request.user, round=self.object, **form.cleaned_data
        )

    def get_success_url(self, version) -> str:
        return reverse("commissioning:spec_versions", args=[self.object.slug])


class SpecVersionsView(RoundMixin, ObjectPageMixin, View):
    """Two versions side by side (the newest two unless others are chosen)."""

    permission_required = "commissioning.view_round"

    def get(self, request, slug):
        versions = selectors.versions_of(self.object)
        by_number = {v.number: v for v in versions}

        def pick(name, default):
            try:
                return by_number.get(int(request.GET.get(name, "")), default)
            except ValueError:
                return default

        right = pick("right", versions[-1] if versions else None)
        left = pick("left", versions[-2] if len(versions) > 1 else right)
        return render(
            request,
            "commissioning/spec_versions.html",
            {
                "round": self.object,
                "versions": versions,
                "left": left,
                "right": right,
                "rows": selectors.side_by_side(left, right) if left and right else [],
            },
        )


class CriteriaEditView(RoundMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/criteria_form.html"
    form_class = forms.CriteriaForm
    which = "quality"

    def rubric(self):
        return self.object.rubric if self.which == "quality" else self.object.presentation_rubric

    def get_form(self, data=None, files=None):
        return self.form_class(data=data, criteria=selectors.criteria_of(self.rubric()))

    def get_context_data(self, **context):
        return super().get_context_data(which=self.which, **context)

    def perform(self, form):
        return services.criteria_set(
            actor=self.request.user, round=self.object, criteria=form.criteria(), which=self.which
        )

    def get_success_message(self, result) -> str:
        return "The criteria are saved. Their weights add up to 100%."


class PresentationCriteriaEditView(CriteriaEditView):
    which = "presentation"
