"""People's names: one person across name orders, spellings and surnames alone.

"Yamada Taro" and "Taro Yamada" (family name first or last), "Oleksii" and
"Oleksiy" (two transliterations), "Shin Won-sik" and "Shin Won Sik" (a
hyphen or not) are one person; "Taro Yamada" and "Hanako Yamada" (two people
who share a family name) are not. The comparison is rapidfuzz's
``token_sort_ratio`` on names folded by ``utils.default_process`` (lower
case, punctuation and hyphens to spaces), so word order never counts and a
letter or two of spelling costs a few points.

``THRESHOLD`` was measured on made-up pairs in the shapes news writes names
(``tests/unit/test_names.py``): every full-name pair of one person scored at
least 87.5 (Aleksandr / Alexander Petrov; a middle initial 90.9;
Oleksii/Oleksiy 92.3, Sergei/Sergey 92.3, Antony/Anthony 96.0; orders and
hyphens 100), every pair of two people at most 81.8 (Kim Jong Un / Kim Yo
Jong; Kim Jong Un / Kim Jong Il 72.7, Taro / Hanako Yamada 75.0, Minoru
Kihara / Minoru Kiuchi 76.9). 85 sits in that gap, nearer the top so that a
stranger is never taken for the holder.

Short names need more than a score: "Park Jin" / "Park Jun" scores 87.5 and
"Wang Yi" / "Wang Yu" 85.7, yet they are two people. So the names, their
words sorted and joined, may also differ by at most one edit per five
letters (``edit_budget``), and by none below eight letters: a
transliteration changes a letter or two of a long name (Aleksandr /
Alexander: 3 edits in 15 letters), never a syllable of a short one.

rapidfuzz is imported inside the functions that need it, so start-up does
not pay for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from launchcheck.model import Category, Kind

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from launchcheck.model import Claim, Fact
    from launchcheck.ruleset.schema import Role

# Lowest token_sort_ratio (0-100) at which two full names are one person.
THRESHOLD = 85.0


def _tokens(name: str) -> list[str]:
    from rapidfuzz import utils

    return utils.default_process(name).split()


def same_person(a: str, b: str) -> bool:
    """True when two written names are one person.

    A lone name matches a full name whose first or last word it is (a
    surname written alone: "Austin" for "Lloyd Austin", "Yamada" for "Yamada
    Taro"); full names match at ``THRESHOLD`` or above, in any word order.
    """
    if a == b and any(c.isascii() and c.isalnum() for c in a):
        # One spelling folds to the same words, and an ASCII letter or digit
        # survives the folding: the answer below without importing rapidfuzz
        # (~15 ms of a cold start that checks names against the role table).
        return True
    from rapidfuzz import fuzz

    x, y = _tokens(a), _tokens(b)
    if not x or not y:
        return False
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        lone, full = (x, y) if len(x) == 1 else (y, x)
        return lone[0] in (full[0], full[-1])
    if fuzz.token_sort_ratio(" ".join(x), " ".join(y)) < THRESHOLD:
        return False
    from rapidfuzz.distance import Levenshtein

    a_key, b_key = "".join(sorted(x)), "".join(sorted(y))
    budget = edit_budget(min(len(a_key), len(b_key)))
    return Levenshtein.distance(a_key, b_key, score_cutoff=budget) <= budget


def edit_budget(letters: int) -> int:
    """Edits two spellings of one name may differ by: none under 8 letters, 1 per 5."""
    return 0 if letters < 8 else max(1, letters // 5)


def role_note(
    name: str, office: str, day: dt.date | None, roles: Sequence[Role]
) -> str:
    """Check a named office holder against the rule set's dated role table.

    Returns "" when the table has no holder of ``office`` on ``day`` or the
    name is one of them; else a sentence naming the holder on that day.
    """
    if day is None:
        return ""
    held = [r for r in roles if r.office.lower() == office.lower()]
    current = [r for r in held if r.start <= day and (r.end is None or day < r.end)]
    if not current or any(same_person(r.name, name) for r in current):
        return ""
    holder = current[0].name
    return f"{name} did not hold this office on {day.isoformat()}; {holder} did (role table)"


def _group(claim: Claim) -> tuple[object, ...]:
    return (claim.rule, claim.scope, claim.group)


def unify(facts: Sequence[Fact]) -> list[Fact]:
    """Give every name fact of one person (per office) the same label.

    Within one rule and scope (one office of one country), names that are
    the same person by ``same_person`` take the label of the group's first
    full name as written, so ``compare`` sees one value for one person and
    two for two people. A lone surname joins a full name only when exactly
    one full name in the group fits it. Facts of other kinds pass unchanged.
    """
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        if f.claim.kind is Kind.NAME and isinstance(f.value, Category):
            groups[_group(f.claim)].append(i)
    out = list(facts)
    for members in groups.values():
        labels: list[str] = []
        for i in members:
            value = facts[i].value
            assert isinstance(value, Category)
            if value.label not in labels:
                labels.append(value.label)
        if len(labels) == 1:
            continue  # one spelling: nothing to unify (and no rapidfuzz to load)
        full = [x for x in labels if len(_tokens(x)) > 1]
        canon: dict[str, str] = {}
        for label in full:
            canon[label] = next(
                (c for c in dict.fromkeys(canon.values()) if same_person(c, label)),
                label,
            )
        for label in labels:
            if label in canon:
                continue
            fits = {canon[f] for f in full if same_person(f, label)}
            canon[label] = fits.pop() if len(fits) == 1 else label
        for i in members:
            value = facts[i].value
            assert isinstance(value, Category)
            label = canon[value.label]
            if label != value.label:
                out[i] = replace(facts[i], value=replace(value, label=label))
    return out
