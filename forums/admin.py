from django.contrib import admin

from forums import models


@admin.register(models.Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["__str__", "join_route", "min_age", "max_age", "is_listed"]
    list_filter = ["join_route", "is_listed"]
    search_fields = ["group__name"]
    filter_horizontal = ["workers"]
    raw_id_fields = ["group", "created_by"]


@admin.register(models.TaskGroup)
class TaskGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "forum"]
    raw_id_fields = ["group", "forum", "created_by"]


@admin.register(models.CareStatus)
class CareStatusAdmin(admin.ModelAdmin):
    """Care status is private: the admin may correct a record but not browse a list of who is
    in care, so there is no list of names here, only look-up by id."""

    list_display = ["pk", "recorded_at"]
    raw_id_fields = ["user", "recorded_by"]

    def has_view_permission(self, request, obj=None):
        return obj is not None and super().has_view_permission(request, obj)


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    # Status changes go through the services (their workflow checks and audits each move).
    readonly_fields = ["status"]
    list_display = ["pk", "forum", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["forum", "applicant", "decided_by"]


@admin.register(models.Nomination)
class NominationAdmin(admin.ModelAdmin):
    # Status changes go through the services (their workflow checks and audits each move).
    readonly_fields = ["status"]
    list_display = ["pk", "forum", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["forum", "young_person", "nominated_by"]


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    raw_id_fields = ["policy_item", "created_by"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "forum", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["activity", "forum", "task_group", "minutes_updated_by"]
    inlines = [AgendaItemInline]


@admin.register(models.MeetingAction)
class MeetingActionAdmin(admin.ModelAdmin):
    # Status changes go through the services (their workflow checks and audits each move).
    readonly_fields = ["status"]
    list_display = ["__str__", "meeting", "status", "due_on", "you_said_raised_at"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "agenda_item", "owner", "created_by", "you_said_raised_by"]


@admin.register(models.PolicyItem)
class PolicyItemAdmin(admin.ModelAdmin):
    # Status changes go through the services (their workflow checks and audits each move).
    readonly_fields = ["status"]
    list_display = ["title", "forum", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["forum", "brought_by", "organisation", "responded_by"]
