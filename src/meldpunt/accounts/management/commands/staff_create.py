"""`manage.py staff_create`: the way to make the first administrator (createsuperuser makes no role)."""

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.accounts.constants import Role
from meldpunt.accounts.services import staff_create
from meldpunt.core.errors import MeldpuntError
from meldpunt.schools.models import Board


class Command(BaseCommand):
    help = (
        "Create a staff member. The password is asked for, or read from MELDPUNT_STAFF_PASSWORD; "
        "the second factor is set up at the first sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--board", help="board number (bevoegd gezag), for a school contact")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("MELDPUNT_STAFF_PASSWORD") or getpass.getpass("Wachtwoord: ")
        board = None
        if options["board"]:
            board = Board.objects.filter(number=options["board"]).first()
            if board is None:
                raise CommandError(f"No school board with number {options['board']}.")
        try:
            user = staff_create(
                username=options["username"],
                role=options["role"],
                email=options["email"],
                password=password,
                board=board,
            )
        except MeldpuntError as exc:
            raise CommandError(f"{exc.field or 'error'}: {exc.message}") from exc
        self.stdout.write(f"Staff member {user.pk} created; the second factor is set up at the first sign-in.")
