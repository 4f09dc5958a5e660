"""Read article files into ``Article`` values: the I/O edge of the pipeline.

Every way a file can be unusable (missing, unreadable, binary, not UTF-8,
empty, too large, broken front matter) becomes one ``InputError`` that names
the file, never a traceback. Nothing here writes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from launchcheck.errors import InputError
from launchcheck.htmltext import html_to_text
from launchcheck.model import Article, Location
from launchcheck.safeyaml import YAML_TAG, guard_events

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import yaml

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# One article, not an archive: news stories are 5-100 KB. The limit keeps a
# check's time bounded (matching runs at roughly 0.2-6 s per MB of prose).
MAX_BYTES = 1024 * 1024
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
    """Article files under ``folder``; a subfolder that cannot be read is an error.

    ``os.walk`` skips unreadable folders silently by default, which would drop
    their articles from a batch run without a word.
    """

    def refuse(err: OSError) -> None:
        raise InputError(
            str(err.filename or folder), f"cannot read folder: {err.strerror or err}"
        )

    for root, dirs, files in os.walk(folder, onerror=refuse, followlinks=False):
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
    """Both sizes in MiB, so "1 MB limit" means what the number says."""
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
        try:
            page = html_to_text(text)
        except (AssertionError, ValueError, RecursionError) as err:
            # html.parser asserts on some malformed markup; never a traceback
            raise InputError(where, f"cannot read this HTML: {err}") from None
        if not page.text.strip():
            raise InputError(where, "HTML page has no visible text")
        published = _html_published(page.published)
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
            Location(where, 1, 1), "front matter opened with '---' is never closed"
        )
    block = text[len(first) + 1 : end]
    return _front_matter_fields(where, block), body


def _front_matter_fields(where: str, block: str) -> dict:
    """Validate front matter field by field, each error at its line and column."""
    import yaml

    root = _compose_front_matter(where, block)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise InputError(
            _at(where, root.start_mark), "front matter must be 'field: value' lines"
        )
    fields: dict = {}
    seen: set[str] = set()
    for key_node, value_node in root.value:
        here = _at(where, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError(here, "front matter field names must be plain words")
        key = str(key_node.value)
        if key in seen:
            raise InputError(here, f"duplicate front matter field {key!r}")
        seen.add(key)
        if key not in FRONT_MATTER_KEYS:
            near = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise InputError(
                here,
                f"unknown front matter field {_shown(key)}"
                f" ({hint}known: {', '.join(FRONT_MATTER_KEYS)})",
            )
        there = _at(where, value_node.start_mark)
        if not isinstance(value_node, yaml.ScalarNode):
            raise InputError(there, f"{key}: must be one value, not a list or mapping")
        if value_node.tag == f"{YAML_TAG}null":
            continue
        value = str(value_node.value)
        if key == "published":
            fields[key] = _published(there, value)
        elif key == "timezone":
            fields[key] = check_zone(there, value)
        else:
            fields[key] = value
    return fields


def _at(where: str, mark: yaml.Mark) -> Location:
    """A YAML mark in the front matter (which starts on line 2) → file line:col."""
    return Location(where, mark.line + 2, mark.column + 1)


def _compose_front_matter(where: str, block: str) -> yaml.Node | None:
    """Parse front matter into nodes, refusing aliases, foreign tags and deep nesting.

    Scanning the event stream first keeps a billion-laughs alias bomb, a
    ``!!python/object`` tag or ten thousand nested brackets from ever
    reaching the (recursive) composer.
    """
    import yaml

    if not block.strip():
        return None
    try:
        guard_events(block, lambda mark: _at(where, mark), InputError, "front matter")
        return yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        here = _at(where, mark) if mark else Location(where, 1)
        problem = err.problem or err.context or "invalid YAML"
        if err.context and err.context_mark and err.problem:
            problem += f" ({err.context} at line {err.context_mark.line + 2})"
        raise InputError(here, f"malformed front matter: {problem}") from None
    except yaml.YAMLError as err:
        raise InputError(Location(where, 1), f"malformed front matter: {err}") from None


def _shown(value: str, limit: int = 60) -> str:
    """``repr`` of a user's value, cut short so an error stays one readable line."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _published(location: Location, value: str) -> dt.date:
    """Read a front-matter publication date: ISO 8601, a date or a date-time."""
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(
            location,
            f"published: {_shown(text)} is not a valid date (YYYY-MM-DD"
            " or an ISO 8601 date-time)",
        ) from None


def _html_published(value: str | None) -> dt.date | None:
    """A page's meta date if it is ISO 8601; anything else counts as no date.

    Page metadata is not the user's to fix, and ``--published`` (or the
    dateline) still dates a page whose meta tag is unreadable.
    """
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def check_zone(location: Location | str, value: object) -> str:
    """Return ``value`` if it names an IANA time zone, else raise naming it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(value).strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: "America" is a folder of the zone database, or a name too long
        raise InputError(
            location,
            f"unknown time zone {_shown(name)} (use an IANA name like Asia/Seoul)",
        ) from None
    return name


def load_articles(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES
) -> tuple[Article, ...]:
    """Find and read every article under ``paths``."""
    return tuple(read_article(p, max_bytes=max_bytes) for p in find_articles(paths))
