"""Golden outputs: the full report in every format, byte for byte.

Each case folder holds the expected output of every writer (``report.json``,
``report.jsonl``, ``report.sarif``, ``report.md``, ``report.html``,
``table.txt``, ``compact.txt``). ``samples-icbm`` is the pipeline on samples/;
``handmade-workflow`` is a report built by hand (tests/handmade.py) with
drafts, sources, an outlier, suppressed and baselined findings and a hostile
file name. After a deliberate change, regenerate with ``pytest
--update-golden`` and review the diff before committing it. The JSON and
JSON Lines goldens are validated against docs/report.schema.json, the SARIF
ones against the SARIF 2.1.0 schema.
"""

from __future__ import annotations

import dataclasses
import json
import os
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rich.console import Console

from handmade import workflow_report
from launchcheck.pipeline import Options, check_paths
from launchcheck.report import table as table_writer
from launchcheck.report import writer

if TYPE_CHECKING:
    from launchcheck.model import Report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = ROOT / "docs" / "report.schema.json"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
PIPELINE_CASES = {
    "samples-icbm": (SAMPLES, Options(timezone="Asia/Pyongyang")),
}
HANDMADE_CASES = {"handmade-workflow": workflow_report}
CASES = sorted([*PIPELINE_CASES, *HANDMADE_CASES])
# Handmade reports are rendered verbose, to show one-article facts and notes.
VERBOSE = set(HANDMADE_CASES)


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


def render_table(report: Report, *, verbose: bool) -> str:
    out = StringIO()
    console = Console(
        width=100,
        color_system=None,
        file=out,
        force_terminal=False,
        force_jupyter=False,
        legacy_windows=False,
        emoji=False,
        highlight=False,
    )
    table_writer.write(report, out, verbose=verbose, console=console)
    return out.getvalue()


def by_name(name: str):
    def render(report: Report, *, verbose: bool) -> str:
        out = StringIO()
        writer(name)(report, out, verbose=verbose)
        return out.getvalue()

    return render


RENDERERS = {
    "report.json": by_name("json"),
    "report.jsonl": by_name("jsonl"),
    "report.sarif": by_name("sarif"),
    "report.md": by_name("markdown"),
    "report.html": by_name("html"),
    "compact.txt": by_name("compact"),
    "table.txt": render_table,
}


@pytest.fixture(scope="module", params=CASES)
def case(request: pytest.FixtureRequest) -> tuple[str, Report]:
    if request.param in HANDMADE_CASES:
        return request.param, HANDMADE_CASES[request.param]()
    folder, options = PIPELINE_CASES[request.param]
    return request.param, stable_report(folder, options)


def test_every_writer_has_a_golden_file():
    """Each registered writer is covered by a golden file name."""
    from launchcheck.report import WRITERS

    covered = {"json", "jsonl", "sarif", "markdown", "html", "compact", "table"}
    assert set(WRITERS) == covered


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_golden_output(case, name, update_golden):
    """The report on each case renders exactly as its reviewed golden file."""
    case_name, report = case
    actual = RENDERERS[name](report, verbose=case_name in VERBOSE)
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
    name, report = case
    if name not in PIPELINE_CASES:
        pytest.skip("handmade paths are made up")
    paths = {a.path for a in report.articles}
    paths |= {
        f.claim.location.path for finding in report.findings for f in finding.facts
    }
    assert paths
    assert all(p.startswith("samples/") for p in paths), paths


def golden_files(name: str) -> list[Path]:
    """The golden file ``name`` of every case (each test checks it exists)."""
    return [HERE / case / name for case in CASES]


@pytest.fixture(scope="module")
def report_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "path", golden_files("report.json"), ids=lambda p: p.parent.name
)
def test_golden_json_matches_the_schema(path, report_schema):
    """Every golden JSON report is valid against docs/report.schema.json."""
    assert path.is_file(), f"{path} missing: run pytest --update-golden"
    document = json.loads(path.read_text(encoding="utf-8"))
    report_schema.validate(document)
    assert document["generator"] == "launchcheck"


@pytest.mark.parametrize(
    "path", golden_files("report.jsonl"), ids=lambda p: p.parent.name
)
def test_golden_jsonl_matches_the_schema(path, report_schema):
    """Every line of every golden JSON Lines report is a valid record; the last is the summary."""
    assert path.is_file(), f"{path} missing: run pytest --update-golden"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines.pop() == "", "a JSON Lines file ends with a newline"
    records = [json.loads(line) for line in lines]
    for record in records:
        report_schema.validate(record)
    assert records[-1]["type"] == "summary"
    assert records[-1]["findings"] == sum(r["type"] == "finding" for r in records)


def test_schema_rejects_what_breaks_the_contract(report_schema):
    """The schema is not vacuous: a wrong verdict or a missing field is refused."""
    document = json.loads((HERE / "samples-icbm" / "report.json").read_text("utf-8"))
    wrong = json.loads(json.dumps(document))
    wrong["findings"][0]["verdict"] = "maybe"
    assert not report_schema.is_valid(wrong)
    missing = json.loads(json.dumps(document))
    del missing["findings"][0]["claims"][0]["line"]
    assert not report_schema.is_valid(missing)
    record = {"type": "finding", "version": 1, "generator": "launchcheck"}
    assert not report_schema.is_valid(record)


@pytest.mark.parametrize(
    "path", golden_files("report.sarif"), ids=lambda p: p.parent.name
)
def test_golden_sarif_matches_the_sarif_schema(path):
    """Every golden SARIF log is valid SARIF 2.1.0 (skipped without ../shared/schemas)."""
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"{SARIF_SCHEMA} is not present")
    assert path.is_file(), f"{path} missing: run pytest --update-golden"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(path.read_text("utf-8")))
