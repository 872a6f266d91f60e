"""Regenerates docs/openapi.yaml from the code; `--check` only says whether the committed file is current."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.api.openapi import openapi_text


def openapi_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


class Command(BaseCommand):
    help = "Write the OpenAPI document to docs/openapi.yaml (or, with --check, fail when it is out of date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Change nothing; exit 1 when the file differs.")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        path = openapi_path()
        text = openapi_text()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if check:
            if current != text:
                raise CommandError(f"{path} is out of date: run `manage.py openapi_write`.")
            self.stdout.write(f"{path} is up to date.")
            return
        if current != text:
            path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
