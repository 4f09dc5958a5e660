"""Golden outputs: the full report on samples/, byte for byte.

Each case folder holds the expected ``report.json`` and ``table.txt``. After a
deliberate change, regenerate with ``pytest --update-golden`` and review the
diff before committing it.
"""

from __future__ import annotations

import dataclasses
import os
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rich.console import Console

from launchcheck.pipeline import Options, check_paths
from launchcheck.report import json as json_writer
from launchcheck.report import table as table_writer

if TYPE_CHECKING:
    from launchcheck.model import Report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLES = ROOT / "samples"
CASES = {
    "samples-icbm": (SAMPLES, Options(timezone="Asia/Pyongyang")),
}


def relabel(value: Any, old: str, new: str) -> Any:
    """Replace the path prefix ``old`` by ``new`` in every string of a report value.

    A string that is a path gets "/" separators; a path quoted inside a longer
    string (a reason, a note) only loses its prefix.
    """
    if isinstance(value, str):
        if value.startswith(old):
            return new + value[len(old) :].replace(os.sep, "/")
        return value.replace(old, new)
    if isinstance(value, tuple):
        return tuple(relabel(v, old, new) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: relabel(getattr(value, f.name), old, new)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def stable_report(folder: Path, options: Options) -> Report:
    """Run on absolute paths, then name articles as from the repository root.

    Paths are rewritten in the report values (not in the rendered text) so the
    table's column widths are those of the relative paths, whatever the cwd.
    """
    report = check_paths([folder], options)
    return relabel(report, str(ROOT) + os.sep, "")


def render_json(report: Report) -> str:
    out = StringIO()
    json_writer.write(report, out)
    return out.getvalue()


def render_table(report: Report) -> str:
    out = StringIO()
    console = Console(
        width=100,
        color_system=None,
        file=out,
        force_terminal=False,
        force_jupyter=False,
        legacy_windows=False,
    )
    table_writer.write(report, out, console=console)
    return out.getvalue()


RENDERERS = {"report.json": render_json, "table.txt": render_table}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, Report]:
    folder, options = CASES[request.param]
    return request.param, stable_report(folder, options)


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden_output(case, name, update_golden):
    """The report on each case renders exactly as its reviewed golden file."""
    case_name, report = case
    actual = RENDERERS[name](report)
    assert str(ROOT) not in actual, "an absolute path leaked into the output"
    expected_path = HERE / case_name / name
    if update_golden:
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_bytes(actual.encode("utf-8"))
        return
    assert expected_path.is_file(), (
        f"{expected_path} missing: run pytest --update-golden"
    )
    expected = expected_path.read_bytes().decode("utf-8")
    assert actual == expected, (
        f"{case_name}/{name} differs from the golden file; if the change is"
        " intended, run `pytest --update-golden` and review the diff"
    )


def test_golden_paths_are_relative(case):
    """Every path in a golden report is relative to the repository root."""
    _, report = case
    paths = {a.path for a in report.articles}
    paths |= {
        f.claim.location.path for finding in report.findings for f in finding.facts
    }
    assert paths
    assert all(p.startswith("samples/") for p in paths), paths
