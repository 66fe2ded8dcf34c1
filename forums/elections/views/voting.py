"""The ballot paper and casting it: by a logged-in young person, or with a one-time code."""

from django.http import Http404
from django.shortcuts import render
from django.views import View

from .. import selectors, services
from ..forms import BallotForm, CodeForm
from . import fast_vote
from .base import ElectionPageMixin
from .receipt import receipt_response

# How a refused ballot answers, by the refusal's code; anything else is 400.
STATUS = {"already_voted": 409, "not_eligible": 403}


def _refused(form: BallotForm) -> tuple[str, int]:
    message, code = form.problem
    if code == "not_found":
        raise Http404("No such ballot")
    return message, STATUS.get(code, 400)


class VoteView(ElectionPageMixin, View):
    """The ballot paper (GET) and casting it (POST; a clean ballot goes the fast way first)."""

    permission_required = "elections.vote"
    role_first = True
    template_name = "elections/vote.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            response = fast_vote.try_cast(request, kwargs["pk"])
            if response is not None:
                return response
        return super().dispatch(request, *args, **kwargs)

    def page(self, *, error="", chosen=(), status=200):
        election = self.object
        constituencies = selectors.constituencies_with_candidates(election=election)
        voter = selectors.voter_status(
            election=election, constituencies=constituencies, user=self.request.user
        )
        ballots = [
            {"constituency": c, **voter[c.pk]}
            for c in constituencies
            if not voter[c.pk]["reason"] or len(constituencies) == 1
        ]
        return render(
            self.request,
            self.template_name,
            {
                "election": election,
                "ballots": ballots,
                "topics": selectors.topics_of(election=election),
                "voting_open": election.voting_open(),
                "error": error,
                "chosen": {str(c) for c in chosen},
            },
            status=status,
        )

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        form = BallotForm(request.POST)
        result = form.is_valid() and form.cast(
            lambda: services.ballot_cast(
                election_id=pk,
                constituency_id=form.cleaned_data["constituency"],
                voter=request.user,
                choice_ids=form.cleaned_data["choices"],
            )
        )
        if result:
            return receipt_response(request, pk, result)
        error, status = _refused(form)
        return self.page(error=error, chosen=form.chosen, status=status)


class CodeVoteView(View):
    """Voting with a one-time code, for young people without an account. No log-in."""

    template_name = "elections/code_vote.html"

    def render_page(self, *, form, constituency=None, error="", chosen=(), status=200):
        election = self.election
        candidates, topics = [], []
        if constituency is not None:
            if election.is_topic_ballot:
                topics = selectors.topics_of(election=election)
            else:
                candidates = selectors.approved_candidates(constituency=constituency)
        return render(
            self.request,
            self.template_name,
            {
                "election": election,
                "form": form,
                "constituency": constituency,
                "candidates": candidates,
                "topics": topics,
                "error": error,
                "chosen": {str(c) for c in chosen},
                "voting_open": election.voting_open(),
            },
            status=status,
        )

    def get(self, request, pk):
        self.election = selectors.election_or_404(user=request.user, pk=pk)
        return self.render_page(form=CodeForm())

    def post(self, request, pk):
        if "choice" in request.POST:
            return self.cast(request, pk)
        self.election = selectors.election_or_404(user=request.user, pk=pk)
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render_page(form=form, status=400)
        constituency, reason = selectors.ballot_for_code(
            election=self.election, code=form.cleaned_data["code"]
        )
        if reason:
            form.add_error("code", reason)
            return self.render_page(form=form, status=400)
        return self.render_page(form=form, constituency=constituency)

    def cast(self, request, pk):
        """The fast path: one prepared statement, no session, no user (see ballot.py)."""
        ballot = BallotForm(request.POST, with_code=True)
        result = ballot.is_valid() and ballot.cast(
            lambda: services.ballot_cast_with_code(
                election_id=pk,
                code=ballot.cleaned_data["code"],
                choice_ids=ballot.cleaned_data["choices"],
            )
        )
        if result:
            return receipt_response(request, pk, result)
        error, _status = _refused(ballot)
        self.election = selectors.election_or_404(user=request.user, pk=pk)
        form = CodeForm(request.POST)
        form.is_valid()
        constituency, _reason = selectors.ballot_for_code(
            election=self.election, code=request.POST.get("code", "")
        )
        return self.render_page(
            form=form, constituency=constituency, error=error, chosen=ballot.chosen, status=400
        )
