"""Why a rule read what it read, and why it read nothing: for rule authors.

``rules test`` asks :func:`why_nothing` when an example got no claim, and
``launchcheck extract`` lists every fact with :func:`why_read` and, with
``--near``, the near misses :func:`near_misses` finds: a figure a rule's
pattern frames but whose word after the number is no known unit (or a unit
of another dimension), and a claim whose value could not be read.

Pure: values in, values out. Uses only the public functions of ``extract``,
``context``, ``normalize`` and the rule loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from launchcheck import context
from launchcheck.kinds import spec_for
from launchcheck.lexicon import lexicon
from launchcheck.model import EventKind, Interval, Kind, Location

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from launchcheck.lexicon import Unit
    from launchcheck.model import Article, Claim, Fact, Report
    from launchcheck.ruleset.schema import Rule, RuleSet

# A figure in a rule's frame with any word after it: "flew at 5 furlongs".
_LOOSE_QUANTITY = (
    r"(?<![\w-])(?:{hedge}\s+)?(?P<value>{number}[\s-]*"
    r"(?P<unit>[A-Za-z][A-Za-z/]*(?:\s+per\s+[A-Za-z]+)?))"
)
# Words after a number that are plainly no unit ("at 5 p.m.", "3 of the").
_NOT_UNITS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "or",
        "for",
        "from",
        "with",
        "as",
        "is",
        "was",
        "were",
        "it",
        "its",
        "p",
        "am",
        "pm",
        "times",
        "percent",
        "per",
        "cent",
    ]
)


@dataclass(frozen=True, slots=True)
class Miss:
    """A near miss: words a rule almost read, where, and why it did not."""

    location: Location
    rule: str
    text: str
    reason: str


class _Errors:
    """Collects pattern errors while loose patterns compile (they are dropped)."""

    def __init__(self) -> None:
        self.errors: list[object] = []

    def add(self, location: Location, message: str) -> None:
        self.errors.append((location, message))


@lru_cache(maxsize=256)
def _loose(source: str, dimension: str, extra: tuple[Unit, ...]) -> str:
    """A quantity pattern with ``{quantity}`` loosened to any word after the number.

    "" when the pattern has no ``{quantity}`` or the loosened one does not compile.
    """
    from launchcheck.ruleset.loader import compile_pattern

    if "{quantity}" not in source:
        return ""
    loose = source.replace("{quantity}", _LOOSE_QUANTITY)
    errors = _Errors()
    pattern = compile_pattern(
        loose,
        Location("<loose>"),
        "",
        dimension,
        "",
        errors,  # type: ignore[arg-type]
        extra,
    )
    return pattern.expanded if pattern is not None and not errors.errors else ""


def _unit_problem(word: str, rule: Rule) -> str:
    """Why a word after a number is no unit of the rule ("" when it is one)."""
    from launchcheck.normalize.quantities import dimension_of, table

    extra = rule.unit_defs
    said = " ".join(word.lower().split())
    if said in _NOT_UNITS or said in lexicon().number_words or said in lexicon().months:
        return ""
    if said not in table(extra).aliases:
        return (
            f"{word!r} is no known unit (a rule set can define it: ruleset.yml units:)"
        )
    from launchcheck.normalize import dimension_of_rule

    dim = dimension_of(said, extra)
    if dim != dimension_of_rule(rule):
        return f"{word!r} is a {dim} unit, not {rule.dimension}"
    return ""


def unit_misses(
    article: Article, rule: Rule, taken: Iterable[tuple[int, int]] = ()
) -> list[Miss]:
    """Figures a quantity rule frames whose word after the number is no unit of it.

    ``taken`` are spans the rule did read; a miss inside one is not reported.
    """
    if rule.kind is not Kind.QUANTITY:
        return []
    spans = list(taken)
    out: list[Miss] = []
    seen: set[int] = set()
    for pattern in rule.patterns:
        expanded = _loose(pattern.source, rule.dimension, rule.unit_defs)
        if not expanded:
            continue
        try:
            found = list(context.compiled(expanded).finditer(article.text, timeout=2.0))  # type: ignore[attr-defined]
        except TimeoutError:
            continue
        for m in found:
            start, end = m.start("value"), m.end("value")
            if start in seen or any(s < end and start < e for s, e in spans):
                continue
            why = _unit_problem(m.group("unit"), rule)
            if why:
                seen.add(start)
                text = " ".join(article.text[start:end].split())
                out.append(Miss(article.locate(start), rule.rule_id, text, why))
    return out


def why_nothing(
    article: Article, rule: Rule, ruleset: RuleSet, problems: list[str]
) -> str:
    """Why a rule read no claim from an article, in one line.

    Either a pattern matched but the value could not be read (``problems``,
    the normalizer's reasons), or a match was dropped (a hedge the rule does
    not list, the dateline), or no pattern matched at all, with the nearest
    reading when a figure has a word that is no unit of the rule.
    """
    if problems:
        return "a pattern matched, but " + "; ".join(problems)
    _, skip, _ = context.dateline(article.text)
    for pattern in rule.patterns:
        m = context.compiled(pattern.expanded).search(article.text, timeout=2.0)  # type: ignore[attr-defined]
        if m is None:
            continue
        said = " ".join(m.group(0).split())
        hedge = _group(m, "hedge")
        if hedge and rule.hedges and hedge not in rule.hedges:
            return (
                f"'{said}' matched, but its hedge {hedge!r} is not in the rule's hedges"
            )
        if m.start() < skip:
            return f"'{said}' matched in the dateline, which is not read"
        return f"'{said}' matched, but the branch that matched holds no value"
    misses = unit_misses(article, rule)
    if misses:
        return f"no pattern matched; nearest: '{misses[0].text}': {misses[0].reason}"
    return "no pattern matched"


def _group(match: object, name: str) -> str:
    try:
        value = match.group(name)  # type: ignore[attr-defined]
    except IndexError:
        return ""
    return " ".join((value or "").lower().split())


def why_apart(claim: Claim) -> str:
    """Where the claim context put a claim other than this launch ("" if it did not)."""
    ctx = claim.context
    if claim.event and not ctx.event_cue:
        return f"another event ({claim.event})"
    because = ctx.not_compared_because()
    if not because:
        return ""
    if ctx.event is not EventKind.THIS:
        return f"another event: {because}"
    if ctx.other_moment:
        return because
    return f"another modality: {because}"


def why_read(fact: Fact) -> str:
    """How a fact's value was read and where its context puts it, in one line."""
    parts = []
    value = fact.value
    if isinstance(value, Interval) and value.basis:
        parts.append(value.basis)
    if fact.claim.hedge:
        parts.append(f"hedge '{fact.claim.hedge}'")
    apart = why_apart(fact.claim)
    if apart:
        parts.append(f"not compared with this launch: {apart}")
    note = getattr(value, "note", "")
    if note:
        parts.append(note)
    return "; ".join(parts) or "read as written"


def facts_of(report: Report) -> tuple[Fact, ...]:
    """Every fact of a report once, in article and text order."""
    seen: dict[tuple[object, ...], Fact] = {}
    for finding in report.findings:
        for fact in finding.facts:
            c = fact.claim
            key = (c.span.article, c.span.start, c.span.end, c.rule, fact.display)
            seen.setdefault(key, fact)
    order = {a.path: i for i, a in enumerate(report.articles)}
    return tuple(
        sorted(
            seen.values(),
            key=lambda f: (
                order.get(f.claim.span.article, 0),
                f.claim.span.start,
                f.claim.rule,
            ),
        )
    )


def near_misses(report: Report, ruleset: RuleSet) -> tuple[Miss, ...]:
    """Near misses of a run: figures with no known unit, values that could not be read."""
    facts = facts_of(report)
    out: list[Miss] = []
    for article in report.articles:
        for rule in ruleset.rules:
            taken = [
                (f.claim.span.start, f.claim.span.end)
                for f in facts
                if f.claim.span.article == article.path
            ]
            out.extend(unit_misses(article, rule, taken))
    for note in report.notes:
        if " skipped: " in note.message:
            rule, _, rest = note.message.partition(": ")
            text, _, why = rest.partition(" skipped: ")
            out.append(Miss(note.location, rule, text.strip("'"), why))
    out.sort(key=lambda m: (m.location.path, m.location.line, m.location.col))
    return tuple(out)


def fact_dict(fact: Fact) -> dict[str, Any]:
    """One extracted claim as ``extract --format json`` writes it."""
    c, ctx = fact.claim, fact.claim.context
    return {
        "rule": c.rule,
        "fact": c.fact,
        "kind": c.kind.value,
        "path": c.location.path,
        "line": c.location.line,
        "column": c.location.col,
        "text": c.text,
        "value": spec_for(fact).to_json(fact),
        "context": {
            "event": ctx.event.value,
            "event_cue": ctx.event_cue or c.event or None,
            "moment": ctx.moment.value if ctx.moment else None,
            "moment_cue": ctx.moment_cue or None,
            "modality": ctx.modality.value,
            "modality_cue": ctx.modality_cue or None,
            "place": c.scope or None,
            "source": c.source or None,
            "source_basis": ctx.source_basis.value,
        },
        "why": why_read(fact),
    }


def miss_dict(miss: Miss) -> dict[str, Any]:
    """One near miss as ``extract --near --format json`` writes it."""
    return {
        "rule": miss.rule,
        "path": miss.location.path,
        "line": miss.location.line,
        "column": miss.location.col,
        "text": miss.text,
        "reason": miss.reason,
    }


def fact_line(fact: Fact) -> str:
    """One extracted claim as a line of text: where, rule, as written → value; context."""
    c, ctx = fact.claim, fact.claim.context
    bits = [f"event={ctx.event.value}"]
    if ctx.moment:
        bits.append(f"moment={ctx.moment.value}")
    bits.append(f"modality={ctx.modality.value}")
    if c.scope:
        bits.append(f"place={c.scope}")
    if c.source:
        bits.append(f"source={c.source} ({ctx.source_basis.value})")
    return (
        f"{c.location}: {c.rule}: '{c.text}' → {fact.display}  [{' '.join(bits)}]"
        f"  {why_read(fact)}"
    )


# What each pattern block matches, for the README's reference table.
BLOCK_HELP = {
    "number": "a figure: 7,000 · 7 000 · 1,5 · 2½ · 1.5 million · 15 lakh · twenty-two",
    "range": "a number or a span: 8,000 to 10,000 · between 8,000 and 10,000 · 10-12",
    "hedge": "a hedge word from the lexicon: about, nearly, more than… (group `hedge`)",
    "time_hedge": "a clock time's hedge: shortly after, just before… (group `hedge`)",
    "unit": "a unit word of the rule's dimension (group `unit`)",
    "quantity": "[hedge] figure + unit of the rule's dimension, sums of durations"
    " (1 hour and 26 minutes), units written first (Mach 10), and an own"
    " conversion in parentheses (groups `hedge`, `value`, `alt_value`)",
    "count": "[hedge] a number, a range or a vague amount (dozens of)"
    " (groups `hedge`, `value`)",
    "date": "a day: Thursday · Oct. 31 · 2024-10-31 · the morning of November 1 ·"
    " yesterday · mid-October · the end of Oct. 2024 · next Tuesday · the 31st"
    " (group `date`)",
    "weekday": "a weekday name, capitalised",
    "month": "a month name or abbreviation, capitalised",
    "zone": "a time zone as written: KST, Pyongyang time, ET (group `zone`)",
    "time": "a clock time with its zone and day if written: 7:10 a.m. KST Thursday"
    " (groups `time`, `zone`, `date`)",
    "category": "one of the rule's category phrases (group `value`)",
    "role": "one of the rule's category phrases, as the office (group `role`)",
    "person": "a capitalised name of two or three words (group `value`)",
    "near": "one character of the same sentence: `{near}{0,50}?`",
    "gap": "a short stretch of the same clause that stops at another event's words",
}


def reference_markdown() -> str:
    """The README's tables of units, dimensions, kinds and blocks, from the data.

    A test keeps the README in sync: regenerate with
    ``python -c "from launchcheck.explain import reference_markdown as r; print(r())"``.
    """
    from launchcheck.kinds import KINDS, NEUTRAL_BLOCKS

    lex = lexicon()
    lines = [
        "| unit | dimension | shown as | spellings |",
        "|---|---|---|---|",
    ]
    for u in lex.units:
        note = ""
        if u.before:
            note += " (before the number)"
        if u.spread:
            low, high = u.spread
            note += f"; a range: {low:g}–{high:g} SI base units each"
        words = ", ".join(u.words)
        lines.append(f"| `{u.name}` | `{u.dimension}` | {u.short} | {words}{note} |")
    dims = list(dict.fromkeys(u.dimension for u in lex.units))
    lines += ["", "| dimension | defined as |", "|---|---|"]
    derived = {
        d.split("=")[0].strip(): d.split("=", 1)[1].strip() for d in lex.dimensions
    }
    for dim in dims:
        lines.append(f"| `{dim}` | {derived.get(dim, 'base')} |")
    lines += [
        "",
        "| kind | value blocks | needs groups | expect fields |",
        "|---|---|---|---|",
    ]
    for entry in KINDS.values():
        blocks = ", ".join(f"`{{{b}}}`" for b in entry.value_blocks)
        groups = ", ".join(f"`{g}`" for g in entry.groups)
        fields = ", ".join(entry.expect_fields)
        lines.append(f"| {entry.kind.value} | {blocks} | {groups} | {fields} |")
    lines += ["", "| block | kinds | matches |", "|---|---|---|"]
    for name, help_text in BLOCK_HELP.items():
        kinds = (
            "any"
            if name in NEUTRAL_BLOCKS
            else ", ".join(
                k.kind.value for k in KINDS.values() if name in k.value_blocks
            )
        )
        lines.append(f"| `{{{name}}}` | {kinds} | {help_text} |")
    return "\n".join(lines) + "\n"
