"""Fixtures for unit tests: the shipped rule set, loaded once."""

from __future__ import annotations

import pytest

from launchcheck.pipeline import Options, prepare_rules


@pytest.fixture(scope="session")
def ruleset():
    """The shipped rules, fully validated, as the CLI would use them."""
    return prepare_rules(Options())
