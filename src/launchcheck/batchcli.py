"""``launchcheck batch``: check every story of an archive, in parallel.

Only typer is imported at module level, as in ``cli``: ``--help`` must stay
fast, so the batch machinery (and the pipeline) loads inside the command.
``register(app)`` adds the command to the main application.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from launchcheck.batch_run import BatchSettings
    from launchcheck.config import Config


def _fail(err: Exception) -> typer.Exit:
    location = getattr(err, "location", None)
    typer.echo(f"launchcheck: {err}" if location is None else str(err), err=True)
    return typer.Exit(2)


def batch(
    roots: Annotated[
        list[Path],
        typer.Argument(
            help="Folders whose sub-folders are stories, or .jsonl archives of records."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="JSON Lines file for findings (default: stdout)."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Keep the stories --output already completed; do the rest."
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Stories checked at once (default: all cores)."
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(help="Seconds one story may take before it fails (0: no limit)."),
    ] = 600.0,
    engine: Annotated[
        str, typer.Option(help="local (processes on this machine) or dask.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (with --engine dask), e.g. tcp://host:8786."
        ),
    ] = None,
    rules: Annotated[
        list[Path] | None,
        typer.Option(
            "--rules",
            help="Folder (or file) of extra rules; same id replaces a shipped rule.",
        ),
    ] = None,
    only_rules: Annotated[
        bool,
        typer.Option(
            "--only-rules", help="Use only --rules folders, not the shipped rules."
        ),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for articles without one."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            help="The event zone for stories that state none (IANA name, e.g. Asia/Seoul)."
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", help="Check only these rule ids or fact prefixes (repeatable)."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress display.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Config file to use instead of the nearest .launchcheck.yaml.",
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore any .launchcheck.yaml.")
    ] = False,
) -> None:
    """Check every story of an archive; findings stream out as JSON Lines.

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

        found = discover(Path.cwd(), config, disabled=no_config)
        settings = _settings(
            roots, output, resume, jobs, timeout, engine, scheduler,
            rules, only_rules, published, timezone, only, found,
        )  # fmt: skip
        progress = make_progress(sys.stderr, quiet=quiet)
        summary = run_batch(roots, settings, progress, sys.stdout)
    except Exception as err:
        from launchcheck.errors import LaunchcheckError

        if isinstance(err, LaunchcheckError):
            raise _fail(err) from None
        raise
    from launchcheck.batch_run import format_summary

    typer.echo(format_summary(summary), err=output is None)
    raise typer.Exit(int(summary.exit_code))


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


def register(app: typer.Typer) -> None:
    """Add ``batch`` to the main application."""
    app.command("batch")(batch)
