"""Where a batch run's stories come from: folders and JSONL archives, read lazily.

A story is either a folder that directly holds article files (any folder under
a ROOT, the ROOT included) or the records of a ``.jsonl`` archive that share a
``story`` key. Finding stories yields small ``StoryTask`` values (paths, or a
byte range of the archive), never texts: a worker reads its story itself with
``load_story``, so what crosses a process (or a Dask cluster) stays small
whatever the archive's size. Every record is validated before any story is
checked, and every error names the archive line and record number.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launchcheck.errors import InputError
from launchcheck.load import ARTICLE_SUFFIXES, check_zone, parse_article, read_article
from launchcheck.model import Location

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from launchcheck.model import Article

ARCHIVE_SUFFIX = ".jsonl"
MARKUP = (".html", ".htm")  # where comments (and so directives) leave the text
DIRECTIVE = "launchcheck:"
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


def iter_stories(
    roots: Sequence[Path],
    *,
    max_bytes: int,
    skip: Callable[[Path], bool] | None = None,
) -> Iterator[StoryTask]:
    """Every story under ``roots``, lazily, in a stable order.

    ``skip`` (a config's ``exclude``) drops article files of story folders,
    as ``check`` drops them when it walks a folder.

    Raises ``InputError`` (naming the file, and the line of an archive) for a
    root that is neither a folder nor a ``.jsonl`` archive, a folder without
    articles, a malformed record, or a story key seen twice.
    """
    seen: set[str] = set()
    for root in roots:
        found = False
        if root.is_dir():
            stories = _folder_stories(root, skip)
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


def _folder_stories(
    root: Path, skip: Callable[[Path], bool] | None = None
) -> Iterator[StoryTask]:
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
            if name.lower().endswith(ARTICLE_SUFFIXES)
            and not name.startswith(".")
            and (skip is None or not skip(Path(folder, name)))
        )
        if articles:
            key = Path(folder).as_posix()
            yield StoryTask(
                key=key, paths=tuple(str(Path(folder, n)) for n in articles)
            )


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


def load_story(
    task: StoryTask, *, max_bytes: int
) -> tuple[tuple[Article, ...], dict[str, str]]:
    """Read the articles of one story (raises ``InputError`` naming the culprit).

    Also returns the raw text of each HTML article that carries an inline
    ``launchcheck:`` directive (its comments are not in the article's text),
    as ``pipeline.settle`` needs for suppressions, keyed by article path.
    """
    raw: dict[str, str] = {}
    if not task.archive:
        articles = tuple(read_article(Path(p), max_bytes=max_bytes) for p in task.paths)
        for path in task.paths:
            if path.lower().endswith(MARKUP):
                _raw_html(Path(path), raw)
        return articles, raw
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
        if path.lower().endswith(MARKUP) and DIRECTIVE in record["text"]:
            raw[path] = record["text"]
    return tuple(articles), raw


def _raw_html(path: Path, raw: dict[str, str]) -> None:
    """Keep an HTML file's own text if it holds a directive (as ``check`` does)."""
    try:
        data = path.read_bytes()
    except OSError:
        return
    if DIRECTIVE.encode() in data:
        raw[str(path)] = data.decode("utf-8", "replace")
