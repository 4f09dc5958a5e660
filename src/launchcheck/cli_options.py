"""The command-line options that several commands share, declared once.

Each is a click decorator; ``options_of(A, B, C)`` applies several so the
help lists them in the order given. ``cli`` (check, extract, baseline,
config, rules) and ``batchcli`` (batch) both take theirs from here, so a
flag is spelled and explained the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Callable

FILE_PATH = click.Path(path_type=Path)

RULES = click.option(
    "--rules",
    type=FILE_PATH,
    multiple=True,
    metavar="DIR",
    help="Folder (or file) of extra rules; same id replaces a shipped rule.",
)
ONLY_RULES = click.option(
    "--only-rules",
    is_flag=True,
    help="Use only --rules folders, not the shipped rules.",
)
PATHS = click.argument("paths", nargs=-1, required=True, metavar="PATH...")
AGAINST = click.option(
    "--against",
    "-a",
    multiple=True,
    metavar="SOURCE",
    help="Source articles (files or folders) the PATHS are checked against:"
    " only a draft that conflicts with a source fails (repeatable).",
)
PUBLISHED = click.option(
    "--published",
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) for articles without one.",
)
TIMEZONE = click.option(
    "--timezone",
    metavar="ZONE",
    help="The event's home time zone (IANA name, e.g. Asia/Pyongyang).",
)
FORMAT = click.option(
    "--format",
    "-f",
    "output_format",
    metavar="NAME",
    help="Output format: table, compact, json, jsonl, sarif, markdown or html"
    " (default: table on a terminal, compact otherwise).",
)
OUTPUT = click.option(
    "--output",
    "-o",
    type=FILE_PATH,
    metavar="FILE",
    help="Write the report to this file.",
)
VERBOSE = click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also list single-article facts and skipped claims.",
)
ONLY = click.option(
    "--only",
    multiple=True,
    metavar="ID",
    help="Check only these rule ids or fact prefixes (repeatable).",
)
FAIL_ON = click.option(
    "--fail-on",
    multiple=True,
    metavar="VERDICT",
    help="Verdicts that fail the run (repeatable; default: contradiction,"
    " sources-disagree).",
)
CONFIG = click.option(
    "--config",
    "config_file",
    type=FILE_PATH,
    metavar="FILE",
    help="Config file to use instead of the nearest .launchcheck.yaml.",
)
NO_CONFIG = click.option(
    "--no-config", is_flag=True, help="Ignore any .launchcheck.yaml."
)
FOLLOW_LINKS = click.option(
    "--follow-links",
    is_flag=True,
    help="Follow symbolic links that lead out of a folder given (off: such"
    " links are skipped, so nothing outside the folder is read).",
)
BASELINE = click.option(
    "--baseline",
    type=FILE_PATH,
    metavar="FILE",
    help="Baseline file of accepted findings (launchcheck baseline write);"
    " they are shown as accepted and do not fail the run.",
)


def options_of(*decorators: Callable) -> Callable:
    """Apply click decorators so that the help lists them in the order given."""

    def apply(function: Callable) -> Callable:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply
