"""Every periodic schedule lives here, written to django-celery-beat by `setup_schedules`.

Other apps add theirs to `PERIODIC_TASKS` from their `AppConfig.ready()`.
"""

from django.db import transaction

# Digest emails go after school, at this hour (local time): every day, and every Friday
# (Python's weekday 4; cron counts Sunday as 0, so Friday is 5 there).
DIGEST_HOUR = 17
WEEKLY_DIGEST_WEEKDAY = 4

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
    "Send the daily notification emails": {
        "task": "participation.tasks.send_daily_digests",
        "crontab": {"minute": "0", "hour": str(DIGEST_HOUR)},
    },
    "Send the weekly notification emails": {
        "task": "participation.tasks.send_weekly_digests",
        "crontab": {
            "minute": "0",
            "hour": str(DIGEST_HOUR),
            "day_of_week": str((WEEKLY_DIGEST_WEEKDAY + 1) % 7),
        },
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
