from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """Peer and board mentoring: pairs, checks, goals and a log of meetings. Part of the base,
    in its own folder and label: mentors and mentees are people of the base (trained young
    people, board members, Youth Council members), whatever forum they come from."""

    name = "participation.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        pass
