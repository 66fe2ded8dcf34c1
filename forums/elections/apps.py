from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    """Elections and topic ballots: part of forums/, its own app so its migrations stand alone.

    It aims at participation.Group (a forum's group, a school's electorate), not at forums.Forum.
    """

    name = "forums.elections"
    label = "elections"
    verbose_name = "Elections and topic ballots"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from participation import page_cache
        from participation.registry import registry
        from participation.schedules import PERIODIC_TASKS

        from . import (
            permissions,  # noqa: F401  (rules are registered on import)
            personal_data,
            selectors,
        )
        from .demo import seed_elections
        from .models import Receipt, Vote, VoterMark, VotingCode

        # Every ballot writes these. Counts and results read the box; a voter's mark is read
        # only on the voter's own pages, which the receipt renews (see page_cache.coarse).
        page_cache.coarse(Vote, Receipt, VotingCode, VoterMark)

        PERIODIC_TASKS["Mix ballot boxes"] = {
            "task": "forums.elections.tasks.mix_ballot_boxes",
            "every_seconds": 60,
        }
        PERIODIC_TASKS["Close and count elections whose voting time is over"] = {
            "task": "forums.elections.tasks.close_due_elections",
            "every_seconds": 60,
        }
        registry.add_demo_seeder("elections", seed_elections, order=300)
        registry.add_eraser("elections", personal_data.erase, policies=personal_data.POLICIES)
        registry.export_sections["elections"] = personal_data.export_section
        registry.home_items["elections"] = selectors.home_items_for
