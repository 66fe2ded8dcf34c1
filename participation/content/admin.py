from django.contrib import admin

from .models import Article, Collection, Issue, Newsletter, Resource


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["title", "editorial_group"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "editorial_group"]
    prepopulated_fields = {"slug": ["title"]}


# Articles, issues and hub links change only through the services (review, publishing, take
# down), so the admin shows them read-only.
class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(_ReadOnly):
    list_display = ["title", "newsletter", "status", "published_at"]
    list_filter = ["status", "newsletter"]


@admin.register(Issue)
class IssueAdmin(_ReadOnly):
    list_display = ["title", "newsletter", "status", "published_at"]


@admin.register(Resource)
class ResourceAdmin(_ReadOnly):
    list_display = ["title", "kind", "host", "collection"]
