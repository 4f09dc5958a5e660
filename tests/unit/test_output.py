"""Writing reports: where a report may go, atomic writes, and standard output."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from launchcheck.errors import LaunchcheckError
from launchcheck.output import (
    TEMP_SUFFIX,
    BrokenPipe,
    check_target,
    refuse_protected,
    temp_prefix,
    write_atomic,
    write_stdout,
)


def test_fifo_is_refused_without_opening(tmp_path) -> None:
    """A FIFO with no reader would hang the run: refused from stat alone."""
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    with pytest.raises(
        LaunchcheckError, match="not a regular file or a character device"
    ):
        check_target(fifo)


def test_folder_is_refused(tmp_path) -> None:
    """A folder is not a report file."""
    with pytest.raises(LaunchcheckError, match="is a folder"):
        check_target(tmp_path)


def test_regular_new_and_device_are_accepted(tmp_path) -> None:
    """A new path, an existing file and a character device are fine."""
    check_target(tmp_path / "new.json")
    (tmp_path / "old.json").write_text("{}")
    check_target(tmp_path / "old.json")
    check_target(Path(os.devnull))


def test_missing_folder_and_file_as_folder(tmp_path) -> None:
    """Parents that are missing or not folders are named."""
    with pytest.raises(LaunchcheckError, match="does not exist"):
        check_target(tmp_path / "missing" / "r.json")
    (tmp_path / "file").write_text("x")
    with pytest.raises(LaunchcheckError, match="part of the path is a file"):
        check_target(tmp_path / "file" / "r.json")


def test_names_over_the_limits(tmp_path) -> None:
    """A 256-byte name or a 5,000-byte path is one message, cut short."""
    with pytest.raises(LaunchcheckError, match="over the system's limit") as err:
        check_target(tmp_path / ("a" * 256 + ".json"))
    with pytest.raises(LaunchcheckError, match="over the system's limits") as err:
        check_target(tmp_path / ("d/" * 2500 + "r.json"))
    assert len(str(err.value)) < 300


def test_temp_name_fits_for_a_255_byte_report_name(tmp_path) -> None:
    """A legal 255-byte name still gets a legal temporary name, and is written."""
    target = tmp_path / ("r" * 250 + ".json")
    assert len(os.fsencode(temp_prefix(target))) + 8 + len(TEMP_SUFFIX) <= 255
    write_atomic(target, lambda out: out.write("{}\n"))
    assert target.read_text() == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_multibyte_name_is_cut_on_a_character(tmp_path) -> None:
    """A name of two-byte characters is cut by bytes, never mid-character."""
    target = tmp_path / ("é" * 120 + ".json")
    prefix = temp_prefix(target)
    assert len(os.fsencode(prefix)) <= 255 - 8 - len(TEMP_SUFFIX)
    prefix.encode("utf-8")  # whole characters only


def test_non_utf8_file_name(tmp_path) -> None:
    """A name with bytes that are not UTF-8 is written under exactly those bytes."""
    raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
    target = Path(os.fsdecode(raw))
    check_target(target)
    write_atomic(target, lambda out: out.write("ok\n"))
    assert [os.fsencode(p.name) for p in tmp_path.iterdir()] == [b"caf\xe9.json"]


def test_protected_by_inode_and_symlink(tmp_path) -> None:
    """A hard link or a symlink to an input is the input."""
    article = tmp_path / "a.md"
    article.write_text("text")
    (tmp_path / "hard.md").hardlink_to(article)
    (tmp_path / "soft.md").symlink_to(article)
    for name in ("a.md", "hard.md", "soft.md"):
        with pytest.raises(LaunchcheckError, match="refusing to overwrite an input"):
            refuse_protected(tmp_path / name, [(article, "an input article")])
    refuse_protected(tmp_path / "new.json", [(article, "an input article")])


def test_sigterm_during_write_leaves_no_temp_file(tmp_path) -> None:
    """SIGTERM mid-write: the previous report stays and the temporary file goes."""
    target = tmp_path / "report.json"
    target.write_text("old\n")
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from launchcheck.output import write_atomic

        def fill(out):
            out.write("half")
            out.flush()
            os.kill(os.getpid(), signal.SIGTERM)
            out.write("never")

        write_atomic(Path({str(target)!r}), fill)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False
    )
    assert done.returncode == 128 + 15, done.stderr
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


class Failing(io.StringIO):
    def __init__(self, err: OSError) -> None:
        super().__init__()
        self.err = err

    def flush(self) -> None:
        raise self.err


def test_broken_pipe_is_its_own_signal(monkeypatch) -> None:
    """A reader that went away is not an error: the caller keeps its exit code."""
    monkeypatch.setattr(sys, "stdout", Failing(BrokenPipeError(errno.EPIPE, "pipe")))
    with pytest.raises(BrokenPipe):
        write_stdout(lambda out: out.write("x"))


def test_full_disk_on_stdout_is_one_error(monkeypatch) -> None:
    """ENOSPC on standard output is one line naming the cause."""
    monkeypatch.setattr(
        sys, "stdout", Failing(OSError(errno.ENOSPC, "No space left on device"))
    )
    with pytest.raises(LaunchcheckError, match="No space left on device"):
        write_stdout(lambda out: out.write("x"))


def test_closed_stdout_is_one_error(monkeypatch) -> None:
    """No standard output at all (>&-) is said, not an AttributeError."""
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(LaunchcheckError, match="standard output is closed"):
        write_stdout(lambda out: out.write("x"))
