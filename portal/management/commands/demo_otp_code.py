from django.core.management.base import BaseCommand
from django_otp.oath import totp

from portal.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Prints the second-factor code of the moment for the demo officers (demo data only)."

    def handle(self, *args, **options):
        self.stdout.write(f"{totp(DEMO_TOTP_KEY):06d}")
