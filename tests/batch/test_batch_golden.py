"""Identical findings: batch against the golden archive, and against ``check`` per story.

The golden file was recorded from main before any speed work. A deliberate
change of semantics changes it: regenerate with ``pytest --update-golden``
(tests/batch/golden/findings.jsonl) and review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batchkit import (
    GOLDEN_ARCHIVE,
    GOLDEN_FINDINGS,
    article,
    findings_by_story,
    normalized,
    records_of,
    run,
)
from click.testing import CliRunner

from launchcheck.cli import app

STORIES_CHECKED = 8
HEAD = ("type", "story", "version", "generator", "ruleset")  # batch's own fields
ROOT = (
    Path(__file__).resolve().parents[2]
)  # `check` per story on this many folders (each a fresh rule load)


def test_batch_findings_equal_golden(golden_run: Path, update_golden: bool) -> None:
    """Batch over the golden archive writes exactly the recorded findings."""
    got = normalized(golden_run)
    if update_golden:
        GOLDEN_FINDINGS.write_text(got, encoding="utf-8")
    assert got == GOLDEN_FINDINGS.read_text(encoding="utf-8")


def test_golden_covers_every_story_and_verdict() -> None:
    """The golden archive exercises contradictions, agreements and other scopes."""
    stories = {json.loads(line)["story"] for line in GOLDEN_ARCHIVE.open()}
    golden = [json.loads(line) for line in GOLDEN_FINDINGS.open()]
    done = {r["story"] for r in golden if r["type"] == "story"}
    verdicts = {r["verdict"] for r in golden if r["type"] == "finding"}
    assert done == stories
    assert {"contradiction", "surface-only", "agreement", "other-scope"} <= verdicts


def write_folders(archive: Path, root: Path, limit: int) -> list[Path]:
    """The first ``limit`` stories of an archive as folders of front-matter files."""
    folders: list[Path] = []
    for rec in records_of(archive):
        path = root / rec["path"]
        if path.parent not in folders:
            if len(folders) == limit:
                break
            folders.append(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        front = [
            f"{k}: {rec[k]}" for k in ("published", "outlet", "timezone") if k in rec
        ]
        text = rec["text"]
        if front and path.suffix != ".html":
            text = "---\n" + "\n".join(front) + "\n---\n" + text
        path.write_text(text, encoding="utf-8")
    return folders


def test_batch_equals_check_per_story(tmp_path: Path) -> None:
    """Each folder story's batch findings are exactly what `check` says of it."""
    root = tmp_path / "stories"
    folders = write_folders(GOLDEN_ARCHIVE, root, STORIES_CHECKED)
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "batch",
            str(root),
            "-o",
            str(out),
            "-j",
            "2",
            "-q",
            "--timezone",
            "Asia/Pyongyang",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    batch = findings_by_story(out)
    assert len({r["story"] for r in records_of(out)}) == len(folders)
    failing = False
    for folder in folders:
        checked = runner.invoke(
            app,
            ["check", str(folder), "--format", "json", "--timezone", "Asia/Pyongyang"],
        )
        assert checked.exit_code in (0, 1), checked.output
        failing |= checked.exit_code == 1
        expected = json.loads(checked.stdout)["findings"]
        got = [
            {k: v for k, v in f.items() if k not in HEAD}
            for f in batch.get(folder.as_posix(), [])
        ]
        assert got == expected, folder.name
    assert (result.exit_code == 1) == failing


def test_one_worker_gives_the_same_findings(golden_run: Path, tmp_path: Path) -> None:
    """Fewer workers, same findings (on the first stories of the golden archive)."""
    lines = GOLDEN_ARCHIVE.read_text(encoding="utf-8").splitlines(keepends=True)
    keys = list(dict.fromkeys(json.loads(line)["story"] for line in lines))[:6]
    subset = tmp_path / "subset.jsonl"
    subset.write_text(
        "".join(line for line in lines if json.loads(line)["story"] in keys),
        encoding="utf-8",
    )
    out = tmp_path / "one.jsonl"
    run([subset], out, jobs=1)
    expected = [r for r in records_of(golden_run) if r["story"] in keys]
    subset_golden = tmp_path / "golden-subset.jsonl"
    subset_golden.write_text("".join(json.dumps(r) + "\n" for r in expected))
    assert normalized(out) == normalized(subset_golden)


def test_finding_lines_are_jsonl_finding_records() -> None:
    """Each batch finding line is a valid `finding` record of docs/report.schema.json."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text("utf-8"))
    finding = dict(schema, **{"$ref": "#/$defs/finding_record"})
    finding.pop("oneOf", None)
    validator = jsonschema.Draft202012Validator(finding)
    records = [json.loads(line) for line in GOLDEN_FINDINGS.open(encoding="utf-8")]
    findings = [r for r in records if r["type"] == "finding"]
    assert findings
    for rec in findings[:40]:
        validator.validate(rec)
    assert {r["type"] for r in records} == {"finding", "story"}


def test_inline_suppression_as_in_check(tmp_path: Path) -> None:
    """An article's `launchcheck: ignore` directive settles batch findings as in check."""
    story = tmp_path / "root" / "s"
    story.mkdir(parents=True)
    (story / "a.txt").write_text(article())
    (story / "b.txt").write_text(article(km="4,000") + "\nlaunchcheck: ignore apogee\n")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    batch = runner.invoke(app, ["batch", str(tmp_path / "root"), "-o", str(out), "-q"])
    checked = runner.invoke(app, ["check", str(story), "--format", "json"])
    assert batch.exit_code == checked.exit_code == 0, batch.output
    (apogee,) = [
        f for f in findings_by_story(out)[story.as_posix()] if f["fact"] == "apogee"
    ]
    assert apogee["disposition"] == "suppressed" and apogee["fails"] is False
    expected = json.loads(checked.stdout)["findings"]
    got = [
        {k: v for k, v in f.items() if k not in HEAD}
        for f in findings_by_story(out)[story.as_posix()]
    ]
    assert got == expected
