import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
SAFE_ENV = {
    "MELDPUNT_SECRET_KEY": "s" * 50,
    "MELDPUNT_ENCRYPTION_KEYS": "prod1:" + base64.b64encode(b"k" * 32).decode(),
    "MELDPUNT_DEMO_DATA": "false",
    "MELDPUNT_DEBUG": "false",
}


def load_production_settings(**overrides: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MELDPUNT_")}
    env.update(SAFE_ENV)
    env.update(overrides)
    env["DJANGO_SETTINGS_MODULE"] = "meldpunt.settings.production"
    env["PYTHONPATH"] = str(ROOT / "src")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_COOKIE_SECURE)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_production_starts_with_a_safe_configuration():
    """Production settings load when secret, encryption keys, debug and demo data are all safe."""
    result = load_production_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"MELDPUNT_DEBUG": "true"}, "MELDPUNT_DEBUG"),
        ({"MELDPUNT_SECRET_KEY": ""}, "MELDPUNT_SECRET_KEY"),
        ({"MELDPUNT_SECRET_KEY": "insecure-dev-secret-key-do-not-use-in-production"}, "MELDPUNT_SECRET_KEY"),
        ({"MELDPUNT_SECRET_KEY": "short"}, "MELDPUNT_SECRET_KEY"),
        ({"MELDPUNT_DEMO_DATA": "true"}, "MELDPUNT_DEMO_DATA"),
        ({"MELDPUNT_ENCRYPTION_KEYS": ""}, "MELDPUNT_ENCRYPTION_KEYS"),
        (
            {"MELDPUNT_ENCRYPTION_KEYS": "dev1:ZGV2LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24tMzJieXQ="},
            "MELDPUNT_ENCRYPTION_KEYS",
        ),
    ],
)
def test_production_refuses_unsafe_configuration(override, named):
    """Production refuses to start with debug on, a missing or default secret, demo data, or no encryption key."""
    result = load_production_settings(**override)
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert named in result.stderr


def test_a_malformed_boolean_is_refused_with_its_name():
    """A boolean variable with a value that is not true/false stops the start and names the variable."""
    result = load_production_settings(MELDPUNT_DEBUG="maybe")
    assert result.returncode != 0
    assert "MELDPUNT_DEBUG must be true or false" in result.stderr
