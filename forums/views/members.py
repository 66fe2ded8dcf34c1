"""A forum's members: the list (full for its workers, first names for fellow members), adding a
member, and one member's roles and membership."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from forums import forms, selectors, services
from participation.forms.base import run_service
from participation.views.base import CachedPageMixin

from .base import ForumFormView, ForumPage, found


class MembersView(CachedPageMixin, ForumPage):
    permission_required = "forums.view_members"
    template_name = "forums/members.html"

    def get(self, request, slug):
        viewer = selectors.viewer_for(forum=self.forum, user=request.user)
        members = selectors.members_visible_to(forum=self.forum, viewer=viewer)
        return self.show({"viewer": viewer, "members": members})


class MemberAddView(ForumFormView):
    permission_required = "forums.manage_members"
    template_name = "forums/member_add.html"
    form_class = forms.MemberAddForm

    def perform(self, form):
        services.membership_add(
            forum=self.forum,
            person=form.person,
            added_by=self.request.user,
            started_on=form.cleaned_data["started_on"],
        )
        return form.person

    def get_success_message(self, person) -> str:
        return f"{person.display_name} is now a member."

    def get_success_url(self, person) -> str:
        return reverse("forums:members", args=[self.forum.slug])


class MemberView(ForumPage):
    """A forum's worker gives or ends roles, or ends someone's membership: three buttons, each
    with its own small form and service."""

    permission_required = "forums.manage_members"
    template_name = "forums/member.html"

    def member(self) -> dict:
        return found(selectors.member_page(forum=self.forum, user_id=self.kwargs["user_id"]))

    def page(self, *, role_form=None, end_form=None, status=200):
        return self.show(
            {
                **self.member(),
                "role_form": role_form or forms.RoleGiveForm(),
                "end_form": end_form or forms.EndDateForm(),
            },
            status=status,
        )

    def get(self, request, slug, user_id):
        return self.page()

    def post(self, request, slug, user_id):
        member = self.member()
        person = member["person"]
        here = reverse("forums:member", args=[slug, user_id])
        if "give_role" in request.POST:
            form = forms.RoleGiveForm(request.POST)
            if form.is_valid() and run_service(
                form,
                lambda: services.member_role_give(
                    forum=self.forum,
                    person=person,
                    role=form.cleaned_data["role"],
                    given_by=request.user,
                    started_on=form.cleaned_data["started_on"],
                ),
            ):
                messages.success(request, "The role is given.")
                return redirect(here)
            return self.page(role_form=form, status=400)
        form = forms.EndDateForm(request.POST)
        if "end_role" in request.POST:
            chosen = request.POST["end_role"]
            office = found(next((r for r in member["offices"] if str(r.pk) == chosen), None))
            if form.is_valid() and run_service(
                form,
                lambda: services.member_role_end(
                    membership=office, ended_by=request.user, ended_on=form.cleaned_data["ended_on"]
                ),
            ):
                messages.success(request, "The role has ended.")
                return redirect(here)
            return self.page(end_form=form, status=400)
        if form.is_valid() and run_service(
            form,
            lambda: services.membership_end(
                forum=self.forum,
                person=person,
                ended_by=request.user,
                ended_on=form.cleaned_data["ended_on"],
            ),
        ):
            messages.success(request, f"{person.display_name}'s membership has ended.")
            return redirect("forums:members", slug)
        return self.page(end_form=form, status=400)
