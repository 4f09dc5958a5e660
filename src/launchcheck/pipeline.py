"""load → extract → normalize → compare: one story in, one ``Report`` out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from launchcheck import normalize as norm
from launchcheck import story
from launchcheck.compare import compare_facts
from launchcheck.extract import extract_claims, pattern_gate, pattern_needs
from launchcheck.load import MAX_BYTES, check_zone, load_articles
from launchcheck.model import ArticleRole, Fact, Location, Note, Report, Verdict
from launchcheck.ruleset.loader import load_ruleset

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from launchcheck.model import Article
    from launchcheck.ruleset.schema import RuleSet
    from launchcheck.suppress import BaselineEntry


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a check run depends on besides the article paths."""

    rules_dirs: tuple[Path, ...] = ()
    replace_rules: bool = False
    published: dt.date | None = None
    timezone: str = ""
    max_bytes: int = MAX_BYTES
    select: tuple[str, ...] = field(default=())


def prepare_rules(options: Options) -> RuleSet:
    """Load and fully validate the rule set (syntax, units, zones).

    A rule set loaded before from the same rule files (same contents, same
    package code, same ``regex``, pint and Python) comes from the user's
    cache (``launchcheck.patterncache``) with what a run would otherwise
    derive again: every regex it compiles (rule patterns, anchors, cues,
    aliases, lexicon lists), where each pattern can begin, what each match
    holds and the gate an article must pass before a pattern is loaded
    (``launchcheck.prefilter``), and pint's answers for every unit a rule
    reads. Compiling is most of a cold run; with the cache warm, a run never
    imports pint, and each pattern is unpickled only when first tried.
    """
    from launchcheck import patterncache, prefilter
    from launchcheck.normalize import quantities

    key = _rules_key(options)
    cached = patterncache.load_object("ruleset", key) if key else None
    if (
        isinstance(cached, tuple)
        and len(cached) == 7
        and type(cached[0]).__name__ == "RuleSet"
        and all(isinstance(part, dict) for part in cached[1:])
    ):
        ruleset = cached[0]
        patterncache.preload(cached[1])
        prefilter.preload(cached[2], cached[3])
        quantities.preload_units(cached[4], cached[5])
        prefilter.preload_gates(cached[6])
    else:
        ruleset = load_ruleset(list(options.rules_dirs), replace=options.replace_rules)
        norm.validate(ruleset)
        if key:
            patterns = {
                t: patterncache.pickled(patterncache.compiled(t))
                for t in _pattern_texts(ruleset)
            }
            # Two small regexes each pattern's matches satisfy: an article
            # that fails them never loads the pattern (extract._gate_open).
            # Derived after the patterns are compiled, so that their ~250
            # texts do not push the patterns out of regex's own cache.
            gates = {
                p.expanded: gate
                for r in ruleset.rules
                for p in r.patterns
                if (gate := pattern_gate(p)) is not None
            }
            prefilter.preload_gates(gates)
            for gate in gates.values():
                for text in (gate.prefix, gate.suffix):
                    if text and text not in patterns:
                        compiled = patterncache.compiled(text)
                        patterns[text] = patterncache.pickled(compiled)
            # Where each scanned pattern can start (the literal pass): as
            # slow to derive as the patterns are to compile.
            scanned = [
                p.anchor or p.expanded for r in ruleset.rules for p in r.patterns
            ]
            starts = {t: prefilter.starts_of(t) for t in dict.fromkeys(scanned)}
            # What every match holds: tried only where one of them follows.
            needs = {
                p.expanded: pattern_needs(p) for r in ruleset.rules for p in r.patterns
            }
            # pint's answers for every unit a rule reads: a warm run never
            # imports pint.
            infos, dimensions = quantities.unit_facts(
                (r.dimension, r.unit_defs) for r in ruleset.rules
            )
            patterncache.store_object(
                "ruleset",
                key,
                (ruleset, patterns, starts, needs, infos, dimensions, gates),
            )
    if options.select:
        from dataclasses import replace

        chosen = tuple(
            r
            for r in ruleset.rules
            if any(
                r.rule_id == s or r.fact == s or r.fact.startswith(f"{s}.")
                for s in options.select
            )
        )
        _check_selection(ruleset, options.select)
        ruleset = replace(ruleset, rules=chosen)
    return ruleset


def _rules_key(options: Options) -> str:
    """A hash of everything a loaded rule set depends on; "" when unreadable.

    Every source file of the package (what the cache holds is derived by
    this code), the rule files, and the versions of ``regex``, pint (the
    cache holds its answers for every unit) and Python. The file contents
    are hashed only when a file's status changed since they last were
    (``patterncache.files_key``). Rule files are read here only to hash
    them; any problem leaves the loading (and its located errors) to
    ``load_ruleset``.
    """
    import sys
    from importlib.util import find_spec
    from pathlib import Path

    import regex

    from launchcheck import patterncache
    from launchcheck.lexicon import package_data
    from launchcheck.ruleset.loader import shipped_rules_dir

    try:
        root = Path(str(package_data("")))
        files = [(name, root / name) for name in _package_files(root)]
        # pint's own code stands in for its version until the contents are
        # hashed: an upgrade replaces it.
        pint = find_spec("pint")
        if pint is None or not pint.origin:
            return ""
        files.append(("pint", Path(pint.origin)))
        parts = [regex.__version__, sys.version, str(options.replace_rules)]
        folders = ([] if options.replace_rules else [shipped_rules_dir()]) + [
            Path(d) for d in options.rules_dirs
        ]
        for folder in folders:
            parts.append(str(folder.resolve()))
            rules = (
                [folder]
                if folder.is_file()
                else sorted(
                    p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")
                )
            )
            files += [(f"{len(parts)}/{p.name}", p) for p in rules]
    except (OSError, ValueError, ImportError):
        return ""
    return patterncache.files_key(files, parts, _pint_version)


def _pint_version() -> list[str]:
    """The installed pint version, read only when the file contents are hashed."""
    from importlib import metadata

    return [metadata.version("pint")]


def _package_files(root: Path, prefix: str = "") -> list[str]:
    """The package's .py and .yml files, relative and sorted (rule files apart)."""
    import os

    found: list[str] = []
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            name = f"{prefix}{entry.name}"
            if entry.is_dir():
                if entry.name not in ("rules", "__pycache__"):
                    found += _package_files(root / entry.name, f"{name}/")
            elif entry.name.endswith((".py", ".yml")):
                found.append(name)
    return found


def _pattern_texts(ruleset: RuleSet) -> list[str]:
    """Every regex the run compiles for this rule set (patterns, anchors, cues)."""
    texts = [p.expanded for r in ruleset.rules for p in r.patterns]
    texts += [p.anchor for r in ruleset.rules for p in r.patterns if p.anchor]
    texts += [c.expanded for c in (*ruleset.other_event, *ruleset.future_event)]
    texts += [p for r in ruleset.rules for c in r.categories for p in c.phrases]
    from launchcheck import context
    from launchcheck.normalize import when

    texts += context.pattern_texts(ruleset)
    texts += when.pattern_texts()
    return list(dict.fromkeys(texts))


def _check_selection(ruleset: RuleSet, select: Sequence[str]) -> None:
    """An ``--only`` entry that matches no rule is a usage error, not an empty run."""
    import difflib

    from launchcheck.errors import UsageError

    names = sorted({r.rule_id for r in ruleset.rules} | {r.fact for r in ruleset.rules})
    for s in select:
        if not any(n == s or n.startswith(f"{s}.") for n in names):
            near = difflib.get_close_matches(s, names, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise UsageError(
                "--only",
                f"{s!r} matches no rule id or fact ({hint}see `launchcheck rules list`)",
            )


def load_paths(
    paths: Sequence[str | Path],
    *,
    skip: Callable[[Path], bool] | None = None,
    role: ArticleRole = ArticleRole.ARTICLE,
    max_bytes: int = MAX_BYTES,
    follow_links: bool = False,
) -> tuple[Article, ...]:
    """Read the articles under ``paths``, each marked with ``role``.

    ``skip`` (the config's ``exclude``) drops files found by walking a folder;
    a file named in ``paths`` is always read as named.
    """
    from dataclasses import replace
    from pathlib import Path

    from launchcheck.load import find_articles, read_article

    named = {Path(p) for p in paths}
    found = [
        p
        for p in find_articles(paths, follow_links=follow_links)
        if skip is None or p in named or not skip(p)
    ]
    articles = (read_article(p, max_bytes=max_bytes) for p in found)
    return tuple(replace(a, role=role) for a in articles)


def check_paths(paths: Sequence[str | Path], options: Options) -> Report:
    """Run the whole check over the articles under ``paths`` as one story."""
    ruleset = prepare_rules(options)
    articles = load_articles(paths, max_bytes=options.max_bytes)
    return check_articles(articles, ruleset, options)


def check_articles(
    articles: Sequence[Article], ruleset: RuleSet, options: Options
) -> Report:
    """Compare already loaded articles; pure apart from the rule set given."""
    notes: list[Note] = []
    if options.timezone:
        check_zone("--timezone", options.timezone)
    event_zone = options.timezone or ruleset.timezone
    if not event_zone:
        inferred = story.event_zone(articles)
        event_zone = inferred[0] if inferred else "UTC"
        why = (
            f"event zone {inferred[0]} {inferred[1]} (--timezone sets it)"
            if inferred
            else "no event zone given and no launch place names one: times"
            " that state no zone are read in UTC (--timezone sets it)"
        )
        if articles:
            notes.append(Note(Location(articles[0].path), why))
    claims = {a.path: extract_claims(a, ruleset, notes) for a in articles}
    claims = story.tag_subjects(articles, claims, ruleset)
    dates = story.publication_dates(articles, claims, options.published)
    for article in articles:
        day, how = dates[article.path]
        if day is None:
            notes.append(
                Note(
                    Location(article.path),
                    "no publication date, and none could be inferred: its"
                    " relative dates ('Thursday', 'yesterday') are not compared",
                )
            )
        elif how and how != "from --published":
            notes.append(
                Note(
                    Location(article.path),
                    f"no publication date: relative dates read against"
                    f" {day.isoformat()}, {how}",
                )
            )
    claims = story.untag_own_dates(
        articles, claims, {p: d for p, (d, _) in dates.items()}
    )
    known = [d for d, _ in dates.values() if d is not None]
    story_date = min(known) if known else None
    facts: list[Fact] = []
    for article in articles:
        clock = None
        if not article.zone:
            clock = story.article_zone(claims[article.path], event_zone) or None
            if clock:
                notes.append(
                    Note(
                        Location(article.path),
                        f"no zone of its own: clock times that state none are read"
                        f" in {clock}, the one zone its other times state",
                    )
                )
            else:
                clock, city = story.dateline_zone(
                    article.text, claims[article.path], event_zone
                )
                clock = clock or None
                if clock:
                    notes.append(
                        Note(
                            Location(article.path),
                            f"no zone of its own: clock times that state none are"
                            f" read in {clock}, the zone of its dateline city {city}",
                        )
                    )
        setting = norm.Setting(
            event_zone=event_zone,
            published=dates[article.path][0],
            article_zone=article.zone,
            clock_zone=clock,
            story_date=dates[article.path][0] and story_date,
            roles=ruleset.roles,
        )
        for claim in claims[article.path]:
            try:
                fact = norm.normalize(claim, ruleset.rule(claim.rule), setting)
                facts.append(fact)
                misfit = norm.weekday_reading(fact, setting)
                if misfit is not None:
                    facts.append(misfit)
            except norm.Unusable as why:
                notes.append(
                    Note(claim.location, f"{claim.rule}: '{claim.text}' skipped: {why}")
                )
    facts = story.confirm_subject_tags(facts, ruleset)
    facts = story.background_far_dates(facts, ruleset)
    facts = norm.names.unify(facts)
    findings = compare_facts(facts)
    return Report(tuple(articles), findings, ruleset.ruleset_id, tuple(notes))


def settle(
    report: Report,
    fail_on: tuple[Verdict, ...],
    raw: Mapping[str, str] | None = None,
    baseline: Sequence[BaselineEntry] | None = None,
) -> Report:
    """Decide what fails: ``fail_on``, drafts against sources, then acceptances.

    Stances and outliers are filled in first (``against``), then inline
    ``launchcheck: ignore`` directives (``raw`` holds a file's text where the
    article's text lacks its comments, as for HTML) and the baseline mark the
    findings a person accepted. Pure.
    """
    from dataclasses import replace

    from launchcheck import against, suppress

    report = against.apply_roles(replace(report, fail_on=fail_on))
    raw = raw or {}
    directives = [
        d
        for article in report.articles
        for d in suppress.find_directives(article, raw.get(article.path))
    ]
    report = suppress.apply_suppressions(report, directives)
    if baseline is not None:
        report = suppress.apply_baseline(report, baseline)
    return report
