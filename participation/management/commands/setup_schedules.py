from django.core.management.base import BaseCommand

from participation.schedules import schedules_install


class Command(BaseCommand):
    help = "Create or update the periodic task schedules (django-celery-beat). Idempotent."

    def handle(self, *args, **options):
        names = schedules_install()
        self.stdout.write(f"Schedules ready: {', '.join(names)}")
