from django.core.management.base import BaseCommand

from meldpunt.content.services import content_load_if_empty


class Command(BaseCommand):
    help = "Create the shipped information pages that do not exist yet; pages that exist are never changed."

    def handle(self, *args: object, **options: object) -> None:
        created = content_load_if_empty()
        if created:
            self.stdout.write(f"Created information pages: {', '.join(created)}.")
        else:
            self.stdout.write("The shipped information pages are already there.")
