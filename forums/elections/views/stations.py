"""A polling station's pages: turnout, its electorate, voting codes, printables, paper count."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from participation.forms.base import run_service
from participation.views.base import ServiceFormView

from .. import selectors, services
from ..codes import format_voting_code
from ..forms import CodesForm, ElectorateForm, paper_count_form
from .base import StationPageMixin


def station_context(request, station, *, electorate_form=None, codes_form=None) -> dict:
    election = station.election
    return {
        "station": station,
        "election": election,
        "flags": selectors.election_flags(election=election, user=request.user),
        "turnout": selectors.station_turnout(station=station),
        "paper": selectors.paper_count_status(station=station),
        "electorate_form": electorate_form
        or ElectorateForm(initial={"electorate": station.electorate}),
        "codes_form": codes_form or CodesForm(),
    }


class StationView(StationPageMixin, ServiceFormView):
    """The station's page; its form sets how many young people can vote there."""

    template_name = "elections/station.html"
    form_class = ElectorateForm
    success_message = "Saved."

    def get_form(self, data=None, files=None):
        if data is None:
            return ElectorateForm(initial={"electorate": self.station.electorate})
        return ElectorateForm(data)

    def get_context_data(self, **context):
        return station_context(self.request, self.station, electorate_form=context["form"])

    def perform(self, form):
        return services.station_electorate_set(
            actor=self.request.user,
            station=self.station,
            electorate=form.cleaned_data["electorate"],
        )

    def get_success_url(self, result):
        return reverse("elections:station", args=[self.station.pk])


class StationCodesView(StationPageMixin, ServiceFormView):
    """Make voting codes and show them once, ready to print and cut out."""

    http_method_names = ["post"]
    template_name = "elections/station.html"
    form_class = CodesForm

    def get_context_data(self, **context):
        return station_context(self.request, self.station, codes_form=context["form"])

    def perform(self, form):
        return services.voting_codes_issue(
            actor=self.request.user, station=self.station, count=form.cleaned_data["count"]
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        codes = form.is_valid() and run_service(form, lambda: self.perform(form))
        if not codes:
            return self.render_form(form, status=400)
        return render(
            request,
            "elections/print_codes.html",
            {
                "station": self.station,
                "election": self.station.election,
                "codes": [format_voting_code(c) for c in codes],
                "vote_url": request.build_absolute_uri(
                    reverse("elections:code_vote", args=[self.station.election_id])
                ),
            },
        )


class StationPrintView(StationPageMixin, View):
    """Ballot papers and candidate leaflets for one polling station, to print on A4."""

    def get(self, request, station_pk, what):
        station = self.station
        election = station.election
        if what not in ("ballot-papers", "leaflets"):
            raise Http404("Nothing to print by that name")
        copies = 4 if what == "ballot-papers" else 1
        return render(
            request,
            f"elections/print_{what.replace('-', '_')}.html",
            {
                "station": station,
                "election": election,
                "candidates": selectors.approved_candidates(constituency=station.constituency),
                "topics": selectors.topics_of(election=election),
                "copies": range(copies),
            },
        )


class StationCountView(StationPageMixin, ServiceFormView):
    template_name = "elections/station_count.html"

    def has_permission(self):
        allowed = super().has_permission()
        if allowed:
            self.choices = selectors.paper_choices(station=self.station)
        return allowed

    def get_form(self, data=None, files=None):
        return paper_count_form(self.choices)(data)

    def get_context_data(self, **context):
        names = dict(self.choices)
        paper = selectors.paper_count_status(station=self.station)
        differences = [
            (names.get(int(label), label) if str(label).isdigit() else label, mine, other)
            for label, mine, other in paper["differences"]
        ]
        return {
            "station": self.station,
            "election": self.station.election,
            "paper": paper,
            "differences": differences,
            **context,
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.paper_count_enter(
            actor=self.request.user,
            station=self.station,
            papers=data["papers"],
            spoilt=data["spoilt"],
            blank=data["blank"],
            figures={
                int(name.removeprefix("choice_")): value
                for name, value in data.items()
                if name.startswith("choice_")
            },
        )

    def get_success_message(self, status):
        return {
            "confirmed": "Both counts match. The paper count is now in the result.",
            "waiting": "Saved. A second person must now enter the same count.",
            "mismatch": "Your count is saved, but it does not match the other count. Count "
            "the papers again together, then enter the right figures. The paper count is not "
            "in the result until the two counts match.",
        }[status["state"]]

    def get_success_level(self, status):
        return messages.WARNING if status["state"] == "mismatch" else messages.SUCCESS

    def get_success_url(self, result):
        return reverse("elections:station_count", args=[self.station.pk])
