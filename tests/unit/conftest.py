"""Unit tests call operations directly, inside one application context."""
import pytest


@pytest.fixture(autouse=True)
def _unit_context(ctx):
    yield
