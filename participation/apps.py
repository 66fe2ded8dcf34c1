from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Participation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from participation import page_cache, permissions  # noqa: F401
        from participation.demo import seed_training_and_activities
        from participation.registry import registry
        from participation.selectors import activities as activity_selectors
        from participation.selectors import training as training_selectors
        from participation.services import personal_data

        page_cache.install()
        registry.add_demo_seeder(
            "participation.training_and_activities", seed_training_and_activities, order=10
        )
        registry.record_sections["participation.training_and_activities"] = (
            training_selectors.involvement_record_section
        )
        registry.export_sections["participation.training_and_activities"] = (
            training_selectors.involvement_export_section
        )
        registry.dashboard_sections["participation.activities"] = (
            training_selectors.activities_dashboard_section
        )
        registry.export_sections["participation"] = personal_data.participation_export
        registry.add_eraser(
            "participation",
            personal_data.participation_erase,
            policies=personal_data.ERASURE_POLICIES,
        )
        registry.home_items["participation"] = activity_selectors.home_items_for
