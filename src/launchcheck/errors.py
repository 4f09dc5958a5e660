"""One error family, caught once in the CLI and printed as a single line."""

from __future__ import annotations

import enum

from launchcheck.model import Location


class ExitCode(enum.IntEnum):
    """Process exit codes, as users of linters expect them."""

    CLEAN = 0
    CONTRADICTIONS = 1
    ERROR = 2


def one_line(text: str) -> str:
    r"""Escape control characters, so a newline in a file name cannot split an error.

    Each error is one line on stderr: editors and CI annotators parse
    ``path:line:col: message`` line by line.
    """
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


class LaunchcheckError(Exception):
    """A user-facing error that names its culprit: ``path:line:col: message``."""

    def __init__(self, location: Location | str | None, message: str) -> None:
        if isinstance(location, str):
            location = Location(location)
        self.location = location
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.location is None:
            return one_line(self.message)
        return one_line(f"{self.location}: {self.message}")


class InputError(LaunchcheckError):
    """An article or path that cannot be read as an article."""


class RuleError(LaunchcheckError):
    """A rule or config file that is malformed or inconsistent."""


class RuleErrors(RuleError):
    """Several rule errors collected in one pass, reported one per line."""

    def __init__(self, errors: list[RuleError]) -> None:
        self.errors = tuple(errors)
        super().__init__(errors[0].location, errors[0].message)

    def __str__(self) -> str:
        return "\n".join(LaunchcheckError.__str__(e) for e in self.errors)


class UsageError(LaunchcheckError):
    """A bad flag combination or value given on the command line."""
