"""Every periodic schedule lives here, written to django-celery-beat by `setup_schedules`.

Other apps add theirs to `PERIODIC_TASKS` from their `AppConfig.ready()`.
"""

from django.db import transaction

PERIODIC_TASKS: dict[str, dict] = {
    "Deliver unsent notifications": {
        "task": "participation.tasks.sweep_undelivered_notifications",
        "every_seconds": 120,
    },
    # Hourly rather than once a day, so an activity added late the day before is still
    # reminded; each sign-up is reminded once whatever the schedule.
    "Remind people about tomorrow's activities": {
        "task": "participation.tasks.send_activity_reminders",
        "crontab": {"minute": "5"},
    },
    "Warn people whose training is about to run out": {
        "task": "participation.tasks.send_training_expiry_notes",
        "crontab": {"minute": "0", "hour": "8"},
    },
}


@transaction.atomic
def schedules_install() -> list[str]:
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    for name, spec in PERIODIC_TASKS.items():
        defaults = {"task": spec["task"], "enabled": True, "interval": None, "crontab": None}
        if "every_seconds" in spec:
            defaults["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=spec["every_seconds"], period=IntervalSchedule.SECONDS
            )
        else:
            defaults["crontab"], _ = CrontabSchedule.objects.get_or_create(
                timezone="Europe/London", **spec["crontab"]
            )
        PeriodicTask.objects.update_or_create(name=name, defaults=defaults)
    return list(PERIODIC_TASKS)
