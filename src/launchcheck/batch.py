"""Stories of an archive, found lazily, and the check of one story.

A story is either a folder that directly holds article files (any folder under
a ROOT, the ROOT included) or the records of a ``.jsonl`` archive that share a
``story`` key. Finding stories yields small ``StoryTask`` values (paths, or a
byte range of the archive), never texts: a worker reads its story itself, so
what crosses a process (or a Dask cluster) stays small whatever the archive's
size. ``check_story`` is the one function every engine maps over the tasks.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launchcheck.errors import InputError, LaunchcheckError
from launchcheck.load import ARTICLE_SUFFIXES, check_zone, parse_article, read_article
from launchcheck.model import Location
from launchcheck.pipeline import check_articles
from launchcheck.report.json import finding_dict

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from launchcheck.model import Article
    from launchcheck.pipeline import Options
    from launchcheck.ruleset.schema import RuleSet

ARCHIVE_SUFFIX = ".jsonl"
RECORD_KEYS = (
    "story",
    "text",
    "published",
    "outlet",
    "path",
    "timezone",
    "event_timezone",
)


@dataclass(frozen=True, slots=True)
class StoryTask:
    """Where a worker reads one story: article paths, or a byte range of an archive.

    ``first_line`` is the 1-based archive line the range starts at, so errors
    found by the worker still name the archive line of the bad record.
    """

    key: str
    paths: tuple[str, ...] = ()
    archive: str = ""
    offset: int = 0
    length: int = 0
    first_line: int = 0
    first_record: int = 0
    event_timezone: str = ""


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What one story produced: JSONL finding lines and counts, or an error.

    ``lines`` are serialized already (in the worker), so the process that
    collects results only writes them. ``counts`` holds (fact, verdict, n).
    """

    key: str
    articles: int = 0
    lines: tuple[str, ...] = ()
    counts: tuple[tuple[str, str, int], ...] = ()
    failing: int = 0
    error: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """True when the story could not be checked (its findings are missing)."""
        return bool(self.error)

    @property
    def findings(self) -> int:
        """How many findings the story has."""
        return len(self.lines)


def failure(key: str, error: str, seconds: float = 0.0) -> StoryResult:
    """The result of a story that could not be checked."""
    return StoryResult(key=key, error=error, seconds=seconds)


def iter_stories(roots: Sequence[Path], *, max_bytes: int) -> Iterator[StoryTask]:
    """Every story under ``roots``, lazily, in a stable order.

    Raises ``InputError`` (naming the file, and the line of an archive) for a
    root that is neither a folder nor a ``.jsonl`` archive, a folder without
    articles, a malformed record, or a story key seen twice.
    """
    seen: set[str] = set()
    for root in roots:
        found = False
        if root.is_dir():
            stories = _folder_stories(root)
        elif root.suffix.lower() == ARCHIVE_SUFFIX and root.exists():
            stories = _archive_stories(root, max_bytes)
        elif not root.exists():
            raise InputError(str(root), "no such file or folder")
        else:
            raise InputError(
                str(root), "not a folder of stories or a .jsonl archive of records"
            )
        for task in stories:
            found = True
            if task.key in seen:
                where = task.archive and Location(task.archive, task.first_line)
                raise InputError(
                    where or task.key,
                    f"story {task.key!r} appears twice (story keys must be unique)",
                )
            seen.add(task.key)
            yield task
        if not found:
            raise InputError(
                str(root), f"no stories: no articles ({', '.join(ARTICLE_SUFFIXES)})"
            )


def _folder_stories(root: Path) -> Iterator[StoryTask]:
    """Each folder under ``root`` (itself included) that directly holds articles."""

    def refuse(err: OSError) -> None:
        raise InputError(
            str(err.filename or root), f"cannot read folder: {err.strerror or err}"
        )

    for folder, dirs, files in os.walk(root, onerror=refuse, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        articles = sorted(
            name
            for name in files
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")
        )
        if articles:
            key = Path(folder).as_posix()
            yield StoryTask(key=key, paths=tuple(f"{folder}/{n}" for n in articles))


def _archive_stories(archive: Path, max_bytes: int) -> Iterator[StoryTask]:
    """Stories of a JSONL archive: each story's records must be consecutive.

    Every record is validated here, before any story is checked, so a broken
    archive stops the run at once with its line and record number.
    """
    where = str(archive)
    current: StoryTask | None = None
    closed: set[str] = set()
    for line_no, record_no, start, end, record in _records(archive, max_bytes):
        key = record["story"]
        zone = record.get("event_timezone") or ""
        if current is not None and key == current.key:
            if zone and current.event_timezone and zone != current.event_timezone:
                raise InputError(
                    Location(where, line_no),
                    f"record {record_no}: event_timezone {zone!r} differs from"
                    f" {current.event_timezone!r} given earlier for story {key!r}",
                )
            current = replace(
                current,
                length=end - current.offset,
                event_timezone=current.event_timezone or zone,
            )
            continue
        if current is not None:
            closed.add(current.key)
            yield current
        if key in closed:
            raise InputError(
                Location(where, line_no),
                f"record {record_no}: story {key!r} continues after other stories;"
                " keep each story's records together (sort the archive by story)",
            )
        current = StoryTask(
            key=key,
            archive=where,
            offset=start,
            length=end - start,
            first_line=line_no,
            first_record=record_no,
            event_timezone=zone,
        )
    if current is not None:
        yield current


def _records(
    archive: Path, max_bytes: int, offset: int = 0, length: int = -1, first: int = 1
) -> Iterator[tuple[int, int, int, int, dict[str, Any]]]:
    """(line, record number, start, end, record) for each non-blank line.

    Reads ``length`` bytes from ``offset`` (all when -1), one line at a time.
    """
    limit = 6 * max_bytes + 65536  # JSON escapes may grow a text up to 6 times
    where = str(archive)
    try:
        handle = archive.open("rb")
    except OSError as err:
        raise InputError(where, f"cannot read: {err.strerror or err}") from None
    with handle:
        handle.seek(offset)
        line_no, record_no, pos = first, 0, offset
        while length < 0 or pos < offset + length:
            try:
                raw = handle.readline(limit + 1)
            except OSError as err:
                raise InputError(where, f"cannot read: {err.strerror or err}") from None
            if not raw:
                break
            start, pos = pos, pos + len(raw)
            if len(raw) > limit:
                raise InputError(
                    Location(where, line_no), "record is too long for one article"
                )
            if raw.strip():
                record_no += 1
                here = Location(where, line_no)
                yield line_no, record_no, start, pos, _record(here, record_no, raw)
            line_no += 1


def _record(here: Location, number: int, raw: bytes) -> dict[str, Any]:
    """One archive line as a checked record; ``InputError`` at its line if not."""
    try:
        text = raw.decode("utf-8-sig" if here.line == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            here, f"record {number}: not UTF-8 (byte 0x{raw[err.start]:02x})"
        ) from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            Location(here.path, here.line, err.colno),
            f"record {number}: not valid JSON: {err.msg}",
        ) from None
    if not isinstance(record, dict):
        raise InputError(here, f"record {number}: must be a JSON object")
    for key in record:
        if key not in RECORD_KEYS:
            raise InputError(
                here,
                f"record {number}: unknown field {key!r} (known: {', '.join(RECORD_KEYS)})",
            )
    for key in ("story", "text"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise InputError(
                here, f"record {number}: {key!r} must be a non-empty string"
            )
    for key in ("published", "outlet", "path", "timezone", "event_timezone"):
        value = record.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InputError(
                here, f"record {number}: {key!r} must be a non-empty string"
            )
    if record.get("published") is not None:
        _published(here, number, record["published"])
    for key in ("timezone", "event_timezone"):
        if record.get(key) is not None:
            check_zone(here, record[key])
    return record


def _published(here: Location, number: int, value: str) -> object:
    """A record's publication date: ISO 8601 date or date-time, as front matter."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(
            here, f"record {number}: published {value!r} is not an ISO 8601 date"
        ) from None


def load_story(task: StoryTask, *, max_bytes: int) -> tuple[Article, ...]:
    """Read the articles of one story (raises ``InputError`` naming the culprit)."""
    if not task.archive:
        return tuple(read_article(Path(p), max_bytes=max_bytes) for p in task.paths)
    articles: list[Article] = []
    paths: set[str] = set()
    for line_no, number, _start, _end, record in _records(
        Path(task.archive), max_bytes, task.offset, task.length, task.first_line
    ):
        here = Location(task.archive, line_no)
        number += task.first_record - 1
        path = record.get("path") or f"{task.archive}#L{line_no}"
        if path in paths:
            raise InputError(here, f"record {number}: path {path!r} repeats in story")
        paths.add(path)
        data = record["text"].encode("utf-8")
        if len(data) > max_bytes:
            raise InputError(here, f"record {number}: text is over the size limit")
        try:
            article = parse_article(path, data)
        except InputError as err:
            raise InputError(here, f"record {number}: {err}") from None
        changes: dict[str, Any] = {}
        if record.get("published"):
            changes["published"] = _published(here, number, record["published"])
        if record.get("outlet"):
            changes["outlet"] = record["outlet"]
        if record.get("timezone"):
            changes["zone"] = record["timezone"]
        articles.append(replace(article, **changes) if changes else article)
    return tuple(articles)


WARM_UP = (
    "North Korea fired an intercontinental ballistic missile at 7:10 a.m. local time"
    " on Thursday, Oct. 31, 2024. It climbed to an altitude of about 7,000 kilometers"
    " (4,350 miles), flew for 86 minutes and covered some 1,000 km, weeks before the"
    " U.S. presidential election. About 10,000 troops have been sent to Russia.\n"
)


def warm_up(ruleset: RuleSet, options: Options) -> None:
    """Check two small articles once, so every pattern and table is loaded.

    Run in the parent before workers fork, it lets them inherit compiled
    patterns and loaded unit and date tables instead of each building its own
    on its first story (which would also count against the story's timeout).
    """
    articles = [
        parse_article(f"warm-up-{n}.txt", WARM_UP.replace("86", str(86 + n)).encode())
        for n in range(2)
    ]
    check_articles(articles, ruleset, options)


def check_story(task: StoryTask, ruleset: RuleSet, options: Options) -> StoryResult:
    """Check one story; every error becomes a failed result, never an exception.

    This is what every engine runs in its workers. The story's own event zone
    (``event_timezone`` in an archive) wins over ``options.timezone``.
    """
    start = time.perf_counter()
    try:
        articles = load_story(task, max_bytes=options.max_bytes)
        if task.event_timezone:
            options = replace(options, timezone=task.event_timezone)
        report = check_articles(articles, ruleset, options)
    except LaunchcheckError as err:
        return failure(task.key, str(err), time.perf_counter() - start)
    except Exception as err:  # a bug must cost one story, not the whole run
        return failure(
            task.key,
            f"{task.key}: internal error: {type(err).__name__}: {err}",
            time.perf_counter() - start,
        )
    lines = []
    counts: Counter[tuple[str, str]] = Counter()
    for finding in report.findings:
        data = {"record": "finding", "story": task.key, **finding_dict(finding)}
        lines.append(json.dumps(data, ensure_ascii=False))
        counts[data["fact"], data["verdict"]] += 1
    return StoryResult(
        key=task.key,
        articles=len(articles),
        lines=tuple(lines),
        counts=tuple((f, v, n) for (f, v), n in sorted(counts.items())),
        failing=len(report.failing),
        seconds=time.perf_counter() - start,
    )
