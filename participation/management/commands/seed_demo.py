from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from participation.demo import DEMO_PASSWORD, seed_base
from participation.registry import registry


class Command(BaseCommand):
    help = "Load demo data from the seed documents (idempotent). Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it makes accounts with a published password."
            )
        self.stdout.write("Seeding demo data:")
        seed_base(self.stdout)
        for _order, _name, seeder in registry.demo_seeders:
            seeder(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done. Every demo account's password is '{DEMO_PASSWORD}' (see README)."
            )
        )
