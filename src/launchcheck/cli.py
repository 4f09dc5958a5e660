"""The command line: ``launchcheck check``, ``launchcheck rules list|validate|test``.

Only typer is imported at module level: ``--help`` and the git hook must start
fast, so the pipeline (and with it pint and dateparser) loads inside commands.
Every ``LaunchcheckError`` is caught here and printed as one line, exit 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from launchcheck.errors import ExitCode, LaunchcheckError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

app = typer.Typer(
    help="Find contradictions between news articles about the same launch.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(
    help="List, validate and test extraction rules.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")

RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        help="Folder (or file) of extra rules; same id replaces a shipped rule.",
    ),
]
OnlyOpt = Annotated[
    bool,
    typer.Option(
        "--only-rules", help="Use only --rules folders, not the shipped rules."
    ),
]


def _fail(err: LaunchcheckError) -> typer.Exit:
    typer.echo(f"launchcheck: {err}" if err.location is None else str(err), err=True)
    return typer.Exit(ExitCode.ERROR)


def _date(value: str | None) -> object:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            "--published", f"{value!r} is not a date (YYYY-MM-DD)"
        ) from None


@app.command()
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files (.txt .md .html) or folders.")
    ],
    rules: RulesOpt = None,
    only_rules: OnlyOpt = False,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for articles without one."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            help="The event's home time zone (IANA name, e.g. Asia/Pyongyang)."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: table, json or html.")
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file."),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also list single-article facts and skipped claims."
        ),
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", help="Check only these rule ids or fact prefixes (repeatable)."
        ),
    ] = None,
) -> None:
    """Compare the facts in several articles about one event.

    Exit code 0: no contradiction; 1: contradictions found; 2: bad input.
    """
    try:
        from launchcheck import report as writers
        from launchcheck.pipeline import Options, check_paths

        if output_format not in writers.WRITERS:
            known = ", ".join(writers.WRITERS)
            raise UsageError(
                "--format", f"unknown format {output_format!r} (one of {known})"
            )
        if timezone is not None and not timezone.strip():
            raise UsageError("--timezone", "empty time zone name")
        options = Options(
            rules_dirs=tuple(rules or ()),
            replace_rules=only_rules,
            published=_date(published),  # type: ignore[arg-type]
            timezone=timezone or "",
            select=tuple(only or ()),
        )
        if output is not None:
            _check_output(output, paths, rules or [])
        result = check_paths(paths, options)
        write = writers.writer(output_format)
        if output is None:
            write(result, _stdout(), verbose=verbose)
        else:
            _write_atomic(output, lambda out: write(result, out, verbose=verbose))
    except LaunchcheckError as err:
        raise _fail(err) from None
    raise typer.Exit(
        ExitCode.CONTRADICTIONS if result.has_conflicts else ExitCode.CLEAN
    )


def _stdout() -> TextIO:
    """Standard output that cannot fail on a character its encoding lacks.

    Under ``PYTHONIOENCODING=ascii`` (or a Latin-1 terminal) the table's
    arrows would raise ``UnicodeEncodeError`` halfway through the report.
    """
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")
    return out


def _check_output(output: Path, inputs: list[Path], rules: list[Path]) -> None:
    """Refuse to overwrite an input or a rule file, or to write into no folder."""
    from launchcheck.load import find_articles

    target = output.resolve()
    for path in inputs:
        if path.exists() and path.resolve() == target:
            raise UsageError(str(output), "refusing to overwrite an input article")
    if any(
        p.resolve() == target for p in find_articles([p for p in inputs if p.exists()])
    ):
        raise UsageError(str(output), "refusing to overwrite an input article")
    for folder in rules:
        found = [folder] if folder.is_file() else []
        if folder.is_dir():
            found = [*folder.glob("*.yml"), *folder.glob("*.yaml")]
        if any(p.resolve() == target for p in found):
            raise UsageError(str(output), "refusing to overwrite a rule file")
    if not output.parent.exists():
        raise UsageError(str(output), f"folder {str(output.parent)!r} does not exist")
    if output.is_dir():
        raise UsageError(str(output), "is a folder; give a file name")


def _write_atomic(path: Path, fill: Callable[[TextIO], None]) -> None:
    """Write to a temporary file beside ``path``, then rename: never half a report.

    Whatever goes wrong (a full disk, a writer bug, Ctrl-C), the previous
    report stays as it was and the temporary file is removed. A FIFO or a
    device (``-o /dev/stdout``) is written to directly: it cannot be renamed
    over and holds nothing to lose. The new file gets the old file's mode, or
    the umask's, not the private 0600 of a temporary file.
    """
    import stat
    import tempfile

    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        if path.exists() and not path.is_file():
            with path.open("w", encoding="utf-8") as out:
                fill(out)
            return
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as err:
        raise LaunchcheckError(
            str(path), f"cannot write report: {err.strerror or err}"
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
            str(path), f"cannot write report: {err.strerror or err}"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@rules_app.command("list")
def rules_list(rules: RulesOpt = None, only_rules: OnlyOpt = False) -> None:
    """Show every rule: id, kind, fact and where it is defined."""
    try:
        from launchcheck.pipeline import Options, prepare_rules

        ruleset = prepare_rules(
            Options(rules_dirs=tuple(rules or ()), replace_rules=only_rules)
        )
    except LaunchcheckError as err:
        raise _fail(err) from None
    for rule in ruleset.rules:
        extra = f" {rule.dimension}" if rule.dimension else ""
        typer.echo(
            f"{rule.rule_id:<20} {rule.kind.value:<9}{extra:<10}"
            f" {len(rule.patterns)} patterns  {rule.location.path}  {rule.description}"
        )


@rules_app.command("validate")
def rules_validate(rules: RulesOpt = None, only_rules: OnlyOpt = False) -> None:
    """Check rule files: YAML, keys, regexes, groups, units; errors as file:line."""
    try:
        from launchcheck.pipeline import Options, prepare_rules

        ruleset = prepare_rules(
            Options(rules_dirs=tuple(rules or ()), replace_rules=only_rules)
        )
    except LaunchcheckError as err:
        raise _fail(err) from None
    typer.echo(f"{len(ruleset.rules)} rules OK")


@rules_app.command("test")
def rules_test(rules: RulesOpt = None, only_rules: OnlyOpt = False) -> None:
    """Run the examples written inside each rule file."""
    try:
        from launchcheck.pipeline import Options, prepare_rules
        from launchcheck.ruletest import run_examples

        ruleset = prepare_rules(
            Options(rules_dirs=tuple(rules or ()), replace_rules=only_rules)
        )
        outcomes = run_examples(ruleset)
    except LaunchcheckError as err:
        raise _fail(err) from None
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        typer.echo(f"{o.example.location}: {o.rule}: {o.message}", err=True)
    typer.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(ExitCode.CONTRADICTIONS if failed else ExitCode.CLEAN)


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("launchcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as err:
        if os.environ.get("LAUNCHCHECK_DEBUG"):
            raise
        typer.echo(
            f"launchcheck: internal error: {type(err).__name__}: {err}"
            " (set LAUNCHCHECK_DEBUG=1 for a traceback)",
            err=True,
        )
        sys.exit(ExitCode.ERROR)
