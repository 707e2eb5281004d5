"""The engine's tests are pure Python: no database, no mission to load."""

import pytest


@pytest.fixture(autouse=True)
def _mission():
    """Overrides the transit tests' database fixture: the engine needs none."""
