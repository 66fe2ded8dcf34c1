from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    """Elections and topic ballots: part of forums/, its own app so its migrations stand alone.

    It aims at participation.Group (a forum's group, a school's electorate), not at forums.Forum.
    """

    name = "forums.elections"
    label = "elections"
    default_auto_field = "django.db.models.BigAutoField"
