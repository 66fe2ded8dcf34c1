"""A worker's page for one election, and one view per thing it lets them do: publish, close,
add a constituency, seats, a polling station or a topic, review a candidate, settle a tie,
adopt a topic as a campaign. Each is a POST to its own address that calls one service; a
refusal shows on the manage page, in the form it is about, with what was typed kept."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from participation.views.base import ServiceActionView, ServiceFormView

from .. import selectors, services
from ..forms import (
    AdoptForm,
    ConstituencyForm,
    ConstituencyRenameForm,
    ReservedSeatForm,
    ReviewForm,
    StationForm,
    TieForm,
    TopicForm,
)
from .base import ElectionPageMixin


def manage_context(request, election, **forms) -> dict:
    constituencies = selectors.constituencies_with_candidates(election=election, manager=True)
    flags = selectors.election_flags(election=election, user=request.user)
    ties = []
    if flags["closed"]:
        for constituency in constituencies:
            tie = (constituency.result or {}).get("tie")
            if tie:
                tied = [c for c in constituency.candidates.all() if c.pk in tie["candidates"]]
                form = forms.get(f"tie_{constituency.pk}") or TieForm(
                    tied=tied, places=tie["places"], constituency=constituency
                )
                ties.append({"constituency": constituency, "tie": tie, "form": form})
    now = timezone.now()
    for constituency in constituencies:
        # A refused rename still shows, with its reason, after the election is published.
        rename = forms.get(f"rename_{constituency.pk}")
        if rename is None and flags["can_set_up"]:
            rename = ConstituencyRenameForm(constituency=constituency)
        constituency.rename_form = rename
        for candidate in constituency.candidates.all():
            candidate.flags = selectors.candidate_flags(
                candidate=candidate, election=election, user=request.user, now=now
            )
    return {
        "election": election,
        "flags": flags,
        "constituencies": constituencies,
        "topics": selectors.topics_of(election=election),
        "seat_form": forms.get("seat") or ReservedSeatForm(election=election),
        "constituency_form": forms.get("constituency") or ConstituencyForm(),
        "station_form": forms.get("station") or StationForm(election=election),
        "stations": list(selectors.stations_for(user=request.user, election=election)),
        "topic_form": forms.get("topic") or TopicForm(),
        "review_errors": forms.get("review"),
        "ties": ties,
    }


class ManagePageMixin(ElectionPageMixin):
    permission_required = "elections.manage_election"

    def manage_url(self) -> str:
        return reverse("elections:manage", args=[self.object.pk])


class ManageView(ManagePageMixin, View):
    template_name = "elections/manage.html"

    def get(self, request, pk):
        return render(request, self.template_name, manage_context(request, self.object))


class ManageFormView(ManagePageMixin, ServiceFormView):
    """A form on the manage page; `slot` names its place there."""

    http_method_names = ["post"]
    template_name = "elections/manage.html"
    slot = ""

    def get_context_data(self, **context):
        return manage_context(self.request, self.object, **{self.slot: context["form"]})

    def get_success_url(self, result):
        return self.manage_url()


class ManageActionView(ManagePageMixin, ServiceActionView):
    def get_success_url(self, result):
        return self.manage_url()


class PublishView(ManageActionView):
    success_message = "Published. Young people can see it now."

    def perform(self):
        return services.election_publish(actor=self.request.user, election=self.object)


class CloseView(ManageActionView):
    success_message = "Voting is closed and the votes are counted."

    def perform(self):
        return services.election_close(actor=self.request.user, election=self.object)


class ConstituencyAddView(ManageFormView):
    form_class = ConstituencyForm
    slot = "constituency"
    success_message = "Constituency added."

    def perform(self, form):
        return services.constituency_add(
            actor=self.request.user,
            election=self.object,
            name=form.cleaned_data["name"],
            seats=form.cleaned_data["seats"],
            voters_area=form.cleaned_data["voters_area"],
        )


class ConstituencyRenameView(ManageFormView):
    form_class = ConstituencyRenameForm
    success_message = "Name changed."

    def has_permission(self):
        allowed = super().has_permission()
        self.constituency = selectors.constituency_of(
            election=self.object, pk=self.kwargs["constituency_pk"]
        )
        self.slot = f"rename_{self.constituency.pk}"
        return allowed

    def get_form_kwargs(self):
        return {"constituency": self.constituency}

    def perform(self, form):
        return services.constituency_rename(
            actor=self.request.user, constituency=self.constituency, name=form.cleaned_data["name"]
        )


class ReservedSeatAddView(ManageFormView):
    form_class = ReservedSeatForm
    slot = "seat"
    success_message = "Seats added."

    def get_form_kwargs(self):
        return {"election": self.object}

    def perform(self, form):
        return services.reserved_seat_add(
            actor=self.request.user,
            constituency=form.cleaned_data["constituency"],
            name=form.cleaned_data["name"],
            seats=form.cleaned_data["seats"],
        )


class StationAddView(ManageFormView):
    form_class = StationForm
    slot = "station"
    success_message = "Polling station added."

    def get_form_kwargs(self):
        return {"election": self.object}

    def perform(self, form):
        return services.polling_station_add(
            actor=self.request.user,
            constituency=form.cleaned_data["constituency"],
            organisation=form.cleaned_data["organisation"],
            contact=form.cleaned_data["contact"],
            electorate=form.cleaned_data["electorate"],
        )


class TopicAddView(ManageFormView):
    form_class = TopicForm
    slot = "topic"
    success_message = "Topic added."

    def perform(self, form):
        return services.topic_add(
            actor=self.request.user,
            election=self.object,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        )


class ReviewView(ManageFormView):
    form_class = ReviewForm
    slot = "review"

    def has_permission(self):
        allowed = super().has_permission()
        self.candidate = selectors.candidate_of(
            election=self.object, pk=self.kwargs["candidate_pk"]
        )
        return allowed

    def get_form_kwargs(self):
        # The decision form is written out by hand once per candidate, with ids like
        # reason-12; the error summary links to the same ids.
        return {"auto_id": f"%s-{self.candidate.pk}"}

    def get_context_data(self, **context):
        review = {"candidate": self.candidate.pk, "form": context["form"]}
        return manage_context(self.request, self.object, review=review)

    def perform(self, form):
        return services.candidate_review(
            actor=self.request.user,
            candidate=self.candidate,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, result):
        return f"Saved your decision on {self.candidate.name}."


class TieView(ManageFormView):
    form_class = TieForm

    def has_permission(self):
        allowed = super().has_permission()
        self.constituency = selectors.constituency_of(
            election=self.object, pk=self.kwargs["constituency_pk"]
        )
        self.slot = f"tie_{self.constituency.pk}"
        return allowed

    def get_form_kwargs(self):
        tie = (self.constituency.result or {}).get("tie") or {}
        return {
            "tied": selectors.tied_candidates(constituency=self.constituency),
            "places": tie.get("places", 1),
            "constituency": self.constituency,
        }

    def perform(self, form):
        return services.tie_resolve(
            actor=self.request.user,
            constituency=self.constituency,
            winner_ids=form.cleaned_data["winners"],
        )

    def get_success_message(self, final):
        if final is True:
            return "Tie settled. The result is final."
        return "Tie settled. There is another tie to settle."


class AdoptView(ManageActionView):
    def perform(self):
        self.topic = selectors.topic_of(election=self.object, pk=self.kwargs["topic_pk"])
        form = AdoptForm(self.request.POST)
        form.is_valid()
        return services.topic_adopt(
            actor=self.request.user,
            topic=self.topic,
            campaign_note=form.cleaned_data.get("campaign_note", ""),
        )

    def get_success_message(self, result):
        return f"{self.topic.title} is now a Youth Council campaign."
