"""Pages of youth-made news and the hub. Thin: each reads through a selector or calls one
service; what is public is the selectors' and the permissions' answer."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views import View

from participation.access import allowed
from participation.views.base import (
    CachedPageMixin,
    PermissionPageMixin,
    ServiceActionView,
    ServiceFormView,
)
from participation.voice import services as voice_services
from participation.voice.forms import ConcernForm

from . import forms, selectors, services
from .markdown import render as render_markdown
from .models import ARTICLE_FLOW, ISSUE_FLOW, Article


def _found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


def _hidden(request, perm, obj):
    """What this person may not see does not exist for them; someone logged out is asked to
    log in first (the author, following a link from an email)."""
    # The rules are not asked for someone logged out (access.allowed says no to them), so a
    # published page is open to everyone here.
    if obj.is_public or allowed(request.user, perm, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404("Not found")


# --- Articles ---------------------------------------------------------------------------------


class NewsView(CachedPageMixin, View):
    """Published articles, newest first, and the newsletters."""

    def get(self, request):
        return render(
            request,
            "content/news.html",
            {
                "page": selectors.article_page(page=request.GET.get("page")),
                "newsletters": selectors.newsletters(),
                "can_write": allowed(request.user, "content.write_article"),
                "can_review": allowed(request.user, "content.view_review_queue"),
            },
        )


class ArticleView(CachedPageMixin, View):
    def get(self, request, pk):
        article = _found(selectors.article_for(article_id=pk))
        hidden = _hidden(request, "content.view_article", article)
        if hidden is not None:
            return hidden
        user = request.user
        return render(
            request,
            "content/article.html",
            {
                "article": article,
                "body": render_markdown(article.body),
                "can_edit": allowed(user, "content.edit_article", article),
                "can_submit": ARTICLE_FLOW.can(article, "submit", user),
                "can_review": ARTICLE_FLOW.can(article, "approve", user),
                "can_take_down": ARTICLE_FLOW.can(article, "take_down", user),
                "can_report": article.is_public and allowed(user, "voice.report_concern", article),
                "resource": getattr(article, "resource", None) if article.is_public else None,
            },
        )


class ArticleWriteView(ServiceFormView):
    permission_required = "content.write_article"
    template_name = "content/article_form.html"
    form_class = forms.ArticleForm
    success_message = "Your draft is saved. Only you and the editors can see it."

    def perform(self, form):
        return services.article_write(author=self.request.user, **form.cleaned_data)

    def get_success_url(self, article) -> str:
        return reverse("content:article", args=[article.pk])


class _ArticleMixin:
    def get_object(self):
        article = _found(selectors.article_for(article_id=self.kwargs["pk"]))
        if not allowed(self.request.user, "content.view_article", article):
            raise Http404("Not found")
        return article

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "article": self.object, **context}

    def get_success_url(self, result) -> str:
        return reverse("content:article", args=[self.object.pk])


class ArticleEditView(_ArticleMixin, ServiceFormView):
    permission_required = "content.edit_article"
    template_name = "content/article_form.html"
    form_class = forms.ArticleForm
    success_message = "Your changes are saved."

    def get_form(self, data=None, files=None):
        a = self.object
        initial = {name: getattr(a, name) for name in services.ARTICLE_FIELDS}
        return forms.ArticleForm(data=data, initial=initial, editing=True)

    def perform(self, form):
        return services.article_update(
            article=self.object, author=self.request.user, **form.cleaned_data
        )


class ArticleSubmitView(_ArticleMixin, ServiceActionView):
    permission_required = "content.edit_article"
    success_message = "Sent to the editors. We will tell you when they have read it."

    def perform(self):
        return services.article_submit(article=self.object, submitted_by=self.request.user)


class ArticleApproveView(_ArticleMixin, ServiceActionView):
    permission_required = "content.review_article"
    success_message = "The article is published."

    def perform(self):
        return services.article_approve(article=self.object, approved_by=self.request.user)


class ArticleSendBackView(_ArticleMixin, ServiceFormView):
    permission_required = "content.review_article"
    template_name = "content/send_back.html"
    form_class = forms.SendBackForm
    success_message = "The article is sent back. The writer has been told what to change."

    def perform(self, form):
        return services.article_send_back(
            article=self.object, sent_back_by=self.request.user, **form.cleaned_data
        )


class ArticleTakeDownView(_ArticleMixin, ServiceFormView):
    permission_required = "content.take_down"
    template_name = "content/take_down.html"
    form_class = forms.TakeDownForm
    success_message = "The article is taken down from every page."

    def perform(self, form):
        return services.article_take_down(
            article=self.object, taken_down_by=self.request.user, **form.cleaned_data
        )


class MyArticlesView(PermissionPageMixin, View):
    permission_required = "content.write_article"

    def get(self, request):
        return render(
            request, "content/mine.html", {"articles": selectors.my_articles(user=request.user)}
        )


class ReviewView(PermissionPageMixin, View):
    permission_required = "content.view_review_queue"

    def get(self, request):
        return render(
            request, "content/review.html", {"articles": selectors.review_queue(user=request.user)}
        )


class _ReportView(ServiceFormView):
    """Report a concern about something published here, into the base's moderation queue."""

    permission_required = "voice.report_concern"
    template_name = "content/report.html"
    form_class = ConcernForm
    success_message = "Thank you for telling us. A participation worker will look at it."

    def get_context_data(self, **context) -> dict:
        return {"object": self.object, "back": self.get_success_url(None), **context}

    def perform(self, form):
        return voice_services.concern_report(
            reported_by=self.request.user, target=self.object, **form.cleaned_data
        )


class ArticleReportView(_ReportView):
    def get_object(self):
        article = _found(selectors.article_for(article_id=self.kwargs["pk"]))
        if not article.is_public:
            raise Http404("Not found")
        return article

    def get_success_url(self, result) -> str:
        return reverse("content:article", args=[self.object.pk])


class ArticleFeed(Feed):
    """The newest published articles, for feed readers. Only what is approved is in it."""

    feed_type = Atom1Feed
    title = "Youth Voice news: written by young people"
    subtitle = "Articles young people wrote, read by their editors before they were published."

    def link(self):
        return reverse("content:news")

    def items(self):
        return selectors.public_articles().order_by("-published_at", "-id")[:20]

    def item_title(self, item: Article):
        return item.title

    def item_description(self, item: Article):
        return item.summary

    def item_link(self, item: Article):
        return reverse("content:article", args=[item.pk])

    def item_pubdate(self, item: Article):
        return item.published_at


# --- Newsletters and issues -------------------------------------------------------------------


class NewsletterView(CachedPageMixin, View):
    """A newsletter's archive: every published issue, and getting it."""

    def get(self, request, slug):
        newsletter = _found(selectors.newsletter_for(slug=slug))
        return render(
            request,
            "content/newsletter.html",
            {
                "newsletter": newsletter,
                "can_subscribe": allowed(request.user, "content.subscribe", newsletter),
                **selectors.archive(
                    newsletter=newsletter, user=request.user, page=request.GET.get("page")
                ),
            },
        )


class _NewsletterMixin:
    def get_object(self):
        return _found(selectors.newsletter_for(slug=self.kwargs["slug"]))

    def get_success_url(self, result) -> str:
        return reverse("content:newsletter", args=[self.object.slug])


class SubscribeView(_NewsletterMixin, ServiceActionView):
    permission_required = "content.subscribe"
    success_message = "You will get each new issue. Choose how on your notifications page."

    def perform(self):
        return services.newsletter_subscribe(newsletter=self.object, user=self.request.user)


class UnsubscribeView(_NewsletterMixin, ServiceActionView):
    permission_required = "content.subscribe"
    success_message = "You won't get new issues any more."

    def perform(self):
        return services.newsletter_unsubscribe(newsletter=self.object, user=self.request.user)


class IssueCreateView(_NewsletterMixin, ServiceFormView):
    permission_required = "content.assemble_issue"
    template_name = "content/issue_form.html"
    form_class = forms.IssueForm
    success_message = "The issue is saved. Read it through, then send it."

    def get_form_kwargs(self):
        return {"choices": selectors.issue_choices(newsletter=self.object)}

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(newsletter=self.object, **context)

    def perform(self, form):
        return services.issue_create(
            newsletter=self.object, created_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, issue) -> str:
        return reverse("content:issue", args=[issue.pk])


class _IssueMixin:
    def get_object(self):
        issue = _found(selectors.issue_for(issue_id=self.kwargs["pk"]))
        if not allowed(self.request.user, "content.view_issue", issue):
            raise Http404("Not found")
        return issue

    def get_success_url(self, result) -> str:
        return reverse("content:issue", args=[self.object.pk])


class IssueEditView(_IssueMixin, ServiceFormView):
    permission_required = "content.assemble_issue"
    template_name = "content/issue_form.html"
    form_class = forms.IssueForm
    success_message = "The issue is saved."

    def get_form(self, data=None, files=None):
        issue = self.object
        initial = {
            "title": issue.title,
            "intro": issue.intro,
            "articles": list(issue.articles.all()),
            "activities": list(issue.activities.all()),
            "you_said": list(issue.you_said.all()),
        }
        return forms.IssueForm(
            data=data,
            initial=initial,
            choices=selectors.issue_choices(newsletter=issue.newsletter),
        )

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(newsletter=self.object.newsletter, **context)

    def perform(self, form):
        return services.issue_update(
            issue=self.object, updated_by=self.request.user, **form.cleaned_data
        )


class IssuePublishView(_IssueMixin, ServiceActionView):
    permission_required = "content.assemble_issue"

    def perform(self):
        return services.issue_publish(issue=self.object, published_by=self.request.user)

    def get_success_message(self, issue) -> str:
        people = "person was" if issue.sent_to == 1 else "people were"
        return f"The issue is published. {issue.sent_to} {people} told."


class IssueView(CachedPageMixin, View):
    def get(self, request, pk):
        issue = _found(selectors.issue_for(issue_id=pk))
        hidden = _hidden(request, "content.view_issue", issue)
        if hidden is not None:
            return hidden
        return render(
            request,
            "content/issue.html",
            {
                "issue": issue,
                "intro": render_markdown(issue.intro),
                "can_edit": not issue.is_public
                and allowed(request.user, "content.assemble_issue", issue),
                "can_publish": ISSUE_FLOW.can(issue, "publish", request.user),
            },
        )


# --- The hub ----------------------------------------------------------------------------------


class HubView(CachedPageMixin, View):
    """Draw Your Own Solution: search by topic and words."""

    def get(self, request):
        filters = selectors.HubFilters.from_query(request.GET)
        return render(
            request,
            "content/hub.html",
            {
                "filters": filters,
                "filter_query": filters.as_query(),
                "topics": selectors.Topic.choices,
                "kinds": selectors.ResourceKind.choices,
                "ages": selectors.AgeSuitability.choices,
                **selectors.hub_page(
                    filters=filters, page=request.GET.get("page"), user=request.user
                ),
            },
        )


class ResourceView(CachedPageMixin, View):
    def get(self, request, pk):
        resource = _found(selectors.resource_for(resource_id=pk))
        return render(
            request,
            "content/resource.html",
            {
                "resource": resource,
                "helped": selectors.small_count(resource.helped),
                "not_helped": selectors.small_count(resource.not_helped),
                "mine": selectors.my_rating(resource=resource, user=request.user),
                "can_rate": allowed(request.user, "content.rate_resource", resource),
                "can_report": allowed(request.user, "voice.report_concern", resource),
            },
        )


class _ResourceMixin:
    def get_object(self):
        return _found(selectors.resource_for(resource_id=self.kwargs["pk"]))

    def get_success_url(self, result) -> str:
        return reverse("content:resource", args=[self.object.pk])


class ResourceRateView(_ResourceMixin, ServiceActionView):
    permission_required = "content.rate_resource"
    success_message = "Thank you for saying. You can change your answer at any time."

    def perform(self):
        helpful = self.request.POST.get("helpful")
        if helpful not in ("yes", "no"):
            from django.core.exceptions import ValidationError

            raise ValidationError("Choose yes or no.")
        return services.resource_rate(
            resource=self.object, user=self.request.user, helpful=helpful == "yes"
        )


class ResourceReportView(_ResourceMixin, _ReportView):
    pass


class ResourceAddView(ServiceFormView):
    permission_required = "content.add_resource"
    template_name = "content/resource_form.html"
    form_class = forms.ResourceForm
    success_message = "It is in the hub."

    def get_form_kwargs(self):
        return {"collections": selectors.Collection.objects.all()}

    def perform(self, form):
        return services.resource_add(added_by=self.request.user, **form.cleaned_data)

    def get_success_url(self, resource) -> str:
        return reverse("content:resource", args=[resource.pk])
