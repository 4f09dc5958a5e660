"""Engines that map ``check_story`` over stories: local processes, or Dask.

Both pull tasks lazily and keep a bounded number in flight, so memory does
not grow with the archive. Both turn a story that fails in any way (an error,
a worker that dies, a story over its time limit) into a failed result and go
on. Results reach ``on_result`` in the calling process as stories finish;
``on_tick`` is called at least every ``TICK`` seconds (progress display).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from launchcheck.batch import StoryResult, check_story, failure, warm_up

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from launchcheck.batch import StorySettings
    from launchcheck.batch_source import StoryTask
    from launchcheck.ruleset.schema import RuleSet

    Work = Callable[[StoryTask, RuleSet, StorySettings], StoryResult]

TICK = 0.5  # seconds between progress updates while waiting for workers


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """How stories are spread: ``jobs`` workers, per-story ``timeout`` (0: none).

    ``scheduler`` is a Dask scheduler address (``tcp://host:8786``); without
    it the Dask engine starts a ``LocalCluster`` of ``jobs`` workers, in
    threads of this process when ``processes`` is False.
    """

    jobs: int = 1
    timeout: float = 0.0
    scheduler: str = ""
    processes: bool = True


def default_jobs() -> int:
    """All the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _worker_main(
    conn: Any, ruleset: RuleSet, story: StorySettings, work: Work, parent: int
) -> None:
    """A worker: receive a task, send its result, until told to stop.

    It also stops when its parent is gone (killed without cleaning up): other
    workers hold copies of the pipe, so end-of-file alone would not tell.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return
                continue
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(work(task, ruleset, story))


@dataclass
class _Slot:
    """One worker process and the story it is checking (if any)."""

    process: Any
    conn: Any
    task: StoryTask | None = None
    started: float = 0.0


def _context() -> Any:
    """Fork where it exists (workers inherit the compiled rule set), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_local(
    tasks: Iterator[StoryTask],
    ruleset: RuleSet,
    story: StorySettings,
    settings: EngineSettings,
    on_result: Callable[[StoryResult], None],
    on_tick: Callable[[], None] = lambda: None,
    work: Work = check_story,
) -> None:
    """Check every story in ``jobs`` worker processes, one story per worker at a time.

    A worker that dies or runs past the timeout is killed and replaced; its
    story is reported as failed. The parent holds no threads, so forking a
    replacement worker mid-run is safe. Where workers are forked, the parent
    warms the pipeline up first and they inherit it; elsewhere (spawn) each
    worker's first story also loads the patterns and tables.
    """
    from multiprocessing.connection import wait

    ctx = _context()
    if ctx.get_start_method() == "fork":
        warm_up(ruleset, story.options)  # workers inherit what it loads

    def spawn() -> _Slot:
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=_worker_main,
            args=(child, ruleset, story, work, os.getpid()),
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    slots = [spawn() for _ in range(max(1, settings.jobs))]
    pending = iter(tasks)
    exhausted = False
    try:
        while True:
            for slot in slots:
                if slot.task is None and not exhausted:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    slot.task, slot.started = task, time.monotonic()
                    with contextlib.suppress(OSError):  # a dead worker: collected below
                        slot.conn.send(task)
            busy = [s for s in slots if s.task is not None]
            if not busy:
                return
            ready = set(wait(_waitables(busy), timeout=_wait_for(busy, settings)))
            for i, slot in enumerate(slots):
                if slot.task is None:
                    continue
                collected = _collect(slot, ready, settings)
                if collected is None:
                    continue
                result, lost = collected
                if lost:
                    _stop(slot)
                    slots[i] = spawn()
                else:
                    slot.task = None
                on_result(result)
            on_tick()
    finally:
        for slot in slots:
            _stop(slot)


def _waitables(busy: list[_Slot]) -> list[Any]:
    return [s.conn for s in busy] + [s.process.sentinel for s in busy]


def _wait_for(busy: list[_Slot], settings: EngineSettings) -> float:
    """Seconds until the next tick or the first deadline, whichever is sooner."""
    if not settings.timeout:
        return TICK
    now = time.monotonic()
    first = min(s.started + settings.timeout for s in busy)
    return max(0.0, min(TICK, first - now))


def _collect(
    slot: _Slot, ready: set[Any], settings: EngineSettings
) -> tuple[StoryResult, bool] | None:
    """The slot's result if it has one, a failure if its worker died or overran.

    The flag is True when the worker is lost (dead or killed) and must be replaced.
    """
    assert slot.task is not None
    key = slot.task.key
    elapsed = time.monotonic() - slot.started
    if slot.conn in ready or slot.conn.poll():
        try:
            return slot.conn.recv(), False
        except (EOFError, OSError):
            pass  # the worker died: see below
    if slot.process.sentinel in ready or not slot.process.is_alive():
        slot.process.join(1)
        code = slot.process.exitcode
        how = (
            f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        )
        return failure(key, f"{key}: worker died ({how})", elapsed), True
    if settings.timeout and elapsed >= settings.timeout:
        slot.process.kill()
        return failure(
            key, f"{key}: timed out after {settings.timeout:g} s", elapsed
        ), True
    return None


def _stop(slot: _Slot) -> None:
    """End a worker: ask politely if idle, kill it if busy."""
    process = slot.process
    if process.is_alive():
        if slot.task is None:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
            process.join(2)
        if process.is_alive():
            process.kill()
    process.join()
    slot.conn.close()


def run_dask(
    tasks: Iterator[StoryTask],
    ruleset: RuleSet,
    story: StorySettings,
    settings: EngineSettings,
    on_result: Callable[[StoryResult], None],
    on_tick: Callable[[], None] = lambda: None,
    work: Work = check_story,
) -> None:
    """Map ``work`` over the stories as Dask futures, a bounded number at a time.

    The rule set is scattered once to every worker. Dask retries a task whose
    worker died; past its retries (``KilledWorker``) the story fails. A story
    past ``timeout`` seconds since submission is cancelled and fails; a task
    already running on a worker thread cannot be interrupted, only abandoned.
    """
    import logging

    from distributed import Client, LocalCluster
    from distributed import wait as wait_futures

    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, settings.jobs),
            threads_per_worker=1,
            processes=settings.processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        threads = sum(client.nthreads().values()) or 1
        limit = 2 * threads
        shared = client.scatter(ruleset, broadcast=True)
        pending: dict[Any, tuple[StoryTask, float]] = {}
        source = iter(tasks)
        while True:
            while len(pending) < limit:
                task = next(source, None)
                if task is None:
                    break
                future = client.submit(work, task, shared, story, pure=False)
                pending[future] = (task, time.monotonic())
            if not pending:
                return
            try:
                done = wait_futures(
                    list(pending), timeout=TICK, return_when="FIRST_COMPLETED"
                ).done
            except TimeoutError:
                done = set()
            for future in done:
                task, started = pending.pop(future)
                on_result(_dask_result(future, task, started))
            if settings.timeout:
                now = time.monotonic()
                for future, (task, started) in list(pending.items()):
                    if now - started >= settings.timeout:
                        del pending[future]
                        future.cancel()
                        on_result(
                            failure(
                                task.key,
                                f"{task.key}: timed out after {settings.timeout:g} s",
                                now - started,
                            )
                        )
            on_tick()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_result(future: Any, task: StoryTask, started: float) -> StoryResult:
    """A finished future's result; a lost or erred task as a failed story."""
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception as err:
        name = type(err).__name__
        return failure(
            task.key, f"{task.key}: {name}: {err}", time.monotonic() - started
        )


ENGINES = {"local": run_local, "dask": run_dask}
