from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning and recruitment panels"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from commissioning import permissions  # noqa: F401
        from commissioning.demo import seed_commissioning
        from commissioning.erasure import POLICIES, erase_commissioning_data
        from commissioning.selectors import (
            commissioning_dashboard_section,
            commissioning_export_section,
            commissioning_home_items,
            commissioning_record_section,
        )
        from participation.registry import registry
        from participation.schedules import PERIODIC_TASKS

        # After the base (people, training), the forums (Ruby) and the charters.
        registry.add_demo_seeder("commissioning", seed_commissioning, order=160)
        registry.record_sections["commissioning"] = commissioning_record_section
        registry.export_sections["commissioning"] = commissioning_export_section
        registry.dashboard_sections["commissioning"] = commissioning_dashboard_section
        registry.add_eraser("commissioning", erase_commissioning_data, policies=POLICIES)
        registry.home_items["commissioning"] = commissioning_home_items
        PERIODIC_TASKS.update(
            {
                "Remind panellists to send their scores before the deadline": {
                    "task": "commissioning.tasks.send_panel_reminders",
                    "crontab": {"minute": "0", "hour": "*/2"},
                },
                "Erase recruitment candidates' details once no longer needed": {
                    "task": "commissioning.tasks.erase_candidates_due",
                    "crontab": {"minute": "30", "hour": "1"},
                },
            }
        )
