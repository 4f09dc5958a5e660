"""Progress of a batch run: a rich bar on a terminal, plain lines elsewhere, or nothing.

All three have the same four calls. None starts a thread: the engines call
``tick`` while they wait, so the parent process stays single-threaded and may
fork replacement workers safely.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.batch import StoryResult

PLAIN_EVERY = 10.0  # seconds between plain progress lines


class Progress:
    """No progress at all (``--quiet``); the base of the other two."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.articles = 0
        self.started = time.monotonic()

    def start(self, total: int, note: str = "") -> None:
        """Begin counting ``total`` stories to check."""
        self.total, self.started = total, time.monotonic()

    def advance(self, result: StoryResult) -> None:
        """Count one finished story."""
        self.done += 1
        self.articles += result.articles

    def tick(self) -> None:
        """Refresh the display if it is due (called often, must be cheap)."""

    def close(self) -> None:
        """Leave the display in its final state."""

    def rate(self) -> float:
        """Articles per second since the start."""
        return self.articles / max(time.monotonic() - self.started, 1e-9)

    def eta(self) -> str:
        """Time left at the story rate so far, as H:MM:SS (or '?')."""
        if not self.done:
            return "?"
        elapsed = time.monotonic() - self.started
        left = int(elapsed / self.done * (self.total - self.done))
        return f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"


class PlainProgress(Progress):
    """One line every ``every`` seconds, for logs and CI (not a terminal)."""

    def __init__(self, out: TextIO, every: float = PLAIN_EVERY) -> None:
        super().__init__()
        self.out = out
        self.every = every
        self.last = 0.0

    def start(self, total: int, note: str = "") -> None:
        """Say what the run will do, once, at the start."""
        super().start(total)
        self.last = time.monotonic()
        self._say(f"batch: {total} stories to check{note}")

    def advance(self, result: StoryResult) -> None:
        """Count a story; print a line if one is due."""
        super().advance(result)
        self.tick()

    def tick(self) -> None:
        """Print a progress line if ``every`` seconds passed since the last one."""
        now = time.monotonic()
        if now - self.last >= self.every and self.done < self.total:
            self.last = now
            self._say(
                f"batch: {self.done}/{self.total} stories, {self.articles} articles,"
                f" {self.rate():.1f} articles/s, ETA {self.eta()}"
            )

    def _say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()


class RichProgress(Progress):
    """A rich progress bar on a terminal: stories done, articles/s, ETA."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.bar = Bar(
            TextColumn("stories"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"),
            TimeRemainingColumn(),
            console=Console(file=out),
            auto_refresh=False,
        )
        self.task = self.bar.add_task("stories", total=None, rate="0.0")
        self.shown = 0.0

    def start(self, total: int, note: str = "") -> None:
        """Show the bar."""
        super().start(total)
        self.bar.update(self.task, total=total)
        self.bar.start()
        self.bar.refresh()

    def advance(self, result: StoryResult) -> None:
        """Move the bar by one story."""
        super().advance(result)
        self.bar.update(self.task, advance=1, rate=f"{self.rate():.1f}")
        self.tick()

    def tick(self) -> None:
        """Redraw at most ten times a second."""
        now = time.monotonic()
        if now - self.shown >= 0.1:
            self.shown = now
            self.bar.update(self.task, rate=f"{self.rate():.1f}")
            self.bar.refresh()

    def close(self) -> None:
        """Draw the final state and give the terminal back."""
        self.bar.refresh()
        self.bar.stop()


def make_progress(out: TextIO, *, quiet: bool) -> Progress:
    """Nothing when quiet, a bar on a terminal, plain periodic lines otherwise."""
    if quiet:
        return Progress()
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        return RichProgress(out)
    return PlainProgress(out)
