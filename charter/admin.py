from django.contrib import admin

from charter import models


class ReadOnlyStandingAdmin(admin.ModelAdmin):
    """The standing changes only through the workflow (renew, review, lapse), never by hand."""

    readonly_fields = ["standing"]


@admin.register(models.Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["title", "written_by"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.Signatory)
class SignatoryAdmin(ReadOnlyStandingAdmin):
    list_display = ["organisation", "version", "standing", "renew_by"]
    list_filter = ["standing"]
    raw_id_fields = ["organisation", "version", "signed_by", "adopted_by_board"]
