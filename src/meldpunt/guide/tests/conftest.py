"""Fixtures of the guide's tests: the real organisations of data/network.csv, loaded through the network app."""

import pytest

from meldpunt.network.services import organisations_load_if_empty


@pytest.fixture
def network(db: None) -> None:
    """The 25 organisations of data/network.csv, as the demo and a fresh installation have them."""
    organisations_load_if_empty()
