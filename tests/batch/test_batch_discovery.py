"""Finding stories: folders holding articles, and JSONL archives record by record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from batchkit import QUIET_TEXT, article, record, small_records, write_archive

from launchcheck.batch_source import StoryTask, iter_stories, load_story
from launchcheck.errors import InputError

MAX = 1024 * 1024


def keys(roots: list[Path]) -> list[str]:
    return [t.key for t in iter_stories(roots, max_bytes=MAX)]


def test_each_folder_holding_articles_is_a_story(tmp_path: Path) -> None:
    """Nested folders, the root itself and hidden folders are handled as documented."""
    (tmp_path / "2024" / "oct" / "icbm").mkdir(parents=True)
    (tmp_path / "2024" / "oct" / "icbm" / "a.txt").write_text(article())
    (tmp_path / "2024" / "oct" / "icbm" / "b.md").write_text(article())
    (tmp_path / "2024" / "nov").mkdir()
    (tmp_path / "2024" / "nov" / "notes.pdf").write_text("not an article")
    (tmp_path / "2024" / "h3").mkdir()
    (tmp_path / "2024" / "h3" / "page.html").write_text("<p>" + article() + "</p>")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(article())
    (tmp_path / "index.txt").write_text(article())
    root = tmp_path.as_posix()
    assert keys([tmp_path]) == [root, f"{root}/2024/h3", f"{root}/2024/oct/icbm"]
    (icbm,) = [
        t for t in iter_stories([tmp_path], max_bytes=MAX) if t.key.endswith("icbm")
    ]
    assert [Path(p).name for p in icbm.paths] == ["a.txt", "b.md"]
    assert not icbm.archive


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    """A root with no article anywhere is one clear error naming it."""
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no stories"):
        keys([tmp_path])


def test_missing_root_and_wrong_kind_of_file(tmp_path: Path) -> None:
    """A missing root, or a file that is not a .jsonl archive, is refused."""
    with pytest.raises(InputError, match="no such file"):
        keys([tmp_path / "nope"])
    (tmp_path / "a.txt").write_text(article())
    with pytest.raises(InputError, match=r"\.jsonl archive"):
        keys([tmp_path / "a.txt"])


def test_archive_stories_are_byte_ranges_not_texts(tmp_path: Path) -> None:
    """Tasks carry an offset and length into the archive; the worker reads the records."""
    archive = write_archive(tmp_path / "a.jsonl", small_records())
    tasks = list(iter_stories([archive], max_bytes=MAX))
    assert [t.key for t in tasks] == ["clash", "calm", "quiet"]
    assert all(not t.paths and t.archive == str(archive) for t in tasks)
    assert [t.first_line for t in tasks] == [1, 3, 5]
    assert tasks[0].event_timezone == "Asia/Pyongyang"
    articles, raw = load_story(tasks[0], max_bytes=MAX)
    assert raw == {}
    assert [a.path for a in articles] == ["clash/a.txt", "clash/b.txt"]
    assert articles[0].published == dt.date(2024, 10, 31)
    assert "4,000" in articles[1].text


def test_record_fields_reach_the_article(tmp_path: Path) -> None:
    """published, outlet, timezone and path are applied; no path means archive#line."""
    archive = write_archive(
        tmp_path / "a.jsonl",
        [
            record("s", article(), outlet="Namsan Wire", timezone="Asia/Seoul"),
            record("s", "<p>" + article() + "</p>", path="s/page.html"),
        ],
    )
    (task,) = iter_stories([archive], max_bytes=MAX)
    (first, page), _ = load_story(task, max_bytes=MAX)
    assert first.path == f"{archive}#L1"
    assert (first.outlet, first.zone) == ("Namsan Wire", "Asia/Seoul")
    assert "<p>" not in page.text  # read as HTML because of its path


def test_blank_lines_count_as_lines_not_records(tmp_path: Path) -> None:
    """A record's error names its file line and its record number."""
    lines = ["", json.dumps(record("s", article())), "", '{"story": "s", "text": 5}']
    archive = write_archive(tmp_path / "a.jsonl", lines)
    with pytest.raises(InputError) as err:
        keys([archive])
    assert str(err.value) == f"{archive}:4: record 2: 'text' must be a non-empty string"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"story": "s", "text": "x",}', r":1:28: record 1: not valid JSON"),
        ("[1, 2]", r":1: record 1: must be a JSON object"),
        ('{"story": "s", "text": "x", "date": "2024"}', r"unknown field 'date'"),
        ('{"text": "x"}', r"'story' must be a non-empty string"),
        ('{"story": "s", "text": "   "}', r"'text' must be a non-empty string"),
        ('{"story": "s", "text": "x", "published": "Oct 31"}', r"not an ISO 8601 date"),
        (
            '{"story": "s", "text": "x", "timezone": "Mars/Olympus"}',
            r"unknown time zone",
        ),
        ('{"story": "s", "text": "x", "event_timezone": "EST5"}', r"unknown time zone"),
        ('{"story": "s", "text": "x", "outlet": 7}', r"'outlet' must be a non-empty"),
    ],
)
def test_bad_record_is_located(tmp_path: Path, line: str, message: str) -> None:
    """Every kind of malformed record stops the run with its line and record number."""
    archive = write_archive(tmp_path / "a.jsonl", [line])
    with pytest.raises(InputError, match=message) as err:
        keys([archive])
    assert str(err.value).startswith(f"{archive}:1")


def test_non_utf8_record(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are located, not a traceback."""
    archive = tmp_path / "a.jsonl"
    archive.write_bytes(
        b'{"story": "s", "text": "ok"}\n{"story": "s", "text": "\xe9"}\n'
    )
    with pytest.raises(InputError, match=r":2: record 2: not UTF-8"):
        keys([archive])


def test_story_records_must_be_together(tmp_path: Path) -> None:
    """A story that resumes after another story is an error at that record."""
    archive = write_archive(
        tmp_path / "a.jsonl",
        [record("a", QUIET_TEXT), record("b", QUIET_TEXT), record("a", QUIET_TEXT)],
    )
    with pytest.raises(InputError, match=r":3: record 3: story 'a' continues after"):
        keys([archive])


def test_conflicting_event_zones_in_one_story(tmp_path: Path) -> None:
    """Two records of a story naming different event zones is an error."""
    archive = write_archive(
        tmp_path / "a.jsonl",
        [
            record("a", QUIET_TEXT, event_timezone="Asia/Seoul"),
            record("a", QUIET_TEXT, event_timezone="Asia/Tokyo"),
        ],
    )
    with pytest.raises(InputError, match=r":2: record 2: event_timezone 'Asia/Tokyo'"):
        keys([archive])


def test_duplicate_story_keys_across_roots(tmp_path: Path) -> None:
    """The same story key in two archives would make --resume ambiguous."""
    one = write_archive(tmp_path / "one.jsonl", [record("a", QUIET_TEXT)])
    two = write_archive(tmp_path / "two.jsonl", [record("a", QUIET_TEXT)])
    with pytest.raises(InputError, match="appears twice"):
        keys([one, two])


def test_repeated_path_in_a_story_fails_that_story(tmp_path: Path) -> None:
    """Two records with one path would merge their claims: the story is refused."""
    archive = write_archive(
        tmp_path / "a.jsonl",
        [record("a", QUIET_TEXT, path="x.txt"), record("a", QUIET_TEXT, path="x.txt")],
    )
    (task,) = iter_stories([archive], max_bytes=MAX)
    with pytest.raises(InputError, match=r":2: record 2: path 'x.txt' repeats"):
        load_story(task, max_bytes=MAX)


def test_oversized_record_fails_that_story(tmp_path: Path) -> None:
    """The one-article size limit applies to archive records too."""
    archive = write_archive(tmp_path / "a.jsonl", [record("a", QUIET_TEXT * 20)])
    (task,) = iter_stories([archive], max_bytes=MAX)
    with pytest.raises(InputError, match="size limit"):
        load_story(task, max_bytes=100)


def test_task_is_small_and_picklable() -> None:
    """What crosses to a worker is a few fields, never article text."""
    import pickle

    task = StoryTask(key="k", archive="/a.jsonl", offset=10, length=2000, first_line=3)
    assert len(pickle.dumps(task)) < 300
