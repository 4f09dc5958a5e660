"""Read article files into ``Article`` values: the I/O edge of the pipeline.

Every way a file can be unusable (missing, unreadable, binary, not UTF-8,
empty, too large, broken front matter) becomes one ``InputError`` that names
the file, never a traceback. Nothing here writes.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from launchcheck.errors import InputError
from launchcheck.model import INVISIBLE, Article, Location
from launchcheck.patterncache import re_compile
from launchcheck.safeyaml import YAML_TAG, guard_events

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import yaml

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# One article, not an archive: news stories are 5-100 KB. The limit keeps a
# check's time bounded (matching runs at roughly 0.2-6 s per MB of prose).
MAX_BYTES = 1024 * 1024
FRONT_MATTER_KEYS = ("published", "outlet", "url", "timezone", "title", "author")


def find_articles(
    paths: Iterable[str | Path], *, follow_links: bool = False
) -> tuple[Path, ...]:
    """Expand files and folders into article paths, sorted, each once.

    Folders are walked for known suffixes without recursion (so a thousand
    nested folders cannot raise ``RecursionError``). Symbolic links are not
    followed out of the folder given: a symlinked folder is skipped (so a loop
    cannot hang a batch run) and a symlinked file is read only if it points
    inside that folder, unless ``follow_links``. Reports that launchcheck wrote
    (see ``is_generated``) are skipped. A file named directly is read as named.

    Raises:
        InputError: a path that does not exist, a folder with no articles, or
            a subfolder that cannot be listed.
    """
    found: dict[Path, Path] = {}
    for raw in paths:
        if str(raw) == "":
            raise InputError(None, "an empty path ('') names no file or folder")
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise InputError(str(raw), "no such file or folder")
        if path.is_dir():
            inside = sorted(_walk(path, follow_links=follow_links))
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


def _walk(folder: Path, *, follow_links: bool = False) -> Iterator[Path]:
    """Article files under ``folder``, depth first, with an explicit stack.

    A subfolder that cannot be read is an error: ``os.walk`` would skip it
    silently and drop its articles from a batch run without a word.
    """
    try:
        root = folder.resolve()
    except (OSError, RuntimeError):
        root = folder.absolute()
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            if follow_links:
                info = current.stat()
                if (info.st_dev, info.st_ino) in seen:
                    continue  # a link back to a folder already walked
                seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            raise InputError(
                str(err.filename or current),
                f"cannot read folder: {err.strerror or err}",
            ) from None
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                link = entry.is_symlink()
                if entry.is_dir(follow_symlinks=follow_links):
                    subfolders.append(path)
                    continue
                if not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                if link and not (
                    path.is_file() if follow_links else _inside(path, root)
                ):
                    continue  # a dangling link, or one out of the folder
            except OSError:
                continue  # vanished while listed, or a link loop: nothing to read
            if not is_generated(path):
                yield path
        stack.extend(reversed(subfolders))


def _inside(link: Path, root: Path) -> bool:
    """Whether a symlinked file resolves to a regular file inside ``root``."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return target.is_relative_to(root) and target.is_file()


_GENERATED_MD = re_compile(r"\A\ufeff?<!--\s*generated by launchcheck\b", re.IGNORECASE)
_GENERATED_HTML = re_compile(
    r"<meta\s(?=[^>]*\bname\s*=\s*[\"']?generator\b)"
    r"(?=[^>]*\bcontent\s*=\s*[\"']?launchcheck\b)[^>]*>",
    re.IGNORECASE,
)
GENERATED_PEEK = 64 * 1024  # a report's <head> is well inside this


def is_generated(path: Path) -> bool:
    """Whether ``path`` is a report launchcheck wrote, never an article.

    Markdown reports start with ``<!-- generated by launchcheck -->``; HTML
    reports carry ``<meta name="generator" content="launchcheck">``. JSON,
    JSON Lines and SARIF reports have no article suffix at all. A file that
    cannot be read is not judged here (reading it reports the problem).
    """
    name = path.name.lower()
    if not name.endswith((".md", ".markdown", ".html", ".htm")):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(GENERATED_PEEK).decode("utf-8", "replace")
    except OSError:
        return False
    if name.endswith((".md", ".markdown")):
        return _GENERATED_MD.match(head) is not None
    return _GENERATED_HTML.search(head) is not None


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


def decode(where: str, data: bytes, *, html: bool = False) -> str:
    """Decode an article's bytes; refuse what cannot be read without guessing.

    A BOM decides first (UTF-8 or UTF-16; UTF-32 is refused). Then HTML is
    decoded as its ``<meta charset>`` (or ``http-equiv``) declares, the way
    browsers do (see ``htmltext.declared_charset``): ISO-8859-1 and US-ASCII
    are read as windows-1252, bytes the charset cannot decode become U+FFFD,
    and an unknown or unsupported label is an error at its line. Text files,
    and HTML that declares nothing, must be UTF-8: other 8-bit encodings are
    refused at the first bad byte, never guessed, since a wrong guess would
    silently change the text every claim is quoted from.

    Raises:
        InputError: binary data, UTF-32, invalid UTF-8 or UTF-16, or an HTML
            charset label that is unknown or unsupported.
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
    if html and not data.startswith(codecs.BOM_UTF8):
        from launchcheck.htmltext import declared_charset  # HTML only

        declared = declared_charset(data)
        if declared is not None:
            return _decode_declared(where, data, *declared)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raw = bytes(err.object)  # without the BOM, which err.start counts from
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        what = "HTML that declares no charset" if html else "articles"
        raise InputError(
            Location(where, line, col),
            f"not UTF-8 (byte 0x{raw[err.start]:02x}): {what} must be UTF-8"
            " or UTF-16 with a BOM; convert it (e.g. iconv -f latin1 -t utf-8)",
        ) from None
    return text


# Bytes 0x80-0x9F that Python's windows-125x codecs leave undefined are C1
# controls in the WHATWG indexes; any other undecodable byte is U+FFFD.
_C1_HOLES = {0xDC00 + b: b for b in range(0x80, 0xA0)}
_OTHER_HOLES = {0xDC00 + b: 0xFFFD for b in range(0x80, 0x100)}


def _decode_declared(where: str, data: bytes, label: str, at: int) -> str:
    """Decode HTML in the charset its markup declares (``at``: byte offset)."""
    from launchcheck.htmltext import python_codec

    codec = python_codec(label)
    if codec is None or codec == "replacement":
        line = data.count(b"\n", 0, at) + 1
        col = at - data.rfind(b"\n", 0, at)
        why = "not supported" if codec else "not a known charset"
        raise InputError(
            Location(where, line, col),
            f"declared charset {_shown(label, 40)} is {why}"
            " (use UTF-8, or a label from the WHATWG encoding standard)",
        )
    if codec.startswith("cp12") or codec == "cp874":
        text = data.decode(codec, "surrogateescape").translate(_C1_HOLES)
        return text.translate(_OTHER_HOLES)
    if codec.startswith(("iso8859", "koi8", "mac_", "cp866")):
        return data.decode(codec, "surrogateescape").translate(_OTHER_HOLES)
    return data.decode(codec, "replace")


def parse_article(where: str, data: bytes) -> Article:
    """Build an ``Article`` from a file's bytes; pure apart from its name.

    ``text`` is what rules read: the body after any front matter, or the
    page's visible main text, with line ends made uniform (CR LF and a lone CR
    end lines as LF does, same length) and invisible formatting characters
    (zero-width spaces, soft hyphens, bidi marks, a stray BOM) removed, so
    "1,<ZWSP>000" reads as "1,000". ``anchors`` keep every offset mapped to
    its line and column in the file as read.
    """
    is_html = where.lower().endswith((".html", ".htm"))
    text = decode(where, data, html=is_html)
    if not text.strip():
        raise InputError(where, "empty article")
    line_starts = _line_starts(text)
    if is_html:
        from launchcheck.htmltext import html_to_text  # HTML only

        try:
            page = html_to_text(text)
        except (AssertionError, ValueError, RecursionError) as err:
            # html.parser asserts on some malformed markup; never a traceback
            raise InputError(where, f"cannot read this HTML: {err}") from None
        body, anchors = drop_invisible(page.text, page.anchors)
        if not body.strip():
            raise InputError(where, "HTML page has no visible text")
        published = _html_published(page.published)
        return Article(
            path=where,
            text=body,
            published=published,
            outlet=page.outlet,
            url=page.url,
            line_starts=line_starts,
            anchors=anchors,
        )
    fields, body_start = _front_matter(where, text)
    body, anchors = drop_invisible(
        _uniform_line_ends(text[body_start:]), ((0, body_start),)
    )
    if not body.strip():
        raise InputError(where, "article has front matter but no text")
    return Article(
        path=where,
        text=body,
        published=fields.get("published"),
        zone=fields.get("timezone"),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        line_starts=line_starts,
        anchors=anchors,
    )


# A line ends at \r\n, \r or \n, as in every editor (and in YAML).
_LINE_END = re_compile(r"\r\n?|\n")


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _LINE_END.finditer(text)))


def _uniform_line_ends(text: str) -> str:
    """CR LF → space LF, and a lone CR → LF: same length, so offsets are kept.

    Paragraph and sentence boundaries are found at LF; a file saved with old
    Mac line ends (CR only) would otherwise be one long line.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


def drop_invisible(
    text: str, anchors: tuple[tuple[int, int], ...]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove invisible format characters, keeping every offset's file position.

    ``anchors`` pairs offsets in ``text`` with offsets in the file (as in
    ``Article.anchors``); the result's anchors map each kept character to the
    same file offset as before, so ``line:col`` still point into the file.
    Linear in the length of ``text`` plus the number of anchors.
    """
    runs = [(m.start(), m.end()) for m in INVISIBLE.finditer(text)]
    if not runs:
        return text, anchors
    starts = [a[0] for a in anchors]

    def source(offset: int) -> int:
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return anchors[i][1] + offset - anchors[i][0]

    kept: list[str] = []
    new: list[tuple[int, int]] = []
    removed = 0
    pos = 0
    i = 0  # next anchor not yet passed
    for run_start, run_end in [*runs, (len(text), len(text))]:
        if run_start > pos:
            new.append((pos - removed, source(pos)))
            while i < len(anchors) and anchors[i][0] <= pos:
                i += 1
            while i < len(anchors) and anchors[i][0] < run_start:
                new.append((anchors[i][0] - removed, anchors[i][1]))
                i += 1
            kept.append(text[pos:run_start])
        removed += run_end - run_start
        pos = run_end
    return "".join(kept), tuple(new) or ((0, source(0)),)


def _front_matter(where: str, text: str) -> tuple[dict, int]:
    """Split YAML front matter (``---`` fenced) from the body.

    Lines may end in LF, CR LF or a lone CR. Returns the validated fields and
    the offset where the body starts.
    """
    first_end = _LINE_END.search(text)
    if first_end is None or text[: first_end.start()] != "---":
        return {}, 0
    block_start = pos = first_end.end()
    while True:
        found = _LINE_END.search(text, pos)
        line_end = found.start() if found else len(text)
        if text[pos:line_end] in ("---", "..."):
            block = text[block_start:pos]
            return _front_matter_fields(where, block), found.end() if found else len(
                text
            )
        if found is None:
            raise InputError(
                Location(where, 1, 1), "front matter opened with '---' is never closed"
            )
        pos = found.end()


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
            import difflib  # only for a suggestion

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
    paths: Iterable[str | Path],
    *,
    max_bytes: int = MAX_BYTES,
    follow_links: bool = False,
) -> tuple[Article, ...]:
    """Find and read every article under ``paths`` (see ``find_articles``)."""
    return tuple(
        read_article(p, max_bytes=max_bytes)
        for p in find_articles(paths, follow_links=follow_links)
    )
