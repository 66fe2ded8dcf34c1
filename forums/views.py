"""Forum pages. Thin: permissions from forums.permissions, reads from selectors, writes through
services, and a service's ValidationError is shown on the form with what was typed kept."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from forums import forms, selectors, services
from forums.models import (
    MEMBER_ROLE_LABELS,
    Application,
    ApplicationStatus,
    Forum,
    JoinRoute,
    Meeting,
    MeetingAction,
    MemberRole,
    Nomination,
    NominationStatus,
    PolicyItem,
    TaskGroup,
)
from forums.permissions import forum_of
from participation.models import Membership, Role, User
from participation.views import StaffPageMixin
from participation.views.errors import run_service


def _forum(slug: str) -> Forum:
    return get_object_or_404(
        Forum.objects.select_related("group", "group__organisation"), group__slug=slug
    )


class ForumObjectView(LoginRequiredMixin, View):
    """A page about one forum, or something inside one.

    Not logged in: off to log in. Logged in without the permission: 403, except on a private
    forum, where it is 404 so that nothing (not even that there is something to see) leaks.
    """

    permission_required: str = ""

    def get_object(self):
        return _forum(self.kwargs["slug"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        self.forum = forum_of(self.object)
        if not request.user.has_perm(self.permission_required, self.object):
            self.deny()
        return super().dispatch(request, *args, **kwargs)

    def deny(self):
        if self.forum.is_private:
            raise Http404("Not found")
        raise PermissionDenied

    def show(self, template: str, context: dict, *, status: int = 200):
        context.setdefault("forum", self.forum)
        return render(self.request, f"forums/{template}", context, status=status)


# --- Directory and forum page -----------------------------------------------------------------


class ForumListView(View):
    def get(self, request):
        return render(
            request,
            "forums/list.html",
            {
                "forums": selectors.forum_directory(user=request.user),
                "can_add": request.user.has_perm("forums.add_forum"),
            },
        )


class ForumDetailView(View):
    def get(self, request, slug):
        forum = _forum(slug)
        user = request.user
        viewer = selectors.viewer_for(forum=forum, user=user)
        context = {
            "forum": forum,
            "viewer": viewer,
            "member_count": selectors.shown_member_count(forum=forum, viewer=viewer),
            "can_nominate": forum.join_route == JoinRoute.NOMINATION
            and user.has_perm("forums.nominate"),
            "can_propose": user.has_perm("forums.propose_policy_item"),
        }
        if user.is_authenticated and user.has_role(Role.YOUNG_PERSON) and not viewer.is_member:
            context["eligibility"] = services.forum_eligibility(forum=forum, person=user)
            context.update(selectors.viewer_pending_request(forum=forum, user=user))
        if viewer.sees_members:
            context["upcoming"] = selectors.upcoming_meetings(forum=forum)
            context["past"] = selectors.past_meetings(forum=forum)
            context["task_groups"] = selectors.task_groups_for(forum=forum, user=user)
        if viewer.is_forum_worker:
            context["pending"] = selectors.pending_request_counts(forum=forum)
        return render(request, "forums/detail.html", context)


class ForumCreateView(StaffPageMixin, View):
    permission_required = "forums.add_forum"

    def get(self, request):
        return render(request, "forums/forum_form.html", {"form": forms.ForumForm()})

    def post(self, request):
        form = forms.ForumForm(request.POST)
        if form.is_valid():
            forum = run_service(
                form, lambda: services.forum_create(created_by=request.user, **form.cleaned_data)
            )
            if forum:
                messages.success(request, f"{forum.name} is added. You are its worker.")
                return redirect("forums:detail", forum.slug)
        return render(request, "forums/forum_form.html", {"form": form}, status=400)


class ForumEditView(ForumObjectView):
    permission_required = "forums.change_forum"

    def _initial(self):
        forum = self.forum
        return {
            "name": forum.name,
            "organisation": forum.group.organisation,
            "is_private": forum.is_private,
            **{f: getattr(forum, f) for f in services.forums.FORUM_FIELDS},
        }

    def get(self, request, slug):
        return self.show("forum_form.html", {"form": forms.ForumForm(initial=self._initial())})

    def post(self, request, slug):
        form = forms.ForumForm(request.POST, initial=self._initial())
        if form.is_valid():
            forum = run_service(
                form,
                lambda: services.forum_update(
                    forum=self.forum, updated_by=request.user, **form.cleaned_data
                ),
            )
            if forum:
                messages.success(request, "Your changes are saved.")
                return redirect("forums:detail", forum.slug)
        return self.show("forum_form.html", {"form": form}, status=400)


class ForumWorkersView(ForumObjectView):
    permission_required = "forums.manage_forum_workers"

    def _page(self, form, status=200):
        workers = list(self.forum.workers.order_by("first_name", "last_name"))
        return self.show("workers.html", {"form": form, "workers": workers}, status=status)

    def get(self, request, slug):
        return self._page(forms.WorkerAddForm())

    def post(self, request, slug):
        if "remove" in request.POST:
            form = forms.EmptyForm(request.POST)
            worker = self.forum.workers.filter(pk=request.POST.get("remove") or 0).first()
            if worker is None:
                form.add_error(None, "That person doesn't work with this forum.")
            elif run_service(
                form,
                lambda: services.forum_worker_remove(
                    forum=self.forum, worker=worker, removed_by=request.user
                ),
            ):
                messages.success(request, f"{worker.display_name} no longer works with this forum.")
                return redirect("forums:workers", slug)
            return self._page(form, status=400)
        form = forms.WorkerAddForm(request.POST)
        if form.is_valid():
            worker = selectors.user_by_email(email=form.cleaned_data["email"])
            if worker is None:
                form.add_error("email", "Nobody on the portal has that email address.")
            elif run_service(
                form,
                lambda: services.forum_worker_add(
                    forum=self.forum, worker=worker, added_by=request.user
                ),
            ):
                messages.success(request, f"{worker.display_name} now works with this forum.")
                return redirect("forums:workers", slug)
        return self._page(form, status=400)


# --- Joining ----------------------------------------------------------------------------------


class _RouteView(ForumObjectView):
    route = ""

    def get_object(self):
        forum = _forum(self.kwargs["slug"])
        if forum.join_route != self.route:
            raise Http404("This forum has another way to join")
        return forum

    def eligibility(self):
        return services.forum_eligibility(forum=self.forum, person=self.request.user)


class JoinView(_RouteView):
    permission_required = "forums.join_forum"
    route = JoinRoute.OPEN

    def get(self, request, slug):
        return self.show(
            "join.html", {"form": forms.EmptyForm(), "eligibility": self.eligibility()}
        )

    def post(self, request, slug):
        form = forms.EmptyForm(request.POST)
        if run_service(
            form, lambda: services.membership_join(forum=self.forum, person=request.user)
        ):
            messages.success(request, f"You are now a member of {self.forum.name}. Welcome!")
            return redirect("forums:detail", slug)
        return self.show("join.html", {"form": form, "eligibility": self.eligibility()}, status=400)


class ApplyView(_RouteView):
    permission_required = "forums.join_forum"
    route = JoinRoute.APPLICATION

    def get(self, request, slug):
        return self.show(
            "apply.html", {"form": forms.ApplicationForm(), "eligibility": self.eligibility()}
        )

    def post(self, request, slug):
        form = forms.ApplicationForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.application_submit(
                forum=self.forum, applicant=request.user, why=form.cleaned_data["why"]
            ),
        ):
            messages.success(
                request,
                f"Thank you. Your application to {self.forum.name} is sent. A worker will "
                "tell you what they decide.",
            )
            return redirect("forums:mine")
        return self.show(
            "apply.html", {"form": form, "eligibility": self.eligibility()}, status=400
        )


class NominateView(_RouteView):
    permission_required = "forums.nominate"
    route = JoinRoute.NOMINATION

    def get(self, request, slug):
        return self.show("nominate.html", {"form": forms.NominationForm(forum=self.forum)})

    def post(self, request, slug):
        form = forms.NominationForm(request.POST, forum=self.forum)
        if form.is_valid():
            young_person = selectors.user_by_email(email=form.cleaned_data["email"])
            if young_person is None:
                form.add_error(
                    "email",
                    "Nobody on the portal has that email address. Ask the young person to sign "
                    "up, or ask a participation worker to set up their account.",
                )
            elif run_service(
                form,
                lambda: services.nomination_create(
                    forum=self.forum,
                    young_person=young_person,
                    nominated_by=request.user,
                    reason=form.cleaned_data["reason"],
                    confirms_care_status=form.cleaned_data.get("confirms_care_status", False),
                ),
            ):
                messages.success(
                    request,
                    f"Thank you. We have asked {young_person.first_name} if they want to join "
                    f"{self.forum.name}. Nothing changes unless they say yes.",
                )
                return redirect("forums:detail", slug)
        return self.show("nominate.html", {"form": form}, status=400)


class NominationView(LoginRequiredMixin, View):
    """The young person who was put forward answers. Nobody else may even see it exists."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.nomination = get_object_or_404(
            Nomination.objects.select_related("forum__group", "nominated_by"), pk=kwargs["pk"]
        )
        if not request.user.has_perm("forums.respond_to_nomination", self.nomination):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)

    def _page(self, form, status=200):
        nomination = self.nomination
        return render(
            self.request,
            "forums/nomination.html",
            {
                "nomination": nomination,
                "forum": nomination.forum,
                "form": form,
                "answered": nomination.status != NominationStatus.PENDING,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._page(forms.NominationResponseForm())

    def post(self, request, pk):
        form = forms.NominationResponseForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["answer"] == "yes"
            if run_service(
                form,
                lambda: services.nomination_respond(
                    nomination=self.nomination, young_person=request.user, accept=accept
                ),
            ):
                forum = self.nomination.forum
                if accept:
                    messages.success(request, f"You are now a member of {forum.name}. Welcome!")
                    return redirect("forums:detail", forum.slug)
                messages.success(
                    request, f"That's fine. You have said no thank you to {forum.name}."
                )
                return redirect("forums:mine")
        return self._page(form, status=400)


class LeaveView(ForumObjectView):
    permission_required = "forums.leave_forum"

    def get(self, request, slug):
        return self.show("leave.html", {"form": forms.EmptyForm()})

    def post(self, request, slug):
        form = forms.EmptyForm(request.POST)
        if run_service(
            form, lambda: services.membership_leave(forum=self.forum, person=request.user)
        ):
            messages.success(
                request,
                f"You have left {self.forum.name}. You are welcome back any time.",
            )
            return redirect("forums:mine")
        return self.show("leave.html", {"form": form}, status=400)


class MyForumsView(LoginRequiredMixin, View):
    def get(self, request):
        return render(request, "forums/mine.html", selectors.my_forums(user=request.user))


class ApplicationWithdrawView(LoginRequiredMixin, View):
    def post(self, request, pk):
        application = get_object_or_404(Application.objects.select_related("forum__group"), pk=pk)
        if not request.user.has_perm("forums.withdraw_application", application):
            raise Http404("Not found")
        try:
            services.application_withdraw(application=application, applicant=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Your application to {application.forum.name} is taken back."
            )
        return redirect("forums:mine")


# --- Members ----------------------------------------------------------------------------------


class MembersView(ForumObjectView):
    permission_required = "forums.view_members"

    def get(self, request, slug):
        viewer = selectors.viewer_for(forum=self.forum, user=request.user)
        members = selectors.members_visible_to(forum=self.forum, viewer=viewer)
        return self.show("members.html", {"viewer": viewer, "members": members})


class MemberAddView(ForumObjectView):
    permission_required = "forums.manage_members"

    def get(self, request, slug):
        return self.show("member_add.html", {"form": forms.MemberAddForm()})

    def post(self, request, slug):
        form = forms.MemberAddForm(request.POST)
        if form.is_valid():
            person = selectors.user_by_email(email=form.cleaned_data["email"])
            if person is None:
                form.add_error("email", "Nobody on the portal has that email address.")
            elif run_service(
                form,
                lambda: services.membership_add(
                    forum=self.forum,
                    person=person,
                    added_by=request.user,
                    started_on=form.cleaned_data["started_on"],
                ),
            ):
                messages.success(request, f"{person.display_name} is now a member.")
                return redirect("forums:members", slug)
        return self.show("member_add.html", {"form": form}, status=400)


class MemberView(ForumObjectView):
    """A forum's worker gives or ends roles, or ends someone's membership."""

    permission_required = "forums.manage_members"

    def _person(self) -> tuple[User, list[Membership]]:
        rows = list(
            Membership.objects.active()
            .filter(group_id=self.forum.group_id, user_id=self.kwargs["user_id"])
            .select_related("user")
            .order_by("started_on", "id")
        )
        if not rows:
            raise Http404("Not a member")
        return rows[0].user, rows

    def _page(self, *, role_form=None, end_form=None, status=200):
        person, rows = self._person()
        for row in rows:
            row.label = MEMBER_ROLE_LABELS.get(row.role, row.role)
        return self.show(
            "member.html",
            {
                "person": person,
                "offices": [r for r in rows if r.role != MemberRole.MEMBER],
                "joined": next((r for r in rows if r.role == MemberRole.MEMBER), None),
                "role_form": role_form or forms.RoleGiveForm(),
                "end_form": end_form or forms.EndDateForm(),
            },
            status=status,
        )

    def get(self, request, slug, user_id):
        return self._page()

    def post(self, request, slug, user_id):
        person, rows = self._person()
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
                return redirect("forums:member", slug, user_id)
            return self._page(role_form=form, status=400)
        form = forms.EndDateForm(request.POST)
        if "end_role" in request.POST:
            membership = next((r for r in rows if str(r.pk) == request.POST["end_role"]), None)
            if membership is None:
                raise Http404("No such role")
            if form.is_valid() and run_service(
                form,
                lambda: services.member_role_end(
                    membership=membership,
                    ended_by=request.user,
                    ended_on=form.cleaned_data["ended_on"],
                ),
            ):
                messages.success(request, "The role has ended.")
                return redirect("forums:member", slug, user_id)
            return self._page(end_form=form, status=400)
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
        return self._page(end_form=form, status=400)


class RequestsView(ForumObjectView):
    permission_required = "forums.decide_requests"

    def get(self, request, slug):
        return self.show("requests.html", selectors.join_requests_for(forum=self.forum))


class ApplicationView(ForumObjectView):
    permission_required = "forums.decide_requests"

    def get_object(self):
        return get_object_or_404(
            Application.objects.select_related("forum__group", "applicant"), pk=self.kwargs["pk"]
        )

    def deny(self):
        raise Http404("Not found")

    def _page(self, form, status=200):
        application = self.object
        return self.show(
            "application.html",
            {
                "application": application,
                "form": form,
                "eligibility": services.forum_eligibility(
                    forum=self.forum, person=application.applicant, about_them=True
                ),
                "decided": application.status != ApplicationStatus.PENDING,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._page(forms.DecisionForm())

    def post(self, request, pk):
        form = forms.DecisionForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.application_decide(
                application=self.object,
                decided_by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            ),
        ):
            messages.success(request, "Your decision is saved and the young person is told.")
            return redirect("forums:requests", self.forum.slug)
        return self._page(form, status=400)


# --- Task groups ------------------------------------------------------------------------------


class TaskGroupCreateView(ForumObjectView):
    permission_required = "forums.change_forum"

    def get(self, request, slug):
        return self.show("task_group_form.html", {"form": forms.TaskGroupForm()})

    def post(self, request, slug):
        form = forms.TaskGroupForm(request.POST)
        if form.is_valid():
            task_group = run_service(
                form,
                lambda: services.task_group_create(
                    forum=self.forum, created_by=request.user, **form.cleaned_data
                ),
            )
            if task_group:
                messages.success(request, f"The {task_group.name} task group is started.")
                return redirect("forums:task_group", slug, task_group.pk)
        return self.show("task_group_form.html", {"form": form}, status=400)


class TaskGroupView(ForumObjectView):
    permission_required = "forums.view_task_group"

    def get_object(self):
        return get_object_or_404(
            TaskGroup.objects.select_related("group", "forum__group"),
            pk=self.kwargs["pk"],
            forum__group__slug=self.kwargs["slug"],
        )

    def _page(self, *, add_form=None, form=None, status=200):
        task_group = self.object
        viewer = selectors.viewer_for(forum=self.forum, user=self.request.user)
        members = [
            m.user
            for m in Membership.objects.active()
            .filter(group_id=task_group.group_id)
            .select_related("user")
            .order_by("user__first_name", "user__last_name")
        ]
        context = {
            "task_group": task_group,
            "viewer": viewer,
            "members": members,
            "is_in_it": any(m.pk == self.request.user.pk for m in members),
            "meetings": list(
                Meeting.objects.filter(task_group=task_group)
                .select_related("activity")
                .order_by("-activity__starts_at")[:10]
            ),
            "form": form or forms.EmptyForm(),
        }
        if viewer.is_forum_worker:
            forum_members = selectors.members_visible_to(forum=self.forum, viewer=viewer) or []
            in_it = {m.pk for m in members}
            context["add_form"] = add_form or forms.TaskGroupMemberForm(
                people=[r for r in forum_members if r.user_id not in in_it]
            )
        return self.show("task_group.html", context, status=status)

    def get(self, request, slug, pk):
        return self._page()

    def post(self, request, slug, pk):
        task_group = self.object
        if "add" in request.POST:
            if not request.user.has_perm("forums.manage_members", self.forum):
                self.deny()
            viewer = selectors.viewer_for(forum=self.forum, user=request.user)
            people = selectors.members_visible_to(forum=self.forum, viewer=viewer) or []
            form = forms.TaskGroupMemberForm(request.POST, people=people)
            if form.is_valid():
                person = User.objects.get(pk=form.cleaned_data["person"])
                if run_service(
                    form,
                    lambda: services.task_group_member_add(
                        task_group=task_group, person=person, added_by=request.user
                    ),
                ):
                    messages.success(request, f"{person.display_name} is in the task group.")
                    return redirect("forums:task_group", slug, pk)
            return self._page(add_form=form, status=400)
        if not request.user.has_perm("forums.join_task_group", self.forum):
            self.deny()
        form = forms.EmptyForm(request.POST)
        if "leave" in request.POST:
            if run_service(
                form, lambda: services.task_group_leave(task_group=task_group, person=request.user)
            ):
                messages.success(request, f"You have left {task_group.name}.")
                return redirect("forums:task_group", slug, pk)
        elif run_service(
            form, lambda: services.task_group_join(task_group=task_group, person=request.user)
        ):
            messages.success(request, f"You are in {task_group.name}.")
            return redirect("forums:task_group", slug, pk)
        return self._page(form=form, status=400)


# --- Meetings ---------------------------------------------------------------------------------


class MeetingCreateView(ForumObjectView):
    permission_required = "forums.manage_meetings"

    def get_object(self):
        forum = _forum(self.kwargs["slug"])
        self.task_group = None
        if "task_group" in self.kwargs:
            self.task_group = get_object_or_404(
                TaskGroup.objects.select_related("group"), pk=self.kwargs["task_group"], forum=forum
            )
        return forum

    def _form(self, data=None):
        name = self.task_group.name if self.task_group else self.forum.name
        return forms.MeetingForm(
            data, task_group=self.task_group, initial={"title": f"{name} meeting"}
        )

    def get(self, request, slug, **kwargs):
        return self.show("meeting_form.html", {"form": self._form(), "task_group": self.task_group})

    def post(self, request, slug, **kwargs):
        form = self._form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            meeting = run_service(
                form,
                lambda: services.meeting_create(
                    forum=self.forum, created_by=request.user, task_group=self.task_group, **data
                ),
            )
            if meeting:
                messages.success(request, "The meeting is planned. Members can now sign up.")
                return redirect("forums:meeting", meeting.pk)
        return self.show(
            "meeting_form.html", {"form": form, "task_group": self.task_group}, status=400
        )


class _MeetingObjectView(ForumObjectView):
    def get_object(self):
        try:
            return selectors.meeting_page(meeting_id=self.kwargs["pk"])
        except Meeting.DoesNotExist as error:
            raise Http404("No such meeting") from error


class MeetingView(_MeetingObjectView):
    permission_required = "forums.view_meeting"

    def get(self, request, pk):
        meeting = self.object
        viewer = selectors.viewer_for(forum=self.forum, user=request.user)
        now = timezone.now()
        return self.show(
            "meeting.html",
            {
                "meeting": meeting,
                "viewer": viewer,
                "agenda_items": list(meeting.agenda_items.all()),
                "actions": list(meeting.actions.all()),
                "has_ended": meeting.activity.ends_at <= now,
                "status_form": forms.ActionStatusForm(),
            },
        )


class AgendaItemAddView(_MeetingObjectView):
    permission_required = "forums.manage_meetings"

    def _form(self, data=None):
        return forms.AgendaItemForm(
            data, policy_items=selectors.open_policy_items(forum=self.forum)
        )

    def get(self, request, pk):
        return self.show("agenda_item_form.html", {"form": self._form(), "meeting": self.object})

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            policy_item = None
            if data["policy_item"]:
                policy_item = PolicyItem.objects.filter(
                    pk=data["policy_item"], forum=self.forum
                ).first()
            if run_service(
                form,
                lambda: services.agenda_item_add(
                    meeting=self.object,
                    added_by=request.user,
                    title=data["title"],
                    kind=data["kind"],
                    details=data["details"],
                    policy_item=policy_item,
                ),
            ):
                messages.success(request, "The item is on the agenda.")
                return redirect("forums:meeting", pk)
        return self.show(
            "agenda_item_form.html", {"form": form, "meeting": self.object}, status=400
        )


class MinutesView(_MeetingObjectView):
    permission_required = "forums.manage_meetings"

    def _form(self, data=None):
        return forms.MinutesForm(
            data,
            agenda_items=list(self.object.agenda_items.all()),
            initial={"minutes": self.object.minutes},
        )

    def get(self, request, pk):
        return self.show("minutes_form.html", {"form": self._form(), "meeting": self.object})

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.minutes_save(
                meeting=self.object,
                saved_by=request.user,
                minutes=form.cleaned_data["minutes"],
                item_notes=form.item_notes(),
            ),
        ):
            messages.success(request, "The minutes are saved.")
            return redirect("forums:meeting", pk)
        return self.show("minutes_form.html", {"form": form, "meeting": self.object}, status=400)


class ActionAddView(_MeetingObjectView):
    permission_required = "forums.manage_meetings"

    def _form(self, data=None):
        return forms.ActionForm(
            data,
            people=selectors.forum_people_for_actions(forum=self.forum),
            agenda_items=list(self.object.agenda_items.all()),
        )

    def get(self, request, pk):
        return self.show("action_form.html", {"form": self._form(), "meeting": self.object})

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            owner = User.objects.filter(pk=data["owner"]).first() if data["owner"] else None
            agenda_item = (
                self.object.agenda_items.filter(pk=data["agenda_item"]).first()
                if data["agenda_item"]
                else None
            )
            if run_service(
                form,
                lambda: services.action_add(
                    meeting=self.object,
                    added_by=request.user,
                    description=data["description"],
                    owner=owner,
                    owner_name=data["owner_name"],
                    due_on=data["due_on"],
                    agenda_item=agenda_item,
                ),
            ):
                messages.success(request, "The action is added.")
                return redirect("forums:meeting", pk)
        return self.show("action_form.html", {"form": form, "meeting": self.object}, status=400)


class _ActionView(ForumObjectView):
    permission_required = "forums.manage_meetings"
    http_method_names = ["post"]

    def get_object(self):
        return get_object_or_404(
            MeetingAction.objects.select_related("meeting__forum__group"), pk=self.kwargs["pk"]
        )


class ActionStatusView(_ActionView):
    def post(self, request, pk):
        form = forms.ActionStatusForm(request.POST)
        if form.is_valid():
            try:
                services.action_status_set(
                    action=self.object, status=form.cleaned_data["status"], changed_by=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "The action is updated.")
        else:
            messages.error(request, "Choose to do, done or not going ahead.")
        return redirect("forums:meeting", self.object.meeting_id)


class ActionRaiseYouSaidView(_ActionView):
    def post(self, request, pk):
        try:
            services.action_raise_you_said(action=self.object, raised_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                'A "you said" item will be raised from this action, so the forum can follow '
                "what is done about it.",
            )
        return redirect("forums:meeting", self.object.meeting_id)


# --- Policy items -----------------------------------------------------------------------------


class PolicyItemProposeView(ForumObjectView):
    permission_required = "forums.propose_policy_item"

    def get(self, request, slug):
        return self.show("policy_item_form.html", {"form": forms.PolicyItemForm()})

    def post(self, request, slug):
        form = forms.PolicyItemForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.policy_item_propose(
                forum=self.forum, brought_by=request.user, **form.cleaned_data
            ),
        ):
            messages.success(
                request,
                f"Thank you. {self.forum.name}'s workers will put it on an agenda and tell you.",
            )
            return redirect("forums:policy_items")
        return self.show("policy_item_form.html", {"form": form}, status=400)


class PolicyItemListView(StaffPageMixin, View):
    permission_required = "forums.view_policy_items"

    def get(self, request):
        items = selectors.policy_items_for(user=request.user)
        return render(request, "forums/policy_items.html", {"items": items})


class PolicyItemRespondView(ForumObjectView):
    permission_required = "forums.respond_policy_item"

    def get_object(self):
        return get_object_or_404(
            PolicyItem.objects.select_related("forum__group", "brought_by"), pk=self.kwargs["pk"]
        )

    def deny(self):
        raise Http404("Not found")

    def get(self, request, pk):
        form = forms.PolicyResponseForm(initial={"response": self.object.response})
        return self.show("policy_respond.html", {"form": form, "item": self.object})

    def post(self, request, pk):
        form = forms.PolicyResponseForm(request.POST)
        if form.is_valid() and run_service(
            form,
            lambda: services.policy_item_respond(
                policy_item=self.object,
                responded_by=request.user,
                response=form.cleaned_data["response"],
            ),
        ):
            messages.success(request, "The forum's views are sent to the officer.")
            return redirect("forums:policy_items")
        return self.show("policy_respond.html", {"form": form, "item": self.object}, status=400)


# --- Care status ------------------------------------------------------------------------------


class CareStatusView(StaffPageMixin, View):
    """Workers record whether a young person is in care. There is deliberately no list of who
    is in care: a worker has to know who they are asking about."""

    permission_required = "forums.record_care_status"

    def get(self, request):
        return render(request, "forums/care_status.html", {"form": forms.CareStatusForm()})

    def post(self, request):
        form = forms.CareStatusForm(request.POST)
        if form.is_valid():
            person = selectors.user_by_email(email=form.cleaned_data["email"])
            if person is None:
                form.add_error("email", "Nobody on the portal has that email address.")
            elif run_service(
                form,
                lambda: services.care_status_set(
                    person=person, status=form.cleaned_data["status"], recorded_by=request.user
                ),
            ):
                messages.success(request, f"Saved for {person.display_name}.")
                return redirect(reverse("forums:care_status"))
        return render(request, "forums/care_status.html", {"form": form}, status=400)
