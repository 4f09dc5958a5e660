"""A whole batch run: rules once, stories streamed to an engine, JSONL out, a summary.

The output is JSON Lines, in the record layout of ``report.jsonl``. Each
finding is one line (``"type": "finding"``, with its ``story`` and the fields
of the JSON contract); after a story's findings comes one completion line
(``"type": "story"``) with its status and counts. A story's lines are written together, so ``--resume`` can keep every
story that has its completion line, drop failed and torn ones, and check only
the rest.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launchcheck.batch import StorySettings, record_head
from launchcheck.batch_engine import ENGINES, EngineSettings
from launchcheck.batch_source import iter_stories
from launchcheck.config import DEFAULT_FAIL_ON
from launchcheck.errors import ExitCode, InputError
from launchcheck.model import Location
from launchcheck.pipeline import Options, prepare_rules
from launchcheck.report.json import dumps

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from launchcheck.batch import StoryResult
    from launchcheck.batch_progress import Progress
    from launchcheck.model import Verdict

MAX_LISTED_FAILURES = 100  # the summary lists this many; the output holds all
TORN = re.compile(r'\{\s*"type"\s*:\s*"(?:finding|story)"')  # a cut-off output line


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """Everything a batch run depends on besides its roots.

    The command line builds it from its flags over a ``.launchcheck.yaml``
    (``options``, ``fail_on`` and ``exclude``, the config's file filter for
    story folders), as for ``check``.
    """

    options: Options = field(default_factory=Options)
    fail_on: tuple[Verdict, ...] = DEFAULT_FAIL_ON
    engine: str = "local"
    engine_settings: EngineSettings = field(default_factory=EngineSettings)
    output: Path | None = None
    resume: bool = False
    exclude: Callable[[Path], bool] | None = None


@dataclass
class Summary:
    """Totals of a run, stories resumed from an earlier run included."""

    stories: int = 0
    resumed: int = 0
    articles: int = 0
    findings: int = 0
    failing: int = 0
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)
    failed_count: int = 0
    seconds: float = 0.0
    checked_articles: int = 0

    def add(self, result: StoryResult) -> None:
        """Count one story checked in this run."""
        self.stories += 1
        if result.failed:
            self.failed_count += 1
            if len(self.failed) < MAX_LISTED_FAILURES:
                self.failed.append((result.key, result.error))
            return
        self.articles += result.articles
        self.checked_articles += result.articles
        self.findings += result.findings
        self.failing += result.failing
        for fact, verdict, n in result.counts:
            self.counts[fact, verdict] += n

    def add_record(self, record: dict[str, Any]) -> None:
        """Count a story completed by an earlier run, from its completion line."""
        self.stories += 1
        self.resumed += 1
        self.articles += int(record.get("articles", 0))
        self.findings += int(record.get("findings", 0))
        self.failing += int(record.get("failing", 0))
        for fact, verdicts in (record.get("counts") or {}).items():
            for verdict, n in verdicts.items():
                self.counts[fact, verdict] += int(n)

    @property
    def exit_code(self) -> ExitCode:
        """2 if any story failed, else 1 if any finding fails, else 0 (as ``check``)."""
        if self.failed_count:
            return ExitCode.ERROR
        return ExitCode.CONTRADICTIONS if self.failing else ExitCode.CLEAN


def completion_record(result: StoryResult, ruleset_id: str) -> dict[str, Any]:
    """The line that closes a story's output: its status and counts."""
    record: dict[str, Any] = record_head("story", ruleset_id) | {
        "story": result.key,
        "status": "failed" if result.failed else "done",
        "articles": result.articles,
        "findings": result.findings,
        "failing": result.failing,
        "counts": {},
        "seconds": round(result.seconds, 3),
    }
    for fact, verdict, n in result.counts:
        record["counts"].setdefault(fact, {})[verdict] = n
    if result.failed:
        record["error"] = result.error
    return record


def write_story(out: TextIO, result: StoryResult, ruleset_id: str) -> None:
    """Write a story's findings and completion line in one go, then flush."""
    lines = [*result.lines, dumps(completion_record(result, ruleset_id))]
    out.write("\n".join(lines) + "\n")
    out.flush()


def compact(path: Path, summary: Summary) -> set[str]:
    """Keep the stories ``path`` completed; drop failed and unfinished ones.

    Returns the keys of the stories kept, counted into ``summary``. The file is
    rewritten through a temporary file, one story held in memory at a time. A
    torn last line (a run killed mid-write) is dropped; any other line that is
    not batch output stops the resume rather than lose a foreign file.
    """
    done: set[str] = set()
    held: list[str] = []
    held_key: str | None = None
    where = str(path)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as err:
        raise InputError(where, f"cannot resume: {err.strerror or err}") from None
    try:
        with (
            path.open(encoding="utf-8") as src,
            os.fdopen(fd, "w", encoding="utf-8") as dst,
        ):
            for n, line in enumerate(src, 1):
                record = _output_record(line)
                if record is None:
                    if not line.endswith("\n") and TORN.match(line):
                        continue  # a torn last line: the run was killed mid-write
                    raise InputError(
                        Location(where, n),
                        "not a launchcheck batch output line; will not resume into it",
                    )
                if record["story"] != held_key:
                    held, held_key = [], record["story"]
                held.append(line if line.endswith("\n") else line + "\n")
                if record["type"] == "story":
                    if record.get("status") == "done":
                        _count(summary, record, Location(where, n))
                        dst.writelines(held)
                        done.add(record["story"])
                    held, held_key = [], None
        Path(tmp).chmod(path.stat().st_mode & 0o777)
        Path(tmp).replace(path)
    except (OSError, UnicodeDecodeError) as err:
        Path(tmp).unlink(missing_ok=True)
        why = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
        raise InputError(where, f"cannot resume from this file: {why}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return done


def _count(summary: Summary, record: dict[str, Any], here: Location) -> None:
    """Add a completion line's counts, or stop at a line that is not one."""
    try:
        summary.add_record(record)
    except (TypeError, ValueError, AttributeError):
        raise InputError(here, "malformed story completion record") from None


def _output_record(line: str) -> dict[str, Any] | None:
    """A parsed batch output line, or None if it is not one."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    ok = (
        isinstance(record, dict)
        and record.get("type") in ("finding", "story")
        and isinstance(record.get("story"), str)
    )
    return record if ok else None


def run_batch(
    roots: Sequence[Path],
    settings: BatchSettings,
    progress: Progress,
    stdout: TextIO,
) -> Summary:
    """Check every story under ``roots``; findings go to the output as stories end.

    Bad rules, a bad archive or a bad option raise ``LaunchcheckError`` before
    any story is checked; a story that fails later is counted and written as
    failed, and the run goes on.
    """
    options = settings.options
    ruleset = prepare_rules(options)
    if options.timezone:
        from launchcheck.load import check_zone

        check_zone("--timezone", options.timezone)
    summary = Summary()
    started = time.monotonic()
    done: set[str] = set()
    output = settings.output
    if output is not None and settings.resume and output.exists():
        done = compact(output, summary)
    skip = settings.exclude
    todo = sum(
        1
        for t in iter_stories(roots, max_bytes=options.max_bytes, skip=skip)
        if t.key not in done
    )
    tasks = (
        t
        for t in iter_stories(roots, max_bytes=options.max_bytes, skip=skip)
        if t.key not in done
    )
    out = stdout if output is None else _open(output, append=settings.resume)
    workers = settings.engine_settings.jobs
    note = f" ({len(done)} already done), {settings.engine} engine, {workers} workers"
    progress.start(todo, note)

    def on_result(result: StoryResult) -> None:
        write_story(out, result, ruleset.ruleset_id)
        summary.add(result)
        progress.advance(result)

    try:
        story = StorySettings(options=options, fail_on=settings.fail_on)
        ENGINES[settings.engine](
            tasks, ruleset, story, settings.engine_settings, on_result, progress.tick
        )
    finally:
        progress.close()
        if out is not stdout:
            out.close()
    summary.seconds = time.monotonic() - started
    return summary


def _open(path: Path, *, append: bool) -> TextIO:
    """The output file, created or appended to; ``InputError`` naming it if not."""
    try:
        return path.open("a" if append else "w", encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot write: {err.strerror or err}") from None


def format_summary(summary: Summary) -> str:
    """The end-of-run summary: totals, findings by fact and verdict, failures."""
    rate = summary.checked_articles / max(summary.seconds, 1e-9)
    head = (
        f"{summary.stories} stories ({summary.resumed} resumed,"
        f" {summary.failed_count} failed), {summary.articles} articles,"
        f" {summary.findings} findings ({summary.failing} failing)"
        f" in {summary.seconds:.1f} s, {rate:.1f} articles/s"
    )
    lines = [head]
    verdicts = sorted({v for _, v in summary.counts})
    if verdicts:
        facts = sorted({f for f, _ in summary.counts})
        width = max(len(f) for f in [*facts, "fact"])
        cols = [max(len(v), 5) for v in verdicts]
        lines.append(
            f"  {'fact':<{width}}  "
            + "  ".join(f"{v:>{c}}" for v, c in zip(verdicts, cols, strict=True))
        )
        for fact in facts:
            cells = (
                f"{summary.counts.get((fact, v), 0):>{c}}"
                for v, c in zip(verdicts, cols, strict=True)
            )
            lines.append(f"  {fact:<{width}}  " + "  ".join(cells))
    if summary.failed_count:
        lines.append(f"failed stories ({summary.failed_count}):")
        lines.extend(
            f"  {error}" if error.startswith(key) else f"  {key}: {error}"
            for key, error in summary.failed
        )
        if summary.failed_count > len(summary.failed):
            more = summary.failed_count - len(summary.failed)
            lines.append(f"  … and {more} more (see the output's failed records)")
    return "\n".join(lines)
