"""Thin views: read through selectors, write through services, show errors on the page."""

from functools import lru_cache

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views import View

from participation.models.accounts import STAFF_ROLES
from participation.views import StaffPageMixin, add_service_errors

from . import selectors, services
from .ballot import (
    BallotRefused,
    format_receipt,
    format_voting_code,
    normalise_receipt,
    receipt_text,
)
from .ballot import (
    fast_path_available as ballot_fast_path_available,
)
from .forms import (
    AdoptForm,
    CodeForm,
    CodesForm,
    ConstituencyForm,
    ElectionForm,
    ElectorateForm,
    ReceiptCheckForm,
    ReservedSeatForm,
    ReviewForm,
    StandForm,
    StationForm,
    TieForm,
    TopicForm,
    paper_count_form,
)
from .models import Candidate, ElectionKind, ElectionStatus, Topic


def _election_or_404(request, pk):
    election = selectors.election_for(user=request.user, pk=pk)
    if election is None:
        raise Http404("No such election")
    return election


class ElectionListView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "elections/list.html",
            {
                "elections": selectors.election_list_for(user=request.user),
                "can_manage": request.user.has_perm("elections.manage_election"),
                "now": timezone.now(),
            },
        )


class ElectionCreateView(StaffPageMixin, View):
    permission_required = "elections.manage_election"

    def get(self, request):
        return render(request, "elections/create.html", {"form": ElectionForm()})

    def post(self, request):
        form = ElectionForm(request.POST)
        if form.is_valid():
            try:
                election = services.election_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Election saved. Check it, then publish it.")
                return redirect("elections:manage", election.pk)
        return render(request, "elections/create.html", {"form": form}, status=400)


class ElectionDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        election = _election_or_404(request, pk)
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
                "topics": list(election.topics.all()) if election.is_topic_ballot else [],
                "now": timezone.now(),
                "can_manage": request.user.has_perm("elections.manage_election"),
            },
        )


class StandView(LoginRequiredMixin, View):
    template_name = "elections/stand.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("elections.stand"):
            raise PermissionDenied("Only young people can stand.")
        return super().dispatch(request, *args, **kwargs)

    def _context(self, request, pk, form=None):
        election = _election_or_404(request, pk)
        if election.kind != ElectionKind.CANDIDATES:
            raise Http404("Nobody stands in a topic ballot")
        constituencies = selectors.constituencies_with_candidates(election=election)
        status = selectors.voter_status(
            election=election, constituencies=constituencies, user=request.user
        )
        # Stand where this person may; otherwise show the first constituency's reason.
        constituency = next(
            (c for c in constituencies if not status[c.pk]["reason"]), constituencies[0]
        )
        return {
            "election": election,
            "constituency": constituency,
            "mine": status[constituency.pk],
            "form": form or StandForm(constituency=constituency),
            "now": timezone.now(),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self._context(request, pk))

    def post(self, request, pk):
        context = self._context(request, pk)
        constituency = context["constituency"]
        if request.POST.get("action") == "withdraw" and context["mine"]["candidacy"]:
            try:
                services.candidate_withdraw(
                    user=request.user, candidate=context["mine"]["candidacy"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "You have withdrawn. You are no longer standing.")
            return redirect("elections:detail", pk)
        form = StandForm(request.POST, constituency=constituency)
        if form.is_valid():
            try:
                services.candidate_stand(
                    user=request.user,
                    constituency=constituency,
                    manifesto=form.cleaned_data["manifesto"],
                    reserved_seat=form.cleaned_data.get("reserved_seat"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you for standing. A worker will check your manifesto and tell you.",
                )
                return redirect("elections:detail", pk)
        context["form"] = form
        return render(request, self.template_name, context, status=400)


class VoteView(LoginRequiredMixin, View):
    """The ballot paper (GET) and casting it (POST, the fast path: see ballot.py)."""

    template_name = "elections/vote.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self._fast_cast(request, kwargs["pk"])
            if response is not None:
                return response
        if request.user.is_authenticated and not request.user.has_perm("elections.vote"):
            raise PermissionDenied("Only young people can vote.")
        return super().dispatch(request, *args, **kwargs)

    def _fast_cast(self, request, pk):
        """The common case, a clean ballot, without loading the user (see ballot.py). Anything
        else returns None and goes the ordinary way, which explains what was wrong."""
        if not ballot_fast_path_available():
            return None
        session = request.session
        try:
            user_id = int(session[SESSION_KEY])
            session_hash = session[HASH_SESSION_KEY]
            constituency_id = int(request.POST.get("constituency", ""))
            choice_ids = [int(c) for c in request.POST.getlist("choice")]
        except (KeyError, TypeError, ValueError):
            return None
        if session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
            return None
        result = services.ballot_cast_for_session(
            election_id=pk,
            constituency_id=constituency_id,
            user_id=user_id,
            session_hash=session_hash,
            choice_ids=choice_ids,
        )
        if result is None:
            return None
        if len(get_messages(request)):
            return _receipt_response(request, pk, result)
        before, after = _logged_in_receipt_page(
            pk, result.election_title, result.role_names, result.unread_notifications
        )
        return HttpResponse(f"{before}{format_receipt(result.receipt)}{after}")

    def _page(self, request, pk, *, error="", chosen=(), status=200):
        election = _election_or_404(request, pk)
        constituencies = selectors.constituencies_with_candidates(election=election)
        voter = selectors.voter_status(
            election=election, constituencies=constituencies, user=request.user
        )
        ballots = [
            {"constituency": c, **voter[c.pk]}
            for c in constituencies
            if not voter[c.pk]["reason"] or len(constituencies) == 1
        ]
        return render(
            request,
            self.template_name,
            {
                "election": election,
                "ballots": ballots,
                "topics": list(election.topics.all()) if election.is_topic_ballot else [],
                "voting_open": election.voting_open(),
                "error": error,
                "chosen": {str(c) for c in chosen},
            },
            status=status,
        )

    def get(self, request, pk):
        return self._page(request, pk)

    def post(self, request, pk):
        chosen = request.POST.getlist("choice")
        try:
            constituency_id = int(request.POST.get("constituency", ""))
            choice_ids = [int(c) for c in chosen]
        except ValueError:
            return self._page(
                request, pk, error="Choose from the list, then press Vote.", status=400
            )
        try:
            result = services.ballot_cast(
                election_id=pk,
                constituency_id=constituency_id,
                voter=request.user,
                choice_ids=choice_ids,
            )
        except BallotRefused as refusal:
            if refusal.code == "not_found":
                raise Http404("No such ballot") from None
            status = {"already_voted": 409, "not_eligible": 403}.get(refusal.code, 400)
            return self._page(request, pk, error=refusal.messages[0], chosen=chosen, status=status)
        return _receipt_response(request, pk, result)


def _receipt_response(request, pk, result) -> HttpResponse:
    """The receipt page, rendered without the context processors: the cast statement already
    returned the one thing they would have queried (the unread count). See ballot.py."""
    code = format_receipt(result.receipt)
    if not request.user.is_authenticated and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}:
        # A pupil voting with a code: the page is the same for every one of them but for the
        # code, so it is rendered once per election and the code put in its place.
        before, after = _anonymous_receipt_page(pk, result.election_title)
        return HttpResponse(f"{before}{code}{after}")
    context = {
        "user": request.user,
        "request": request,
        # Lazy, as Django's own context processor does: only a logged-in page (its log-out
        # button) needs a token, and making one costs randomness and a cookie.
        "csrf_token": SimpleLazyObject(lambda: get_token(request)),
        "messages": get_messages(request),
        "unread_notifications": result.unread_notifications,
        "election_title": result.election_title,
        "election_pk": pk,
        "receipt": code,
    }
    return HttpResponse(render_to_string("elections/receipt.html", context))


_RECEIPT_SLOT = "RECEIPTSLOT"  # letters only, so escaping leaves it as it is


class _Voter:
    """What the page around a receipt needs to know about a logged-in voter: their roles (the
    menu depends on nothing else), as the cast statement returned them."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, role_names: frozenset[str]):
        self.role_names = role_names

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def has_staff_role(self) -> bool:
        return bool(self.role_names & STAFF_ROLES)

    def has_perm(self, perm: str, obj=None) -> bool:
        return rules.has_perm(perm, self, obj)


@lru_cache(maxsize=1024)
def _logged_in_receipt_page(
    election_pk: int, election_title: str, role_names: frozenset[str], unread: int
) -> tuple[str, str]:
    """The receipt page for a logged-in voter, rendered once per election, set of roles and
    unread count, with the code put in per ballot.

    Without a CSRF token its "Log out" is a link to the log-out page (which asks, with its own
    form) rather than a button: making a token re-sends the CSRF cookie on every response,
    which cost a sixth of this path's time under load."""
    html = render_to_string(
        "elections/receipt.html",
        {
            "user": _Voter(role_names),
            "csrf_token": "",
            "messages": (),
            "unread_notifications": unread,
            "election_title": election_title,
            "election_pk": election_pk,
            "receipt": _RECEIPT_SLOT,
        },
    )
    before, after = html.split(_RECEIPT_SLOT)
    return before, after


@lru_cache(maxsize=256)
def _anonymous_receipt_page(election_pk: int, election_title: str) -> tuple[str, str]:
    html = render_to_string(
        "elections/receipt.html",
        {
            "user": AnonymousUser(),
            "csrf_token": "",
            "messages": (),
            "unread_notifications": 0,
            "election_title": election_title,
            "election_pk": election_pk,
            "receipt": _RECEIPT_SLOT,
        },
    )
    before, after = html.split(_RECEIPT_SLOT)
    return before, after


class ReceiptsView(View):
    """The published list of counted receipts, and a box to check your own."""

    PAGE_SIZE = 500

    def get(self, request, pk):
        election = _election_or_404(request, pk)
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
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )


class ResultsView(View):
    """Results are public once counted (first names and initials for anyone not logged in),
    except for elections only their members may see (see selectors.elections_visible_to)."""

    def get(self, request, pk):
        election = _election_or_404(request, pk)
        if not request.user.has_perm("elections.view_results", election):
            messages.info(request, "The results come out after voting closes.")
            return redirect("elections:detail", pk)
        manager = request.user.has_perm("elections.manage_election")
        return render(
            request,
            "elections/results.html",
            {
                "election": election,
                "results": selectors.results_for(election=election, viewer=request.user),
                "topics": selectors.topic_results_for(election=election)
                if election.is_topic_ballot
                else [],
                "breakdown": selectors.topic_breakdown(election=election)
                if election.is_topic_ballot and election.status == ElectionStatus.CLOSED
                else None,
                "can_manage": manager,
            },
        )


class ManageView(StaffPageMixin, View):
    """A worker's page for one election: seats, topics, candidates, publish, close, ties."""

    permission_required = "elections.manage_election"
    template_name = "elections/manage.html"

    def _context(self, request, pk, **forms):
        election = _election_or_404(request, pk)
        constituencies = selectors.constituencies_with_candidates(election=election, manager=True)
        ties = []
        if election.status == ElectionStatus.CLOSED:
            for constituency in constituencies:
                tie = (constituency.result or {}).get("tie")
                if tie:
                    tied = [c for c in constituency.candidates.all() if c.pk in tie["candidates"]]
                    form = forms.pop(f"tie_{constituency.pk}", None) or TieForm(
                        tied=tied, places=tie["places"]
                    )
                    ties.append({"constituency": constituency, "tie": tie, "form": form})
        return {
            "election": election,
            "constituencies": constituencies,
            "topics": list(election.topics.all()) if election.is_topic_ballot else [],
            "seat_form": forms.get("seat") or ReservedSeatForm(election=election),
            "constituency_form": forms.get("constituency") or ConstituencyForm(),
            "station_form": forms.get("station") or StationForm(election=election),
            "stations": list(selectors.stations_for(user=request.user, election=election)),
            "topic_form": forms.get("topic") or TopicForm(),
            "review_form": ReviewForm(),
            "review_errors": forms.get("review"),
            "adopt_form": AdoptForm(),
            "ties": ties,
            "now": timezone.now(),
        }

    def get(self, request, pk):
        return render(request, self.template_name, self._context(request, pk))

    def post(self, request, pk):
        election = _election_or_404(request, pk)
        action = request.POST.get("action", "")
        handler = getattr(self, f"_do_{action}", None)
        if handler is None:
            messages.error(request, "Something went wrong: that button is not known.")
            return redirect("elections:manage", pk)
        failed = handler(request, election)
        if failed is None:
            return redirect("elections:manage", pk)
        return render(request, self.template_name, self._context(request, pk, **failed), status=400)

    def _do_publish(self, request, election):
        try:
            services.election_publish(actor=request.user, election=election)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Published. Young people can see it now.")

    def _do_close(self, request, election):
        try:
            services.election_close(actor=request.user, election=election)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Voting is closed and the votes are counted.")

    def _do_seat(self, request, election):
        form = ReservedSeatForm(request.POST, election=election)
        if form.is_valid():
            constituency = form.cleaned_data["constituency"]
            try:
                services.reserved_seat_add(
                    actor=request.user,
                    constituency=constituency,
                    name=form.cleaned_data["name"],
                    seats=form.cleaned_data["seats"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Seats added.")
                return None
        return {"seat": form}

    def _do_constituency(self, request, election):
        form = ConstituencyForm(request.POST)
        if form.is_valid():
            try:
                services.constituency_add(
                    actor=request.user,
                    election=election,
                    name=form.cleaned_data["name"],
                    seats=form.cleaned_data["seats"],
                    voters_area=form.cleaned_data["voters_area"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Constituency added.")
                return None
        return {"constituency": form}

    def _do_station(self, request, election):
        form = StationForm(request.POST, election=election)
        if form.is_valid():
            try:
                services.polling_station_add(
                    actor=request.user,
                    constituency=form.cleaned_data["constituency"],
                    organisation=form.cleaned_data["organisation"],
                    contact=form.cleaned_data["contact"],
                    electorate=form.cleaned_data["electorate"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Polling station added.")
                return None
        return {"station": form}

    def _do_topic(self, request, election):
        form = TopicForm(request.POST)
        if form.is_valid():
            try:
                services.topic_add(
                    actor=request.user,
                    election=election,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Topic added.")
                return None
        return {"topic": form}

    def _do_review(self, request, election):
        candidate = Candidate.objects.filter(
            pk=request.POST.get("candidate") or 0, constituency__election=election
        ).first()
        form = ReviewForm(request.POST)
        if candidate is None:
            raise Http404("No such candidate")
        if form.is_valid():
            try:
                services.candidate_review(
                    actor=request.user,
                    candidate=candidate,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Saved your decision on {candidate.user.display_name}.")
                return None
        return {"review": {"candidate": candidate.pk, "form": form}}

    def _do_tie(self, request, election):
        constituency = election.constituencies.filter(pk=request.POST.get("constituency") or 0)
        constituency = constituency.first()
        if constituency is None or not (constituency.result or {}).get("tie"):
            messages.error(request, "There is no tie to settle there.")
            return None
        tie = constituency.result["tie"]
        tied = Candidate.objects.filter(pk__in=tie["candidates"]).select_related("user")
        form = TieForm(request.POST, tied=tied, places=tie["places"])
        if form.is_valid():
            try:
                final = services.tie_resolve(
                    actor=request.user,
                    constituency=constituency,
                    winner_ids=form.cleaned_data["winners"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Tie settled. The result is final."
                    if final
                    else "Tie settled. There is another tie to settle.",
                )
                return None
        return {f"tie_{constituency.pk}": form}

    def _do_adopt(self, request, election):
        topic = Topic.objects.filter(pk=request.POST.get("topic") or 0, election=election).first()
        if topic is None:
            raise Http404("No such topic")
        form = AdoptForm(request.POST)
        form.is_valid()
        try:
            services.topic_adopt(
                actor=request.user,
                topic=topic,
                campaign_note=form.cleaned_data.get("campaign_note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{topic.title} is now a Youth Council campaign.")


# --- Issue 14: voting with a code, polling stations, printables -------------------------------


class CodeVoteView(View):
    """Voting with a one-time code, for young people without an account. No log-in."""

    template_name = "elections/code_vote.html"

    def _render(
        self, request, election, *, form, constituency=None, error="", chosen=(), status=200
    ):
        candidates, topics = [], []
        if constituency is not None:
            if election.is_topic_ballot:
                topics = list(election.topics.all())
            else:
                candidates = list(
                    constituency.candidates.filter(status="approved").select_related("user")
                )
        return render(
            request,
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
        election = _election_or_404(request, pk)
        return self._render(request, election, form=CodeForm())

    def post(self, request, pk):
        if "choice" in request.POST:
            return self._cast(request, pk)
        election = _election_or_404(request, pk)
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self._render(request, election, form=form, status=400)
        constituency, reason = selectors.ballot_for_code(
            election=election, code=form.cleaned_data["code"]
        )
        if reason:
            form.add_error("code", reason)
            return self._render(request, election, form=form, status=400)
        return self._render(request, election, form=form, constituency=constituency)

    def _cast(self, request, pk):
        """The fast path: one prepared statement, no session, no user (see ballot.py)."""
        chosen = request.POST.getlist("choice")
        code = request.POST.get("code", "")
        try:
            result = services.ballot_cast_with_code(
                election_id=pk, code=code, choice_ids=[int(c) for c in chosen]
            )
        except ValueError:
            result = None
            error = "Choose from the list, then press Vote."
        except BallotRefused as refusal:
            if refusal.code == "not_found":
                raise Http404("No such ballot") from None
            result, error = None, refusal.messages[0]
        if result is not None:
            return _receipt_response(request, pk, result)
        election = _election_or_404(request, pk)
        form = CodeForm(request.POST)
        form.is_valid()
        constituency, reason = selectors.ballot_for_code(election=election, code=code)
        return self._render(
            request,
            election,
            form=form,
            constituency=constituency,
            error=error,
            chosen=chosen,
            status=400,
        )


def _station_or_404(request, pk):
    station = selectors.stations_for(user=request.user).filter(pk=pk).first()
    if station is None:
        if request.user.is_authenticated:
            raise PermissionDenied("This is not your polling station.")
        raise Http404("No such polling station")
    return station


class StationPageMixin(LoginRequiredMixin):
    """Pages for a polling station's contact (and workers), nobody else."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.station = _station_or_404(request, kwargs["station_pk"])
        if not request.user.has_perm("elections.run_station", self.station):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StationView(StationPageMixin, View):
    template_name = "elections/station.html"

    def _render(self, request, *, electorate_form=None, codes_form=None, status=200):
        station = self.station
        return render(
            request,
            self.template_name,
            {
                "station": station,
                "election": station.election,
                "turnout": selectors.station_turnout(station=station),
                "paper": services.paper_count_status(station=station),
                "electorate_form": electorate_form
                or ElectorateForm(initial={"electorate": station.electorate}),
                "codes_form": codes_form or CodesForm(),
            },
            status=status,
        )

    def get(self, request, station_pk):
        return self._render(request)

    def post(self, request, station_pk):
        form = ElectorateForm(request.POST)
        if form.is_valid():
            try:
                services.station_electorate_set(
                    actor=request.user,
                    station=self.station,
                    electorate=form.cleaned_data["electorate"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Saved.")
                return redirect("elections:station", station_pk)
        return self._render(request, electorate_form=form, status=400)


class StationCodesView(StationPageMixin, View):
    """Make voting codes and show them once, ready to print and cut out."""

    def post(self, request, station_pk):
        form = CodesForm(request.POST)
        if form.is_valid():
            try:
                codes = services.voting_codes_issue(
                    actor=request.user, station=self.station, count=form.cleaned_data["count"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
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
        return StationView(station=self.station)._render(request, codes_form=form, status=400)


class StationPrintView(StationPageMixin, View):
    """Ballot papers and candidate leaflets for one polling station, to print on A4."""

    def get(self, request, station_pk, what):
        station = self.station
        election = station.election
        if what not in ("ballot-papers", "leaflets"):
            raise Http404("Nothing to print by that name")
        candidates = list(
            station.constituency.candidates.filter(status="approved").select_related("user")
        )
        copies = 4 if what == "ballot-papers" else 1
        return render(
            request,
            f"elections/print_{what.replace('-', '_')}.html",
            {
                "station": station,
                "election": election,
                "candidates": candidates,
                "topics": list(election.topics.all()) if election.is_topic_ballot else [],
                "copies": range(copies),
            },
        )


class StationCountView(StationPageMixin, View):
    template_name = "elections/station_count.html"

    def _choices(self):
        election = self.station.election
        if election.is_topic_ballot:
            return [(t.pk, t.title) for t in election.topics.all()]
        return [
            (c.pk, c.user.display_name)
            for c in self.station.constituency.candidates.filter(status="approved").select_related(
                "user"
            )
        ]

    def _render(self, request, form, status=200):
        choices = dict(self._choices())
        paper = services.paper_count_status(station=self.station)
        differences = [
            (choices.get(int(label), label) if str(label).isdigit() else label, mine, other)
            for label, mine, other in paper["differences"]
        ]
        return render(
            request,
            self.template_name,
            {
                "station": self.station,
                "election": self.station.election,
                "form": form,
                "paper": paper,
                "differences": differences,
            },
            status=status,
        )

    def get(self, request, station_pk):
        return self._render(request, paper_count_form(self._choices())())

    def post(self, request, station_pk):
        form = paper_count_form(self._choices())(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            figures = {
                int(name.removeprefix("choice_")): value
                for name, value in data.items()
                if name.startswith("choice_")
            }
            try:
                status = services.paper_count_enter(
                    actor=request.user,
                    station=self.station,
                    papers=data["papers"],
                    spoilt=data["spoilt"],
                    blank=data["blank"],
                    figures=figures,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    {
                        "confirmed": "Both counts match. The paper count is now in the result.",
                        "waiting": "Saved. A second person must now enter the same count.",
                        "mismatch": "Saved, but it does not match the other count. See below.",
                    }[status["state"]],
                )
                return redirect("elections:station_count", station_pk)
        return self._render(request, form, status=400)


class ResultsSheetView(View):
    """The results on one A4 sheet, to print or pin up."""

    def get(self, request, pk):
        election = _election_or_404(request, pk)
        if election.status != ElectionStatus.CLOSED:
            raise Http404("No results yet")
        return render(
            request,
            "elections/print_results.html",
            {
                "election": election,
                "results": selectors.results_for(election=election, viewer=request.user),
                "topics": selectors.topic_results_for(election=election)
                if election.is_topic_ballot
                else [],
            },
        )
