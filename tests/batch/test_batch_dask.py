"""The Dask engine: the same per-story function on a LocalCluster, the same findings.

Under CI (``CI=true``) these tests must run: a missing ``dask[distributed]``
fails them instead of skipping (it is in the ``dev`` extra).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from batchkit import GOLDEN_ARCHIVE, article, normalized, records_of, run

from launchcheck.errors import ExitCode

if TYPE_CHECKING:
    from pathlib import Path

if os.environ.get("CI") == "true":
    import distributed  # noqa: F401 (in CI the Dask tests must run, never skip)
else:
    pytest.importorskip("distributed")


def test_dask_findings_equal_local_engine(golden_run: Path, tmp_path: Path) -> None:
    """Dask on a LocalCluster writes exactly the local engine's findings."""
    out = tmp_path / "dask.jsonl"
    summary = run([GOLDEN_ARCHIVE], out, engine="dask", jobs=2)
    assert summary.failed_count == 0
    assert normalized(out) == normalized(golden_run)


def test_dask_isolates_a_failing_story(tmp_path: Path) -> None:
    """A story that cannot be read fails alone under Dask too."""
    for name in ("good", "bad"):
        (tmp_path / "root" / name).mkdir(parents=True)
        (tmp_path / "root" / name / "a.txt").write_text(article())
    (tmp_path / "root" / "bad" / "b.txt").write_bytes(b"\x00\x01 binary")
    out = tmp_path / "out.jsonl"
    summary = run([tmp_path / "root"], out, engine="dask", jobs=1)
    status = {
        r["story"].rsplit("/", 1)[1]: r for r in records_of(out) if r["type"] == "story"
    }
    assert (
        status["bad"]["status"] == "failed" and "binary file" in status["bad"]["error"]
    )
    assert status["good"]["status"] == "done"
    assert summary.exit_code is ExitCode.ERROR
