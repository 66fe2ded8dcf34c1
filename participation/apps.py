from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Participation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Rules live in permissions.py (the house layout), which rules' autodiscovery
        # (it looks for rules.py) would not find.
        from participation import permissions  # noqa: F401
