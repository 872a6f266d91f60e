import pytest

from meldpunt.network.models import Organisation
from meldpunt.network.services import network_data_path, organisations_import


@pytest.fixture
def organisations(db) -> list[Organisation]:
    """The 25 shipped organisations of data/network.csv, imported through the real service."""
    organisations_import(path=network_data_path())
    return list(Organisation.objects.order_by("name"))
