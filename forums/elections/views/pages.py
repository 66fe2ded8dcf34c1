"""The list of elections, one election, setting one up, receipts and results."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from participation.views.base import CachedPageMixin, ServiceFormView

from .. import selectors, services
from ..codes import format_receipt, normalise_receipt, receipt_text
from ..forms import ElectionForm, ReceiptCheckForm
from .base import ElectionPageMixin


class ElectionListView(CachedPageMixin, LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "elections/list.html",
            {
                "elections": selectors.election_list_for(user=request.user),
                "can_create": request.user.has_perm("elections.create_election"),
                "now": timezone.now(),
            },
        )


class ElectionCreateView(ServiceFormView):
    permission_required = "elections.create_election"
    template_name = "elections/create.html"
    form_class = ElectionForm
    success_message = "Election saved. Check it, then publish it."

    def perform(self, form):
        return services.election_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self, result):
        return reverse("elections:manage", args=[result.pk])


class ElectionDetailView(CachedPageMixin, ElectionPageMixin, View):
    permission_required = "elections.view_elections"

    def get(self, request, pk):
        election = self.object
        constituencies = selectors.constituencies_with_candidates(election=election)
        status = selectors.voter_status(
            election=election, constituencies=constituencies, user=request.user
        )
        for constituency in constituencies:
            constituency.mine = status.get(constituency.pk)
        return render(
            request,
            "elections/detail.html",
            {
                "election": election,
                "constituencies": constituencies,
                "topics": selectors.topics_of(election=election),
                "flags": selectors.election_flags(election=election, user=request.user),
            },
        )


class ReceiptsView(View):
    """The published list of counted receipts, and a box to check your own."""

    PAGE_SIZE = 500

    def get(self, request, pk):
        election = selectors.election_or_404(user=request.user, pk=pk)
        form = ReceiptCheckForm(request.GET if "code" in request.GET else None)
        found = None
        if form.is_bound and form.is_valid():
            code = normalise_receipt(form.cleaned_data["code"])
            found = selectors.receipt_is_in(election=election, code=code)
            if not found:
                form.add_error(
                    "code",
                    "We can't find that code in this election. Check each letter and number.",
                )
        page = Paginator(selectors.receipts_for(election=election), self.PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "elections/receipts.html",
            {
                "election": election,
                "form": form,
                "found": found,
                "page": page,
                "codes": [format_receipt(receipt_text(n)) for n in page.object_list],
                "flags": selectors.election_flags(election=election, user=request.user),
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )


def _results_context(request, election) -> dict:
    flags = selectors.election_flags(election=election, user=request.user)
    return {
        "election": election,
        "flags": flags,
        "results": selectors.results_for(election=election, viewer=request.user),
        "topics": selectors.topic_results_for(election=election)
        if election.is_topic_ballot
        else [],
        "can_manage": flags["can_manage"],
    }


class ResultsView(CachedPageMixin, View):
    """Results are public once counted (first names and initials for anyone not logged in),
    except for elections only their members may see (see selectors.elections_visible_to)."""

    def get(self, request, pk):
        election = selectors.election_or_404(user=request.user, pk=pk)
        if not request.user.has_perm("elections.view_results", election):
            messages.info(request, "The results come out after voting closes.")
            return redirect("elections:detail", pk)
        context = _results_context(request, election)
        if election.is_topic_ballot and context["flags"]["closed"]:
            context["breakdown"] = selectors.topic_breakdown(election=election)
        return render(request, "elections/results.html", context)


class ResultsSheetView(View):
    """The results on one A4 sheet, to print or pin up."""

    def get(self, request, pk):
        election = selectors.election_or_404(user=request.user, pk=pk)
        if (
            not request.user.has_perm("elections.view_results", election)
            or not (selectors.election_flags(election=election, user=request.user)["closed"])
        ):
            raise Http404("No results yet")
        return render(request, "elections/print_results.html", _results_context(request, election))
