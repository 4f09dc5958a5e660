"""The command line: ``check``, ``baseline``, ``config``, ``hook`` and ``rules``.

Only click is imported at module level: ``--help`` and the git hook must start
fast, so the pipeline (and with it pint and dateparser) loads inside commands.
Every ``LaunchcheckError`` is caught here and printed as one line, exit 2.

Options shared by several commands are declared once, in ``cli_options``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from launchcheck.cli_options import (
    AGAINST,
    BASELINE,
    CONFIG,
    FAIL_ON,
    FILE_PATH,
    FOLLOW_LINKS,
    FORMAT,
    NO_CONFIG,
    ONLY,
    ONLY_RULES,
    OUTPUT,
    PATHS,
    PUBLISHED,
    RULES,
    TIMEZONE,
    VERBOSE,
    options_of,
)
from launchcheck.errors import ExitCode, LaunchcheckError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

    from launchcheck.config import Config
    from launchcheck.model import Article, Report

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
Exit = click.exceptions.Exit

# The formats an --output file name implies when no --format is given.
SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".sarif": "sarif",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
STDIN = "-"
STDIN_NAME = "<stdin>"


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("launchcheck")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        number = "unknown"
    click.echo(f"launchcheck {number}")
    ctx.exit(ExitCode.CLEAN)


@click.group(context_settings=CONTEXT)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version.",
)
def app() -> None:
    """Find contradictions between news articles about the same launch."""


@app.group("rules")
def rules_app() -> None:
    """List, validate and test extraction rules."""


@app.group("config")
def config_app() -> None:
    """Show the settings from .launchcheck.yaml."""


@app.group(
    "hook", short_help="The git pre-commit hook: staged drafts vs their sources."
)
def hook_app() -> None:
    """The pre-publication git hook: staged drafts against their sources."""


@app.group("baseline")
def baseline_app() -> None:
    """Accept the current findings, so only new ones fail."""


def _fail(err: LaunchcheckError) -> Exit:
    click.echo(f"launchcheck: {err}" if err.location is None else str(err), err=True)
    return Exit(ExitCode.ERROR)


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


@dataclass(frozen=True, slots=True)
class Request:
    """The flags of one check run, as given (``None``: not given)."""

    paths: tuple[str, ...]
    against: tuple[str, ...] = ()
    rules: tuple[Path, ...] | None = None
    only_rules: bool = False
    published: str | None = None
    timezone: str | None = None
    only: tuple[str, ...] | None = None
    fail_on: tuple[str, ...] | None = None
    output_format: str | None = None
    config: Path | None = None
    no_config: bool = False
    baseline: Path | None = None
    follow_links: bool = False


def _tuple(values: list | None) -> tuple | None:
    return tuple(values) if values else None


def effective_config(req: Request) -> Config:
    """The config file's settings with the command-line flags over them."""
    from launchcheck.config import discover
    from launchcheck.model import Verdict

    config = discover(Path.cwd(), req.config, disabled=req.no_config)
    if req.timezone is not None and not req.timezone.strip():
        raise UsageError("--timezone", "empty time zone name")
    fail_on = None
    if req.fail_on is not None:
        import difflib

        known = [v.value for v in Verdict]
        for name in req.fail_on:
            if name not in known:
                near = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                raise UsageError(
                    "--fail-on",
                    f"unknown verdict {name!r} ({hint}one of {', '.join(known)})",
                )
        fail_on = tuple(Verdict(v) for v in req.fail_on)
    config = config.override("timezone", req.timezone, "--timezone")
    config = config.override("rules", req.rules, "--rules")
    config = config.override("only", req.only, "--only")
    config = config.override("fail_on", fail_on, "--fail-on")
    return config.override("format", req.output_format, "--format")


def choose_format(config: Config, output: Path | None, *, tty: bool) -> str:
    """The writer name: ``--format``, config, the output's suffix, else by terminal.

    Without a choice, a terminal gets the table and a pipe or file gets
    ``compact`` (one finding a line). A name not in ``report.WRITERS`` is a
    usage error where it was given; never a silent fallback.
    """
    from launchcheck.report import WRITERS

    name = config.output_format
    if name:
        origin = config.origin("format")
        where = origin.location or origin.flag or "--format"
        if name not in WRITERS:
            known = ", ".join(WRITERS)
            raise UsageError(where, f"unknown format {name!r} (one of {known})")
        return name
    if output is not None:
        implied = SUFFIX_FORMATS.get(output.suffix.lower())
        if implied in WRITERS:
            return str(implied)
    return "table" if tty and output is None else "compact"


def _options(req: Request, config: Config) -> object:
    from launchcheck.pipeline import Options

    return Options(
        rules_dirs=config.rules,
        replace_rules=req.only_rules,
        published=_date(req.published),  # type: ignore[arg-type]
        timezone=config.timezone,
        select=config.only,
    )


def _stdin_article() -> Article:
    """Read one article from standard input (``-``), bounded like a file."""
    from launchcheck.errors import InputError
    from launchcheck.load import MAX_BYTES, parse_article

    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN_NAME, "standard input is closed")
    data = stream.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(STDIN_NAME, "over the 1 MB limit for one article")
    return parse_article(STDIN_NAME, data)


def _check_paths(paths: tuple[str, ...], what: str) -> None:
    if not paths:
        raise UsageError(None, f"no {what} given")
    for path in paths:
        if not path:
            raise UsageError(
                None,
                f"an empty path was given among the {what}"
                " (name a file or folder; '.' for this folder)",
            )
    if paths.count(STDIN) > 1:
        raise UsageError(None, "'-' (standard input) can be given only once")


def _raw_texts(articles: tuple[Article, ...]) -> dict[str, str]:
    """Files' own text where the article's text lost its comments (HTML)."""
    from launchcheck.suppress import MARKUP_SUFFIXES

    out = {}
    for article in articles:
        if article.path.lower().endswith(MARKUP_SUFFIXES[2:]):
            try:
                data = Path(article.path).read_bytes()
            except OSError:
                continue
            if b"launchcheck:" in data:
                out[article.path] = data.decode("utf-8", "replace")
    return out


def run_check(req: Request, config: Config) -> tuple[Report, int]:
    """Load, check and settle one run; the report and how many notes it had before.

    Notes after that count are the run's own (unused suppressions, stale
    baseline entries) and are also printed on stderr.
    """
    from dataclasses import replace

    from launchcheck.model import ArticleRole
    from launchcheck.pipeline import check_articles, load_paths, prepare_rules, settle

    _check_paths(req.paths, "articles")
    if STDIN in req.against:
        raise UsageError("--against", "'-' (standard input) is only for PATHS")
    if req.against:
        _check_paths(req.against, "--against sources")
    options = _options(req, config)
    skip = config.excluded if config.exclude else None
    role = ArticleRole.DRAFT if req.against else ArticleRole.ARTICLE
    files = [p for p in req.paths if p != STDIN]
    follow = req.follow_links
    articles = (
        list(load_paths(files, skip=skip, role=role, follow_links=follow))
        if files
        else []
    )
    if STDIN in req.paths:
        articles.append(replace(_stdin_article(), role=role))
    if req.against:
        drafts = {Path(a.path).absolute() for a in articles}
        sources = load_paths(
            list(req.against), skip=skip, role=ArticleRole.SOURCE, follow_links=follow
        )
        articles += [a for a in sources if Path(a.path).absolute() not in drafts]
    baseline = _read_baseline(req.baseline) if req.baseline else None
    # Rules after the articles: bad input is refused without compiling the
    # rule set first (seconds when the pattern cache is cold).
    ruleset = prepare_rules(options)  # type: ignore[arg-type]
    report = check_articles(articles, ruleset, options)  # type: ignore[arg-type]
    before = len(report.notes)
    raw = _raw_texts(report.articles)
    return settle(report, config.fail_on, raw, baseline), before


def _read_baseline(path: Path) -> tuple:
    from launchcheck.suppress import parse_baseline

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(str(path), "no such baseline file") from None
    except OSError as err:
        raise UsageError(str(path), f"cannot read: {err.strerror or err}") from None
    return parse_baseline(str(path), data.decode("utf-8", "replace"))


def _protected(req: Request, config: Config, report: Report) -> list[tuple[Path, str]]:
    """Files an --output may never overwrite: inputs, rule files, config, baseline."""
    from launchcheck.ruleset.loader import shipped_rules_dir

    out = [(Path(p), "an input article") for p in (*req.paths, *req.against)]
    out += [(Path(a.path), "an input article") for a in report.articles]
    folders = [*([] if req.only_rules else [shipped_rules_dir()]), *config.rules]
    for folder in folders:
        files = [folder] if folder.is_file() else []
        if folder.is_dir():
            files = [*folder.glob("*.yml"), *folder.glob("*.yaml")]
        out += [(f, "a rule file in use") for f in files]
    if config.path is not None:
        out.append((config.path, "the config file"))
    if req.baseline is not None:
        out.append((req.baseline, "the baseline file"))
    return out


def _write_atomic(path: Path, fill: Callable[[TextIO], None]) -> None:
    """Write a report file atomically (see ``output.write_atomic``)."""
    from launchcheck.output import write_atomic

    write_atomic(path, fill)


def _print_notes(report: Report, since: int) -> None:
    for i, note in enumerate(report.notes):
        if i >= since or note.warn:
            click.echo(f"{note.location}: note: {note.message}", err=True)


@app.command()
@options_of(
    PATHS, AGAINST, RULES, ONLY_RULES, PUBLISHED, TIMEZONE, FORMAT, OUTPUT,
    VERBOSE, ONLY, FAIL_ON, CONFIG, NO_CONFIG, BASELINE, FOLLOW_LINKS,
)  # fmt: skip
def check(
    paths: tuple[str, ...],
    against: tuple[str, ...],
    rules: tuple[Path, ...],
    only_rules: bool,
    published: str | None,
    timezone: str | None,
    output_format: str | None,
    output: Path | None,
    verbose: bool,
    only: tuple[str, ...],
    fail_on: tuple[str, ...],
    config_file: Path | None,
    no_config: bool,
    baseline: Path | None,
    follow_links: bool,
) -> None:
    """Compare the facts in several articles about one event.

    PATH: article files (.txt .md .html), folders, or - for standard input;
    with --against, the drafts.

    With --against, the PATHS are drafts and only a draft claim that a source
    contradicts fails the run. Exit code 0: nothing fails; 1: a finding
    fails; 2: bad input, rule, config or usage.
    """
    req = Request(
        tuple(paths),
        tuple(against or ()),
        _tuple(rules),
        only_rules,
        published,
        timezone,
        _tuple(only),
        _tuple(fail_on),
        output_format,
        config_file,
        no_config,
        baseline,
        follow_links,
    )
    from launchcheck import output as out_mod
    from launchcheck import report as writers

    code = ExitCode.CLEAN
    try:
        config = effective_config(req)
        name = choose_format(config, output, tty=_is_tty())
        if output is not None:
            out_mod.check_target(output)
        result, before = run_check(req, config)
        code = ExitCode.CONTRADICTIONS if result.has_conflicts else ExitCode.CLEAN
        write = writers.writer(name)
        _print_notes(result, before)
        if req.against:
            from launchcheck.against import contradicted_lines

            for line in contradicted_lines(result):
                click.echo(line, err=True)
        if output is None:
            out_mod.write_stdout(lambda out: write(result, out, verbose=verbose))
        else:
            out_mod.refuse_protected(output, _protected(req, config, result))
            out_mod.write_atomic(
                output, lambda out: write(result, out, verbose=verbose)
            )
    except out_mod.BrokenPipe:
        raise Exit(code) from None
    except LaunchcheckError as err:
        raise _fail(err) from None
    raise Exit(code)


def _is_tty() -> bool:
    try:
        return bool(sys.stdout is not None and sys.stdout.isatty())
    except (OSError, ValueError):
        return False


@baseline_app.command("write")
@options_of(
    click.argument("file", type=FILE_PATH, metavar="FILE"),
    PATHS, AGAINST, RULES, ONLY_RULES, PUBLISHED, TIMEZONE, ONLY, FAIL_ON,
    CONFIG, NO_CONFIG,
)  # fmt: skip
def baseline_write(
    file: Path,
    paths: tuple[str, ...],
    against: tuple[str, ...],
    rules: tuple[Path, ...],
    only_rules: bool,
    published: str | None,
    timezone: str | None,
    only: tuple[str, ...],
    fail_on: tuple[str, ...],
    config_file: Path | None,
    no_config: bool,
) -> None:
    """Record every finding that fails this check as accepted, in FILE.

    Takes check's options. Later runs given --baseline FILE show these
    findings as accepted and fail only on new ones.
    """
    req = Request(
        tuple(paths),
        tuple(against or ()),
        _tuple(rules),
        only_rules,
        published,
        timezone,
        _tuple(only),
        _tuple(fail_on),
        None,
        config_file,
        no_config,
    )
    try:
        from launchcheck import output as out_mod
        from launchcheck.suppress import baseline_text

        config = effective_config(req)
        out_mod.check_target(file)
        result, before = run_check(req, config)
        _print_notes(result, before)
        text = baseline_text(result)
        out_mod.refuse_protected(file, _protected(req, config, result))
        out_mod.write_atomic(file, lambda out: out.write(text))
    except LaunchcheckError as err:
        raise _fail(err) from None
    n = len(result.failing)
    click.echo(f"{file}: {n} accepted finding{'' if n == 1 else 's'} written")


@config_app.command("show")
@options_of(CONFIG, NO_CONFIG, RULES, TIMEZONE, ONLY, FAIL_ON, FORMAT)
def config_show(
    config_file: Path | None,
    no_config: bool,
    rules: tuple[Path, ...],
    timezone: str | None,
    only: tuple[str, ...],
    fail_on: tuple[str, ...],
    output_format: str | None,
) -> None:
    """Print the effective settings and where each came from."""
    req = Request(
        (),
        rules=_tuple(rules),
        timezone=timezone,
        only=_tuple(only),
        fail_on=_tuple(fail_on),
        output_format=output_format,
        config=config_file,
        no_config=no_config,
    )
    try:
        from launchcheck.config import settings

        config = effective_config(req)
    except LaunchcheckError as err:
        raise _fail(err) from None
    click.echo(f"config file: {config.path or '(none)'}")
    rows = settings(config)
    width = max(len(k) for k, _, _ in rows)
    for key, value, origin in rows:
        click.echo(f"{key:<{width}}  {value}  [{origin}]")


@hook_app.command("install")
@click.option(
    "--force", is_flag=True, help="Replace a pre-commit hook launchcheck did not write."
)
def hook_install(force: bool) -> None:
    """Install the git pre-commit hook (respects core.hooksPath and worktrees)."""
    try:
        from launchcheck import hook

        target, backup = hook.install(hook.toplevel(Path.cwd()), force=force)
    except LaunchcheckError as err:
        raise _fail(err) from None
    if backup is not None:
        click.echo(f"kept the previous hook as {backup}")
    click.echo(f"installed {target}: each commit checks staged drafts")


@hook_app.command("run")
@CONFIG
def hook_run(config_file: Path | None) -> None:
    """Check the staged drafts against their sources (what the hook runs).

    Reads the index, not the working tree. A draft that no stories: entry
    covers passes with a warning; a commit without drafts costs almost nothing.
    """
    try:
        from launchcheck import hook
        from launchcheck.against import contradicted_lines
        from launchcheck.config import discover

        root = hook.toplevel(Path.cwd())
        config = discover(Path.cwd(), config_file)
        plan = hook.make_plan(
            root, config, hook.staged_paths(root), lambda: hook.index_paths(root)
        )
        why = (
            "no stories: entry in the config covers this draft"
            if config.path is not None
            else "no .launchcheck.yaml with stories: found"
        )
        for path in plan.uncovered:
            click.echo(f"launchcheck: warning: {path}: {why}; not checked", err=True)
        if not plan.checks:
            raise Exit(ExitCode.CLEAN)
        reports, warnings = hook.run_checks(root, config, plan)
    except LaunchcheckError as err:
        raise _fail(err) from None
    for warning in warnings:
        click.echo(f"launchcheck: warning: {warning}", err=True)
    lines = [line for r, _ in reports for line in contradicted_lines(r)]
    for report, before in reports:
        _print_notes(report, before)
    if not lines:
        checked = sum(len(c.drafts) for c in plan.checks)
        click.echo(f"launchcheck: {checked} staged draft(s) agree with their sources")
        raise Exit(ExitCode.CLEAN)
    for line in lines:
        click.echo(line, err=True)
    click.echo(
        f"launchcheck: commit blocked: {len(lines)} claim(s) in staged drafts"
        " contradicted by their sources (fix, add `<!-- launchcheck: ignore FACT"
        " reason -->`, or commit with --no-verify)",
        err=True,
    )
    raise Exit(ExitCode.CONTRADICTIONS)


@rules_app.command("list")
@options_of(RULES, ONLY_RULES)
def rules_list(rules: tuple[Path, ...], only_rules: bool) -> None:
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
        click.echo(
            f"{rule.rule_id:<20} {rule.kind.value:<9}{extra:<10}"
            f" {len(rule.patterns)} patterns  {rule.location.path}  {rule.description}"
        )


@rules_app.command("validate")
@options_of(RULES, ONLY_RULES)
def rules_validate(rules: tuple[Path, ...], only_rules: bool) -> None:
    """Check rule files: YAML, keys, regexes, groups, units; errors as file:line."""
    try:
        from launchcheck.pipeline import Options, prepare_rules

        ruleset = prepare_rules(
            Options(rules_dirs=tuple(rules or ()), replace_rules=only_rules)
        )
    except LaunchcheckError as err:
        raise _fail(err) from None
    click.echo(f"{len(ruleset.rules)} rules OK")


@rules_app.command("test")
@options_of(RULES, ONLY_RULES)
def rules_test(rules: tuple[Path, ...], only_rules: bool) -> None:
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
        click.echo(f"{o.example.location}: {o.rule}: {o.message}", err=True)
    click.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    raise Exit(ExitCode.CONTRADICTIONS if failed else ExitCode.CLEAN)


NEAR = click.option(
    "--near",
    is_flag=True,
    help="Also list near misses: a figure a rule frames whose word is no known"
    " unit, a claim whose value could not be read.",
)
EXTRACT_FORMAT = click.option(
    "--format",
    "-f",
    "output_format",
    default="text",
    show_default=True,
    metavar="NAME",
    help="Output format: text or json.",
)


@app.command()
@options_of(
    PATHS, NEAR, EXTRACT_FORMAT, RULES, ONLY_RULES, PUBLISHED, TIMEZONE, CONFIG,
    NO_CONFIG,
)  # fmt: skip
def extract(
    paths: tuple[str, ...],
    near: bool,
    output_format: str,
    rules: tuple[Path, ...],
    only_rules: bool,
    published: str | None,
    timezone: str | None,
    config_file: Path | None,
    no_config: bool,
) -> None:
    """List every claim the rules read: span, value, context and why.

    For rule authors: with --near, also what a rule almost read, and why not.
    Nothing is compared; exit code 0, or 2 for bad input, rules or usage.
    """
    from launchcheck import output as out_mod

    req = Request(
        tuple(paths),
        rules=_tuple(rules),
        only_rules=only_rules,
        published=published,
        timezone=timezone,
        config=config_file,
        no_config=no_config,
    )
    try:
        if output_format not in ("text", "json"):
            raise UsageError(
                "--format", f"unknown format {output_format!r} (one of text, json)"
            )
        config = effective_config(req)
        facts, misses = run_extract(req, config, near=near)
        out_mod.write_stdout(
            lambda out: _write_extract(facts, misses, out, output_format, near=near)
        )
    except out_mod.BrokenPipe:
        raise Exit(ExitCode.CLEAN) from None
    except LaunchcheckError as err:
        raise _fail(err) from None
    raise Exit(ExitCode.CLEAN)


def run_extract(req: Request, config: Config, *, near: bool) -> tuple[tuple, tuple]:
    """Read the articles as ``check`` does; every fact, and near misses if asked."""
    from launchcheck import explain
    from launchcheck.pipeline import check_articles, load_paths, prepare_rules

    _check_paths(req.paths, "articles")
    options = _options(req, config)
    files = [p for p in req.paths if p != STDIN]
    articles = list(load_paths(files)) if files else []
    if STDIN in req.paths:
        articles.append(_stdin_article())
    ruleset = prepare_rules(options)  # type: ignore[arg-type]
    report = check_articles(articles, ruleset, options)  # type: ignore[arg-type]
    misses = explain.near_misses(report, ruleset) if near else ()
    return explain.facts_of(report), misses


def _write_extract(
    facts: tuple, misses: tuple, out: TextIO, name: str, *, near: bool
) -> None:
    """Claims (and near misses) as lines of text or one JSON document."""
    import json

    from launchcheck import explain

    if name == "json":
        doc: dict[str, object] = {
            "version": 1,
            "claims": [explain.fact_dict(f) for f in facts],
        }
        if near:
            doc["near_misses"] = [explain.miss_dict(m) for m in misses]
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    for fact in facts:
        out.write(explain.fact_line(fact) + "\n")
    if near:
        out.write(f"near misses: {len(misses)}\n")
        for miss in misses:
            out.write(f"{miss.location}: {miss.rule}: '{miss.text}': {miss.reason}\n")
    out.write(f"{len(facts)} claims\n")


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        click.echo("launchcheck: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # a reader that went away mid-message: nothing more to say to it
        sys.exit(ExitCode.ERROR)
    except Exception as err:
        if os.environ.get("LAUNCHCHECK_DEBUG"):
            raise
        click.echo(
            f"launchcheck: internal error: {type(err).__name__}: {err}"
            " (set LAUNCHCHECK_DEBUG=1 for a traceback)",
            err=True,
        )
        sys.exit(ExitCode.ERROR)


from launchcheck.batchcli import register as _register_batch  # noqa: E402

_register_batch(app)
