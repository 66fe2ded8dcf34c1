from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    default_auto_field = "django.db.models.BigAutoField"
