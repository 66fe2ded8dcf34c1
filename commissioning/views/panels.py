"""Panel pages: running a panel, scoring an item, moderation, the shortlist, the decision,
feedback and the round's record. The engine keeps the scores blind; these pages only ask it."""

from django.shortcuts import render
from django.urls import reverse
from django.views import View

from participation.scoring import services as scoring
from participation.scoring.forms import ModerateForm, SheetForm
from participation.scoring.models import Criterion, Panellist
from participation.scoring.permissions import score_refusal
from participation.scoring.selectors import (
    progress,
    results_table,
    sheet_of,
    visible_sheets,
)
from participation.views.base import (
    CachedPageMixin,
    ObjectPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)

from .. import forms, selectors, services
from ..models import BidStatus, Stage
from ..selectors import found
from .mfa import ProviderMFAMixin
from .rounds import RoundMixin

WHICH = {"quality": "the written bids", "presentation": "the presentations (Dragon's Den)"}


class MyPanelsView(CachedPageMixin, PermissionPageMixin, View):
    permission_required = "commissioning.evaluate"

    def get(self, request):
        return render(
            request, "commissioning/my_panels.html", {"places": selectors.my_panels(request.user)}
        )


class _PanelMixin(RoundMixin):
    def get_panel(self):
        if self.kwargs["which"] not in WHICH:
            found(None)
        return selectors.panel_of(self.object, self.kwargs["which"])

    def get_success_url(self, result) -> str:
        return reverse("commissioning:panel", args=[self.object.slug, self.kwargs["which"]])


class PanelView(_PanelMixin, ServiceFormView):
    """A worker runs a panel: who is on it, how far each bid has got (no scores until all are
    in), and adding trained young people."""

    permission_required = "commissioning.manage_round"
    template_name = "commissioning/panel.html"
    form_class = forms.PanellistForm
    success_message = "Added to the panel."

    def get_form(self, data=None, files=None):
        panel = self.get_panel()
        return self.form_class(
            data=data, people=selectors.trained_young_people(panel.unlock, panel)
        )

    def get_context_data(self, **context):
        panel = self.get_panel()
        return super().get_context_data(
            panel=panel,
            which=self.kwargs["which"],
            which_words=WHICH[self.kwargs["which"]],
            panellists=selectors.panellists_of(panel),
            progress=progress(panel),
            **context,
        )

    def perform(self, form):
        return scoring.panellist_add(
            actor=self.request.user, panel=self.get_panel(), person=form.cleaned_data["person"]
        )


class PanellistRemoveView(ServiceActionView):
    permission_required = "scoring.manage_panel"
    success_message = "Taken off the panel."

    def get_object(self):
        self.panellist = found(
            Panellist.objects.filter(pk=self.kwargs["pk"]).select_related("panel").first()
        )
        return self.panellist.panel

    def perform(self):
        return scoring.panellist_remove(actor=self.request.user, panellist=self.panellist)

    def get_success_url(self, result) -> str:
        return selectors.panel_page_url(self.panellist.panel)


def _person(request):
    """The logged-in person, unwrapped from the request's lazy object: the engine keeps what it
    has worked out (on the panel? trained?) on the person object the permission check saw, so
    asking again with the same object costs no more queries."""
    user = request.user
    user.pk  # noqa: B018  (loads the lazy user)
    return getattr(user, "_wrapped", user)


def _scoring_context(view, *, sheet_form=None, declaration_form=None) -> dict:
    """What the scoring page needs, in at most 8 queries (a young person's page budget): the
    bid's own words are on its page (`bid_detail`, open to the panel, without the price)."""
    item, user = view.object, _person(view.request)
    panel = item.panel
    own = sheet_of(user, item)
    sent = own is not None and own.is_submitted
    declared, conflict = item.declared, item.declared_conflict
    why_not = ""
    if sent:
        sheets = visible_sheets(user, item)
    else:
        sheets = []
        why_not = score_refusal(user, item)
        if not why_not and not panel.is_open:
            why_not = "This panel is closed, so scores can't be changed now."
        elif not why_not and panel.is_past_deadline():
            why_not = "The time for sending scores has passed. Ask the participation worker."
    may = not sent and not why_not
    if sheet_form is None and may and declared and not conflict:
        criteria = list(panel.rubric.criteria.order_by("number"))
        sheet_form = SheetForm(criteria, sheet=own, rubric=panel.rubric)
    kind, _, pk = item.ref.partition(":")
    return {
        "item": item,
        "panel": panel,
        "bid_pk": int(pk) if kind == "commissioning.bid" else None,
        "declared": declared,
        "conflict": conflict,
        "declaration_form": declaration_form or forms.DeclarationForm(),
        "sheet_form": sheet_form,
        "may_score": may,
        "why_not": why_not,
        "sent": sent,
        "sheets": sheets,
        "own": own,
    }


class _ItemMixin:
    def get_object(self):
        return selectors.item_by_pk(self.kwargs["pk"], person=self.request.user)

    def get_success_url(self, result) -> str:
        return reverse("commissioning:score", args=[self.object.pk])


class ScoreView(_ItemMixin, ServiceFormView):
    """A panellist scores one item: the conflict form first, then the sheet; once sent, the
    others' scores (the engine shows them only then)."""

    permission_required = "scoring.declare_conflict"
    template_name = "commissioning/score.html"

    def get(self, request, *args, **kwargs):
        # The page builds its own sheet form (only when the person may score).
        return self.render_form(None)

    def get_form(self, data=None, files=None):
        item = self.object
        criteria = list(item.panel.rubric.criteria.order_by("number"))
        return SheetForm(
            criteria, sheet=sheet_of(self.request.user, item), data=data, rubric=item.panel.rubric
        )

    def render_form(self, form, status=200):
        sheet_form = form if form is not None and form.is_bound else None
        return render(
            self.request,
            self.template_name,
            _scoring_context(self, sheet_form=sheet_form),
            status=status,
        )

    def perform(self, form):
        return services.scores_save(
            actor=self.request.user,
            item=self.object,
            scores=form.scores(),
            send=form.wants_to_send,
        )

    def get_success_message(self, sheet) -> str:
        if sheet.is_submitted:
            return "Your scores are sent. You can now see what the others scored."
        return "Saved. Nobody else can see your scores."


class DeclareView(_ItemMixin, ServiceFormView):
    permission_required = "scoring.declare_conflict"
    template_name = "commissioning/score.html"
    form_class = forms.DeclarationForm

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            _scoring_context(self, declaration_form=form),
            status=status,
        )

    def perform(self, form):
        return services.declaration_make(
            actor=self.request.user, item=self.object, **form.cleaned_data
        )

    def get_success_message(self, declaration) -> str:
        if declaration.has_conflict:
            return "Thank you for saying. Someone else will score this one."
        return "Thank you. You can score it now."


class ModerationView(_PanelMixin, ObjectPageMixin, View):
    """Spreads, flags, moderated scores, weighted totals and ranks: only once every panellist
    has sent their scores (the engine says None until then)."""

    permission_required = "scoring.moderate"

    def get(self, request, slug, which):
        panel = self.get_panel()
        table = results_table(panel, viewer=request.user)
        round = self.object
        return render(
            request,
            "commissioning/moderation.html",
            {
                "round": round,
                "panel": panel,
                "which": which,
                "which_words": WHICH[which],
                "table": table,
                "progress": progress(panel) if table is None else None,
                "can_shortlist": which == "quality" and round.stage == Stage.EVALUATION,
                "can_decide": round.stage == Stage.DECISION,
            },
        )


class ModerateView(_ItemMixin, ServiceFormView):
    permission_required = "scoring.moderate"
    template_name = "commissioning/moderate.html"

    def criteria(self):
        return list(Criterion.objects.filter(rubric_id=self.object.panel.rubric_id))

    def get_form(self, data=None, files=None):
        initial = {}
        if "criterion" in self.request.GET:
            initial["criterion"] = self.request.GET["criterion"]
        return ModerateForm(
            self.criteria(), data=data, rubric=self.object.panel.rubric, initial=initial
        )

    def get_context_data(self, **context):
        owner = selectors.owner_of(self.object)
        return super().get_context_data(
            item=self.object,
            owner=owner,
            sheets=visible_sheets(self.request.user, self.object),
            criteria=self.criteria(),
            **context,
        )

    def perform(self, form):
        return scoring.score_moderate(
            actor=self.request.user, item=self.object, **form.service_kwargs()
        )

    def get_success_message(self, result) -> str:
        return "The agreed score and its reason are saved."

    def get_success_url(self, result) -> str:
        owner = selectors.owner_of(self.object)
        if owner.round is not None:
            which = "presentation" if owner.presentation else "quality"
            return reverse("commissioning:moderation", args=[owner.round.slug, which])
        return reverse("commissioning:recruitment_detail", args=[owner.recruitment.pk])


class ShortlistView(RoundMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/shortlist.html"
    form_class = forms.ShortlistForm
    success_message = "The shortlist is saved, with the ranking behind it."

    def get_form(self, data=None, files=None):
        bids = self.object.bids.filter(status=BidStatus.SUBMITTED).select_related("organisation")
        return self.form_class(
            data=data,
            bids=bids,
            initial={"bids": [b.pk for b in bids if b.shortlisted_at]},
        )

    def perform(self, form):
        return services.shortlist_set(
            actor=self.request.user,
            round=self.object,
            bids=list(form.cleaned_data["bids"]),
            reasons=form.cleaned_data["reasons"],
        )


class DecisionView(RoundMixin, ServiceFormView):
    permission_required = "commissioning.manage_round"
    template_name = "commissioning/decision.html"
    form_class = forms.DecisionForm
    success_message = "The decision is recorded. Every organisation can now read its feedback."

    def get_form(self, data=None, files=None):
        bids = self.object.bids.filter(
            status=BidStatus.SUBMITTED, shortlisted_at__isnull=False
        ).select_related("organisation")
        return self.form_class(data=data, bids=bids)

    def get_context_data(self, **context):
        round = self.object
        tables = []
        for which in ("quality", "presentation"):
            pk = round.quality_panel_id if which == "quality" else round.presentation_panel_id
            if pk:
                panel = selectors.panel_of(round, which)
                tables.append((WHICH[which], results_table(panel, viewer=self.request.user)))
        return super().get_context_data(
            tables=tables, decided=hasattr(round, "decision"), **context
        )

    def perform(self, form):
        return services.decision_record(
            actor=self.request.user,
            round=self.object,
            chosen=form.cleaned_data["chosen"],
            reasons=form.cleaned_data["reasons"],
        )


class FeedbackView(ProviderMFAMixin, ObjectPageMixin, View):
    """A provider's feedback: its own scores and nobody else's."""

    permission_required = "commissioning.view_feedback"

    def get_object(self):
        return selectors.bid_for(self.request.user, self.kwargs["pk"])

    def get(self, request, pk):
        feedback = selectors.feedback_for(self.object)
        return render(
            request,
            "commissioning/feedback.html",
            {"bid": self.object, "round": self.object.round, "feedback": feedback},
        )


class AuditTrailView(RoundMixin, ObjectPageMixin, View):
    permission_required = "commissioning.view_audit"

    def get(self, request, slug):
        return render(
            request,
            "commissioning/audit.html",
            {"round": self.object, "events": selectors.audit_trail(self.object)},
        )
