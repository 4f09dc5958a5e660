"""The compiled-pattern disk cache: hits, keys, atomic private writes, and trust."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import stat
from typing import TYPE_CHECKING

import pytest
import regex

from launchcheck import patterncache
from launchcheck.patterncache import cache_folder, cache_key, compiled_patterns

if TYPE_CHECKING:
    from pathlib import Path

TEXTS = [r"\b(?P<value>\d+) ?km\b", r"\bapogee of (?P<value>\d[\d,]*)", r"\bfired\b"]
FLAGS = regex.IGNORECASE


def only_file(folder: Path) -> Path:
    (path,) = folder.glob("patterns-*.pickle")
    return path


def poison(path: Path) -> None:
    """Replace a cache file's patterns by ones that would match anything."""
    fake = {t: regex.compile(".*", FLAGS) for t in TEXTS}
    path.write_bytes(pickle.dumps(fake))


def test_second_call_loads_the_same_patterns(tmp_path: Path) -> None:
    """The first call writes the cache, the second loads patterns that match alike."""
    first = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    path = only_file(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    assert second is not first and set(second) == set(TEXTS)
    for text in TEXTS:
        assert second[text].pattern == text and second[text].flags == first[text].flags
    assert second[TEXTS[1]].search("an Apogee of 7,000").group("value") == "7,000"
    assert not list(tmp_path.glob("*.tmp"))


def test_cache_is_really_read(tmp_path: Path) -> None:
    """A hit returns what the file holds (checked by planting a different pattern set)."""
    compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    path = only_file(tmp_path)
    marker = {t: regex.compile(t, FLAGS | regex.MULTILINE) for t in TEXTS}
    path.write_bytes(pickle.dumps(marker))
    loaded = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    assert all(p.flags & regex.MULTILINE for p in loaded.values())


def test_key_covers_texts_flags_and_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any change of pattern text, flags, regex or Python version changes the key."""
    key = cache_key(TEXTS, FLAGS)
    assert key == cache_key(list(reversed(TEXTS)), FLAGS)
    assert key != cache_key([*TEXTS[:2], r"\bfired?\b"], FLAGS)
    assert key != cache_key(TEXTS, FLAGS | regex.MULTILINE)
    monkeypatch.setattr(regex, "__version__", "0.0.1")
    assert key != cache_key(TEXTS, FLAGS)
    monkeypatch.undo()
    monkeypatch.setattr(patterncache.sys, "version", "3.99.0")
    assert key != cache_key(TEXTS, FLAGS)


def test_file_of_another_user_is_never_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache file this user does not own is not unpickled (recompiled instead)."""
    compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    path = only_file(tmp_path)
    poison(path)
    owner = path.stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    fresh = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    assert fresh[TEXTS[2]].pattern == TEXTS[2]
    assert fresh[TEXTS[2]].search("nothing here") is None


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_file_writable_by_others_is_never_loaded(tmp_path: Path, mode: int) -> None:
    """Group- or world-writable cache files are not trusted."""
    compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    path = only_file(tmp_path)
    poison(path)
    path.chmod(mode)
    loaded = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    assert loaded[TEXTS[2]].search("nothing here") is None


def test_symlinked_cache_file_is_not_followed(tmp_path: Path) -> None:
    """A symlink in place of the cache file is not followed."""
    compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    path = only_file(tmp_path)
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    poison(elsewhere)
    elsewhere.chmod(0o600)
    path.symlink_to(elsewhere)
    loaded = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    assert loaded[TEXTS[2]].search("nothing here") is None


def test_trust_rules() -> None:
    """Owner, mode and file type all decide whether a file may be unpickled."""
    me = os.getuid()

    def info(mode: int, uid: int = me) -> os.stat_result:
        return os.stat_result((mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))

    assert patterncache.trusted(info(stat.S_IFREG | 0o600))
    assert patterncache.trusted(info(stat.S_IFREG | 0o644))
    assert not patterncache.trusted(info(stat.S_IFREG | 0o600, uid=me + 1))
    assert not patterncache.trusted(info(stat.S_IFREG | 0o660))
    assert not patterncache.trusted(info(stat.S_IFIFO | 0o600))


@pytest.mark.parametrize(
    "content", [b"", b"not a pickle", pickle.dumps(["a list"]), pickle.dumps({"x": 1})]
)
def test_corrupt_or_foreign_content_is_recompiled(
    tmp_path: Path, content: bytes
) -> None:
    """Anything but the expected patterns is ignored and the file rewritten."""
    compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    path = only_file(tmp_path)
    path.write_bytes(content)
    loaded = compiled_patterns(TEXTS, FLAGS, folder=tmp_path)
    assert set(loaded) == set(TEXTS)
    assert set(pickle.loads(path.read_bytes())) == set(TEXTS)


def test_unwritable_cache_is_skipped_silently(tmp_path: Path) -> None:
    """Where the cache cannot be written (a file in the way), patterns still compile."""
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    loaded = compiled_patterns(TEXTS, FLAGS, folder=blocker / "launchcheck")
    assert set(loaded) == set(TEXTS)


def test_bad_pattern_raises_like_regex(tmp_path: Path) -> None:
    """A pattern that does not compile raises regex.error, and nothing is cached."""
    with pytest.raises(regex.error):
        compiled_patterns(["(unclosed"], FLAGS, folder=tmp_path)
    assert not list(tmp_path.iterdir())


def test_cache_folder_follows_xdg() -> None:
    """XDG_CACHE_HOME when absolute, else ~/.cache."""
    assert cache_folder({"XDG_CACHE_HOME": "/var/cache/me"}).as_posix() == (
        "/var/cache/me/launchcheck"
    )
    home = cache_folder({"XDG_CACHE_HOME": "relative/dir"})
    assert home.parts[-2:] == (".cache", "launchcheck")


def _worker(folder: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from pathlib import Path

    loaded = compiled_patterns(TEXTS, FLAGS, folder=Path(folder))
    queue.put(sorted(p.pattern for p in loaded.values()))


def test_concurrent_workers_share_one_file(tmp_path: Path) -> None:
    """Workers racing to fill the cache all get whole, correct patterns."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(tmp_path), queue)) for _ in range(4)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(10)
    assert results == [sorted(TEXTS)] * 4
    assert len(list(tmp_path.glob("patterns-*.pickle"))) == 1
    assert not list(tmp_path.glob("*.tmp"))
    assert set(pickle.loads(only_file(tmp_path).read_bytes())) == set(TEXTS)


def test_old_files_are_pruned(tmp_path: Path) -> None:
    """Only the most recent cache files are kept (one per rule-set version)."""
    for i in range(patterncache.KEEP_FILES + 3):
        compiled_patterns([f"pattern{i}"], FLAGS, folder=tmp_path)
    assert len(list(tmp_path.glob("patterns-*.pickle"))) == patterncache.KEEP_FILES


def test_rule_set_comes_from_the_cache_the_second_time(tmp_path, monkeypatch):
    """A second load of unchanged rules unpickles the rule set and its patterns."""
    from launchcheck import patterncache
    from launchcheck.pipeline import Options, prepare_rules

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = prepare_rules(Options())
    stored = list((tmp_path / "launchcheck").glob("ruleset-*.pickle"))
    assert len(stored) == 1
    calls = []
    real = patterncache.load_object
    monkeypatch.setattr(
        patterncache, "load_object", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    second = prepare_rules(Options())
    assert calls and second == first


def test_a_changed_rule_file_is_not_served_from_the_cache(tmp_path, monkeypatch):
    """Editing a rule changes the key: the edited rule is loaded, not the old one."""
    from launchcheck.pipeline import Options, prepare_rules

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = rules / "thrust.yml"
    rule.write_text(
        "id: thrust\nkind: count\npatterns:\n  - '{count} engines'\n", encoding="utf-8"
    )
    first = prepare_rules(Options(rules_dirs=(rules,)))
    rule.write_text(
        "id: thrust\nkind: count\npatterns:\n  - '{count} motors'\n", encoding="utf-8"
    )
    second = prepare_rules(Options(rules_dirs=(rules,)))
    src = lambda rs: rs.rule("thrust").patterns[0].source  # noqa: E731
    assert src(first) != src(second) == "{count} motors"


def test_a_warm_check_never_imports_pint():
    """pint's answers for the rule set's units come with it from the cache."""
    import subprocess
    import sys
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "samples"
    code = (
        "import sys\n"
        "from launchcheck.cli import main\n"
        f"sys.argv = ['launchcheck', 'check', '--format', 'json', {str(samples)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('PINT=' + str('pint' in sys.modules))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        for _ in range(2)  # the first may be the one that fills the cache
    ]
    assert '"findings"' in runs[1].stdout
    assert runs[1].stderr.endswith("PINT=False"), runs[1].stderr[-300:]


def _counting_more(calls: list[int]):
    def more() -> list[str]:
        calls.append(1)
        return ["pint 1.0"]

    return more


def _settled(path: Path) -> float:
    """A clock reading far enough after ``path``'s last change to record it."""
    info = path.stat()
    return max(info.st_mtime_ns, info.st_ctime_ns) / 1e9 + 60


def test_files_key_is_taken_from_its_record_while_no_file_changes(tmp_path):
    """Unchanged files: the second key comes from the record, files unread."""
    rule = tmp_path / "a.yml"
    rule.write_text("id: a\n", encoding="utf-8")
    cache, calls = tmp_path / "cache", []
    files = [("a.yml", rule)]
    now = _settled(rule)
    first = patterncache.files_key(
        files, ["x"], _counting_more(calls), folder=cache, now=now
    )
    second = patterncache.files_key(
        files, ["x"], _counting_more(calls), folder=cache, now=now
    )
    assert first == second and len(first) == 64
    assert calls == [1]  # ``more`` (and the file contents) read once
    other = patterncache.files_key(files, ["y"], folder=cache, now=now)
    assert other != first


def test_a_file_rewritten_with_its_old_size_and_mtime_gets_a_new_key(tmp_path):
    """Same size, mtime set back: the change time still tells, never a stale key."""
    rule = tmp_path / "a.yml"
    rule.write_text("id: a\n", encoding="utf-8")
    cache = tmp_path / "cache"
    old = rule.stat()
    first = patterncache.files_key(
        [("a.yml", rule)], [], folder=cache, now=_settled(rule)
    )
    rule.write_text("id: b\n", encoding="utf-8")
    os.utime(rule, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert rule.stat().st_size == old.st_size
    assert rule.stat().st_mtime_ns == old.st_mtime_ns
    second = patterncache.files_key(
        [("a.yml", rule)], [], folder=cache, now=_settled(rule)
    )
    assert second != first


def test_a_file_changed_just_now_is_not_recorded(tmp_path):
    """Within SETTLE_SECONDS of a write, the contents are hashed on every run."""
    rule = tmp_path / "a.yml"
    rule.write_text("id: a\n", encoding="utf-8")
    cache, calls = tmp_path / "cache", []
    just_now = rule.stat().st_mtime_ns / 1e9 + 0.5
    for _ in range(2):
        patterncache.files_key(
            [("a.yml", rule)], [], _counting_more(calls), folder=cache, now=just_now
        )
    assert calls == [1, 1]
    assert not list(cache.glob("filekeys-*"))


def test_files_key_is_empty_for_a_missing_file(tmp_path):
    """A file that cannot be read gives no key: the run goes without the cache."""
    gone = tmp_path / "gone.yml"
    assert patterncache.files_key([("gone.yml", gone)], [], folder=tmp_path) == ""


RE_CASES = [
    (r"(?P<num>\d{1,3}(?:,\d{3})+)\s*(?P<unit>km|miles)\b", 0),
    (r"\b(?:apogee|altitude)\b", re.IGNORECASE),
    (rb"<meta[\s/][^>]*>?", re.IGNORECASE),
    (r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$", re.IGNORECASE | re.MULTILINE),
]


@pytest.mark.parametrize(("pattern", "flags"), RE_CASES)
def test_re_compile_gives_what_re_compile_gives(pattern, flags, tmp_path, monkeypatch):
    """Fresh or from the stored code, the pattern is the one ``re`` builds."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterncache, "_store_at_exit", lambda: None)
    patterncache._re_codes.cache_clear()
    want = re.compile(pattern, flags)
    fresh = patterncache.re_compile(pattern, flags)
    patterncache._store_re_codes()
    patterncache._re_codes.cache_clear()
    monkeypatch.setattr(patterncache, "_re_code", lambda *a: pytest.fail("parsed"))
    stored = patterncache.re_compile(pattern, flags)
    patterncache._re_codes.cache_clear()
    sample = "an apogee of 7,000 km, the 31st" if isinstance(pattern, str) else b""
    for got in (fresh, stored):
        assert (got.pattern, got.flags, got.groupindex) == (
            want.pattern,
            want.flags,
            want.groupindex,
        )
        assert [m.span() for m in got.finditer(sample)] == [
            m.span() for m in want.finditer(sample)
        ]


def test_re_compile_recompiles_when_the_stored_code_is_refused(tmp_path, monkeypatch):
    """Code ``_sre`` rejects (a corrupt or foreign file) falls back to ``re``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterncache, "_store_at_exit", lambda: None)
    patterncache._re_codes.cache_clear()
    codes = patterncache._re_codes()
    codes[("a+b", 0)] = (32, [999, 1, 2], 0, {}, (None,))
    try:
        got = patterncache.re_compile("a+b", 0)
        assert got.fullmatch("aab") and not got.fullmatch("b")
    finally:
        patterncache._re_codes.cache_clear()


def test_re_compile_raises_re_error_for_a_bad_pattern():
    """A pattern ``re`` refuses is refused the same way."""
    with pytest.raises(re.error):
        patterncache.re_compile(r"(unclosed", 0)


def test_a_warm_check_of_plain_text_imports_no_yaml_pint_dateparser_or_html(tmp_path):
    """Lexicon, rule set and unit answers come from the cache: no parser is loaded.

    (Nor the HTML reader, for articles that are not HTML.)
    """
    import subprocess
    import sys

    (tmp_path / "wire.txt").write_text(
        "The test rocket reached an apogee of about 700 km on Friday, March 7, 2025.\n",
        encoding="utf-8",
    )
    (tmp_path / "agency.txt").write_text(
        "Officials said the rocket climbed to 435 miles before it fell.\n",
        encoding="utf-8",
    )
    code = (
        "import runpy, sys\n"
        "sys.argv = ['launchcheck', 'check', '--format', 'json', '.']\n"
        "try:\n"
        "    runpy.run_module('launchcheck', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "seen = ('yaml', 'pint', 'dateparser', 'launchcheck.htmltext', 'html.parser')\n"
        "sys.stderr.write('LOADED=' + ','.join(m for m in seen if m in sys.modules))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,  # no .launchcheck.yaml above it
        )
        for _ in range(2)  # the first may be the one that fills the cache
    ]
    assert '"findings"' in runs[1].stdout
    assert runs[1].stderr.endswith("LOADED="), runs[1].stderr[-300:]
