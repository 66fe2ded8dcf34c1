from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from participation.models import User


class Command(BaseCommand):
    help = "Print a demo staff account's current two-factor code (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="worker@example.org")

    def handle(self, *args, email, **options):
        import time

        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the email {email}. Run `make run` first.")
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no two-factor authentication set up.")
        secret = decrypt(authenticator.data["secret"])
        self.stdout.write(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
