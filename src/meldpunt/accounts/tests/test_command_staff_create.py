import pytest
from django.core.management import CommandError, call_command

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.tests.helpers import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def test_command_creates_an_administrator(monkeypatch, capsys):
    """`staff_create` makes the first administrator, with the password from the environment."""
    monkeypatch.setenv("MELDPUNT_STAFF_PASSWORD", STAFF_PASSWORD)
    call_command("staff_create", "--username", "eerste-beheerder", "--role", Role.ADMINISTRATOR)
    user = User.objects.get(username="eerste-beheerder")
    assert user.role == Role.ADMINISTRATOR and user.is_superuser
    assert user.check_password(STAFF_PASSWORD)
    assert STAFF_PASSWORD not in capsys.readouterr().out


def test_command_reports_the_rule_that_failed(monkeypatch):
    """A refused staff member is an error naming the field, not a traceback."""
    monkeypatch.setenv("MELDPUNT_STAFF_PASSWORD", "kort")
    with pytest.raises(CommandError, match="password"):
        call_command("staff_create", "--username", "x", "--role", Role.HANDLER)
