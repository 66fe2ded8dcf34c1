"""Task groups: a few of a forum's members working on one issue."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from forums import forms, selectors, services
from participation.access import allowed
from participation.forms.base import run_service

from .base import ForumFormView, ForumPage, found


class TaskGroupCreateView(ForumFormView):
    permission_required = "forums.manage_task_groups"
    template_name = "forums/task_group_form.html"
    form_class = forms.TaskGroupForm

    def perform(self, form):
        return services.task_group_create(
            forum=self.forum, created_by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, task_group) -> str:
        return f"The {task_group.name} task group is started."

    def get_success_url(self, task_group) -> str:
        return reverse("forums:task_group", args=[self.forum.slug, task_group.pk])


class TaskGroupView(ForumPage):
    """A task group's page. Its forum's members join or leave it (one button); its forum's
    workers add members to it (a form)."""

    permission_required = "forums.view_task_group"
    template_name = "forums/task_group.html"

    def get_object(self):
        return found(
            selectors.task_group_in(slug=self.kwargs["slug"], task_group_id=self.kwargs["pk"])
        )

    def add_form(self, data):
        viewer = selectors.viewer_for(forum=self.forum, user=self.request.user)
        people = selectors.members_visible_to(forum=self.forum, viewer=viewer) or []
        return forms.TaskGroupMemberForm(data, people=people)

    def page(self, *, add_form=None, form=None, status=200):
        task_group = self.object
        user = self.request.user
        viewer = selectors.viewer_for(forum=self.forum, user=user)
        context = {
            "task_group": task_group,
            "viewer": viewer,
            "form": form or forms.EmptyForm(),
            **selectors.task_group_page(task_group=task_group, user=user),
        }
        if allowed(user, "forums.manage_task_groups", task_group):
            if add_form is None:
                forum_members = selectors.members_visible_to(forum=self.forum, viewer=viewer) or []
                in_it = {m.pk for m in context["members"]}
                add_form = forms.TaskGroupMemberForm(
                    people=[r for r in forum_members if r.user_id not in in_it]
                )
            context["add_form"] = add_form
        return self.show(context, status=status)

    def get(self, request, slug, pk):
        return self.page()

    def post(self, request, slug, pk):
        task_group = self.object
        here = reverse("forums:task_group", args=[slug, pk])
        if "add" in request.POST:
            if not allowed(request.user, "forums.manage_task_groups", task_group):
                return self.handle_no_permission()
            form = self.add_form(request.POST)
            if form.is_valid():
                person = selectors.user_by_id(user_id=form.cleaned_data["person"])
                if run_service(
                    form,
                    lambda: services.task_group_member_add(
                        task_group=task_group, person=person, added_by=request.user
                    ),
                ):
                    messages.success(request, f"{person.display_name} is in the task group.")
                    return redirect(here)
            return self.page(add_form=form, status=400)
        if not allowed(request.user, "forums.join_task_group", task_group):
            return self.handle_no_permission()
        form = forms.EmptyForm(request.POST)
        if "leave" in request.POST:
            call, done = services.task_group_leave, f"You have left {task_group.name}."
        else:
            call, done = services.task_group_join, f"You are in {task_group.name}."
        if run_service(form, lambda: call(task_group=task_group, person=request.user)):
            messages.success(request, done)
            return redirect(here)
        return self.page(form=form, status=400)
