from django.apps import AppConfig


class ScoringConfig(AppConfig):
    """The scoring engine: weighted criteria, panels, conflicts, blind sheets, spread flags,
    moderation and one pure ranking function. Part of the base because grants, commissioning and
    recruitment panels all score things and must not import each other; its own app label keeps
    its migrations apart, the way voice does."""

    name = "participation.scoring"
    label = "scoring"
    verbose_name = "Scoring panels"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from participation.registry import registry
        from participation.scoring import permissions  # noqa: F401
        from participation.scoring.erasure import POLICIES, erase_scoring_data
        from participation.scoring.record import panels_record_section
        from participation.scoring.selectors import scoring_export_section

        registry.export_sections["scoring"] = scoring_export_section
        # Every panel someone sat on, for grants, commissioning and recruitment alike.
        registry.record_sections["scoring"] = panels_record_section
        registry.add_eraser("scoring", erase_scoring_data, policies=POLICIES)
