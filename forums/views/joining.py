"""Ways into a forum and out of it: joining an open forum, applying, being put forward and
answering, leaving; a young person's own forums; a forum's workers deciding requests."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from forums import forms, selectors, services
from forums.models import APPLICATION_FLOW, NOMINATION_FLOW, JoinRoute
from participation.access import fetch_or_404
from participation.views.base import CachedPageMixin

from .base import ForumActionView, ForumFormView, ForumPage


class _RouteFormView(ForumFormView):
    """A page for one way in; a forum with another way in has no such page."""

    route = ""
    form_class = forms.EmptyForm
    shows_eligibility = True

    def get_object(self):
        forum = super().get_object()
        if forum.join_route != self.route:
            raise Http404("This forum has another way to join")
        return forum

    def get_context_data(self, **context) -> dict:
        if self.shows_eligibility:
            context.setdefault(
                "eligibility",
                services.forum_eligibility(forum=self.forum, person=self.request.user),
            )
        return super().get_context_data(**context)


class JoinView(_RouteFormView):
    permission_required = "forums.join_forum"
    route = JoinRoute.OPEN
    template_name = "forums/join.html"

    def perform(self, form):
        return services.membership_join(forum=self.forum, person=self.request.user)

    def get_success_message(self, result) -> str:
        return f"You are now a member of {self.forum.name}. Welcome!"

    def get_success_url(self, result) -> str:
        return reverse("forums:detail", args=[self.forum.slug])


class ApplyView(_RouteFormView):
    permission_required = "forums.join_forum"
    route = JoinRoute.APPLICATION
    template_name = "forums/apply.html"
    form_class = forms.ApplicationForm

    def perform(self, form):
        return services.application_submit(
            forum=self.forum, applicant=self.request.user, why=form.cleaned_data["why"]
        )

    def get_success_message(self, result) -> str:
        return (
            f"Thank you. Your application to {self.forum.name} is sent. A worker will tell you "
            "what they decide."
        )

    def get_success_url(self, result) -> str:
        return reverse("forums:mine")


class NominateView(_RouteFormView):
    permission_required = "forums.nominate"
    route = JoinRoute.NOMINATION
    template_name = "forums/nominate.html"
    form_class = forms.NominationForm
    shows_eligibility = False

    def get_form_kwargs(self) -> dict:
        return {"forum": self.forum}

    def perform(self, form):
        return services.nomination_create(
            forum=self.forum,
            young_person=form.person,
            nominated_by=self.request.user,
            reason=form.cleaned_data["reason"],
            confirms_care_status=form.cleaned_data.get("confirms_care_status", False),
        )

    def get_success_message(self, nomination) -> str:
        return (
            f"Thank you. We have asked {nomination.young_person.first_name} if they want to join "
            f"{self.forum.name}. Nothing changes unless they say yes."
        )

    def get_success_url(self, nomination) -> str:
        return reverse("forums:detail", args=[self.forum.slug])


class NominationView(ForumFormView):
    """The young person who was put forward answers. Nobody else may even see it exists."""

    permission_required = "forums.respond_to_nomination"
    template_name = "forums/nomination.html"
    form_class = forms.NominationResponseForm

    def get_object(self):
        return fetch_or_404(
            self.request.user,
            "forums.respond_to_nomination",
            selectors.nominations(),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **context) -> dict:
        nomination = self.object
        return super().get_context_data(
            nomination=nomination,
            answered=not NOMINATION_FLOW.is_possible(nomination, "accept"),
            **context,
        )

    def perform(self, form):
        accept = form.cleaned_data["answer"] == "yes"
        services.nomination_respond(
            nomination=self.object, young_person=self.request.user, accept=accept
        )
        return "accepted" if accept else "declined"

    def get_success_message(self, answer) -> str:
        if answer == "accepted":
            return f"You are now a member of {self.forum.name}. Welcome!"
        return f"That's fine. You have said no thank you to {self.forum.name}."

    def get_success_url(self, answer) -> str:
        if answer == "accepted":
            return reverse("forums:detail", args=[self.forum.slug])
        return reverse("forums:mine")


class LeaveView(ForumFormView):
    permission_required = "forums.leave_forum"
    template_name = "forums/leave.html"
    form_class = forms.EmptyForm

    def perform(self, form):
        return services.membership_leave(forum=self.forum, person=self.request.user)

    def get_success_message(self, result) -> str:
        return f"You have left {self.forum.name}. You are welcome back any time."

    def get_success_url(self, result) -> str:
        return reverse("forums:mine")


class MyForumsView(CachedPageMixin, LoginRequiredMixin, View):
    def get(self, request):
        return render(request, "forums/mine.html", selectors.my_forums(user=request.user))


class ApplicationWithdrawView(ForumActionView):
    permission_required = "forums.withdraw_application"

    def get_object(self):
        return fetch_or_404(
            self.request.user,
            "forums.withdraw_application",
            selectors.applications(),
            pk=self.kwargs["pk"],
        )

    def perform(self):
        return services.application_withdraw(application=self.object, applicant=self.request.user)

    def get_success_message(self, result) -> str:
        return f"Your application to {self.forum.name} is taken back."

    def get_success_url(self, result) -> str:
        return reverse("forums:mine")


class RequestsView(CachedPageMixin, ForumPage):
    permission_required = "forums.decide_requests"
    template_name = "forums/requests.html"

    def get(self, request, slug):
        return self.show(selectors.join_requests_for(forum=self.forum))


class ApplicationView(ForumFormView):
    permission_required = "forums.decide_requests"
    template_name = "forums/application.html"
    form_class = forms.DecisionForm
    success_message = "Your decision is saved and the young person is told."

    def get_object(self):
        return fetch_or_404(
            self.request.user,
            "forums.decide_requests",
            selectors.applications(),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **context) -> dict:
        application = self.object
        return super().get_context_data(
            application=application,
            eligibility=services.forum_eligibility(
                forum=self.forum, person=application.applicant, about_them=True
            ),
            decided=not APPLICATION_FLOW.is_possible(application, "approve"),
            **context,
        )

    def perform(self, form):
        return services.application_decide(
            application=self.object,
            decided_by=self.request.user,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self, result) -> str:
        return reverse("forums:requests", args=[self.forum.slug])
