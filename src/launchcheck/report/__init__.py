"""Writers: one function ``write(report, out, *, verbose=False)`` per format.

``WRITERS`` maps each ``--format`` name to its module, imported on demand so
that start-up pays only for the writer used:

* ``table``: rich tables for a terminal (the default on a TTY);
* ``compact``: ``path:line:col: fact: verdict: reason``, one line per finding
  (the default for a pipe or a file);
* ``json`` and ``jsonl``: the version-1 contract (docs/report.schema.json);
* ``sarif``: SARIF 2.1.0 for code scanning, one result per failing finding;
* ``markdown``: a pull-request comment;
* ``html``: one self-contained page, articles side by side.

Human-facing writers escape hidden characters (control, bidi, zero-width)
visibly; machine-facing ones keep every value exact
(:mod:`launchcheck.report.escape`). All agree on whether a finding fails
through ``Report.fails`` (:mod:`launchcheck.report.common`).
"""

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
