"""The check of one story, as every engine runs it in its workers.

``check_story`` reads a story (``batch_source.load_story``), checks and settles
it exactly as ``check`` does (``pipeline.check_articles`` then
``pipeline.settle``), and returns its findings already serialized as JSON
Lines records, so the process that collects results only writes them.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from launchcheck.batch_source import load_story
from launchcheck.config import DEFAULT_FAIL_ON
from launchcheck.errors import LaunchcheckError
from launchcheck.load import parse_article
from launchcheck.pipeline import Options, check_articles, settle
from launchcheck.report.common import GENERATOR
from launchcheck.report.json import VERSION, dumps, finding_dict

if TYPE_CHECKING:
    from launchcheck.batch_source import StoryTask
    from launchcheck.model import Verdict
    from launchcheck.ruleset.schema import RuleSet


@dataclass(frozen=True, slots=True)
class StorySettings:
    """What every story of a run is checked with; sent once to each worker.

    ``options`` as for ``check``; ``fail_on`` the verdicts that fail a story
    (a config file's ``fail_on``, by default contradictions and sources that
    disagree).
    """

    options: Options = field(default_factory=Options)
    fail_on: tuple[Verdict, ...] = DEFAULT_FAIL_ON


def record_head(kind: str, ruleset_id: str) -> dict[str, Any]:
    """The fields every JSON Lines record starts with (as ``report.jsonl``)."""
    return {
        "type": kind,
        "version": VERSION,
        "generator": GENERATOR,
        "ruleset": ruleset_id,
    }


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What one story produced: JSONL finding lines and counts, or an error.

    ``lines`` are serialized already (in the worker), so the process that
    collects results only writes them. ``counts`` holds (fact, verdict, n).
    """

    key: str
    articles: int = 0
    lines: tuple[str, ...] = ()
    counts: tuple[tuple[str, str, int], ...] = ()
    failing: int = 0
    error: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """True when the story could not be checked (its findings are missing)."""
        return bool(self.error)

    @property
    def findings(self) -> int:
        """How many findings the story has."""
        return len(self.lines)


def failure(key: str, error: str, seconds: float = 0.0) -> StoryResult:
    """The result of a story that could not be checked."""
    return StoryResult(key=key, error=error, seconds=seconds)


WARM_UP = (
    "North Korea fired an intercontinental ballistic missile at 7:10 a.m. local time"
    " on Thursday, Oct. 31, 2024. It climbed to an altitude of about 7,000 kilometers"
    " (4,350 miles), flew for 86 minutes and covered some 1,000 km, weeks before the"
    " U.S. presidential election. About 10,000 troops have been sent to Russia.\n"
)


def warm_up(ruleset: RuleSet, options: Options) -> None:
    """Check two small articles once, so every pattern and table is loaded.

    Run in the parent before workers fork, it lets them inherit compiled
    patterns and loaded unit and date tables instead of each building its own
    on its first story (which would also count against the story's timeout).
    """
    articles = [
        parse_article(f"warm-up-{n}.txt", WARM_UP.replace("86", str(86 + n)).encode())
        for n in range(2)
    ]
    check_articles(articles, ruleset, options)


def check_story(
    task: StoryTask, ruleset: RuleSet, settings: StorySettings
) -> StoryResult:
    """Check one story; every error becomes a failed result, never an exception.

    This is what every engine runs in its workers. The story's own event zone
    (``event_timezone`` in an archive) wins over ``options.timezone``.
    """
    start = time.perf_counter()
    options = settings.options
    try:
        articles, raw = load_story(task, max_bytes=options.max_bytes)
        if task.event_timezone:
            options = replace(options, timezone=task.event_timezone)
        report = check_articles(articles, ruleset, options)
        report = settle(report, settings.fail_on, raw)
    except LaunchcheckError as err:
        return failure(task.key, str(err), time.perf_counter() - start)
    except Exception as err:  # a bug must cost one story, not the whole run
        return failure(
            task.key,
            f"{task.key}: internal error: {type(err).__name__}: {err}",
            time.perf_counter() - start,
        )
    lines = []
    counts: Counter[tuple[str, str]] = Counter()
    head = record_head("finding", report.ruleset_id) | {"story": task.key}
    for finding in report.findings:
        data = head | finding_dict(finding, report)
        lines.append(dumps(data))
        counts[data["fact"], data["verdict"]] += 1
    return StoryResult(
        key=task.key,
        articles=len(articles),
        lines=tuple(lines),
        counts=tuple((f, v, n) for (f, v), n in sorted(counts.items())),
        failing=len(report.failing),
        seconds=time.perf_counter() - start,
    )
