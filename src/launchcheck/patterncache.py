"""A disk cache of compiled ``regex`` patterns, shared by runs and workers.

Compiling the rule set's expanded patterns takes most of a cold ``check``; a
pickled compiled ``regex`` pattern holds its compiled code and loads many
times faster. The cache file lives in the user's cache folder
(``$XDG_CACHE_HOME/launchcheck`` or ``~/.cache/launchcheck``) and is named by
a SHA-256 of the pattern texts, the flags, the ``regex`` version and the
Python version, so a changed rule or an upgraded library never loads stale
code.

Unpickling runs code, so a cache file is loaded only if this user owns it,
nobody else may write to it, and it is a regular file reached without a
symlink (checked on the open file, not on its name). Writes go through a
private temporary file (mode 0600) and ``os.replace``, so concurrent workers
only ever see a whole file. Any failure (no home folder, a read-only disk, a
corrupt file) falls back to compiling, silently.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, AnyStr

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

FORMAT = 1  # bump when the pickled layout changes
KEEP_FILES = 8  # older cache files (other rule versions) beyond this are removed
MAX_RE_CODES = 2000  # ``re`` codes one cache file holds (ours are ~150)
SETTLE_SECONDS = 3.0  # a file changed this recently is hashed again next run


@lru_cache(maxsize=4096)
def compiled(expanded: str) -> object:
    """One compiled (case-insensitive) regex per pattern text, for the whole process.

    Patterns given to ``preload`` (compiled earlier, from the user's cache)
    are used as they are; one preloaded as pickled bytes is unpickled here,
    on first use, so a run never pays for a pattern it does not try.
    """
    found = _PRELOADED.get(expanded)
    if isinstance(found, bytes):
        found = _unpickled(expanded, found)
    if found is not None:
        return found
    import regex

    return regex.compile(expanded, regex.IGNORECASE)


def _unpickled(text: str, data: bytes) -> object | None:
    """A pattern pickled by ``pickled``, if it is ``text`` compiled; else None."""
    import regex

    try:
        # The bytes come from a cache file checked as trusted when it was read
        # (``load_object``): this user's, writable by nobody else.
        pattern = pickle.loads(data)
    except Exception:
        return None  # from an incompatible build: compile afresh
    if isinstance(pattern, regex.Pattern) and pattern.pattern == text:
        return pattern
    return None


def pickled(pattern: object) -> bytes:
    """A compiled pattern as bytes for ``preload`` (unpickled on first use)."""
    return pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)


# Compiled patterns loaded from the cache (``load_object``): a process
# cache like ``compiled``'s own, filled once per rule set, never changed after.
# A value is a compiled pattern, or its pickled bytes (unpickled on first use).
_PRELOADED: dict[str, object] = {}


def preload(patterns: dict[str, object]) -> None:
    """Use these patterns (text -> compiled with IGNORECASE, or ``pickled`` bytes)."""
    import regex

    for text, pattern in patterns.items():
        if isinstance(pattern, bytes) or (
            isinstance(pattern, regex.Pattern) and pattern.pattern == text
        ):
            _PRELOADED.setdefault(text, pattern)


def re_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile``, with the compiled code kept in the user's cache across runs.

    CPython's ``re`` parses and compiles a pattern in pure Python (~0.4 ms a
    pattern: ~40 ms of module-level patterns on every start). The code it
    hands to ``_sre.compile`` depends only on the pattern, the flags and the
    Python build, so it is stored once (``recode-<key>.pickle``, keyed by the
    Python version and ``_sre``'s magic number) and handed to ``_sre.compile``
    as ``re`` itself does: the same pattern object. ``_sre`` validates the
    code; any doubt compiles with ``re``. Misses are written at exit.
    """
    flags = int(flags)
    codes = _re_codes()
    found = codes.get((pattern, flags))
    if found is not None:
        try:
            return _sre_compile(pattern, found)
        except Exception:
            codes.pop((pattern, flags), None)  # refused by ``_sre``: compile anew
    try:
        args = _re_code(pattern, flags)
        compiled = _sre_compile(pattern, args)
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags)  # another ``re`` inside: no cache
    if len(codes) < MAX_RE_CODES:
        codes[(pattern, flags)] = args
        _store_at_exit()
    return compiled


@lru_cache(maxsize=1)
def _store_at_exit() -> None:
    """Write the ``re`` codes when the process ends (registered once, on a miss)."""
    import atexit

    atexit.register(_store_re_codes)


ReCode = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
PatternText = str | bytes


def _re_code(pattern: PatternText, flags: int) -> ReCode:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``pattern``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        [int(c) for c in code],  # opcodes are int subclasses that do not pickle
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _sre_compile(pattern: AnyStr, args: ReCode) -> re.Pattern[AnyStr]:
    import _sre

    final_flags, code, groups, groupindex, indexgroup = args
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _re_codes() -> dict[tuple[PatternText, int], ReCode]:
    """The stored ``re`` codes of this Python build (empty when none or untrusted)."""
    found = load_object("recode", _re_key())
    if not isinstance(found, dict):
        return {}
    return {
        key: value
        for key, value in found.items()
        if isinstance(key, tuple) and isinstance(value, tuple) and len(value) == 5
    }


def _re_key() -> str:
    import _sre

    digest = hashlib.sha256()
    for part in (f"recode/{FORMAT}", sys.version, str(_sre.MAGIC), str(_sre.CODESIZE)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _store_re_codes() -> None:
    """Write this process's ``re`` codes (the stored ones and its misses)."""
    store_object("recode", _re_key(), dict(_re_codes()))


def cache_folder(environ: Mapping[str, str] | None = None) -> Path:
    """The user's launchcheck cache folder, by the XDG base directory rules.

    ``XDG_CACHE_HOME`` counts only when it is an absolute path, as the
    specification says; otherwise ``~/.cache``. Raises ``RuntimeError`` when
    there is no home folder to fall back on.
    """
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "launchcheck"


def cache_key(texts: Sequence[str], flags: int) -> str:
    """SHA-256 of everything the compiled code depends on (order of texts ignored)."""
    import regex

    digest = hashlib.sha256()
    for part in (f"patterns/{FORMAT}", regex.__version__, sys.version, str(flags)):
        digest.update(part.encode() + b"\0")
    for text in sorted(set(texts)):
        data = text.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def files_key(
    files: Sequence[tuple[str, Path]],
    parts: Sequence[str],
    more: Callable[[], Sequence[str]] = tuple,
    *,
    folder: Path | None = None,
    now: float | None = None,
) -> str:
    """SHA-256 of ``parts``, ``more()`` and every file's label and content; "" if unreadable.

    Reading and hashing every file costs more than the rest of a warm start's
    rule loading, so the key found is recorded under a hash of ``parts`` and
    every file's status (size, modification and change times, inode): while
    no file changes, the next run takes the key from that record without
    reading a file or calling ``more``. The change time (``st_ctime_ns``)
    moves on every write and no program can set it back, so a changed file
    always misses the record. As git does with "racily clean" files, a
    file written in the last ``SETTLE_SECONDS`` (``now`` by default the
    clock) is not recorded: on a file system with coarse timestamps a second
    write in the same tick would keep every status field.
    """
    import time

    try:
        stats = [(label, path.stat()) for label, path in files]
    except OSError:
        return ""
    quick = hashlib.sha256()
    for part in (f"files/{FORMAT}", *parts):
        quick.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for label, info in stats:
        fields = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        quick.update(f"{label}\0{fields}\0".encode("utf-8", "surrogatepass"))
    index = quick.hexdigest()
    known = load_object("filekeys", index, folder)
    if isinstance(known, str) and len(known) == len(index):
        return known
    digest = hashlib.sha256()
    try:
        for part in (f"files/{FORMAT}", *parts, *more()):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for label, path in files:
            data = path.read_bytes()
            digest.update(label.encode("utf-8", "surrogatepass") + b"\0")
            digest.update(len(data).to_bytes(8, "big") + data)
    except Exception:
        return ""  # unreadable, or ``more`` cannot tell: no cache this run
    key = digest.hexdigest()
    settled = ((time.time() if now is None else now) - SETTLE_SECONDS) * 1e9
    if all(max(i.st_mtime_ns, i.st_ctime_ns) < settled for _, i in stats):
        store_object("filekeys", index, key, folder)
    return key


def compiled_patterns(
    texts: Sequence[str], flags: int, *, folder: Path | None = None
) -> dict[str, Any]:
    """Every text compiled with ``flags``: from the cache if it holds them, else fresh.

    ``folder`` overrides the cache folder (tests, or a shared read-only cache
    prepared in advance). Raises ``regex.error`` only for a pattern that does
    not compile, exactly as ``regex.compile`` would.
    """
    import regex

    unique = list(dict.fromkeys(texts))
    path: Path | None = None
    try:
        where = cache_folder() if folder is None else folder
        path = where / f"patterns-{cache_key(unique, flags)}.pickle"
    except (RuntimeError, KeyError, OSError):
        path = None  # no home folder: compile every time
    if path is not None:
        found = _load(path, unique, flags)
        if found is not None:
            return found
    compiled = {text: regex.compile(text, flags) for text in unique}
    if path is not None:
        _store(path, compiled)
    return compiled


def trusted(info: os.stat_result) -> bool:
    """Whether a cache file's status allows unpickling it.

    A regular file owned by this user that neither group nor others may write.
    Never true where there are no user ids (Windows): no cache there.
    """
    getuid = getattr(os, "getuid", None)
    return (
        getuid is not None
        and stat.S_ISREG(info.st_mode)
        and info.st_uid == getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _read_trusted(path: Path) -> bytes | None:
    """The file's bytes if it is trusted (see ``trusted``), opened without a link."""
    mode = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, mode)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not trusted(os.fstat(handle.fileno())):
                return None
            return handle.read()
    except OSError:
        return None


def _load(path: Path, texts: list[str], flags: int) -> dict[str, Any] | None:
    """The cached patterns if the file is trusted and holds exactly ``texts``."""
    import regex

    data = _read_trusted(path)
    if data is None:
        return None
    try:
        # trusted above: owned by this user, writable by nobody else
        value = pickle.loads(data)
    except Exception:
        return None  # corrupt or from an incompatible build: compile afresh
    if not isinstance(value, dict) or set(value) != set(texts):
        return None
    for text, pattern in value.items():
        if not (
            isinstance(pattern, regex.Pattern)
            and pattern.pattern == text
            and pattern.flags & flags == flags
        ):
            return None
    return value


def _store(path: Path, compiled: dict[str, Any]) -> None:
    """Write the pattern cache atomically with mode 0600; never raises."""
    _write(path, compiled, "patterns")


def _write(path: Path, value: Any, kind: str) -> None:
    """Pickle ``value`` to ``path`` through a private temporary file (mode 0600).

    Keeps the newest ``KEEP_FILES`` files of this ``kind``; gives up silently
    on any failure (a cache never fails a run).
    """
    import tempfile  # only when writing: a warm run never does

    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(path)
        tmp = None
        _prune(path.parent, keep=path, kind=kind)
    except Exception:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path, keep: Path, kind: str = "patterns") -> None:
    """Remove the oldest cache files of ``kind`` past ``KEEP_FILES``."""
    files = sorted(
        folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in files[KEEP_FILES:]:
        if old != keep:
            old.unlink(missing_ok=True)


def load_object(kind: str, key: str, folder: Path | None = None) -> Any | None:
    """A pickled object stored under ``kind`` and ``key``, if trusted; else None.

    The same checks as the pattern cache: this user's regular file, writable
    by nobody else, opened without following a link.
    """
    try:
        where = cache_folder() if folder is None else folder
    except (RuntimeError, KeyError, OSError):
        return None
    data = _read_trusted(where / f"{kind}-{key}.pickle")
    if data is None:
        return None
    try:
        # trusted above: owned by this user, writable by nobody else
        return pickle.loads(data)
    except Exception:
        return None


def store_object(kind: str, key: str, value: Any, folder: Path | None = None) -> None:
    """Store ``value`` atomically (mode 0600) under ``kind`` and ``key``; never raises."""
    try:
        where = cache_folder() if folder is None else folder
    except (RuntimeError, KeyError, OSError):
        return
    _write(where / f"{kind}-{key}.pickle", value, kind)
