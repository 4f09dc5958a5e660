"""``launchcheck batch``: check every story of an archive, in parallel.

Only click is imported at module level, as in ``cli``: ``--help`` must stay
fast, so the batch machinery (and the pipeline) loads inside the command.
``register(app)`` adds the command to the main application.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from launchcheck.cli_options import (
    CONFIG,
    FILE_PATH,
    NO_CONFIG,
    ONLY,
    ONLY_RULES,
    PUBLISHED,
    RULES,
    options_of,
)

if TYPE_CHECKING:
    from launchcheck.batch_run import BatchSettings
    from launchcheck.config import Config


def _fail(err: Exception) -> click.exceptions.Exit:
    location = getattr(err, "location", None)
    click.echo(f"launchcheck: {err}" if location is None else str(err), err=True)
    return click.exceptions.Exit(2)


@click.command(
    "batch", short_help="Check every story of an archive; findings as JSON Lines."
)
@click.argument("roots", nargs=-1, required=True, type=FILE_PATH, metavar="ROOT...")
@click.option(
    "--output",
    "-o",
    type=FILE_PATH,
    metavar="FILE",
    help="JSON Lines file for findings (default: stdout).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Keep the stories --output already completed; do the rest.",
)
@click.option(
    "--jobs",
    "-j",
    type=int,
    metavar="N",
    help="Stories checked at once (default: all cores).",
)
@click.option(
    "--timeout",
    type=float,
    default=600.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds one story may take before it fails (0: no limit).",
)
@click.option(
    "--engine",
    default="local",
    show_default=True,
    metavar="NAME",
    help="local (processes on this machine) or dask.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address (with --engine dask), e.g. tcp://host:8786.",
)
@click.option(
    "--timezone",
    metavar="ZONE",
    help="The event zone for stories that state none (IANA name, e.g. Asia/Seoul).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@options_of(RULES, ONLY_RULES, PUBLISHED, ONLY, CONFIG, NO_CONFIG)
def batch(
    roots: tuple[Path, ...],
    output: Path | None,
    resume: bool,
    jobs: int | None,
    timeout: float,
    engine: str,
    scheduler: str | None,
    rules: tuple[Path, ...],
    only_rules: bool,
    published: str | None,
    timezone: str | None,
    only: tuple[str, ...],
    quiet: bool,
    config_file: Path | None,
    no_config: bool,
) -> None:
    """Check every story of an archive; findings stream out as JSON Lines.

    ROOT: folders whose sub-folders are stories, or .jsonl archives of
    records.

    A story is a folder holding articles, or the records of a .jsonl archive
    sharing a "story" key (fields: story, text, and optionally published,
    outlet, path, timezone, event_timezone). The nearest .launchcheck.yaml
    applies as for check (timezone, rules, only, fail_on, exclude); flags
    win over it. Exit code 0: no contradiction; 1: contradictions found;
    2: a story failed, or bad input.
    """
    try:
        from launchcheck.batch_progress import make_progress
        from launchcheck.batch_run import run_batch
        from launchcheck.config import discover

        found = discover(Path.cwd(), config_file, disabled=no_config)
        settings = _settings(
            list(roots), output, resume, jobs, timeout, engine, scheduler,
            list(rules), only_rules, published, timezone, list(only), found,
        )  # fmt: skip
        progress = make_progress(sys.stderr, quiet=quiet)
        summary = run_batch(list(roots), settings, progress, sys.stdout)
    except Exception as err:
        from launchcheck.errors import LaunchcheckError

        if isinstance(err, LaunchcheckError):
            raise _fail(err) from None
        raise
    from launchcheck.batch_run import format_summary

    click.echo(format_summary(summary), err=output is None)
    raise click.exceptions.Exit(int(summary.exit_code))


def _settings(
    roots: list[Path],
    output: Path | None,
    resume: bool,
    jobs: int | None,
    timeout: float,
    engine: str,
    scheduler: str | None,
    rules: list[Path] | None,
    only_rules: bool,
    published: str | None,
    timezone: str | None,
    only: list[str] | None,
    config: Config | None = None,
) -> BatchSettings:
    """Check the flags and build the run's settings (``UsageError`` if wrong).

    ``config`` (a ``.launchcheck.yaml``) gives the rules, zone, rule
    selection and failing verdicts that no flag sets, as for ``check``.
    """
    import datetime as dt

    from launchcheck.batch_engine import ENGINES, EngineSettings, default_jobs
    from launchcheck.batch_run import BatchSettings
    from launchcheck.errors import UsageError
    from launchcheck.pipeline import Options

    if engine not in ENGINES:
        raise UsageError("--engine", f"unknown engine {engine!r} (local or dask)")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler", "needs --engine dask")
    if engine == "dask":
        _need_dask()
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs", "must be at least 1")
    if timeout < 0:
        raise UsageError("--timeout", "must be 0 (no limit) or more seconds")
    if resume and output is None:
        raise UsageError("--resume", "needs --output FILE to resume from")
    if timezone is not None and not timezone.strip():
        raise UsageError("--timezone", "empty time zone name")
    day = None
    if published is not None:
        try:
            day = dt.date.fromisoformat(published)
        except ValueError:
            raise UsageError(
                "--published", f"{published!r} is not a date (YYYY-MM-DD)"
            ) from None
    if config is None:
        from launchcheck.config import Config

        config = Config()
    config = config.override("timezone", timezone, "--timezone")
    config = config.override("rules", tuple(rules) if rules else None, "--rules")
    config = config.override("only", tuple(only) if only else None, "--only")
    if output is not None:
        _check_output(output, roots, list(config.rules))
    return BatchSettings(
        options=Options(
            rules_dirs=config.rules,
            replace_rules=only_rules,
            published=day,
            timezone=config.timezone,
            select=config.only,
        ),
        fail_on=config.fail_on,
        exclude=config.excluded if config.exclude else None,
        engine=engine,
        engine_settings=EngineSettings(
            jobs=jobs or default_jobs(),
            timeout=timeout,
            scheduler=scheduler or "",
        ),
        output=output,
        resume=resume,
    )


def _need_dask() -> None:
    """Fail with the install command when the optional Dask extra is missing."""
    import importlib.util

    from launchcheck.errors import UsageError

    if importlib.util.find_spec("distributed") is None:
        raise UsageError(
            "--engine", "dask needs the extra: pip install 'launchcheck[dask]'"
        )


def _check_output(output: Path, roots: list[Path], rules: list[Path]) -> None:
    """Refuse to write onto an archive, an article in a story folder or a rule file."""
    from launchcheck.errors import UsageError
    from launchcheck.load import ARTICLE_SUFFIXES

    target = output.resolve()
    for root in roots:
        if root.exists() and root.resolve() == target:
            raise UsageError(str(output), "refusing to overwrite an input archive")
        if (
            root.is_dir()
            and target.is_relative_to(root.resolve())
            and target.name.lower().endswith(ARTICLE_SUFFIXES)
        ):
            raise UsageError(
                str(output), "refusing to write an article into a story folder"
            )
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


def register(app: click.Group) -> None:
    """Add ``batch`` to the main application."""
    app.add_command(batch)
