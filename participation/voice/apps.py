from django.apps import AppConfig


class VoiceConfig(AppConfig):
    """"We asked, you said, we did": consultations, "you said" items, routing, responses, ratings.

    Part of the base (forums, the charter and dashboards all read it), with its own app label so
    its migrations stand alone, the way elections sits inside forums/.
    """

    name = "participation.voice"
    label = "voice"
    verbose_name = "We asked, you said, we did"
    default_auto_field = "django.db.models.BigAutoField"
