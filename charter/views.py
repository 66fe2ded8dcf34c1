"""Pages of the charters. Thin: each reads through a selector or calls one service."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from participation.access import allowed
from participation.views.base import CachedPageMixin, ServiceActionView, ServiceFormView

from . import forms, selectors, services
from .models import SIGNATORY_FLOW
from .uploads import KINDS


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


class CharterListView(CachedPageMixin, View):
    def get(self, request):
        return render(request, "charter/list.html", {"charters": selectors.charter_list()})


class CharterView(CachedPageMixin, View):
    def get(self, request, slug):
        charter = _found(selectors.charter_by_slug(slug))
        page = selectors.charter_page(charter)
        user = request.user
        return render(
            request,
            "charter/charter.html",
            {
                "page": page,
                "charter": charter,
                "can_sign": page.version is not None
                and allowed(user, "charter.sign_charter", page.version),
                "can_manage": allowed(user, "charter.manage_charters", page.version),
            },
        )


class _VersionMixin:
    """The charter's current version, the page's object."""

    def get_object(self):
        return _found(selectors.current_version(self.kwargs["slug"]))

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "version": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("charter:detail", args=[self.object.charter.slug])


class SignView(_VersionMixin, ServiceFormView):
    permission_required = "charter.sign_charter"
    template_name = "charter/sign.html"
    form_class = forms.SignForm
    success_message = "You have signed it. Now write your pledge for each promise."

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        return services.charter_sign(
            version=self.object,
            organisation=data["organisation"],
            signed_by=self.request.user,
            board=data["board"],
            adopted_on=data["adopted_on"],
        )

    def get_success_url(self, signatory) -> str:
        return reverse("charter:signatory", args=[signatory.pk])


class PrincipleAddView(_VersionMixin, ServiceFormView):
    permission_required = "charter.manage_charters"
    template_name = "charter/principle_form.html"
    form_class = forms.PrincipleForm
    success_message = "The principle is added."

    def perform(self, form):
        return services.principle_add(
            version=self.object, added_by=self.request.user, **form.cleaned_data
        )


class PromiseAddView(_VersionMixin, ServiceFormView):
    permission_required = "charter.manage_charters"
    template_name = "charter/promise_form.html"
    form_class = forms.PromiseForm
    success_message = "The promise is added."

    def perform(self, form):
        return services.promise_add(
            version=self.object, added_by=self.request.user, **form.cleaned_data
        )


class SignatoryView(CachedPageMixin, View):
    """An organisation's membership: its pledge, evidence and the young inspectors' view of
    each promise, open to everyone."""

    def get(self, request, pk):
        signatory = _found(selectors.signatory_by_pk(pk))
        user = request.user
        visits = selectors.visits_of(signatory)
        return render(
            request,
            "charter/signatory.html",
            {
                "signatory": signatory,
                "rows": selectors.promise_rows(signatory, visits),
                "visits": visits,
                "can_visit": allowed(user, "charter.visit_service", signatory),
                "can_edit": allowed(user, "charter.edit_pledges", signatory),
                "can_renew": SIGNATORY_FLOW.can(signatory, "renew", user),
                "can_judge": allowed(user, "charter.judge_evidence", signatory),
            },
        )


class OrganisationView(CachedPageMixin, View):
    """An organisation on the charters: what it signed and how it stands, where its activities
    sit on the ladder of participation, and its "you said, we did" record. Open to everyone."""

    def get(self, request, pk):
        organisation = _found(selectors.organisation_by_pk(pk))
        return render(
            request,
            "charter/organisation.html",
            {
                "organisation": organisation,
                "memberships": selectors.memberships_of(organisation),
                "ladder": selectors.ladder_mix(organisation),
                "you_said": selectors.you_said_record(organisation),
            },
        )


class _PromiseMixin:
    """The signatory and one promise of the version it signed; the permission is asked of the
    signatory."""

    def get_object(self):
        self.signatory = _found(selectors.signatory_by_pk(self.kwargs["pk"]))
        self.promise = _found(selectors.promise_of(self.signatory, self.kwargs["promise"]))
        return self.signatory

    def get_context_data(self, **context) -> dict:
        return {
            "object": self.object,
            "signatory": self.signatory,
            "promise": self.promise,
            **context,
        }

    def get_success_url(self, result) -> str:
        return reverse("charter:signatory", args=[self.signatory.pk])


class PledgeView(_PromiseMixin, ServiceFormView):
    permission_required = "charter.edit_pledges"
    template_name = "charter/pledge_form.html"
    form_class = forms.PledgeForm
    success_message = "Your pledge is saved."

    def get_form_kwargs(self):
        pledge = selectors.pledge_of(self.signatory, self.promise)
        initial = {"text": pledge.text, "own_level": pledge.own_level} if pledge else {}
        return {"initial": initial}

    def perform(self, form):
        return services.pledge_save(
            signatory=self.signatory,
            promise=self.promise,
            updated_by=self.request.user,
            **form.cleaned_data,
        )


class _PledgeMixin(_PromiseMixin):
    """As `_PromiseMixin`, for a promise the organisation has written a pledge for."""

    def get_object(self):
        super().get_object()
        self.pledge = _found(selectors.pledge_of(self.signatory, self.promise))
        return self.pledge

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(pledge=self.pledge, **context)


class EvidenceAddView(_PledgeMixin, ServiceFormView):
    permission_required = "charter.edit_pledges"
    template_name = "charter/evidence_form.html"
    form_class = forms.EvidenceForm
    success_message = "The evidence is added."

    def perform(self, form):
        return services.evidence_add(
            pledge=self.pledge, added_by=self.request.user, **form.cleaned_data
        )


class JudgeView(_PledgeMixin, ServiceFormView):
    permission_required = "charter.judge_evidence"
    template_name = "charter/judge.html"
    form_class = forms.JudgeForm
    success_message = "Thank you. Your judgement is published."

    def get_context_data(self, **context) -> dict:
        evidence = list(self.pledge.evidence.all())
        return super().get_context_data(evidence=evidence, **context)

    def perform(self, form):
        return services.evidence_judge(
            pledge=self.pledge, inspector=self.request.user, **form.cleaned_data
        )


class VisitView(ServiceFormView):
    """A young inspector writes up their visit to one of the organisation's activities."""

    permission_required = "charter.visit_service"
    template_name = "charter/visit_form.html"
    form_class = forms.VisitForm
    success_message = "Thank you. What you saw is published with their evidence."

    def get_object(self):
        return _found(selectors.signatory_by_pk(self.kwargs["pk"]))

    def get_form_kwargs(self):
        return {
            "activities": selectors.activities_to_visit(self.object),
            "promises": selectors.promises_of(self.object),
        }

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "signatory": self.object, **context}

    def perform(self, form):
        return services.visit_record(
            signatory=self.object, inspector=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return reverse("charter:signatory", args=[self.object.pk])


class AnswerView(ServiceFormView):
    permission_required = "charter.answer_challenge"
    template_name = "charter/answer.html"
    form_class = forms.AnswerForm
    success_message = "Your answer is published beside the young inspectors' challenge."

    def get_object(self):
        self.signatory = _found(selectors.signatory_by_pk(self.kwargs["pk"]))
        return _found(selectors.judgement_of(self.signatory, self.kwargs["judgement"]))

    def get_context_data(self, **context) -> dict:
        return {
            "object": self.object,
            "judgement": self.object,
            "signatory": self.signatory,
            **context,
        }

    def perform(self, form):
        return services.challenge_answer(
            judgement=self.object, answered_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return reverse("charter:signatory", args=[self.signatory.pk])


class RenewView(ServiceActionView):
    permission_required = "charter.renew"
    success_message = "Your membership is renewed for another year."

    def get_object(self):
        return _found(selectors.signatory_by_pk(self.kwargs["pk"]))

    def perform(self):
        return services.signatory_renew(signatory=self.object, renewed_by=self.request.user)

    def get_success_url(self, result) -> str:
        return reverse("charter:signatory", args=[self.object.pk])


class EvidenceFileView(View):
    """A file of evidence, as public as the page it is on. Always a download, with the type
    its content was found to be, so a browser never runs it as a page."""

    def get(self, request, pk):
        evidence = _found(selectors.evidence_file(pk))
        content_type = {
            "pdf": "application/pdf",
            "png": "image/png",
            "jpeg": "image/jpeg",
            "gif": "image/gif",
        }.get(evidence.file_kind)
        if content_type is None or evidence.file_kind not in KINDS:
            raise Http404("Not found")
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.file_name,
            content_type=content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class RateStaffView(ServiceFormView):
    """After an activity, a young person who was there says how the staff lived each principle
    of the Kent Youth Charter. Nothing they answer is kept with their name."""

    permission_required = "charter.rate_staff"
    template_name = "charter/rate_staff.html"
    form_class = forms.RateStaffForm
    success_message = "Thank you. Nobody can see what you said, only everyone's answers together."

    def get_object(self):
        self.charter = _found(selectors.staff_charter())
        return _found(selectors.activity_by_pk(self.kwargs["pk"]))

    def get_form_kwargs(self):
        return {"principles": selectors.staff_charter_principles(self.charter)}

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "activity": self.object, "charter": self.charter, **context}

    def perform(self, form):
        return services.staff_rating_give(
            activity=self.object, user=self.request.user, charter=self.charter, scores=form.scores()
        )

    def get_success_url(self, result) -> str:
        return reverse("home")


class StaffRatingsView(CachedPageMixin, View):
    def get(self, request, slug):
        charter = _found(selectors.charter_by_slug(slug))
        if not charter.rates_staff:
            raise Http404("Not found")
        return render(
            request,
            "charter/staff_ratings.html",
            {"charter": charter, "ratings": selectors.staff_ratings(charter)},
        )
