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
        pass
