"""Hypothesis budgets: a quick pass in every run, the long run only on request.

Tests marked ``fuzz`` are skipped unless ``-m fuzz`` is given or
``LAUNCHCHECK_FUZZ=1`` is set; then the ``fuzz`` profile is loaded, which
gives every property without its own ``max_examples`` a long budget. The
quick properties carry ``QUICK`` settings: fixed seeds (``derandomize``), so
the normal suite never flakes on a new random find; exploring is the long
run's job.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from newsgen import EXAMPLES

ENV = "LAUNCHCHECK_FUZZ"
HERE = Path(__file__).resolve().parent
_SPENT = {"s": 0.0}  # seconds spent in this folder's tests, for the summary
# Examples per fuzz-marked property in the long run (6 of them: 12,000 in all).
LONG_EXAMPLES = int(os.environ.get("LAUNCHCHECK_FUZZ_EXAMPLES", "2000"))
_LENIENT = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]

settings.register_profile(
    "launchcheck", deadline=None, derandomize=True, suppress_health_check=_LENIENT
)
settings.register_profile(
    "fuzz",
    max_examples=LONG_EXAMPLES,
    deadline=None,
    suppress_health_check=_LENIENT,
    print_blob=True,
)


def fuzz_enabled(config: pytest.Config) -> bool:
    """True when the long run was asked for (``-m fuzz`` or the environment)."""
    expr = config.getoption("markexpr", "") or ""
    return os.environ.get(ENV) == "1" or ("fuzz" in expr and "not fuzz" not in expr)


def pytest_configure(config: pytest.Config) -> None:
    if fuzz_enabled(config):
        settings.load_profile("fuzz")


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    if fuzz_enabled(config):
        return
    skip = pytest.mark.skip(reason=f"long fuzz run: use -m fuzz or {ENV}=1")
    for item in items:
        if item.get_closest_marker("fuzz") is not None:
            item.add_marker(skip)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    path = HERE.parents[1] / report.nodeid.split("::")[0]  # nodeids: from rootdir
    if report.when == "call" and path.parent == HERE:
        _SPENT["s"] += report.duration


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if EXAMPLES["count"]:
        terminalreporter.write_line(
            f"launchcheck fuzz: {EXAMPLES['count']:,} examples"
            f" in {_SPENT['s']:.0f} s (tests/fuzz)"
        )
