"""The forum directory, a forum's own page, adding and changing forums, their workers, and the
private care-status record."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from forums import forms, selectors, services
from forums.services.forums import FORUM_FIELDS
from participation.access import allowed
from participation.forms.base import run_service
from participation.views.base import CachedPageMixin, ServiceFormView

from .base import ForumFormView, found


class ForumListView(CachedPageMixin, View):
    def get(self, request):
        user = request.user
        return render(
            request,
            "forums/list.html",
            {
                "forums": selectors.forum_directory(user=user),
                "can_add": allowed(user, "forums.add_forum"),
                "can_record_care_status": allowed(user, "forums.record_care_status"),
            },
        )


class ForumDetailView(CachedPageMixin, View):
    def get(self, request, slug):
        forum = found(selectors.forum_by_slug(slug=slug))
        user = request.user
        viewer = selectors.viewer_for(forum=forum, user=user)
        context = {
            "forum": forum,
            "viewer": viewer,
            "member_count": selectors.shown_member_count(forum=forum, viewer=viewer),
            "can_nominate": forum.takes_nominations and allowed(user, "forums.nominate", forum),
            "can_propose": allowed(user, "forums.propose_policy_item", forum),
        }
        if allowed(user, "forums.join_forum", forum) and not viewer.is_member:
            context["eligibility"] = services.forum_eligibility(forum=forum, person=user)
            context.update(selectors.viewer_pending_request(forum=forum, user=user))
        if viewer.sees_members:
            context["upcoming"] = selectors.upcoming_meetings(forum=forum)
            context["past"] = selectors.past_meetings(forum=forum)
            context["task_groups"] = selectors.task_groups_for(forum=forum, user=user)
        if viewer.is_forum_worker:
            context["pending"] = selectors.pending_request_counts(forum=forum)
        return render(request, "forums/detail.html", context)


class ForumCreateView(ServiceFormView):
    permission_required = "forums.add_forum"
    template_name = "forums/forum_form.html"
    form_class = forms.ForumForm

    def perform(self, form):
        return services.forum_create(created_by=self.request.user, **form.cleaned_data)

    def get_success_message(self, forum) -> str:
        return f"{forum.name} is added. You are its worker."

    def get_success_url(self, forum) -> str:
        return reverse("forums:detail", args=[forum.slug])


class ForumEditView(ForumFormView):
    permission_required = "forums.change_forum"
    template_name = "forums/forum_form.html"
    form_class = forms.ForumForm
    success_message = "Your changes are saved."

    def get_form_kwargs(self) -> dict:
        forum = self.forum
        return {
            "initial": {
                "name": forum.name,
                "organisation": forum.group.organisation,
                "is_private": forum.is_private,
                **{f: getattr(forum, f) for f in FORUM_FIELDS},
            }
        }

    def perform(self, form):
        return services.forum_update(
            forum=self.forum, updated_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, forum) -> str:
        return reverse("forums:detail", args=[forum.slug])


class ForumWorkersView(ForumFormView):
    """Add a worker (the form), or remove one (a button per worker)."""

    permission_required = "forums.manage_forum_workers"
    template_name = "forums/workers.html"
    form_class = forms.WorkerAddForm

    def get_context_data(self, **context) -> dict:
        workers = selectors.forum_workers(forum=self.forum)
        return super().get_context_data(workers=workers, **context)

    def perform(self, form):
        services.forum_worker_add(forum=self.forum, worker=form.person, added_by=self.request.user)
        return form.person

    def get_success_message(self, worker) -> str:
        return f"{worker.display_name} now works with this forum."

    def get_success_url(self, result) -> str:
        return reverse("forums:workers", args=[self.forum.slug])

    def post(self, request, *args, **kwargs):
        if "remove" not in request.POST:
            return super().post(request, *args, **kwargs)
        form = forms.WorkerRemoveForm(request.POST, forum=self.forum)
        if form.is_valid() and run_service(
            form,
            lambda: services.forum_worker_remove(
                forum=self.forum, worker=form.worker, removed_by=request.user
            ),
        ):
            messages.success(
                request, f"{form.worker.display_name} no longer works with this forum."
            )
            return redirect(self.get_success_url(None))
        return self.render_form(form, status=400)


class CareStatusView(ServiceFormView):
    """Workers record whether a young person is in care. There is deliberately no list of who
    is in care: a worker has to know who they are asking about."""

    permission_required = "forums.record_care_status"
    template_name = "forums/care_status.html"
    form_class = forms.CareStatusForm

    def perform(self, form):
        services.care_status_set(
            person=form.person, status=form.cleaned_data["status"], recorded_by=self.request.user
        )
        return form.person

    def get_success_message(self, person) -> str:
        return f"Saved for {person.display_name}."

    def get_success_url(self, person) -> str:
        return reverse("forums:care_status")
