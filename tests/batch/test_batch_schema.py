"""Batch output lines, completion records included, follow docs/report.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batchkit import GOLDEN_FINDINGS, article, records_of, run

ROOT = Path(__file__).resolve().parents[2]


def _validator(definition: str) -> object:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text("utf-8"))
    schema = dict(schema, **{"$ref": f"#/$defs/{definition}"})
    schema.pop("oneOf", None)
    return jsonschema.Draft202012Validator(schema)


def test_golden_lines_are_batch_records() -> None:
    """Every line of the golden output (findings and completion records) is valid."""
    validator = _validator("batch_record")
    records = records_of(GOLDEN_FINDINGS)
    assert {r["type"] for r in records} == {"finding", "story"}
    for rec in records:
        validator.validate(rec)  # type: ignore[attr-defined]


def test_done_and_failed_completion_records(tmp_path: Path) -> None:
    """A failed story's record (with its error) and a done one both validate."""
    for name in ("good", "bad"):
        (tmp_path / "root" / name).mkdir(parents=True)
        (tmp_path / "root" / name / "a.txt").write_text(article())
    (tmp_path / "root" / "bad" / "b.txt").write_bytes(b"caf\xe9 au lait\n")
    out = tmp_path / "out.jsonl"
    run([tmp_path / "root"], out, jobs=1)
    stories = [r for r in records_of(out) if r["type"] == "story"]
    assert {r["status"] for r in stories} == {"done", "failed"}
    validator = _validator("story_record")
    for rec in stories:
        validator.validate(rec)  # type: ignore[attr-defined]


def test_schema_refuses_a_record_without_counts() -> None:
    """The story record's required fields are enforced (the schema can fail)."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = _validator("story_record")
    rec = next(r for r in records_of(GOLDEN_FINDINGS) if r["type"] == "story")
    del rec["counts"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(rec)  # type: ignore[attr-defined]
    rec = next(r for r in records_of(GOLDEN_FINDINGS) if r["type"] == "story")
    rec["status"] = "half"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(rec)  # type: ignore[attr-defined]
