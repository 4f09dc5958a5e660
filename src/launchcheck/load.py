"""Read article files into ``Article`` values: the I/O edge of the pipeline.

Every way a file can be unusable (missing, unreadable, binary, not UTF-8,
empty, too large, broken front matter) becomes one ``InputError`` that names
the file, never a traceback. Nothing here writes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from launchcheck.errors import InputError
from launchcheck.htmltext import html_to_text
from launchcheck.model import Article, Location

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 16 * 1024 * 1024
FRONT_MATTER_KEYS = ("published", "outlet", "url", "timezone", "title", "author")


def find_articles(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """Expand files and folders into article paths, sorted, each once.

    Folders are walked recursively for known suffixes, without following
    symlinked folders (so a symlink loop cannot hang a batch run).
    """
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise InputError(str(raw), "no such file or folder")
        if path.is_dir():
            inside = sorted(_walk(path))
            if not inside:
                raise InputError(
                    str(raw), f"no articles ({', '.join(ARTICLE_SUFFIXES)}) in folder"
                )
            for item in inside:
                found.setdefault(_key(item), item)
        else:
            found.setdefault(_key(path), path)
    return tuple(found.values())


def _key(path: Path) -> Path:
    """Identify a file so that the same file given twice is read once."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one file as an article, or raise ``InputError`` naming it.

    Only regular files are read (a FIFO or ``/dev/zero`` would block or never
    end), and never more than ``max_bytes`` + 1 bytes, even if the file grows
    while it is read.
    """
    where = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(where, "is a folder, not an article")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, "not a regular file (device, FIFO or socket)")
        if info.st_size > max_bytes:
            raise InputError(where, _too_large(info.st_size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(where, _too_large(len(data), max_bytes))
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except PermissionError:
        raise InputError(where, "permission denied") from None
    except OSError as err:
        raise InputError(where, f"cannot read: {err.strerror or err}") from None
    return parse_article(where, data)


def _too_large(size: int, max_bytes: int) -> str:
    """Both sizes in MiB, so "16 MB limit" means what the number says."""
    mib = 1024 * 1024
    return (
        f"file is {size / mib:.1f} MB, over the {max_bytes / mib:g} MB limit"
        " for one article"
    )


def decode(where: str, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse the rest.

    Legacy 8-bit encodings (Latin-1, Windows-1252) are refused, not guessed:
    a wrong guess would silently change the text every claim is quoted from.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(where, "UTF-32 text is not supported; convert it to UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(where, f"invalid UTF-16 at byte {err.start}") from None
        if "\x00" in text:
            raise InputError(where, "binary file (contains NUL characters)")
        return text
    if b"\x00" in data:
        raise InputError(where, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raw = bytes(err.object)  # without the BOM, which err.start counts from
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        raise InputError(
            Location(where, line, col),
            f"not UTF-8 (byte 0x{raw[err.start]:02x}): articles must be UTF-8"
            " or UTF-16 with a BOM; convert it (e.g. iconv -f latin1 -t utf-8)",
        ) from None
    return text


def parse_article(where: str, data: bytes) -> Article:
    """Build an ``Article`` from a file's bytes; pure apart from its name."""
    text = decode(where, data)
    if not text.strip():
        raise InputError(where, "empty article")
    line_starts = _line_starts(text)
    if where.lower().endswith((".html", ".htm")):
        page = html_to_text(text)
        if not page.text.strip():
            raise InputError(where, "HTML page has no visible text")
        published = _published(where, 1, page.published) if page.published else None
        return Article(
            path=where,
            text=page.text,
            published=published,
            outlet=page.outlet,
            url=page.url,
            line_starts=line_starts,
            anchors=page.anchors,
        )
    fields, body_start = _front_matter(where, text)
    if not text[body_start:].strip():
        raise InputError(where, "article has front matter but no text")
    return Article(
        path=where,
        text=text[body_start:],
        published=fields.get("published"),
        zone=fields.get("timezone"),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        line_starts=line_starts,
        anchors=((0, body_start),),
    )


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return tuple(starts)


def _front_matter(where: str, text: str) -> tuple[dict, int]:
    """Split YAML front matter (``---`` fenced) from the body.

    Returns the validated fields and the offset where the body starts.
    """
    first = text.split("\n", 1)[0].rstrip("\r")
    if first != "---":
        return {}, 0
    end = -1
    pos = len(text.split("\n", 1)[0]) + 1
    line_no = 2
    while pos < len(text):
        nl = text.find("\n", pos)
        line = text[pos : nl if nl != -1 else len(text)].rstrip("\r")
        if line in ("---", "..."):
            end = pos
            body = nl + 1 if nl != -1 else len(text)
            break
        if nl == -1:
            break
        pos = nl + 1
        line_no += 1
    if end == -1:
        raise InputError(
            Location(where, 1), "front matter opened with '---' is never closed"
        )
    block = text[len(first) + 1 : end]
    return _front_matter_fields(where, block), body


def _front_matter_fields(where: str, block: str) -> dict:
    import yaml

    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line = mark.line + 2 if mark else 1
        col = mark.column + 1 if mark else 0
        raise InputError(
            Location(where, line, col), f"malformed front matter: {err.problem}"
        ) from None
    except yaml.YAMLError as err:
        raise InputError(Location(where, 1), f"malformed front matter: {err}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(Location(where, 2), "front matter must be a mapping of fields")
    fields: dict = {}
    lines = block.split("\n")
    for key, value in data.items():
        line = _key_line(lines, str(key))
        if key not in FRONT_MATTER_KEYS:
            raise InputError(
                Location(where, line),
                f"unknown front matter field {key!r}"
                f" (known: {', '.join(FRONT_MATTER_KEYS)})",
            )
        if key == "published":
            fields[key] = _published(where, line, value)
        elif key == "timezone":
            fields[key] = check_zone(Location(where, line), value)
        elif value is not None:
            fields[key] = str(value)
    return fields


def _key_line(lines: list[str], key: str) -> int:
    for i, line in enumerate(lines):
        if line.startswith((f"{key}:", f"'{key}':", f'"{key}":')):
            return i + 2
    return 1


def _published(where: str, line: int, value: object) -> dt.date:
    """Accept a YAML date, datetime or ISO 8601 string as the publication date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(
                value.strip().replace("Z", "+00:00")
            ).date()
        except ValueError:
            pass
    raise InputError(
        Location(where, line), f"published: {value!r} is not an ISO date (YYYY-MM-DD)"
    )


def check_zone(location: Location | str, value: object) -> str:
    """Return ``value`` if it names an IANA time zone, else raise naming it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(value).strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            location, f"unknown time zone {name!r} (use an IANA name like Asia/Seoul)"
        ) from None
    return name


def load_articles(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES
) -> tuple[Article, ...]:
    """Find and read every article under ``paths``."""
    return tuple(read_article(p, max_bytes=max_bytes) for p in find_articles(paths))
