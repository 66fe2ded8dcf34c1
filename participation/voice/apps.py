from django.apps import AppConfig


class VoiceConfig(AppConfig):
    """ "We asked, you said, we did": consultations, "you said" items, routing, responses, ratings.

    Part of the base (forums, the charter and dashboards all read it), with its own app label so
    its migrations stand alone, the way elections sits inside forums/.
    """

    name = "participation.voice"
    label = "voice"
    verbose_name = "We asked, you said, we did"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the `rules` permissions (autodiscovery only looks for modules named rules.py).
        from participation.registry import registry
        from participation.schedules import PERIODIC_TASKS
        from participation.voice import permissions  # noqa: F401
        from participation.voice.demo import seed_voice
        from participation.voice.erasure import POLICIES, erase_voice_data
        from participation.voice.selectors import (
            session_feedback_dashboard_section,
            voice_export_section,
            voice_home_items,
            you_said_dashboard_section,
        )

        registry.add_demo_seeder("voice", seed_voice, order=200)
        registry.export_sections["voice"] = voice_export_section
        registry.dashboard_sections["voice.session_feedback"] = session_feedback_dashboard_section
        registry.dashboard_sections["voice.you_said"] = you_said_dashboard_section
        registry.add_eraser("voice", erase_voice_data, policies=POLICIES)
        registry.home_items["voice"] = voice_home_items
        PERIODIC_TASKS.update(
            {
                'Remind officers about "you said" items due soon': {
                    "task": "participation.voice.tasks.send_officer_reminders",
                    "crontab": {"minute": "0", "hour": "9"},
                },
                'Tell participation leads about overdue "you said" items': {
                    "task": "participation.voice.tasks.escalate_overdue_items",
                    "crontab": {"minute": "15", "hour": "9"},
                },
                "Remind officers to check back on their answers": {
                    "task": "participation.voice.tasks.send_check_back_reminders",
                    "crontab": {"minute": "30", "hour": "9"},
                },
                # Every few minutes, so a consultation stops taking answers close to its time
                # (answers after it are refused by the service whatever the schedule).
                "Close consultations whose time is up": {
                    "task": "participation.voice.tasks.close_due_consultations",
                    "every_seconds": 300,
                },
                "Ask people who were at an activity how it went (once)": {
                    "task": "participation.voice.tasks.send_session_feedback_reminders",
                    "crontab": {"minute": "20"},
                },
                "Remind forum members the day before a consultation closes": {
                    "task": "participation.voice.tasks.send_consultation_closing_reminders",
                    "crontab": {"minute": "45"},
                },
            }
        )
