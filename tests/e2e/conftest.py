"""Browser journeys in the system Chromium (TOOLCHAIN.md): Playwright never downloads a browser here."""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

from meldpunt import conftest as shared_fixtures
from tests.e2e.journeys import DESKTOP, close_the_world

# Playwright's sync API runs an event loop in the test thread; without this Django refuses to
# touch the database from the test (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()

# The one real DUO school of the shared fixtures (src/meldpunt/conftest.py), for the journeys too.
school = shared_fixtures.school


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAVE_CHROMIUM:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI is set but no Chromium at {CHROMIUM}: browser tests must run in CI.")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (set CHROMIUM); browser journeys not run")
    for item in items:
        if "e2e" in str(item.path):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Dutch is the source language; without this the browser's Accept-Language could pick English.
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Make Dutch desktop browser contexts that only reach the live server; no page may ask a third party."""
    contexts: list[tuple[BrowserContext, list[str]]] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**{"locale": "nl-NL", "viewport": DESKTOP, **options})
        contexts.append((context, close_the_world(context, live_server.url)))
        return context

    yield make
    for context, third_party in contexts:
        context.close()
        assert third_party == [], f"requests to third parties: {third_party}"
