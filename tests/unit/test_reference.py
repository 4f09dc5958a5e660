"""The README's reference tables are generated from the data and kept in sync."""

from pathlib import Path

from launchcheck.explain import BLOCK_HELP, reference_markdown
from launchcheck.kinds import KINDS
from launchcheck.lexicon import lexicon
from launchcheck.ruleset.blocks import blocks

README = Path(__file__).parents[2] / "README.md"


def test_readme_tables_match_the_lexicon_and_kinds():
    """The README between the reference markers is exactly what the data says."""
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- reference:begin -->\n") + len("<!-- reference:begin -->\n")
    end = text.index("<!-- reference:end -->")
    assert text[start:end] == reference_markdown(), (
        "README reference tables are stale: regenerate with"
        ' python -c "from launchcheck.explain import reference_markdown as r;'
        " print(r(), end='')\""
    )


def test_every_block_is_described_and_every_unit_listed():
    """Each block a rule can name has a description; each lexicon unit a row."""
    names = set(blocks("quantity", "[length]", "x"))
    assert names == set(BLOCK_HELP)
    table = reference_markdown()
    for unit in lexicon().units:
        assert f"| `{unit.name}` |" in table
    for entry in KINDS.values():
        assert f"| {entry.kind.value} |" in table
