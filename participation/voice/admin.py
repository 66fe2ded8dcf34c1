from django.contrib import admin

from .models import YouSaidItem


@admin.register(YouSaidItem)
class YouSaidItemAdmin(admin.ModelAdmin):
    """Read only: every change goes through the services, from the portal's own pages."""

    list_display = ["title", "status", "source", "routed_to", "due_on", "created_at"]
    list_filter = ["status", "source", "topic"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
