"""Shared fixtures: the seed articles (optional) and repository paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*/ expected outputs from the current code",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def seeds() -> Path:
    """The worked example's three articles; skip where shared/ is absent."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds/ is not present")
    return SEEDS


@pytest.fixture
def samples() -> Path:
    return SAMPLES
