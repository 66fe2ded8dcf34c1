from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Co-Production Charter and Kent Youth Charter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from charter import permissions  # noqa: F401
        from charter.demo import seed_charter
        from charter.erasure import POLICIES, erase_charter_data
        from charter.selectors import (
            charter_dashboard_section,
            charter_export_section,
            charter_home_items,
        )
        from participation.registry import registry
        from participation.schedules import PERIODIC_TASKS

        # After the base (organisations, boards, the young inspector module).
        registry.add_demo_seeder("charter", seed_charter, order=150)
        registry.export_sections["charter"] = charter_export_section
        registry.dashboard_sections["charter"] = charter_dashboard_section
        registry.add_eraser("charter", erase_charter_data, policies=POLICIES)
        registry.home_items["charter"] = charter_home_items
        PERIODIC_TASKS.update(
            {
                "Remind organisations to renew their charter membership": {
                    "task": "charter.tasks.send_renewal_reminders",
                    "crontab": {"minute": "0", "hour": "8"},
                },
                "Tell the participation leads about charter reminders left unanswered": {
                    "task": "charter.tasks.escalate_renewals",
                    "crontab": {"minute": "20", "hour": "8"},
                },
                "Lapse charter memberships not renewed in a year": {
                    "task": "charter.tasks.lapse_memberships",
                    "crontab": {"minute": "10", "hour": "0"},
                },
            }
        )
