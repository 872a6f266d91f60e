from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from meldpunt.accounts.second_factor import base32_to_hex
from meldpunt.demo.constants import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo staff (secret MELDPUNTDEMOTOTP)."

    def handle(self, *args: object, **options: object) -> None:
        token = TOTP(bytes.fromhex(base32_to_hex(DEMO_TOTP_SECRET))).token()
        self.stdout.write(f"{token:06d}")
