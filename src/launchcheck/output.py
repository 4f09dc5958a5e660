"""Where reports go: standard output or an ``--output`` file, safely.

The command line's writing edge (only ``cli`` imports it). A report file is
written through a temporary file beside it and renamed into place, so a
crash, a full disk, Ctrl-C or SIGTERM leaves the previous report and no
temporary file. Nothing is ever written onto an input or a rule file in use,
nor into a FIFO (which would hang with no reader). Standard output that is
closed, full or a closed pipe (``| head -1``) is one line or a quiet stop,
never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from launchcheck.errors import LaunchcheckError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import TextIO

TEMP_SUFFIX = ".tmp"
_RANDOM_CHARS = 8  # what tempfile.mkstemp puts between prefix and suffix


class BrokenPipe(Exception):
    """The reader of standard output went away (``| head -1``): stop quietly."""


def shown(path: Path | str, limit: int = 160) -> str:
    """A path for a message: very long ones keep their start and their end."""
    text = str(path)
    return text if len(text) <= limit else f"{text[:60]}…{text[-80:]}"


def check_target(output: Path) -> None:
    """Refuse an ``--output`` that is not a regular file, a new path or a device.

    A FIFO would block until a reader comes, a folder cannot be a report, and
    a name over the system's limits is said so rather than shown as a crash.
    """
    where = shown(output)
    if not where:
        raise UsageError("--output", "empty file name")
    try:
        info = output.stat()
    except FileNotFoundError:
        _check_new_path(output)
        return
    except OSError as err:
        raise UsageError(where, _why(err)) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(where, "is a folder; give a file name")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise UsageError(
            where,
            "not a regular file or a character device (a FIFO or socket?);"
            " refusing to write the report there",
        )


def _check_new_path(output: Path) -> None:
    where = shown(output)
    parent = output.parent
    try:
        info = parent.stat()
    except FileNotFoundError:
        raise UsageError(where, f"folder {str(parent)!r} does not exist") from None
    except OSError as err:
        raise UsageError(where, _why(err)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(where, f"{str(parent)!r} is not a folder")
    name_max = _name_max(parent)
    if len(os.fsencode(output.name)) > name_max:
        raise UsageError(
            where, f"file name is over the system's limit of {name_max} bytes"
        )


def _why(err: OSError) -> str:
    if err.errno == errno.ENAMETOOLONG:
        return "path or file name is over the system's limits"
    if err.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    return f"cannot use as report file: {err.strerror or err}"


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def refuse_protected(output: Path, protected: Iterable[tuple[Path, str]]) -> None:
    """Raise when ``output`` is (or links to) one of the protected files.

    ``protected`` pairs each file with what it is ("an input article", "a
    rule file in use"). Files are compared by resolved path and by inode, so
    a symlink or a second name of an input is caught too.
    """
    target = _identity(output)
    if target is None:
        return
    for path, what in protected:
        if _identity(path) is not None and _same(target, _identity(path)):
            raise UsageError(shown(output), f"refusing to overwrite {what}")


def _identity(path: Path) -> tuple[str, tuple[int, int] | None] | None:
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):
        return None
    try:
        info = path.stat()
        inode = (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None
    except OSError:
        inode = None
    return resolved, inode


def _same(
    a: tuple[str, tuple[int, int] | None], b: tuple[str, tuple[int, int] | None] | None
) -> bool:
    if b is None:
        return False
    return a[0] == b[0] or (a[1] is not None and a[1] == b[1])


def temp_prefix(path: Path) -> str:
    """``.NAME.`` cut so that the temporary name fits the file-name limit.

    A legal 255-byte report name would otherwise give a 269-byte temporary
    name and an ``ENAMETOOLONG`` from ``mkstemp``.
    """
    room = _name_max(path.parent) - 2 - _RANDOM_CHARS - len(TEMP_SUFFIX)
    name = path.name
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}."


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP raise ``SystemExit`` so cleanup runs.

    Python's default for SIGTERM ends the process at once, skipping every
    ``finally``; as a raised exception the temporary file is removed.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {sig: signal.signal(sig, stop) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def write_atomic(path: Path, fill: Callable[[TextIO], None]) -> None:
    """Write to a temporary file beside ``path``, then rename: never half a report.

    A character device (``-o /dev/stdout``) is written to directly: it cannot
    be renamed over and holds nothing to lose. The new file gets the old
    file's mode, or the umask's, not the private 0600 of a temporary file.
    """
    import tempfile

    with _signals_raise():
        try:
            info = path.stat() if path.exists() else None
            if info is not None and stat.S_ISCHR(info.st_mode):
                with path.open("w", encoding="utf-8") as out:
                    fill(out)
                return
            mode = stat.S_IMODE(info.st_mode) if info is not None else None
            fd, tmp = tempfile.mkstemp(
                prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent
            )
        except OSError as err:
            raise LaunchcheckError(
                shown(path), f"cannot write report: {err.strerror or err}"
            ) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                if mode is None:
                    umask = os.umask(0)
                    os.umask(umask)
                    mode = 0o666 & ~umask
                os.fchmod(out.fileno(), mode)
                fill(out)
                out.flush()
                os.fsync(out.fileno())
            Path(tmp).replace(path)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise LaunchcheckError(
                shown(path), f"cannot write report: {err.strerror or err}"
            ) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def stdout() -> TextIO:
    """Standard output, or a one-line error when it is closed (``>&-``).

    Under ``PYTHONIOENCODING=ascii`` (or a Latin-1 terminal) unencodable
    characters become ``?`` instead of a ``UnicodeEncodeError`` halfway.
    """
    out = sys.stdout
    if out is None or getattr(out, "closed", False):
        raise LaunchcheckError(None, "standard output is closed; use --output FILE")
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")
    return out


def write_stdout(fill: Callable[[TextIO], None]) -> None:
    """Write a report to standard output and flush it, turning failures into errors.

    Raises ``BrokenPipe`` when the reader has gone (the caller keeps the run's
    own exit code), ``LaunchcheckError`` for a full disk or a bad descriptor.
    Either way standard output is pointed at ``/dev/null`` afterwards, so
    Python's own flush at exit cannot print a second error.
    """
    out = stdout()
    try:
        fill(out)
        out.flush()
    except OSError as err:
        _silence(out)
        if isinstance(err, BrokenPipeError) or err.errno == errno.EPIPE:
            raise BrokenPipe from None
        raise LaunchcheckError(
            None, f"cannot write to standard output: {err.strerror or err}"
        ) from None


def _silence(out: TextIO) -> None:
    """Point the descriptor behind ``out`` at /dev/null (a no-op without one)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
