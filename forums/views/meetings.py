"""Meetings (participation activities with the forum's agenda, minutes and actions)."""

from django.urls import reverse
from django.utils import timezone

from forums import forms, selectors, services, year_selectors
from participation.views.base import CachedPageMixin

from .base import ForumActionView, ForumFormView, ForumPage, found


class MeetingCreateView(ForumFormView):
    """Plan a meeting of the forum, or of one of its task groups."""

    permission_required = "forums.manage_meetings"
    template_name = "forums/meeting_form.html"
    form_class = forms.MeetingForm
    success_message = "The meeting is planned. Members can now sign up."

    def get_object(self):
        forum = super().get_object()
        self.task_group = None
        if "task_group" in self.kwargs:
            self.task_group = found(
                selectors.task_group_of(forum=forum, task_group_id=self.kwargs["task_group"])
            )
        return forum

    def get_form_kwargs(self) -> dict:
        name = self.task_group.name if self.task_group else self.forum.name
        return {"task_group": self.task_group, "initial": {"title": f"{name} meeting"}}

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(task_group=self.task_group, **context)

    def perform(self, form):
        return services.meeting_create(
            forum=self.forum,
            created_by=self.request.user,
            task_group=self.task_group,
            **form.cleaned_data,
        )

    def get_success_url(self, meeting) -> str:
        return reverse("forums:meeting", args=[meeting.pk])


class _MeetingPageMixin:
    def get_object(self):
        return found(selectors.meeting_or_none(meeting_id=self.kwargs["pk"]))

    def get_context_data(self, **context) -> dict:
        return super().get_context_data(meeting=self.object, **context)

    def get_success_url(self, result) -> str:
        return reverse("forums:meeting", args=[self.object.pk])


class MeetingView(CachedPageMixin, _MeetingPageMixin, ForumPage):
    permission_required = "forums.view_meeting"
    template_name = "forums/meeting.html"

    def get(self, request, pk):
        meeting = self.object
        return self.show(
            {
                "viewer": selectors.viewer_for(forum=self.forum, user=request.user),
                "agenda_items": list(meeting.agenda_items.all()),
                "actions": list(meeting.actions.all()),
                "has_ended": meeting.activity.ends_at <= timezone.now(),
                "status_form": forms.ActionStatusForm(),
                # An AGM shows the annual report presented at it (no query for other meetings).
                "annual_reports": year_selectors.reports_for_meeting(meeting=meeting),
            }
        )


class AgendaItemAddView(_MeetingPageMixin, ForumFormView):
    permission_required = "forums.manage_meetings"
    template_name = "forums/agenda_item_form.html"
    form_class = forms.AgendaItemForm
    success_message = "The item is on the agenda."

    def get_form_kwargs(self) -> dict:
        return {"policy_items": selectors.open_policy_items(forum=self.forum)}

    def perform(self, form):
        data = form.cleaned_data
        return services.agenda_item_add(
            meeting=self.object,
            added_by=self.request.user,
            title=data["title"],
            kind=data["kind"],
            details=data["details"],
            policy_item=selectors.policy_item_of(
                forum=self.forum, policy_item_id=data["policy_item"]
            ),
        )


class MinutesView(_MeetingPageMixin, ForumFormView):
    permission_required = "forums.manage_meetings"
    template_name = "forums/minutes_form.html"
    form_class = forms.MinutesForm
    success_message = "The minutes are saved."

    def get_form_kwargs(self) -> dict:
        return {
            "agenda_items": list(self.object.agenda_items.all()),
            "initial": {"minutes": self.object.minutes},
        }

    def perform(self, form):
        return services.minutes_save(
            meeting=self.object,
            saved_by=self.request.user,
            minutes=form.cleaned_data["minutes"],
            item_notes=form.item_notes(),
        )


class ActionAddView(_MeetingPageMixin, ForumFormView):
    permission_required = "forums.manage_meetings"
    template_name = "forums/action_form.html"
    form_class = forms.ActionForm
    success_message = "The action is added."

    def get_form_kwargs(self) -> dict:
        return {
            "people": selectors.forum_people_for_actions(forum=self.forum),
            "agenda_items": list(self.object.agenda_items.all()),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.action_add(
            meeting=self.object,
            added_by=self.request.user,
            description=data["description"],
            owner=selectors.user_by_id(user_id=data["owner"]),
            owner_name=data["owner_name"],
            due_on=data["due_on"],
            agenda_item=selectors.agenda_item_of(
                meeting=self.object, agenda_item_id=data["agenda_item"]
            ),
        )


class _ActionButton(ForumActionView):
    permission_required = "forums.manage_meetings"

    def get_object(self):
        return found(selectors.action_by_id(action_id=self.kwargs["pk"]))

    def get_success_url(self, result) -> str:
        return reverse("forums:meeting", args=[self.object.meeting_id])


class ActionStatusView(_ActionButton):
    success_message = "The action is updated."

    def perform(self):
        return services.action_status_set(
            action=self.object,
            status=self.request.POST.get("status", ""),
            changed_by=self.request.user,
        )


class ActionRaiseYouSaidView(_ActionButton):
    success_message = (
        'A "you said" item will be raised from this action, so the forum can follow what is '
        "done about it."
    )

    def perform(self):
        return services.action_raise_you_said(action=self.object, raised_by=self.request.user)
