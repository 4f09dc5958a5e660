"""YAML rule files → ``RuleSet``, with every error located at ``file:line:col``.

Files are composed into YAML nodes (not loaded into dicts) so that each value
keeps its position; duplicate keys, unknown keys, wrong types, aliases, bad
regexes and missing named groups are all collected and raised together.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from launchcheck.errors import RuleError, RuleErrors
from launchcheck.kinds import KINDS
from launchcheck.lexicon import package_data
from launchcheck.model import Kind, Location, Moment
from launchcheck.patterncache import re_compile
from launchcheck.ruleset import bounds
from launchcheck.ruleset.blocks import blocks
from launchcheck.ruleset.schema import (
    Alias,
    Category,
    Example,
    Pattern,
    Role,
    Rule,
    RuleSet,
    UnitDef,
)
from launchcheck.safeyaml import YAML_TAG, guard_events

if TYPE_CHECKING:
    import yaml

    from launchcheck.lexicon import Unit

MANIFEST = "ruleset.yml"
RULE_KEYS = (
    "id",
    "fact",
    "kind",
    "description",
    "dimension",
    "recent",
    "event_cues",
    "modality",
    "date_rule",
    "moment",
    "ahead",
    "units",
    "hedges",
    "categories",
    "patterns",
    "examples",
)
MANIFEST_KEYS = (
    "id",
    "description",
    "timezone",
    "other_event",
    "future_event",
    "sources",
    "places",
    "subjects",
    "roles",
    "units",
)
UNIT_KEYS = (
    "define",
    "dimension",
    "short",
    "words",
    "before",
    "range",
    "shown_as",
    "why",
)
UNIT_NAME_RE = re_compile(r"^[a-z][a-z0-9_]*$")
EXAMPLE_KEYS = ("text", "expect", "published", "timezone")
MAX_RULE_BYTES = 1024 * 1024
ID_RE = re_compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
BLOCK_RE = re_compile(r"\{([A-Za-z_]\w*)\}")
# A pattern that starts with a figure block (after lookarounds): extraction
# finds the block's matches once per article and tries the pattern only there.
_LEADING_BLOCK = re_compile(
    r"^(?:\\b|\(\?<?[!=](?:[^()]|\([^()]*\))*\))*\{(quantity|count)\}"
)


class _Collector:
    """Gathers errors so that one run reports every problem in a rule set."""

    def __init__(self) -> None:
        self.errors: list[RuleError] = []

    def add(self, location: Location, message: str) -> None:
        self.errors.append(RuleError(location, message))


def _loc(path: str, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def _lexicon_places() -> tuple[Alias, ...]:
    from launchcheck.lexicon import lexicon

    return tuple(Alias(p.name, p.phrases) for p in lexicon().places)


def shipped_rules_dir() -> Path:
    """The rule files that ship inside the package."""
    return Path(str(package_data("rules")))


def load_ruleset(dirs: list[Path] | None = None, *, replace: bool = False) -> RuleSet:
    """Load the shipped rules, then each folder in ``dirs`` over them.

    A rule in a later folder replaces the rule with the same id; with
    ``replace`` the shipped rules are not loaded at all.
    """
    folders = ([] if replace else [shipped_rules_dir()]) + list(dirs or [])
    errors = _Collector()
    rules: dict[str, Rule] = {}
    manifest: dict[str, object] = {}
    seen_in: dict[str, str] = {}
    listed = []
    for folder in folders:
        files = _rule_files(folder)
        if not files:
            errors.add(Location(str(folder)), "no rule files (*.yml, *.yaml) in folder")
        listed.append(files)
    # Manifests first: the units a rule set defines are known to every rule.
    for files in listed:
        for path in files:
            if path.name == MANIFEST:
                found = _parse_manifest(str(path), _read(path), errors)
                units = manifest.get("unit_defs", ())
                found["unit_defs"] = (*units, *found.get("unit_defs", ()))  # type: ignore[misc]
                manifest.update(found)
    unit_defs: tuple[UnitDef, ...] = tuple(manifest.get("unit_defs", ()))  # type: ignore[arg-type]
    extra = tuple(d.unit for d in unit_defs)
    for files in listed:
        local: dict[str, str] = {}
        for path in files:
            if path.name == MANIFEST:
                continue
            rule = _parse_rule(str(path), _read(path), errors, extra)
            if rule is None:
                continue
            if rule.rule_id in local:
                also = f"(also in {local[rule.rule_id]})"
                errors.add(rule.location, f"duplicate rule id {rule.rule_id!r} {also}")
                continue
            local[rule.rule_id] = str(path)
            seen_in[rule.rule_id] = str(path)
            rules[rule.rule_id] = rule
    for rule in rules.values():
        target = rules.get(rule.date_rule)
        if rule.date_rule and (target is None or target.kind is not Kind.DATE):
            errors.add(
                rule.where("date_rule"),
                f"date_rule {rule.date_rule!r} is not a date rule",
            )
    if not rules and not errors.errors:
        where = str(folders[-1]) if folders else "rules"
        errors.add(Location(where), "no rule files (*.yml) found")
    if errors.errors:
        raise RuleErrors(errors.errors)
    return RuleSet(
        ruleset_id=str(manifest.get("id", "custom")),
        rules=tuple(sorted(rules.values(), key=lambda r: r.rule_id)),
        timezone=str(manifest.get("timezone", "")),
        other_event=tuple(manifest.get("other_event", ())),  # type: ignore[arg-type]
        future_event=tuple(manifest.get("future_event", ())),  # type: ignore[arg-type]
        sources=tuple(manifest.get("sources", ())),  # type: ignore[arg-type]
        # The lexicon's gazetteer first, then the places the rule set adds.
        places=_lexicon_places() + tuple(manifest.get("places", ())),  # type: ignore[arg-type]
        subjects=tuple(manifest.get("subjects", ())),  # type: ignore[arg-type]
        roles=tuple(manifest.get("roles", ())),  # type: ignore[arg-type]
        paths=tuple(sorted(seen_in.values())),
        unit_defs=unit_defs,
    )


def _rule_files(folder: Path) -> list[Path]:
    """The rule files a ``--rules`` argument names: one file, or a folder's."""
    where = Location(str(folder))
    try:
        if not folder.exists():
            raise RuleError(where, "no such rules folder")
        if folder.is_file():
            return [folder]
        if not folder.is_dir():
            raise RuleError(where, "not a rules folder or file (device, FIFO?)")
        return sorted(
            p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file()
        )
    except OSError as err:
        raise RuleError(where, f"cannot read folder: {err.strerror or err}") from None


def _read(path: Path) -> str:
    """A rule file's text: UTF-8 (a BOM is allowed), at most 1 MB, else located."""
    where = Location(str(path))
    try:
        if path.stat().st_size > MAX_RULE_BYTES:
            raise RuleError(where, "rule file is over 1 MB")
        with path.open("rb") as handle:
            data = handle.read(MAX_RULE_BYTES + 1)
    except OSError as err:
        raise RuleError(where, f"cannot read: {err.strerror or err}") from None
    if len(data) > MAX_RULE_BYTES:
        raise RuleError(where, "rule file is over 1 MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raw = bytes(err.object)  # without the BOM, which err.start counts from
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        col = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        raise RuleError(
            Location(str(path), raw.count(b"\n", 0, err.start) + 1, col),
            f"not UTF-8 (byte 0x{raw[err.start]:02x}): rule files must be UTF-8",
        ) from None


def compose(path: str, text: str) -> yaml.Node | None:
    """Parse YAML into nodes, refusing aliases, foreign tags, deep nesting, bad syntax.

    The event stream is scanned first, so an alias bomb, a ``!!python/object``
    tag or thousands of nested brackets never reach the (recursive) composer.
    Nothing is ever constructed from a tag: only ``SafeLoader`` nodes are used.
    """
    import yaml

    try:
        guard_events(
            text,
            lambda mark: Location(path, mark.line + 1, mark.column + 1),
            RuleError,
            "rule files",
        )
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = (
            Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        )
        problem = err.problem or err.context or "invalid YAML"
        if err.context and err.context_mark and err.problem:
            problem += f" ({err.context} at line {err.context_mark.line + 1})"
        raise RuleError(where, f"malformed YAML: {problem}") from None
    except yaml.reader.ReaderError as err:  # a control character: no mark, a position
        line = text.count("\n", 0, err.position) + 1
        col = err.position - text.rfind("\n", 0, err.position)
        raise RuleError(
            Location(path, line, col),
            f"malformed YAML: character #x{err.character:04x} is not allowed",
        ) from None
    except yaml.YAMLError as err:
        raise RuleError(Location(path), f"malformed YAML: {err}") from None


def _mapping(
    path: str, node: yaml.Node, allowed: tuple[str, ...], errors: _Collector, what: str
) -> dict[str, yaml.Node]:
    """Check a mapping node: no duplicate or unknown keys; keys must be strings."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        errors.add(_loc(path, node), f"{what} must be a mapping")
        return {}
    out: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            errors.add(_loc(path, key_node), f"{what}: keys must be plain strings")
            continue
        if key in out:
            errors.add(_loc(path, key_node), f"duplicate key {key!r}")
            continue
        if key not in allowed:
            import difflib  # only for a suggestion

            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            errors.add(_loc(path, key_node), f"unknown key {key!r} in {what}{hint}")
            continue
        out[key] = value_node
    return out


def _scalar(
    path: str, node: yaml.Node | None, errors: _Collector, what: str
) -> str | None:
    import yaml

    if node is None:
        return None
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        errors.add(_loc(path, node), f"{what} must be a string")
        return None
    return str(node.value)


def _strings(
    path: str, node: yaml.Node | None, errors: _Collector, what: str
) -> list[tuple[str, Location]]:
    import yaml

    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode) and node.tag == f"{YAML_TAG}str":
        return [(str(node.value), _loc(path, node))]
    if not isinstance(node, yaml.SequenceNode):
        shown = f", not {node.value!r}" if isinstance(node, yaml.ScalarNode) else ""
        errors.add(_loc(path, node), f"{what} must be a list of strings{shown}")
        return []
    out = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and item.tag != f"{YAML_TAG}str":
            errors.add(
                _loc(path, item),
                f"each entry of {what} must be a string, not {item.value!r} (quote it)",
            )
            continue
        value = _scalar(path, item, errors, f"each entry of {what}")
        if value is not None:
            out.append((value, _loc(path, item)))
    return out


def _parse_rule(
    path: str, text: str, errors: _Collector, extra: tuple[Unit, ...] = ()
) -> Rule | None:
    try:
        root = compose(path, text)
    except RuleError as err:
        errors.errors.append(err)
        return None
    if root is None:
        errors.add(Location(path, 1), "empty rule file")
        return None
    n_before = len(errors.errors)
    fields = _mapping(path, root, RULE_KEYS, errors, "a rule")
    for key in ("id", "kind", "patterns"):
        if key not in fields and isinstance(root, __import__("yaml").MappingNode):
            errors.add(_loc(path, root), f"rule needs {key!r}")
    rule_id = _scalar(path, fields.get("id"), errors, "id") or ""
    stem = Path(path).stem
    if rule_id and not ID_RE.match(rule_id):
        errors.add(_loc(path, fields["id"]), f"id {rule_id!r} must be kebab-case")
    elif rule_id and rule_id != stem:
        errors.add(
            _loc(path, fields["id"]), f"id {rule_id!r} differs from file name {stem!r}"
        )
    kind_text = _scalar(path, fields.get("kind"), errors, "kind")
    kind = None
    if kind_text is not None:
        try:
            kind = Kind(kind_text)
        except ValueError:
            names = ", ".join(k.value for k in Kind)
            errors.add(
                _loc(path, fields["kind"]),
                f"unknown kind {kind_text!r} (one of {names})",
            )
    dimension = _scalar(path, fields.get("dimension"), errors, "dimension") or ""
    event_cues = _flag(path, fields, "event_cues", errors)
    modality = _flag(path, fields, "modality", errors)
    # A date rule whose days are still to come (an election in a pre-election paper).
    ahead = "ahead" in fields and _flag(path, fields, "ahead", errors)
    recent = 0
    recent_text = _scalar(path, fields.get("recent"), errors, "recent")
    if recent_text is not None:
        if recent_text.isdigit() and kind is Kind.DATE:
            recent = int(recent_text)
        else:
            errors.add(
                _loc(path, fields["recent"]),
                "recent must be a whole number of days, on a date rule",
            )
    moment = _scalar(path, fields.get("moment"), errors, "moment") or ""
    if moment:
        names = [m.value for m in Moment if m not in (Moment.UNKNOWN, Moment.STAMP)]
        if moment not in names:
            errors.add(
                _loc(path, fields["moment"]),
                f"unknown moment {moment!r} (one of {', '.join(names)})",
            )
        elif kind not in (Kind.DATE, Kind.TIME, Kind.QUANTITY):
            # A quantity rule may name the moment it measures: the time after
            # liftoff of a separation, the altitude at one.
            errors.add(
                _loc(path, fields["moment"]),
                "moment is for date, time and quantity rules",
            )
    if kind is Kind.QUANTITY and not dimension and "dimension" not in fields:
        errors.add(_loc(path, root), "kind 'quantity' needs 'dimension'")
    categories = _categories(path, fields.get("categories"), errors)
    if kind in (Kind.CATEGORY, Kind.NAME) and not categories:
        errors.add(_loc(path, root), "kind 'category' needs 'categories'")
    category_alt = "|".join(f"(?:{p})" for c in categories for p in c.phrases)
    patterns = []
    for source, where in _strings(path, fields.get("patterns"), errors, "patterns"):
        pattern = compile_pattern(
            source,
            where,
            kind.value if kind else "",
            dimension,
            category_alt,
            errors,
            extra,
        )
        if pattern is not None:
            patterns.append(pattern)
    if "patterns" in fields and not patterns and len(errors.errors) == n_before:
        errors.add(_loc(path, fields["patterns"]), "rule needs at least one pattern")
    examples = _examples(path, fields.get("examples"), errors, kind)
    if len(errors.errors) > n_before or kind is None:
        return None
    return Rule(
        rule_id=rule_id,
        fact=_scalar(path, fields.get("fact"), errors, "fact") or rule_id,
        kind=kind,
        description=_scalar(path, fields.get("description"), errors, "description")
        or "",
        patterns=tuple(patterns),
        examples=tuple(examples),
        location=_loc(path, root),
        dimension=dimension,
        recent=recent,
        event_cues=event_cues,
        modality=modality,
        ahead=ahead,
        date_rule=_scalar(path, fields.get("date_rule"), errors, "date_rule") or "",
        moment=moment,
        units=tuple(u for u, _ in _strings(path, fields.get("units"), errors, "units")),
        hedges=tuple(
            h for h, _ in _strings(path, fields.get("hedges"), errors, "hedges")
        ),
        categories=tuple(categories),
        field_locations=tuple((k, _loc(path, v)) for k, v in fields.items()),
        unit_defs=extra,
    )


def _flag(
    path: str, fields: dict[str, yaml.Node], key: str, errors: _Collector
) -> bool:
    """A true/false rule field (true when absent); anything else is an error."""
    text = _scalar(path, fields.get(key), errors, key)
    if text is None:
        return True
    if text.lower() not in ("true", "false", "yes", "no", "on", "off"):
        errors.add(_loc(path, fields[key]), f"{key} must be true or false")
    return text.lower() in ("true", "yes", "on")


def _categories(
    path: str, node: yaml.Node | None, errors: _Collector, what: str = "categories"
) -> list[Category]:
    import yaml

    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        errors.add(_loc(path, node), f"{what} must map each label to its phrases")
        return []
    out = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        label = _scalar(path, key_node, errors, "a category label")
        if label is None:
            continue
        if label in seen:
            errors.add(_loc(path, key_node), f"duplicate key {label!r}")
            continue
        seen.add(label)
        phrases = []
        for phrase, where in _strings(path, value_node, errors, f"category {label!r}"):
            if _check_regex(phrase, where, errors):
                phrases.append(phrase)
        out.append(Category(label, tuple(phrases)))
    return out


def _examples(
    path: str, node: yaml.Node | None, errors: _Collector, kind: Kind | None = None
) -> list[Example]:
    import yaml

    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        errors.add(_loc(path, node), "examples must be a list")
        return []
    out = []
    for item in node.value:
        fields = _mapping(path, item, EXAMPLE_KEYS, errors, "an example")
        text = _scalar(path, fields.get("text"), errors, "example text")
        if text is None:
            if fields or isinstance(item, yaml.MappingNode):
                errors.add(_loc(path, item), "example needs 'text'")
            continue
        expect_node = fields.get("expect")
        expect: tuple[tuple[str, object], ...] | None
        if expect_node is None or (
            isinstance(expect_node, yaml.ScalarNode)
            and expect_node.value in ("none", "", "null", "~")
        ):
            expect = None
        else:
            try:
                data = yaml.safe_load(yaml.serialize(expect_node))
            except ValueError as err:  # a timestamp like 2024-13-45
                errors.add(_loc(path, expect_node), f"expect: invalid value ({err})")
                continue
            if not isinstance(data, dict):
                errors.add(
                    _loc(path, expect_node), "expect must be 'none' or a mapping"
                )
                continue
            if kind is not None and _unchecked_fields(path, expect_node, kind, errors):
                continue
            expect = tuple((str(k), v) for k, v in data.items())
        settings = tuple(
            (key, value)
            for key in ("published", "timezone")
            if key in fields
            and (value := _scalar(path, fields[key], errors, key)) is not None
        )
        if _bad_day(dict(settings).get("published")):
            errors.add(_loc(path, fields["published"]), "published: not YYYY-MM-DD")
            continue
        out.append(Example(text, expect, _loc(path, item), settings))
    return out


def _unchecked_fields(
    path: str, node: yaml.Node, kind: Kind, errors: _Collector
) -> bool:
    """Report ``expect:`` fields a rule of this kind cannot check; True if any."""
    import yaml

    fields = KINDS[kind].expect_fields
    bad = False
    if not isinstance(node, yaml.MappingNode):
        return False
    for key_node, _ in node.value:
        key = str(key_node.value)
        if key not in fields:
            import difflib  # only for a suggestion

            near = difflib.get_close_matches(key, fields, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            errors.add(
                _loc(path, key_node),
                f"expect field {key!r} cannot be checked on a {kind.value} rule"
                f" ({hint}fields: {', '.join(fields)})",
            )
            bad = True
    return bad


def _bad_day(text: str | None) -> bool:
    """Whether an example's ``published`` is given but is no ISO date."""
    import datetime as dt

    if text is None:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return True
    return False


def _check_regex(source: str, where: Location, errors: _Collector) -> bool:
    import regex

    why = bounds.problem(source, what="phrase")
    if why:
        errors.add(where, why)
        return False
    try:
        regex.compile(source, regex.IGNORECASE)
    except regex.error as err:
        errors.add(where, f"invalid regex: {err}")
        return False
    return True


def spaces_to_whitespace(source: str) -> str:
    r"""Let a plain space in a pattern match any run of whitespace.

    Article text wraps lines and HTML leaves odd spacing; authors should not
    have to write ``\\s+`` between every word. Spaces inside ``[...]`` and
    escaped spaces keep their literal meaning.
    """
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            out.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if source[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif ch == " ":
            while i + 1 < len(source) and source[i + 1] == " ":
                i += 1
            out.append(r"\s+")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def compile_pattern(
    source: str,
    where: Location,
    kind: str,
    dimension: str,
    category_alt: str,
    errors: _Collector,
    extra: tuple[Unit, ...] = (),
) -> Pattern | None:
    """Expand ``{blocks}``, compile, and check the groups the kind needs."""
    import regex

    table = blocks(kind, dimension, category_alt, extra)
    unknown = [m.group(1) for m in BLOCK_RE.finditer(source) if m.group(1) not in table]
    if unknown:
        known = ", ".join(sorted(table))
        errors.add(where, f"unknown block {{{unknown[0]}}} (known: {known})")
        return None
    misfit = _misfit_block(source, kind)
    if misfit:
        errors.add(where, f"{misfit[0]} at position {misfit[1] + 1} of the pattern")
        return None
    # Before anything is compiled: the size it would take, and empty matches.
    why = bounds.problem(source, table)
    if why:
        errors.add(where, why)
        return None
    # Compile the pattern as written first (blocks stubbed, same length), so
    # an error's position points into it, not into the expanded blocks.
    stub = BLOCK_RE.sub(lambda m: "x" * len(m.group(0)), source)
    try:
        regex.compile(stub, regex.IGNORECASE)
    except regex.error as err:
        at = f" at position {err.pos + 1} of the pattern" if err.pos is not None else ""
        errors.add(where, f"invalid regex: {err.msg}{at}")
        return None
    expanded = BLOCK_RE.sub(lambda m: table[m.group(1)], spaces_to_whitespace(source))
    try:
        compiled = regex.compile(expanded, regex.IGNORECASE)
    except regex.error as err:
        errors.add(where, f"invalid regex once blocks are expanded: {err.msg}")
        return None
    for group in _groups(kind):
        if group not in compiled.groupindex:
            errors.add(
                where, f"kind {kind!r} needs group {group!r} (or a block that has it)"
            )
            return None
    lead = _LEADING_BLOCK.match(source)
    anchor = table[lead.group(1)] if lead else ""
    used = tuple((n, table[n]) for n in dict.fromkeys(BLOCK_RE.findall(source)))
    return Pattern(source, expanded, where, anchor, used)


def _groups(kind: str) -> tuple[str, ...]:
    """The named groups every pattern of a kind must have (none for cue lists)."""
    for entry in KINDS.values():
        if entry.kind.value == kind:
            return entry.groups
    return ()


def _misfit_block(source: str, kind: str) -> tuple[str, int] | None:
    """A block whose value is not of the rule's kind, and its offset in the pattern.

    ``{quantity}`` in a count rule would read "5 km" as a count; ``{date}``
    in a quantity rule has no figure. Cue lists (no kind) may use any block.
    """
    entry = next((k for k in KINDS.values() if k.kind.value == kind), None)
    if entry is None:
        return None
    for m in BLOCK_RE.finditer(source):
        if m.group(1) not in entry.blocks:
            fits = ", ".join(f"{{{b}}}" for b in entry.value_blocks)
            return (
                f"block {{{m.group(1)}}} does not fit a {kind} rule"
                f" (its value blocks: {fits})",
                m.start(),
            )
    return None


def _parse_manifest(path: str, text: str, errors: _Collector) -> dict[str, object]:
    try:
        root = compose(path, text)
    except RuleError as err:
        errors.errors.append(err)
        return {}
    if root is None:
        return {}
    fields = _mapping(path, root, MANIFEST_KEYS, errors, "the rule set manifest")
    out: dict[str, object] = {}
    for key in ("id", "description", "timezone"):
        value = _scalar(path, fields.get(key), errors, key)
        if value is not None:
            out[key] = value
    if out.get("timezone") and not _is_zone(str(out["timezone"])):
        # Checked here, where its line is known (normalize.validate has none).
        errors.add(
            _loc(path, fields["timezone"]),
            f"unknown time zone {out.pop('timezone')!r} (use an IANA name)",
        )
    cues = []
    for source, where in _strings(
        path, fields.get("other_event"), errors, "other_event"
    ):
        pattern = compile_pattern(source, where, "", "", "", errors)
        if pattern is not None:
            cues.append(pattern)
    out["other_event"] = tuple(cues)
    future = []
    for source, where in _strings(
        path, fields.get("future_event"), errors, "future_event"
    ):
        pattern = compile_pattern(source, where, "", "", "", errors)
        if pattern is not None:
            future.append(pattern)
    out["future_event"] = tuple(future)
    for key in ("sources", "places"):
        out[key] = tuple(_aliases(path, fields.get(key), errors, key))
    out["subjects"] = tuple(_subjects(path, fields.get("subjects"), errors))
    out["roles"] = tuple(_roles(path, fields.get("roles"), errors))
    out["unit_defs"] = tuple(_units(path, fields.get("units"), errors))
    return out


def _units(path: str, node: yaml.Node | None, errors: _Collector) -> list[UnitDef]:
    """Units a rule set adds: name → define, dimension, short, words (as the lexicon).

    The shape is checked here; what pint makes of ``define`` (and that the
    unit has its ``dimension``) is checked by ``normalize.validate``.
    """
    import yaml

    from launchcheck.lexicon import lexicon, unit_of

    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        errors.add(_loc(path, node), "units must map each unit name to its entry")
        return []
    known = {w.lower(): u.name for u in lexicon().units for w in u.words}
    names = {u.name for u in lexicon().units}
    out = []
    for key_node, value_node in node.value:
        name = _scalar(path, key_node, errors, "a unit name")
        if name is None:
            continue
        where = _loc(path, key_node)
        if not UNIT_NAME_RE.match(name):
            errors.add(where, f"unit name {name!r} must be lower_snake_case")
            continue
        if name in names:
            errors.add(where, f"unit {name!r} is already in the lexicon")
            continue
        n_before = len(errors.errors)
        fields = _mapping(path, value_node, UNIT_KEYS, errors, f"unit {name!r}")
        entry: dict[str, object] = {}
        for key in ("define", "dimension", "short", "shown_as", "why"):
            value = _scalar(path, fields.get(key), errors, key)
            if value is not None:
                entry[key] = value
        for key in ("define", "dimension", "short", "words"):
            if key not in fields and isinstance(value_node, yaml.MappingNode):
                errors.add(where, f"unit {name!r} needs {key!r}")
        words = _strings(path, fields.get("words"), errors, "words")
        for word, at in words:
            if word.lower() in known:
                errors.add(at, f"unit word {word!r} is already {known[word.lower()]!r}")
            known[word.lower()] = name
        entry["words"] = [w for w, _ in words]
        define = str(entry.get("define", ""))
        if define and define.split("=", 1)[0].strip() != name:
            errors.add(
                _loc(path, fields["define"]),
                f"define must start with '{name} = ...' (a pint definition line)",
            )
        dimension = str(entry.get("dimension", ""))
        if dimension and not re.fullmatch(r"\[[a-z_]+\]", dimension):
            errors.add(
                _loc(path, fields["dimension"]),
                f"dimension {dimension!r} must look like '[length]'",
            )
        if "before" in fields:
            entry["before"] = _flag(path, fields, "before", errors)
        if "range" in fields:
            ends = fields["range"]
            try:
                if not isinstance(ends, yaml.SequenceNode):
                    raise ValueError
                low, high = (float(v.value) for v in ends.value)
                if not 0 < low <= high:
                    raise ValueError
                entry["range"] = (low, high)
            except ValueError:
                errors.add(
                    _loc(path, fields["range"]),
                    "range must be two numbers in base units, low then high",
                )
        if len(errors.errors) > n_before:
            continue
        loc = _loc(path, fields["define"]) if "define" in fields else where
        out.append(UnitDef(unit_of(name, entry), loc))
    return out


def _is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _roles(path: str, node: yaml.Node | None, errors: _Collector) -> list[Role]:
    """Office → list of {name, from, to}: who held which office when."""
    import datetime as dt

    import yaml

    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        errors.add(_loc(path, node), "roles must map each office to its holders")
        return []
    out = []
    for key_node, value_node in node.value:
        office = _scalar(path, key_node, errors, "an office")
        if office is None:
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            errors.add(_loc(path, value_node), f"office {office!r}: a list of holders")
            continue
        for item in value_node.value:
            fields = _mapping(
                path, item, ("name", "from", "to"), errors, "a role holder"
            )
            name = _scalar(path, fields.get("name"), errors, "name")
            days = {}
            for key in ("from", "to"):
                text = _scalar(path, fields.get(key), errors, key)
                if text is None:
                    continue
                try:
                    days[key] = dt.date.fromisoformat(text)
                except ValueError:
                    errors.add(
                        _loc(path, fields[key]), f"{key}: {text!r} is not YYYY-MM-DD"
                    )
            if name is None or "from" not in days:
                errors.add(_loc(path, item), "a role holder needs 'name' and 'from'")
                continue
            out.append(
                Role(office, name, days["from"], days.get("to"), _loc(path, item))
            )
    return out


def _subjects(
    path: str, node: yaml.Node | None, errors: _Collector
) -> list[tuple[str, tuple[Alias, ...]]]:
    """Families of names (missile classes, vehicles): family → label → phrases."""
    import yaml

    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        errors.add(_loc(path, node), "subjects must map each family to its names")
        return []
    out = []
    for key_node, value_node in node.value:
        family = _scalar(path, key_node, errors, "a subject family")
        if family is not None:
            out.append((family, tuple(_aliases(path, value_node, errors, family))))
    return out


def _aliases(
    path: str, node: yaml.Node | None, errors: _Collector, what: str
) -> list[Alias]:
    return (
        [
            Alias(c.label, tuple(spaces_to_whitespace(p) for p in c.phrases))
            for c in _categories(path, node, errors, what)
        ]
        if node is not None
        else []
    )
