"""`make run`: the web server and the tasks worker in the foreground, stopped together by SIGINT or SIGTERM."""

import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Serve the demo on 127.0.0.1 with a tasks worker beside it (development only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: object, port: int, **options: object) -> None:
        if not settings.DEMO_DATA:
            raise CommandError("run_demo_server is for the demo; in production run gunicorn and db_worker.")
        manage = Path(settings.BASE_DIR) / "manage.py"
        worker = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
            [sys.executable, str(manage), "db_worker", "--no-reload", "--interval", "2"],
        )
        # Install both explicitly: a process started in the background inherits SIGINT as ignored,
        # and `make run` must stop on SIGINT or SIGTERM to its process group however it was started.
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
        except KeyboardInterrupt:
            pass
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
