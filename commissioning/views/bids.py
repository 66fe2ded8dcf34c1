"""Pages of bids and clarification questions."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from participation.access import allowed
from participation.views.base import ObjectPageMixin, ServiceActionView, ServiceFormView

from .. import forms, selectors, services
from ..models import BID_FLOW, BidAttachment, Clarification
from ..permissions import provider_organisation_ids
from ..selectors import found
from .mfa import ProviderMFAMixin
from .rounds import RoundMixin

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
}


class BidEditView(ProviderMFAMixin, RoundMixin, ServiceFormView):
    """A provider writes its bid: an answer per criterion and the price, saved as a draft."""

    permission_required = "commissioning.bid"
    template_name = "commissioning/bid_form.html"
    form_class = forms.BidForm
    success_message = "Your draft is saved. It is not sent until you choose 'Send the bid'."

    def organisation(self):
        from participation.models import Organisation

        ids = sorted(provider_organisation_ids(self.request.user))
        return Organisation.objects.get(pk=ids[0])

    def get_form(self, data=None, files=None):
        bid = selectors.my_bid(self.request.user, self.object)
        answers = dict(bid.answers.values_list("criterion_id", "text")) if bid else {}
        return self.form_class(
            data=data,
            criteria=selectors.criteria_of(self.object.rubric),
            answers=answers,
            price_pence=bid.price_pence if bid else None,
        )

    def get_context_data(self, **context):
        return super().get_context_data(
            bid=selectors.my_bid(self.request.user, self.object),
            is_open=self.object.is_open_for_bids(),
            **context,
        )

    def perform(self, form):
        return services.bid_save(
            actor=self.request.user,
            round=self.object,
            organisation=self.organisation(),
            answers=form.answers(),
            price_pence=forms.pence(form.cleaned_data.get("price")),
        )

    def get_success_url(self, bid) -> str:
        return reverse("commissioning:bid_detail", args=[bid.pk])


class BidMixin:
    def get_object(self):
        return selectors.bid_for(self.request.user, self.kwargs["pk"])

    def get_success_url(self, result) -> str:
        return reverse("commissioning:bid_detail", args=[self.object.pk])


class BidDetailView(ProviderMFAMixin, BidMixin, ObjectPageMixin, View):
    permission_required = "commissioning.view_bid"

    def get(self, request, pk):
        bid, user = self.object, request.user
        can_edit = allowed(user, "commissioning.edit_bid", bid)
        is_open = bid.round.is_open_for_bids()
        return render(
            request,
            "commissioning/bid_detail.html",
            {
                "bid": bid,
                "round": bid.round,
                "answers": selectors.answers_of(bid),
                "attachments": list(bid.attachments.all()),
                "show_price": allowed(user, "commissioning.view_price", bid),
                "can_edit": can_edit and is_open,
                "can_submit": can_edit and is_open and BID_FLOW.is_possible(bid, "submit"),
                "can_reopen": can_edit and is_open and BID_FLOW.is_possible(bid, "reopen"),
                "can_withdraw": can_edit and is_open and BID_FLOW.is_possible(bid, "withdraw"),
                "can_attach": can_edit and is_open and bid.status == "draft",
                "is_open": is_open,
                "feedback_ready": hasattr(bid.round, "decision")
                and allowed(user, "commissioning.view_feedback", bid),
            },
        )


class BidSubmitView(ProviderMFAMixin, BidMixin, ServiceActionView):
    permission_required = "commissioning.edit_bid"
    success_message = "Your bid has been sent. You can change it until the closing time."

    def perform(self):
        return services.bid_submit(actor=self.request.user, bid=self.object)


class BidReopenView(ProviderMFAMixin, BidMixin, ServiceActionView):
    permission_required = "commissioning.edit_bid"
    success_message = (
        "You can change your bid now. Remember to send it again before the closing time."
    )

    def perform(self):
        return services.bid_reopen(actor=self.request.user, bid=self.object)

    def get_success_url(self, result) -> str:
        return reverse("commissioning:bid_edit", args=[self.object.round.slug])

    def get_failure_url(self) -> str:
        return reverse("commissioning:bid_detail", args=[self.object.pk])


class BidWithdrawView(ProviderMFAMixin, BidMixin, ServiceActionView):
    permission_required = "commissioning.edit_bid"
    success_message = "Your bid has been withdrawn."

    def perform(self):
        return services.bid_withdraw(actor=self.request.user, bid=self.object)


class AttachmentAddView(ProviderMFAMixin, BidMixin, ServiceFormView):
    permission_required = "commissioning.edit_bid"
    template_name = "commissioning/attachment_form.html"
    form_class = forms.AttachmentForm
    success_message = "The file is added to your bid."

    def get_context_data(self, **context):
        return super().get_context_data(bid=self.object, **context)

    def perform(self, form):
        return services.attachment_add(
            actor=self.request.user,
            bid=self.object,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["upload"],
        )


class AttachmentFileView(ProviderMFAMixin, ObjectPageMixin, View):
    """A bid's file, only for those who may see the bid. Always a download, with the type its
    content was found to be, so a browser never runs it as a page."""

    permission_required = "commissioning.view_bid"

    def get_object(self):
        attachment = found(
            BidAttachment.objects.filter(pk=self.kwargs["pk"])
            .select_related("bid__round", "bid__organisation")
            .first()
        )
        # Someone who may not see the bid is told it does not exist, as on the bid's page.
        if not allowed(self.request.user, "commissioning.view_bid", attachment.bid):
            raise Http404("Not found")
        self.attachment = attachment
        return attachment.bid

    def get(self, request, pk):
        content_type = CONTENT_TYPES.get(self.attachment.file_kind)
        if content_type is None:
            raise Http404("Not found")
        response = FileResponse(
            self.attachment.file.open("rb"),
            as_attachment=True,
            filename=self.attachment.file_name,
            content_type=content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ClarificationsView(ProviderMFAMixin, RoundMixin, ServiceFormView):
    """The round's questions and answers; a provider asks here, a worker sees what is waiting."""

    permission_required = "commissioning.view_round"
    template_name = "commissioning/clarifications.html"
    form_class = forms.ClarificationForm
    success_message = "Your question is sent. The answer will go to every bidder."

    def get_context_data(self, **context):
        user = self.request.user
        return super().get_context_data(
            clarifications=selectors.clarifications_for(user, self.object),
            can_ask=allowed(user, "commissioning.ask_clarification", self.object)
            and self.object.is_open_for_bids(),
            can_answer=allowed(user, "commissioning.answer_clarification", self.object),
            **context,
        )

    def post(self, request, *args, **kwargs):
        if not allowed(request.user, "commissioning.ask_clarification", self.object):
            raise Http404("Not found")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.clarification_ask(
            actor=self.request.user, round=self.object, question=form.cleaned_data["question"]
        )

    def get_success_url(self, result) -> str:
        return reverse("commissioning:clarifications", args=[self.object.slug])


class ClarificationAnswerView(ServiceFormView):
    permission_required = "commissioning.answer_clarification"
    template_name = "commissioning/clarification_answer.html"
    form_class = forms.AnswerForm
    success_message = "The answer has gone to every bidder."

    def get_object(self):
        self.clarification = found(
            Clarification.objects.filter(pk=self.kwargs["pk"]).select_related("round").first()
        )
        return self.clarification.round

    def get_context_data(self, **context):
        return super().get_context_data(
            round=self.object, clarification=self.clarification, **context
        )

    def perform(self, form):
        return services.clarification_answer(
            actor=self.request.user,
            clarification=self.clarification,
            answer=form.cleaned_data["answer"],
        )

    def get_success_url(self, result) -> str:
        return reverse("commissioning:clarifications", args=[self.object.slug])
