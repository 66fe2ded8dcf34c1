from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Youth Voice forums"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from forums import permissions  # noqa: F401
        from forums.demo import seed_forums, seed_year
        from forums.erasure import POLICIES, YEAR_POLICIES, erase_forums_data, erase_year_data
        from forums.selectors import (
            forums_dashboard_section,
            forums_export_section,
            forums_home_items,
            forums_record_section,
            is_worker_of_forum_group,
            workers_of_forum_groups,
        )
        from forums.services.eligibility import care_status_rule
        from forums.year_selectors import year_export_section, year_home_items
        from participation.registry import registry
        from participation.schedules import PERIODIC_TASKS

        registry.add_demo_seeder("forums", seed_forums, order=20)
        registry.record_sections["forums"] = forums_record_section
        registry.export_sections["forums"] = forums_export_section
        registry.dashboard_sections["forums"] = forums_dashboard_section
        registry.group_worker_checks["forums"] = is_worker_of_forum_group
        registry.group_workers["forums"] = workers_of_forum_groups
        registry.eligibility_rules["care_status"] = care_status_rule
        registry.add_eraser("forums", erase_forums_data, policies=POLICIES)
        registry.home_items["forums"] = forums_home_items
        # The Youth Council's year: annual reports (after elections, whose results they count).
        registry.add_demo_seeder("forums.year", seed_year, order=310)
        registry.add_eraser("forums.year", erase_year_data, policies=YEAR_POLICIES)
        registry.export_sections["forums.year"] = year_export_section
        registry.home_items["forums.year"] = year_home_items
        PERIODIC_TASKS["Send annual report links whose email was lost"] = {
            "task": "forums.tasks.sweep_annual_report_emails",
            "every_seconds": 600,
        }
        PERIODIC_TASKS["Remind young people about nominations"] = {
            "task": "forums.tasks.send_nomination_reminders",
            "crontab": {"minute": "0", "hour": "10"},
        }
