"""Read-only views for administrators: every change goes through the services (statuses,
budget checks, the audit log), never by hand."""

from django.contrib import admin

from grants import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "opens_at", "closes_at", "budget"]


@admin.register(models.Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["round", "number", "title", "status"]
    list_filter = ["status", "round"]


@admin.register(models.Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["round", "application", "amount", "status"]
    list_filter = ["status"]


@admin.register(models.Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ["award", "due_on", "status"]


@admin.register(models.ShowcaseEntry)
class ShowcaseEntryAdmin(ReadOnlyAdmin):
    list_display = ["title", "name_shown", "status"]
    list_filter = ["status"]
