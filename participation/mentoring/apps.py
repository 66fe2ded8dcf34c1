from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """Peer and board mentoring: pairs, checks, goals and a log of meetings. Part of the base,
    in its own folder and label: mentors and mentees are people of the base (trained young
    people, board members, Youth Council members), whatever forum they come from. Also where a
    young person's participation record is checked by a worker and printed."""

    name = "participation.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from django.urls import reverse

        from participation.mentoring import permissions  # noqa: F401
        from participation.mentoring.demo import seed_mentoring
        from participation.mentoring.erasure import POLICIES, erase_mentoring_data
        from participation.mentoring.selectors import (
            mentoring_dashboard_section,
            mentoring_export_section,
            mentoring_record_section,
        )
        from participation.registry import registry
        from participation.voice.moderation import reportable

        # After the forums (the Youth Council's members) and the base's training.
        registry.add_demo_seeder("mentoring", seed_mentoring, order=220)
        registry.record_sections["mentoring"] = mentoring_record_section
        registry.export_sections["mentoring"] = mentoring_export_section
        registry.dashboard_sections["mentoring"] = mentoring_dashboard_section
        registry.add_eraser("mentoring", erase_mentoring_data, policies=POLICIES)

        # Any entry can be reported to the safeguarding lead; the queue links to the pairing.
        # Only safeguarding leads read what was reported (`leads_only`): other workers in the
        # queue see that there is a concern and who to tell.
        def _pairing_url(pairing_id):
            return reverse("mentoring:pairing", args=[pairing_id])

        reportable(
            "mentoring.pairing",
            url_for=lambda pairing: _pairing_url(pairing.pk),
            describe=lambda pairing: "a mentoring pairing",
            leads_only=True,
        )
        reportable(
            "mentoring.mentoringmeeting",
            url_for=lambda meeting: _pairing_url(meeting.pairing_id),
            describe=lambda meeting: f"a mentoring meeting on {meeting.held_on:%-d %B %Y}",
            leads_only=True,
        )
        reportable(
            "mentoring.goal",
            url_for=lambda goal: _pairing_url(goal.pairing_id),
            describe=lambda goal: "a mentoring goal",
            leads_only=True,
        )
