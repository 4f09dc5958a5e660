"""Writers: one function ``write(report, out)`` per format, imported on demand."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Report

WRITERS: dict[str, str] = {
    "table": "launchcheck.report.table",
    "compact": "launchcheck.report.compact",
    "json": "launchcheck.report.json",
    "jsonl": "launchcheck.report.jsonl",
    "sarif": "launchcheck.report.sarif",
    "markdown": "launchcheck.report.markdown",
    "html": "launchcheck.report.html",
}


class Writer(Protocol):
    """What every writer module provides."""

    def __call__(self, report: Report, out: TextIO, *, verbose: bool = False) -> None:
        """Write the report to ``out``."""


def writer(name: str) -> Writer:
    """The writer registered under ``name``; KeyError for an unknown one."""
    module = importlib.import_module(WRITERS[name])
    return module.write  # type: ignore[no-any-return]
