"""Fixtures of the batch tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from batchkit import GOLDEN_ARCHIVE, run

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="session")
def golden_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local engine's output on the golden archive (run once per session)."""
    out = tmp_path_factory.mktemp("golden") / "out.jsonl"
    run([GOLDEN_ARCHIVE], out, jobs=2)
    return out
