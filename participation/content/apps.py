from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Youth-made news and resources: articles, newsletter issues and the Draw Your Own Solution
    hub. Part of the base, in its own folder and label like voice: a newsletter gathers the
    base's activities and "you said, we did" news, and every forum's young people write for it,
    so no one of the other apps owns it."""

    name = "participation.content"
    label = "content"
    verbose_name = "Youth-made news and resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from django.urls import reverse

        from participation.content import permissions  # noqa: F401
        from participation.content.demo import seed_content
        from participation.content.erasure import POLICIES, erase_content_data
        from participation.content.selectors import (
            content_dashboard_section,
            content_export_section,
            content_home_items,
            content_record_section,
        )
        from participation.registry import registry
        from participation.voice.moderation import reportable

        # After voice (its answered "you said" items go in the demo issue).
        registry.add_demo_seeder("content", seed_content, order=210)
        registry.export_sections["content"] = content_export_section
        registry.record_sections["content"] = content_record_section
        registry.dashboard_sections["content"] = content_dashboard_section
        registry.add_eraser("content", erase_content_data, policies=POLICIES)
        registry.home_items["content"] = content_home_items
        reportable(
            "content.article",
            url_for=lambda article: reverse("content:article", args=[article.pk]),
            describe=lambda article: f'the article "{article.title}"',
        )
        reportable(
            "content.resource",
            url_for=lambda resource: reverse("content:resource", args=[resource.pk]),
            describe=lambda resource: f'"{resource.title}" in the Draw Your Own Solution hub',
        )
