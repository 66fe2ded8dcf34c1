"""Pages of the Youth Council's year: a forum's annual reports, one report (on screen, printed
and as a PDF), the young people's words, sharing it, and the page its recipients open from
their link. Thin: objects come from forums.year_selectors, every write is one service in
forums/services/year.py.

A published report of an ordinary forum is public, so its pages open without logging in. For
anything else the forum pages' rules hold (forums/views/base.py): not logged in, off to log in;
logged in without the permission, 403, or 404 for a private forum (CiCC, CLIC), so that nothing
leaks, not even that a report exists.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from forums import forms, selectors, year_selectors
from forums.models import ANNUAL_REPORT_FLOW, LINK_DAYS
from forums.permissions import forum_of
from forums.services import year as services
from participation.access import allowed, refusal_for
from participation.forms.base import run_service
from participation.pdf import pdf_response, render_pdf
from participation.views.base import CachedPageMixin

from .base import ForumActionView, ForumFormView, found


class _OpenPage(View):
    """A page the rule may open to anyone, logged in or not (a published report of an ordinary
    forum); for everyone else it behaves like the other forum pages."""

    permission_required = ""

    def get_object(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.object = self.get_object()
        if self.object is None:
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404("Not found")
        self.forum = forum_of(self.object)
        if not user.has_perm(self.permission_required, self.object):
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if self.forum.is_private:
                raise Http404("Not found")
            raise PermissionDenied(refusal_for(self.permission_required))
        return super().dispatch(request, *args, **kwargs)


def _report_context(report, *, viewer=None) -> dict:
    """What every view of one report shows (the page, the PDF, the recipient's page)."""
    recipients = year_selectors.recipients_of(report=report)
    return {
        "report": report,
        "forum": report.forum,
        "figures": year_selectors.figures_shown(report),
        "hides_small_numbers": not report.forum.is_private,
        "acknowledged": [r for r in recipients if r.has_acknowledged],
        "recipients": recipients,
        "viewer": viewer,
    }


class AnnualReportListView(CachedPageMixin, _OpenPage):
    permission_required = "forums.view_annual_reports"

    def get_object(self):
        return selectors.forum_by_slug(slug=self.kwargs["slug"])

    def get(self, request, slug):
        viewer = selectors.viewer_for(forum=self.forum, user=request.user)
        return render(
            request,
            "forums/year/list.html",
            {
                "forum": self.forum,
                "viewer": viewer,
                "reports": year_selectors.reports_for_forum(forum=self.forum, viewer=viewer),
            },
        )


class _ReportMixin:
    def get_object(self):
        return year_selectors.annual_report_by_id(report_id=self.kwargs["pk"])


class AnnualReportView(CachedPageMixin, _ReportMixin, _OpenPage):
    permission_required = "forums.view_annual_report"

    def get(self, request, pk):
        report = self.object
        viewer = selectors.viewer_for(forum=self.forum, user=request.user)
        context = _report_context(report, viewer=viewer)
        # Worker tools and the history of the words are for the forum's own people; the
        # buttons ask the same rules the services check before anything is written.
        context.update(
            {
                "can_write": report.is_draft
                and allowed(request.user, "forums.write_annual_report", report),
                "can_manage": allowed(request.user, "forums.manage_annual_reports", report),
                "can_publish": ANNUAL_REPORT_FLOW.is_possible(report, "publish")
                and allowed(request.user, "forums.manage_annual_reports", report),
                "edits": year_selectors.edits_of(report=report) if viewer.sees_members else [],
            }
        )
        return render(request, "forums/year/report.html", context)


def _pdf_of(report, context: dict):
    pdf = render_pdf("forums/year/report_pdf.html", {**context, "printed_on": timezone.now()})
    return pdf_response(pdf, f"{report.forum.slug}-annual-report-{report.period_end:%Y}.pdf")


class AnnualReportPdfView(_ReportMixin, _OpenPage):
    permission_required = "forums.view_annual_report"

    def get(self, request, pk):
        return _pdf_of(self.object, _report_context(self.object))


class AnnualReportStartView(ForumFormView):
    permission_required = "forums.manage_annual_reports"
    template_name = "forums/year/start.html"
    form_class = forms.AnnualReportStartForm
    success_message = (
        "The report is started and its figures are counted. The young members have been asked "
        "to write its words."
    )

    def get_form_kwargs(self) -> dict:
        return {"agms": year_selectors.agm_meetings(forum=self.forum)}

    def perform(self, form):
        data = form.cleaned_data
        return services.annual_report_start(
            forum=self.forum,
            started_by=self.request.user,
            title=data["title"],
            agm=year_selectors.agm_of(forum=self.forum, meeting_id=data["agm"]),
            period_start=data["period_start"],
            period_end=data["period_end"],
        )

    def get_success_url(self, report) -> str:
        return reverse("forums:annual_report", args=[report.pk])


class _ReportFormMixin(_ReportMixin):
    def get_object(self):
        return found(super().get_object())

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(report=self.object, **context)

    def get_success_url(self, result) -> str:
        return reverse("forums:annual_report", args=[self.object.pk])


class AnnualReportWordsView(_ReportFormMixin, ForumFormView):
    permission_required = "forums.write_annual_report"
    template_name = "forums/year/words.html"
    form_class = forms.AnnualReportWordsForm
    success_message = "Your words are saved. Everyone in the forum can see who changed them."

    def get_form_kwargs(self) -> dict:
        report = self.object
        return {
            "initial": {
                "foreword": report.foreword,
                "highlights": report.highlights,
                "whats_next": report.whats_next,
                "version": report.words_version,
            }
        }

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(
            edits=year_selectors.edits_of(report=self.object, limit=5), **context
        )

    def get(self, request, *args, **kwargs):
        if not self.object.is_draft:
            return self.show({"closed": True})
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.annual_report_words_save(
            report=self.object,
            written_by=self.request.user,
            foreword=data["foreword"],
            highlights=data["highlights"],
            whats_next=data["whats_next"],
            version=data["version"],
        )


class _ReportButton(_ReportFormMixin, ForumActionView):
    permission_required = "forums.manage_annual_reports"


class AnnualReportRefreshView(_ReportButton):
    success_message = "The figures are counted again from the data for these dates."

    def perform(self):
        return services.annual_report_figures_refresh(
            report=self.object, refreshed_by=self.request.user
        )


class AnnualReportPublishView(_ReportButton):
    success_message = (
        "The report is published. Its figures are kept as they are now, and the members have "
        "been told."
    )

    def perform(self):
        return services.annual_report_publish(report=self.object, published_by=self.request.user)


class AnnualReportRecipientsView(_ReportFormMixin, ForumFormView):
    permission_required = "forums.share_annual_report"
    template_name = "forums/year/recipients.html"
    form_class = forms.AnnualReportRecipientForm
    success_message = "They are on the list. Send the report when you are ready."

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(
            recipients=year_selectors.recipients_of(report=self.object),
            link_days=LINK_DAYS,
            **context,
        )

    def perform(self, form):
        return services.annual_report_recipient_add(
            report=self.object, added_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return reverse("forums:annual_report_recipients", args=[self.object.pk])


class AnnualReportSendView(_ReportFormMixin, ForumActionView):
    """Send the link to everyone not sent it yet, or (with `recipient`) a new link to one."""

    permission_required = "forums.share_annual_report"

    def perform(self):
        recipient = None
        if self.request.POST.get("recipient"):
            recipient = year_selectors.recipient_by_id(recipient_id=self.request.POST["recipient"])
            if recipient is None or recipient.report_id != self.object.pk:
                raise ValidationError("That person is not on this report's list.")
        return services.annual_report_send(
            report=self.object, sent_by=self.request.user, recipient=recipient
        )

    def get_success_message(self, sent) -> str:
        if len(sent) == 1:
            return f"The report is on its way to {sent[0].name}."
        return f"The report is on its way to {len(sent)} people."

    def get_success_url(self, result) -> str:
        return reverse("forums:annual_report_recipients", args=[self.object.pk])


# --- The recipient's page: their link is their key --------------------------------------------


def _no_store(response):
    """A page opened with a private link: never kept by a browser or a proxy."""
    response["Cache-Control"] = "private, no-store"
    return response


class SharedReportView(View):
    template_name = "forums/year/shared.html"

    def dispatch(self, request, *args, **kwargs):
        self.link = year_selectors.recipient_for_token(kwargs["token"])
        if self.link.recipient is None:
            status = 410 if self.link.expired else 404
            return _no_store(
                render(
                    request,
                    "forums/year/shared_problem.html",
                    {"problem": self.link.problem},
                    status=status,
                )
            )
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, *, status=200):
        recipient = self.link.recipient
        context = _report_context(recipient.report)
        context.update(
            {
                "recipient": recipient,
                "form": form,
                "token": self.kwargs["token"],
            }
        )
        return _no_store(render(self.request, self.template_name, context, status=status))

    def get(self, request, token):
        return self.page(forms.AnnualReportAcknowledgeForm())

    def post(self, request, token):
        form = forms.AnnualReportAcknowledgeForm(request.POST)
        if form.is_valid():
            recipient = run_service(
                form,
                lambda: services.annual_report_acknowledge(
                    token=token, message=form.cleaned_data["message"]
                ),
            )
            if recipient is not None:
                return _no_store(HttpResponseRedirect(request.path))
        return self.page(form, status=400)


class SharedReportPdfView(View):
    def get(self, request, token):
        link = year_selectors.recipient_for_token(token)
        if link.recipient is None:
            return _no_store(
                render(
                    request,
                    "forums/year/shared_problem.html",
                    {"problem": link.problem},
                    status=410 if link.expired else 404,
                )
            )
        report = link.recipient.report
        return _pdf_of(report, _report_context(report))
