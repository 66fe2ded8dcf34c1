from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = "Pay it Forward grants"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from django.urls import reverse

        from grants import permissions  # noqa: F401
        from grants.demo import seed_grants
        from grants.erasure import POLICIES, erase_grants_data
        from grants.selectors import (
            grants_dashboard_section,
            grants_export_section,
            grants_home_items,
            grants_record_section,
        )
        from participation.registry import registry
        from participation.schedules import PERIODIC_TASKS
        from participation.voice.moderation import reportable

        # After the base (its accounts and training) and the scoring engine.
        registry.add_demo_seeder("grants", seed_grants, order=170)
        registry.export_sections["grants"] = grants_export_section
        registry.record_sections["grants"] = grants_record_section
        registry.dashboard_sections["grants"] = grants_dashboard_section
        registry.add_eraser("grants", erase_grants_data, policies=POLICIES)
        registry.home_items["grants"] = grants_home_items
        # A project on the public showcase can be reported through the base's moderation queue.
        reportable(
            "grants.showcaseentry",
            url_for=lambda entry: reverse("grants:showcase") + f"#entry-{entry.pk}",
            describe=lambda entry: f'the Pay it Forward project "{entry.title}" on the showcase',
        )
        PERIODIC_TASKS.update(
            {
                "Remind young reviewers before a Pay it Forward review deadline": {
                    "task": "grants.tasks.send_review_reminders",
                    "crontab": {"minute": "0", "hour": "16"},
                },
                "Remind workers about Pay it Forward visits not written up by their date": {
                    "task": "grants.tasks.send_visit_reminders",
                    "crontab": {"minute": "30", "hour": "8"},
                },
            }
        )
