"""Helpers for the batch tests: small archives, runs and normalized output."""

from __future__ import annotations

import json
from pathlib import Path

from launchcheck.batch_engine import EngineSettings
from launchcheck.batch_progress import Progress
from launchcheck.batch_run import BatchSettings, Summary, run_batch
from launchcheck.pipeline import Options

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
GOLDEN_ARCHIVE = GOLDEN / "archive.jsonl"
GOLDEN_FINDINGS = GOLDEN / "findings.jsonl"

LAUNCH = (
    "North Korea launched an intercontinental ballistic missile on {day}, officials"
    " said. The missile reached an altitude of about {km} kilometers and flew for"
    " {minutes} minutes before falling into the sea.\n"
)
QUIET_TEXT = "Officials met for talks on trade and fisheries. Nothing was launched.\n"


def article(day: str = "Oct. 31", km: str = "7,000", minutes: int = 86) -> str:
    """A short article in our own words with a date, an altitude and a duration."""
    return LAUNCH.format(day=day, km=km, minutes=minutes)


def record(story: str, text: str, **fields: str) -> dict[str, str]:
    return {"story": story, "text": text, **fields}


def write_archive(path: Path, records: list[dict[str, str]] | list[str]) -> Path:
    """Write records (dicts, or raw lines as given) one per line."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def small_records() -> list[dict[str, str]]:
    """Three stories: one contradiction, one agreement, one without facts."""
    common = {"published": "2024-10-31", "event_timezone": "Asia/Pyongyang"}
    return [
        record("clash", article(), path="clash/a.txt", **common),
        record("clash", article(km="4,000"), path="clash/b.txt", **common),
        record("calm", article(minutes=86), path="calm/a.txt", **common),
        record("calm", article(), path="calm/b.txt"),
        record("quiet", QUIET_TEXT, path="quiet/a.txt", **common),
        record("quiet", QUIET_TEXT, path="quiet/b.txt", **common),
    ]


def run(
    roots: list[Path],
    output: Path,
    *,
    jobs: int = 2,
    timeout: float = 0.0,
    resume: bool = False,
    engine: str = "local",
    options: Options | None = None,
) -> Summary:
    """A batch run through the Python API, without progress display."""
    settings = BatchSettings(
        options=options or Options(),
        engine=engine,
        engine_settings=EngineSettings(jobs=jobs, timeout=timeout, processes=False),
        output=output,
        resume=resume,
    )
    return run_batch(roots, settings, Progress(), stdout=None)  # type: ignore[arg-type]


def records_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def normalized(path: Path) -> str:
    """Batch output in a stable form: stories sorted, timings dropped.

    Lines keep their order inside a story (the report's order); stories come
    in completion order in the raw output, so they are sorted here.
    """
    stories: dict[str, list[dict]] = {}
    for rec in records_of(path):
        rec.pop("seconds", None)
        stories.setdefault(rec["story"], []).append(rec)
    return "".join(
        json.dumps(rec, ensure_ascii=False) + "\n"
        for key in sorted(stories)
        for rec in stories[key]
    )


def findings_by_story(path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rec in records_of(path):
        if rec["type"] == "finding":
            out.setdefault(rec["story"], []).append(rec)
    return out
