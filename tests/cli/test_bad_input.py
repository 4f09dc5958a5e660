"""Bad input never crashes and never loses data: the matrix of docs/bad-input.md.

Every refusal is exit code 2 with exactly one line on stderr that names the
file (with line and column where the problem has one), and never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from launchcheck import cli
from launchcheck.cli import app
from launchcheck.errors import LaunchcheckError

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()

APOGEE_KM = "It reached an altitude of approximately 7,000 kilometers, they said.\n"
APOGEE_MI = "The missile climbed to an altitude of 4,350 miles, the ministry said.\n"


def run(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def refused(result, name: str | Path, *, located: bool = False) -> str:
    """Exit 2, one stderr line naming ``name`` (at line:col if ``located``)."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    err = result.stderr
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(name) in lines[0], lines[0]
    if located:
        assert re.search(rf"{re.escape(str(name))}:\d+:\d+: \S", lines[0]), lines[0]
    return lines[0]


def report(result) -> dict:
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return json.loads(result.stdout)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ── Articles ────────────────────────────────────────────────────────────────


def test_missing_path(tmp_path):
    """A path that does not exist is named, not a traceback."""
    missing = tmp_path / "nope.txt"
    assert "no such file" in refused(run("check", missing), missing)


def test_folder_without_articles(tmp_path):
    """A folder with no .txt/.md/.html files is an error, not an empty report."""
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert "no articles" in refused(run("check", tmp_path), tmp_path)


def test_unreadable_file(tmp_path):
    """A file without read permission is named (skipped where root reads anyway)."""
    path = write(tmp_path / "secret.txt", APOGEE_KM)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        assert "permission denied" in refused(run("check", path), path)
    finally:
        path.chmod(0o644)


def test_binary_file_with_nul_bytes(tmp_path):
    """NUL bytes mark a binary file."""
    path = tmp_path / "data.txt"
    path.write_bytes(b"launch\x00\x01\x02 apogee")
    assert "binary" in refused(run("check", path), path)


def test_png_named_as_article(tmp_path):
    """A PNG saved as .html is refused as binary."""
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in refused(run("check", path), path)


def test_utf16_with_bom_is_read(tmp_path):
    """UTF-16 with a BOM is decoded and checked like UTF-8."""
    a = tmp_path / "a.txt"
    a.write_bytes(APOGEE_KM.encode("utf-16"))
    b = write(tmp_path / "b.txt", APOGEE_MI)
    found = report(run("check", a, b, "--format", "json"))
    apogee = [f for f in found["findings"] if f["fact"] == "apogee"]
    paths = {c["path"] for f in apogee for c in f["claims"]}
    assert str(a) in paths and str(b) in paths


def test_latin1_is_refused_at_its_line(tmp_path):
    """Latin-1 is not guessed: the first non-UTF-8 byte is named by line and column."""
    path = tmp_path / "cafe.txt"
    path.write_bytes("Intro line.\nCaf\xe9 owners saw the launch.\n".encode("latin-1"))
    line = refused(run("check", path), path, located=True)
    assert f"{path}:2:4:" in line and "UTF-8" in line


def test_invalid_utf8_names_line(tmp_path):
    """Invalid UTF-8 bytes are reported at their line."""
    path = tmp_path / "broken.md"
    path.write_bytes(b"line one\nline two\nbad \xff\xfe bytes\n")
    assert f"{path}:3:5:" in refused(run("check", path), path, located=True)


def test_empty_file(tmp_path):
    """An empty file is not a silently empty article."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in refused(run("check", path), path)


def test_whitespace_only_file(tmp_path):
    """Whitespace only is as empty as nothing."""
    path = write(tmp_path / "blank.md", "  \n\n\t \r\n")
    assert "empty" in refused(run("check", path), path)


def test_50mb_file_refused_quickly(tmp_path):
    """Over the 1 MB limit: refused from its size, before reading a byte."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant to create
    result = run("check", path, "--only-rules", "--rules", _rules(tmp_path))
    line = refused(result, path)
    assert "50.0 MB" in line and "1 MB limit" in line


def test_5mb_single_line_refused_by_the_size_limit(tmp_path):
    """A 5 MB one-line 'article' is over the 1 MB limit: one line, exit 2.

    (How fast the refusal comes is measured in benchmarks/worst_cases.py, never
    asserted here: a loaded machine would fail a timed test for no fault.)
    """
    words = "the officials said on Monday that a report from the ministry was due "
    path = write(tmp_path / "long.txt", words * (5 * 1024 * 1024 // len(words)))
    line = refused(run("check", path), path)
    assert "over the 1 MB limit" in line


@pytest.mark.parametrize(
    "sentence",
    [
        "the officials said on Monday that a report from the ministry was due ",
        "It reached an altitude of 4,350 miles on Monday, officials said. ",
    ],
    ids=["prose", "dense-claims"],
)
def test_line_just_under_the_limit_finishes(tmp_path, sentence):
    """A 0.9 MB single line, plain or packed with claims, is checked in bounded time."""
    path = write(tmp_path / "long.txt", sentence * (900 * 1024 // len(sentence)))
    result = run("check", path)
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr


FRONT_MATTER = {
    "bad-yaml": ("---\npublished: [2024\n---\n", ":3:1:", "malformed front matter"),
    "unknown-key": ("---\npublisher: X\n---\n", ":2:1:", "did you mean 'published'"),
    "bad-date": ("---\npublished: 2024-13-45\n---\n", ":2:12:", "not a valid date"),
    "not-a-date": ("---\npublished: yesterday\n---\n", ":2:12:", "not a valid date"),
    "bad-zone": ("---\ntimezone: Mars/Olympus\n---\n", ":2:11:", "unknown time zone"),
    "never-closed": ("---\npublished: 2024-10-31\n", ":1:1:", "never closed"),
    "list-value": ("---\noutlet: [a, b]\n---\n", ":2:9:", "one value"),
    "duplicate": ("---\noutlet: A\noutlet: B\n---\n", ":3:1:", "duplicate"),
    "python-tag": ("---\nurl: !!python/object:os.system {}\n---\n", ":2:6:", "tag"),
    "alias": ("---\ntitle: &t x\nauthor: *t\n---\n", ":3:9:", "aliases"),
    "deep": ("---\ntitle: " + "[" * 5000 + "\n---\n", ":2:", "nested too deeply"),
}


@pytest.mark.parametrize("case", list(FRONT_MATTER))
def test_malformed_front_matter(tmp_path, case):
    """Each front-matter mistake is reported at file:line:col."""
    head, where, words = FRONT_MATTER[case]
    path = write(tmp_path / "story.md", head + APOGEE_KM)
    line = refused(run("check", path), path, located=True)
    assert f"{path}{where}" in line and words in line, line


def test_deeply_nested_html_works(tmp_path):
    """10,000 nested <div>s are read, and the fact inside is found."""
    page = "<div>" * 10_000 + f"<p>{APOGEE_KM}</p>" + "</div>" * 10_000
    path = write(tmp_path / "deep.html", f"<html><body>{page}</body></html>")
    other = write(tmp_path / "other.txt", APOGEE_MI)
    found = report(run("check", path, other, "--format", "json"))
    assert any(f["fact"] == "apogee" for f in found["findings"])


def test_unclosed_html_tags_work(tmp_path):
    """Unclosed tags and a stray marked section still leave the visible text."""
    page = f"<html><body><div><p>{APOGEE_KM}<p>More <b>text<![foo[ x <div><span>"
    path = write(tmp_path / "open.html", page)
    found = report(run("check", path, "--format", "json"))
    assert found["articles"][0]["path"] == str(path)


def test_pathological_html_is_fast(tmp_path):
    """A page of 1,000,000 '</' (quadratic in html.parser) finishes in seconds."""
    path = write(tmp_path / "slashes.html", "<p>" + "</" * 500_000)
    result = run("check", path, "--only", "apogee")
    assert result.exit_code in (0, 1), result.stderr


def test_symlink_loop_in_batch_folder(tmp_path):
    """A folder symlinked to its parent neither hangs the walk nor hides articles."""
    story = tmp_path / "story"
    (story / "sub").mkdir(parents=True)
    write(story / "a.txt", APOGEE_KM)
    write(story / "sub" / "b.md", APOGEE_MI)
    (story / "sub" / "up").symlink_to("..")
    (story / "self").symlink_to(story)
    found = report(run("check", story, "--format", "json"))
    assert sorted(a["path"] for a in found["articles"]) == [
        str(story / "a.txt"),
        str(story / "sub" / "b.md"),
    ]


def test_same_file_twice_read_once(tmp_path):
    """The same file named twice (and through a symlink) is one article."""
    path = write(tmp_path / "a.txt", APOGEE_KM)
    (tmp_path / "link.txt").symlink_to(path)
    same = (path, tmp_path / "." / "a.txt", tmp_path / "link.txt")
    found = report(run("check", *same, "--format", "json"))
    assert [a["path"] for a in found["articles"]] == [str(path)]


def test_fifo_is_refused_not_waited_on(tmp_path):
    """A FIFO named like an article is refused at once (reading it would block)."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = _launchcheck("check", fifo, timeout=60)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
    assert str(fifo) in proc.stderr and "Traceback" not in proc.stderr


def claims_of(found: dict, fact: str) -> list[dict]:
    return [c for f in found["findings"] if f["fact"] == fact for c in f["claims"]]


def test_declared_latin1_html_is_read(tmp_path):
    """<meta charset="ISO-8859-1"> is honoured (as windows-1252); columns in characters."""
    page = (
        '<html><head><meta charset="ISO-8859-1"></head><body>\n'
        "<p>Caf\xe9 talk: the missile climbed to an altitude of 4,350 miles, the"
        " ministry said.</p></body></html>\n"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("latin-1"))
    found = report(
        run("check", path, write(tmp_path / "a.txt", APOGEE_KM), "-f", "json")
    )
    claim = next(c for c in claims_of(found, "apogee") if c["path"] == str(path))
    assert (claim["line"], claim["column"]) == (
        2,
        page.split("\n")[1].index("4,350") + 1,
    )


def test_unknown_declared_charset_is_one_line(tmp_path):
    """A charset label no browser knows is refused at its <meta>, one line."""
    path = tmp_path / "page.html"
    path.write_bytes(b'<html>\n<meta charset="x-martian">\n<p>It flew 86 km.</p>\n')
    line = refused(run("check", path), path, located=True)
    assert line.startswith(f"{path}:2:1: declared charset 'x-martian' is not a known")


def test_lone_cr_line_ends(tmp_path):
    """Old Mac line ends: front matter is read and every claim has its own line."""
    path = tmp_path / "mac.md"
    path.write_bytes(
        b"---\rpublished: 2024-11-01\r---\rFirst line.\r" + APOGEE_MI.encode()
    )
    found = report(
        run("check", path, write(tmp_path / "a.txt", APOGEE_KM), "-f", "json")
    )
    assert {"path": str(path), "published": "2024-11-01", "outlet": None} in [
        {k: a.get(k) for k in ("path", "published", "outlet")}
        for a in found["articles"]
    ]
    claim = next(c for c in claims_of(found, "apogee") if c["path"] == str(path))
    assert (claim["line"], claim["column"]) == (5, APOGEE_MI.index("4,350") + 1)


def test_zero_width_space_inside_a_number(tmp_path):
    """ "4,<ZWSP>350 miles" is 4,350 miles (no false contradiction), at its column."""
    text = APOGEE_MI.replace("4,350", "4,\u200b350")
    found = report(
        run(
            "check",
            write(tmp_path / "a.txt", APOGEE_KM),
            write(tmp_path / "b.txt", text),
            "-f",
            "json",
        )
    )
    assert {f["verdict"] for f in found["findings"] if f["fact"] == "apogee"} == {
        "surface-only"
    }
    claim = next(c for c in claims_of(found, "apogee") if c["path"].endswith("b.txt"))
    assert claim["text"] == "4,350 miles"
    assert claim["column"] == text.index("4,") + 1


def test_hidden_html_is_not_compared(tmp_path):
    """A figure in a hidden element (or a superscript after digits) is not read."""
    page = (
        "<html><body><p>The missile climbed to an altitude of 4,350 miles, the"
        " ministry said.</p>\n<div hidden><p>It reached an altitude of 9,000 miles,"
        " they said.</p></div>\n<p style='display:none'>It reached an altitude of"
        " 12,000 miles.</p>\n<p>A range of 10<sup>3</sup> km was mentioned.</p>"
        "</body></html>\n"
    )
    found = report(
        run(
            "check",
            write(tmp_path / "a.txt", APOGEE_KM),
            write(tmp_path / "p.html", page),
            "-f",
            "json",
        )
    )
    texts = [c["text"] for f in found["findings"] for c in f["claims"]]
    assert not any("9,000" in t or "12,000" in t or "103" in t for t in texts), texts
    assert "contradiction" not in {f["verdict"] for f in found["findings"]}


def test_symlinked_file_out_of_the_folder_is_not_read(tmp_path):
    """A link to a file outside the folder given is not followed (a key, /proc…)."""
    story = tmp_path / "story"
    story.mkdir()
    write(story / "a.txt", APOGEE_KM)
    secret = write(tmp_path / "secret.txt", "The secret altitude of 9 miles.\n")
    (story / "leak.txt").symlink_to(secret)
    found = report(run("check", story, "--format", "json"))
    assert [a["path"] for a in found["articles"]] == [str(story / "a.txt")]


def test_reports_in_a_checked_folder_are_not_articles(tmp_path):
    """A report launchcheck wrote beside the articles is not read back next time."""
    story = tmp_path / "story"
    story.mkdir()
    write(story / "a.txt", APOGEE_KM)
    write(story / "b.md", APOGEE_MI)
    write(story / "report.md", "<!-- generated by launchcheck -->\n" + APOGEE_MI)
    write(
        story / "report.html",
        '<html><head><meta name="generator" content="launchcheck"></head>'
        f"<body><p>{APOGEE_MI}</p></body></html>",
    )
    found = report(run("check", story, "--format", "json"))
    assert sorted(a["path"] for a in found["articles"]) == [
        str(story / "a.txt"),
        str(story / "b.md"),
    ]


# ── Rules ───────────────────────────────────────────────────────────────────

GOOD_RULE = """\
id: thrust
kind: count
patterns:
  - 'thrust of {count}'
"""


def _rules(tmp_path: Path, text: str = GOOD_RULE, name: str = "thrust.yml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def check_with_rules(tmp_path: Path, rules: Path, *extra: str):
    article = write(tmp_path / "a.txt", APOGEE_KM)
    return run("check", article, "--rules", rules, *extra)


RULE_CASES = {
    "unbounded-repeat": (
        "id: thrust\nkind: count\npatterns:\n  - 'x{4294967294}{count}'\n",
        ":4:5:",
        "pattern would compile to",
    ),
    "empty-match": (
        "id: thrust\nkind: count\npatterns:\n  - '(?:thrust of {count})?'\n",
        ":4:5:",
        "pattern can match the empty string",
    ),
    "malformed-yaml": (
        "id: thrust\nkind: count\npatterns: [ 'thrust of {count}'\n",
        ":4:1:",
        "malformed YAML",
    ),
    "duplicate-key": (
        "id: thrust\nkind: count\nkind: count\npatterns: ['thrust of {count}']\n",
        ":3:1:",
        "duplicate key 'kind'",
    ),
    "unknown-key": (
        GOOD_RULE + "descripton: typo\n",
        ":5:1:",
        "did you mean 'description'",
    ),
    "wrong-type": (
        "id: thrust\nkind: count\npatterns: 5\n",
        ":3:11:",
        "patterns must be a list of strings, not '5'",
    ),
    "unknown-kind": (
        "id: thrust\nkind: velocity\npatterns: ['thrust of {count}']\n",
        ":2:7:",
        "unknown kind 'velocity'",
    ),
    "unknown-dimension": (
        'id: thrust\nkind: quantity\ndimension: "[furlongs]"\n'
        "patterns: ['thrust of {quantity}']\n",
        ":3:12:",
        "unknown dimension",
    ),
    "unknown-unit": (
        'id: thrust\nkind: quantity\ndimension: "[length]"\nunits: [km, parsecz]\n'
        "patterns: ['thrust of {quantity}']\n",
        ":4:8:",
        "unknown unit 'parsecz'",
    ),
    "invalid-regex": (
        GOOD_RULE + "  - 'thrust (of {count}'\n",
        ":5:5:",
        "invalid regex: missing ) at position 19",
    ),
    "python-tag": (
        GOOD_RULE + "description: !!python/object/apply:os.system ['true']\n",
        ":5:14:",
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    "deep-nesting": (GOOD_RULE + "units: " + "[" * 5000 + "\n", ":5:", "too deeply"),
}


@pytest.mark.parametrize("case", list(RULE_CASES))
def test_broken_rule_file(tmp_path, case):
    """Each rule-file mistake is one line at the rule file's line and column."""
    text, where, words = RULE_CASES[case]
    rules = _rules(tmp_path, text)
    line = refused(check_with_rules(tmp_path, rules), rules / "thrust.yml")
    assert f"thrust.yml{where}" in line and words in line, line


def test_catastrophic_regex_stops_in_seconds(tmp_path):
    """'(a+)+$' on 'aaaa…!' hits the per-pattern timeout: the run goes on, and a
    note on stderr names the rule's file:line and the article."""
    redos = "id: thrust\nkind: count\npatterns:\n  - '(?P<value>(a+)+)$'\n"
    rules = _rules(tmp_path, redos)
    article = write(tmp_path / "a.txt", "a" * 5000 + "!\n")
    result = run("check", article, "--rules", rules, "--only-rules")
    assert result.exit_code == 0, result.stderr
    assert f"{rules / 'thrust.yml'}:4:5:" in result.stderr
    assert "backtracking" in result.stderr and "a.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_catastrophic_regex_in_rules_test_is_a_located_error(tmp_path):
    """`rules test` on the same rule still fails with the rule's file:line, exit 2."""
    redos = (
        "id: thrust\nkind: count\npatterns:\n  - '(?P<value>(a+)+)$'\n"
        "examples:\n  - text: '" + "a" * 3000 + "!'\n    expect: none\n"
    )
    rules = _rules(tmp_path, redos)
    result = run("rules", "test", "--rules", rules, "--only-rules")
    assert result.exit_code in (1, 2), result.stderr
    assert "Traceback" not in result.stderr


def test_yaml_alias_bomb_refused_quickly(tmp_path):
    """Billion laughs: refused at its first alias, long before any expansion."""
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    rules = _rules(tmp_path, "\n".join(levels) + "\n")
    line = refused(check_with_rules(tmp_path, rules), rules / "thrust.yml")
    assert "thrust.yml:2:8:" in line and "aliases" in line


def test_duplicate_rule_ids_in_one_folder(tmp_path):
    """thrust.yml and thrust.yaml in one folder: the duplicate id is named."""
    rules = _rules(tmp_path)
    (rules / "thrust.yaml").write_text(GOOD_RULE, encoding="utf-8")
    line = refused(check_with_rules(tmp_path, rules), rules)
    assert "duplicate rule id 'thrust'" in line


def test_empty_rules_folder(tmp_path):
    """An empty --rules folder is an error, with or without the shipped rules."""
    rules = tmp_path / "rules"
    rules.mkdir()
    assert "no rule files" in refused(check_with_rules(tmp_path, rules), rules)
    result = check_with_rules(tmp_path, rules, "--only-rules")
    assert "no rule files" in refused(result, rules)


def test_rule_file_not_utf8(tmp_path):
    """A Latin-1 rule file is named at the line of its first bad byte."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "thrust.yml").write_bytes(
        (GOOD_RULE + "description: caf\xe9\n").encode("latin-1")
    )
    line = refused(check_with_rules(tmp_path, rules), rules / "thrust.yml")
    assert "thrust.yml:5:17:" in line and "UTF-8" in line


def test_missing_rules_folder(tmp_path):
    """--rules naming nothing is an error, not the shipped rules alone."""
    rules = tmp_path / "nowhere"
    assert "no such rules folder" in refused(check_with_rules(tmp_path, rules), rules)


# ── Output ──────────────────────────────────────────────────────────────────


def test_output_onto_input_refused(tmp_path):
    """-o naming an input (directly or inside an input folder) never touches it."""
    story = tmp_path / "story"
    story.mkdir()
    a = write(story / "a.txt", APOGEE_KM)
    before = a.read_bytes()
    for args in ((a,), (story,)):
        result = run("check", *args, "--format", "json", "--output", a)
        assert "refusing to overwrite" in refused(result, a)
        assert a.read_bytes() == before
    assert sorted(p.name for p in story.iterdir()) == ["a.txt"]


def test_output_onto_rule_file_refused(tmp_path):
    """-o naming one of the --rules files is refused; the rule is unchanged."""
    rules = _rules(tmp_path)
    rule = rules / "thrust.yml"
    result = check_with_rules(tmp_path, rules, "--output", rule)
    assert "rule file" in refused(result, rule)
    assert rule.read_text(encoding="utf-8") == GOOD_RULE


def test_output_into_missing_folder(tmp_path):
    """-o into a folder that does not exist: exit 2, nothing created."""
    article = write(tmp_path / "a.txt", APOGEE_KM)
    target = tmp_path / "missing" / "report.json"
    assert "does not exist" in refused(run("check", article, "-o", target), target)
    assert not target.parent.exists()


def test_interrupted_write_keeps_previous_report(tmp_path):
    """A writer that dies halfway leaves the old report and no temporary file."""
    target = write(tmp_path / "report.json", '{"old": true}\n')

    def dies_midway(out) -> None:
        out.write('{"new": ')
        out.flush()
        raise RuntimeError("writer crashed")

    with pytest.raises(RuntimeError):
        cli._write_atomic(target, dies_midway)
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_failed_write_is_one_error_and_no_temp(tmp_path):
    """An OSError while writing (disk full) is a LaunchcheckError naming the file."""
    target = write(tmp_path / "report.json", "old\n")

    def disk_full(out) -> None:
        out.write("partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(LaunchcheckError, match="No space left"):
        cli._write_atomic(target, disk_full)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_unwritable_folder_is_one_error(tmp_path, monkeypatch):
    """When no temporary file can be made there, the error names the report."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(LaunchcheckError, match=r"report\.json: cannot write report"):
        cli._write_atomic(tmp_path / "report.json", lambda out: None)


def test_report_keeps_mode_of_previous_file(tmp_path):
    """A rewritten report keeps its mode, not the 0600 of a temporary file."""
    target = write(tmp_path / "report.json", "old\n")
    target.chmod(0o640)
    cli._write_atomic(target, lambda out: out.write("new\n"))
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640


# ── Flags ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--format", "nosuch", "unknown format 'nosuch'"),
        ("--published", "notadate", "'notadate' is not a date"),
        ("--timezone", "Not/AZone", "unknown time zone 'Not/AZone'"),
        ("--timezone", "America", "unknown time zone 'America'"),
        ("--timezone", "", "empty time zone"),
    ],
)
def test_bad_flag_value(tmp_path, flag, value, words):
    """A bad flag value is one line naming the flag."""
    article = write(tmp_path / "a.txt", APOGEE_KM)
    line = refused(run("check", article, flag, value), flag)
    assert words in line


def test_control_characters_in_names_stay_on_one_line(tmp_path):
    """A newline in a file name is escaped, so the error stays one line."""
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    line = refused(run("check", path), str(path).replace("\n", "\\n"))
    assert "empty" in line


# ── The real entry point ────────────────────────────────────────────────────


def _launchcheck(*args: str | Path, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "launchcheck", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "LAUNCHCHECK_DEBUG": ""},
    )


def test_entry_point_prints_one_line_not_traceback(tmp_path):
    """Through `python -m launchcheck`: a broken article is one line, exit 2."""
    path = write(tmp_path / "story.md", "---\npublished: 2024-13-45\n---\nBody.\n")
    proc = _launchcheck("check", path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"{path}:2:12: published: '2024-13-45' is not a valid date"
        " (YYYY-MM-DD or an ISO 8601 date-time)"
    )
