"""Whole runs: streaming output, resume, failure isolation and exit codes."""

from __future__ import annotations

import json
import os
import signal
import time
from typing import TYPE_CHECKING

import pytest
from batchkit import (
    QUIET_TEXT,
    article,
    findings_by_story,
    normalized,
    record,
    records_of,
    run,
    small_records,
    write_archive,
)

from launchcheck.batch import StoryResult, StorySettings, check_story
from launchcheck.batch_engine import EngineSettings, run_local
from launchcheck.batch_run import Summary, compact
from launchcheck.errors import ExitCode, InputError
from launchcheck.pipeline import Options, prepare_rules

if TYPE_CHECKING:
    from pathlib import Path


def test_findings_and_completion_records(tmp_path: Path) -> None:
    """Each finding carries its story; every story ends with one completion record."""
    out = tmp_path / "out.jsonl"
    summary = run([write_archive(tmp_path / "a.jsonl", small_records())], out)
    recs = records_of(out)
    done = {r["story"]: r for r in recs if r["type"] == "story"}
    assert set(done) == {"clash", "calm", "quiet"}
    assert all(r["status"] == "done" for r in done.values())
    assert done["quiet"]["findings"] == 0 and done["quiet"]["articles"] == 2
    clash = findings_by_story(out)["clash"]
    assert {f["story"] for f in clash} == {"clash"}
    assert any(f["fact"] == "apogee" and f["verdict"] == "contradiction" for f in clash)
    assert done["clash"]["counts"]["apogee"] == {"contradiction": 1}
    assert done["clash"]["failing"] >= 1
    # a story's lines are contiguous and its completion record comes last
    order = [r["story"] for r in recs]
    for key in done:
        first, last = order.index(key), len(order) - 1 - order[::-1].index(key)
        assert set(order[first : last + 1]) == {key}
        assert recs[last]["type"] == "story"
    assert summary.stories == 3 and summary.failing == done["clash"]["failing"]
    assert summary.counts["apogee", "contradiction"] == 1
    assert summary.exit_code is ExitCode.CONTRADICTIONS


def test_clean_archive_exits_zero(tmp_path: Path) -> None:
    """No contradiction and no failure: exit code 0."""
    archive = write_archive(tmp_path / "a.jsonl", small_records()[2:])
    assert run([archive], tmp_path / "out.jsonl").exit_code is ExitCode.CLEAN


def test_story_event_zone_wins_over_option(tmp_path: Path) -> None:
    """An archive story's event_timezone is used even when --timezone differs."""
    recs = [
        record("s", article(), path="s/a.txt", event_timezone="Asia/Pyongyang"),
        record("s", article(), path="s/b.txt", published="2024-10-31"),
    ]
    archive = write_archive(tmp_path / "a.jsonl", recs)
    out = tmp_path / "out.jsonl"
    run([archive], out, options=Options(timezone="America/Los_Angeles"))
    zones = {
        c["value"].get("zone")
        for f in findings_by_story(out)["s"]
        for c in f["claims"]
        if c["value"]["type"] == "window"
    }
    assert zones == {"Asia/Pyongyang"}


def test_resume_skips_completed_stories(tmp_path: Path) -> None:
    """--resume keeps finished stories (those without findings too) and checks the rest."""
    archive = write_archive(tmp_path / "a.jsonl", small_records())
    full = tmp_path / "full.jsonl"
    run([archive], full)
    recs = records_of(full)
    # keep the stories finished first, cut the last one mid-way, tear its last line
    last = recs[-1]["story"]
    kept = [json.dumps(r) for r in recs if r["story"] != last]
    partial = tmp_path / "partial.jsonl"
    partial.write_text(
        "\n".join(kept) + "\n" + json.dumps(recs[-1])[:25], encoding="utf-8"
    )
    log = tmp_path / "checked.txt"

    def spy(task, ruleset, options):  # runs in a worker process: log to a file
        with log.open("a") as handle:
            handle.write(task.key + "\n")
        return check_story(task, ruleset, options)

    summary = run_with(archive, partial, spy, resume=True)
    assert log.read_text().split() == [last]
    assert summary.resumed == 2 and summary.stories == 3
    assert normalized(partial) == normalized(full)


def run_with(
    archive: Path, out: Path, work, *, resume: bool = False, timeout: float = 0
):
    """A run whose workers call ``work`` (monkeypatching the engine's default)."""
    import launchcheck.batch_engine as engine

    original = engine.ENGINES["local"]

    def local(tasks, ruleset, options, settings, on_result, on_tick):
        return run_local(
            tasks, ruleset, options, settings, on_result, on_tick, work=work
        )

    engine.ENGINES["local"] = local
    try:
        return run([archive], out, resume=resume, timeout=timeout, jobs=2)
    finally:
        engine.ENGINES["local"] = original


def test_resume_retries_failed_stories(tmp_path: Path) -> None:
    """A failed story's records are dropped on resume and the story is checked again."""
    archive = write_archive(tmp_path / "a.jsonl", small_records())
    out = tmp_path / "out.jsonl"

    def flaky(task, ruleset, options):
        if task.key == "calm":
            return StoryResult(key=task.key, error="calm: disk hiccup")
        return check_story(task, ruleset, options)

    first = run_with(archive, out, flaky)
    assert first.exit_code is ExitCode.ERROR and first.failed == [
        ("calm", "calm: disk hiccup")
    ]
    second = run([archive], out, resume=True)
    assert second.resumed == 2 and second.failed_count == 0
    statuses = [r["status"] for r in records_of(out) if r["type"] == "story"]
    assert statuses == ["done"] * 3


def test_resume_refuses_a_foreign_file(tmp_path: Path) -> None:
    """--resume never rewrites a file that is not batch output."""
    out = tmp_path / "notes.jsonl"
    out.write_text('{"hello": 1}\n{"type": "story", "story": "a", "status": "done"}\n')
    before = out.read_text()
    with pytest.raises(
        InputError, match=r"notes.jsonl:1: not a launchcheck batch output"
    ):
        compact(out, Summary())
    assert out.read_text() == before


def test_resume_after_a_crash_in_the_first_story(tmp_path: Path) -> None:
    """A file holding only a torn first line resumes as an empty run."""
    out = tmp_path / "out.jsonl"
    out.write_text('{"type":"finding","version":1,"story":"cla')
    assert compact(out, Summary()) == set()
    assert out.read_text() == ""


def test_resume_refuses_a_malformed_completion_record(tmp_path: Path) -> None:
    """Counts that are not numbers stop the resume at their line."""
    out = tmp_path / "out.jsonl"
    out.write_text(
        '{"type": "story", "story": "a", "status": "done", "articles": "many"}\n'
    )
    with pytest.raises(InputError, match=r"out.jsonl:1: malformed story completion"):
        compact(out, Summary())


def test_unreadable_article_fails_only_its_story(tmp_path: Path) -> None:
    """A story with a file that cannot be read is recorded as failed; the others run."""
    for name in ("good", "bad"):
        (tmp_path / "root" / name).mkdir(parents=True)
        (tmp_path / "root" / name / "a.txt").write_text(article())
    (tmp_path / "root" / "bad" / "b.txt").write_bytes(b"caf\xe9 au lait\n")
    out = tmp_path / "out.jsonl"
    summary = run([tmp_path / "root"], out)
    done = {
        r["story"].rsplit("/", 1)[1]: r for r in records_of(out) if r["type"] == "story"
    }
    assert done["good"]["status"] == "done"
    assert done["bad"]["status"] == "failed"
    assert "b.txt:1:4: not UTF-8" in done["bad"]["error"]
    assert summary.exit_code is ExitCode.ERROR and summary.failed_count == 1


def test_killed_worker_fails_only_its_story(tmp_path: Path) -> None:
    """A worker that dies is replaced; its story is failed and the run completes."""
    archive = write_archive(tmp_path / "a.jsonl", small_records())

    def fatal(task, ruleset, options):
        if task.key == "calm":
            os.kill(os.getpid(), signal.SIGKILL)
        return check_story(task, ruleset, options)

    out = tmp_path / "out.jsonl"
    summary = run_with(archive, out, fatal)
    status = {r["story"]: r for r in records_of(out) if r["type"] == "story"}
    assert status["calm"]["status"] == "failed"
    assert "worker died (signal 9)" in status["calm"]["error"]
    assert status["clash"]["status"] == status["quiet"]["status"] == "done"
    assert summary.failed_count == 1 and summary.stories == 3


def test_story_over_time_limit_fails_and_run_goes_on(tmp_path: Path) -> None:
    """--timeout kills a story's worker; the other stories are still checked."""
    archive = write_archive(tmp_path / "a.jsonl", small_records())

    def slow(task, ruleset, options):
        if task.key == "clash":
            time.sleep(60)
        return check_story(task, ruleset, options)

    out = tmp_path / "out.jsonl"
    summary = run_with(archive, out, slow, timeout=4)
    status = {r["story"]: r for r in records_of(out) if r["type"] == "story"}
    assert "timed out after 4 s" in status["clash"]["error"]
    assert status["calm"]["status"] == status["quiet"]["status"] == "done"
    assert summary.exit_code is ExitCode.ERROR


def test_internal_error_fails_only_its_story(tmp_path: Path) -> None:
    """An unexpected exception in the pipeline costs one story, not the run."""
    archive = write_archive(tmp_path / "a.jsonl", [record("a", QUIET_TEXT)])
    ruleset = prepare_rules(Options())
    from launchcheck.batch_source import iter_stories

    (task,) = iter_stories([archive], max_bytes=1 << 20)
    broken = StorySettings(Options(max_bytes=-1))  # every text is over the limit
    result = check_story(task, ruleset, broken)
    assert result.failed and "size limit" in result.error
    result = check_story(task, None, StorySettings())  # type: ignore[arg-type]
    assert result.failed and "internal error" in result.error


def test_bounded_in_flight(tmp_path: Path) -> None:
    """The local engine pulls a task only when a worker is free."""
    archive = write_archive(
        tmp_path / "a.jsonl", [record(f"s{i}", QUIET_TEXT) for i in range(12)]
    )
    from launchcheck.batch_source import iter_stories

    pulled = 0
    finished = 0
    most = 0

    def tasks():
        nonlocal pulled, most
        for task in iter_stories([archive], max_bytes=1 << 20):
            pulled += 1
            most = max(most, pulled - finished)
            yield task

    def done(result):
        nonlocal finished
        finished += 1

    run_local(
        tasks(), prepare_rules(Options()), StorySettings(), EngineSettings(jobs=2), done
    )
    assert finished == 12 and most <= 3
