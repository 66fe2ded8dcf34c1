"""Standing in an election, and withdrawing."""

from django.http import Http404
from django.urls import reverse

from participation.views.base import ServiceActionView, ServiceFormView

from .. import selectors, services
from ..forms import StandForm
from .base import ElectionPageMixin


class StandingMixin(ElectionPageMixin):
    permission_required = "elections.stand"
    role_first = True

    def has_permission(self):
        allowed = super().has_permission()
        if self.object.is_topic_ballot:
            raise Http404("Nobody stands in a topic ballot")
        return allowed

    def standing(self) -> dict:
        """Where this person may stand (or the first constituency's reason), and what they have
        already done there."""
        election = self.object
        constituencies = selectors.constituencies_with_candidates(election=election)
        status = selectors.voter_status(
            election=election, constituencies=constituencies, user=self.request.user
        )
        constituency = next(
            (c for c in constituencies if not status[c.pk]["reason"]), constituencies[0]
        )
        mine = status[constituency.pk]
        flags = (
            selectors.candidate_flags(
                candidate=mine["candidacy"], election=election, user=self.request.user
            )
            if mine["candidacy"]
            else {}
        )
        return {"constituency": constituency, "mine": mine, "flags": flags}


class StandView(StandingMixin, ServiceFormView):
    template_name = "elections/stand.html"
    form_class = StandForm
    success_message = "Thank you for standing. A worker will check your manifesto and tell you."

    def has_permission(self):
        allowed = super().has_permission()
        self.here = self.standing()
        return allowed

    def get_form_kwargs(self):
        return {"constituency": self.here["constituency"]}

    def get_context_data(self, **context):
        return {"election": self.object, **self.here, **context}

    def perform(self, form):
        return services.candidate_stand(
            user=self.request.user,
            constituency=self.here["constituency"],
            manifesto=form.cleaned_data["manifesto"],
            reserved_seat=form.cleaned_data.get("reserved_seat"),
        )

    def get_success_url(self, result):
        return reverse("elections:detail", args=[self.object.pk])


class WithdrawView(StandingMixin, ServiceActionView):
    success_message = "You have withdrawn. You are no longer standing."

    def perform(self):
        candidacy = self.standing()["mine"]["candidacy"]
        if candidacy is None:
            raise Http404("You are not standing here")
        return services.candidate_withdraw(user=self.request.user, candidate=candidacy)

    def get_success_url(self, result):
        return reverse("elections:detail", args=[self.object.pk])
