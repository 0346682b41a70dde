"""Analysis off the event loop: lanes of worker processes, fed with batches, latest revision wins.

Each lane is one worker process holding its own Coach and caches. A draft always goes to the same lane (by a
hash of its key), so its unchanged sentences hit that lane's cache. Inside a lane, requests wait in a dict
keyed by draft: a newer revision replaces the waiting one before any work is spent on it, and everything that
is waiting when the worker frees up goes over as one batch through `nlp.pipe`. That keeps queues bounded by
the number of drafts, not the number of keystrokes.

With `workers=0` the lane runs in a thread of this process (tests, small installs).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import zlib
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Hashable

from coach.nlp.analyzer import Hint
from coach.services.coach import Coach

_coach: Coach | None = None  # the worker's Coach (in a worker process, or this process when workers=0)


def _load(phrasebook_dir: str, base_model: str | None) -> dict[str, Any]:
    global _coach
    _coach = Coach.load(phrasebook_dir, base_model)
    return {"phrasebook_version": _coach.phrasebook_version, "model": _coach.model}


def _analyze(texts: list[str]) -> tuple[list[list[Hint]], dict[str, int]]:
    assert _coach is not None, "worker not loaded"
    return _coach.analyze_many(texts), _coach.cache_stats()


@dataclass
class _Job:
    text: str
    future: asyncio.Future


class _Lane:
    def __init__(self, executor: Executor, max_batch: int) -> None:
        self.executor = executor
        self.max_batch = max_batch
        self.pending: dict[Hashable, _Job] = {}
        self.wake = asyncio.Event()
        self.cache_stats: dict[str, int] = {}
        self.task: asyncio.Task | None = None

    def submit(self, key: Hashable, text: str) -> asyncio.Future:
        superseded = self.pending.pop(key, None)
        if superseded is not None and not superseded.future.done():
            superseded.future.set_result(None)
        job = _Job(text, asyncio.get_running_loop().create_future())
        self.pending[key] = job
        self.wake.set()
        return job.future

    async def run(self) -> None:
        # Two batches in flight: the worker starts the next one the moment it finishes, instead of idling
        # through the round trip back to this loop. More would only queue work that a newer revision may
        # replace.
        in_flight = asyncio.Semaphore(2)
        while True:
            await self.wake.wait()
            self.wake.clear()
            while self.pending:
                await in_flight.acquire()
                if not self.pending:
                    in_flight.release()
                    break
                keys = list(self.pending)[: self.max_batch]
                batch = [self.pending.pop(k) for k in keys]
                task = asyncio.create_task(self._run_batch(batch))
                task.add_done_callback(lambda _: in_flight.release())

    async def _run_batch(self, batch: list[_Job]) -> None:
        loop = asyncio.get_running_loop()
        try:
            results, self.cache_stats = await loop.run_in_executor(
                self.executor, _analyze, [job.text for job in batch])
        except Exception as exc:  # a dead worker fails its batch, never the loop
            for job in batch:
                if not job.future.done():
                    job.future.set_exception(exc)
            return
        for job, hints in zip(batch, results):
            if not job.future.done():
                job.future.set_result(hints)


class AnalysisPool:
    """`submit(key, text)` returns a future of the hints, or of None when a newer revision replaced it."""

    def __init__(self, phrasebook_dir: Path | str, base_model: str | None = None, workers: int = 1,
                 max_batch: int = 64) -> None:
        self.phrasebook_dir = str(phrasebook_dir)
        self.base_model = base_model
        self.workers = workers
        self.max_batch = max_batch
        self.lanes: list[_Lane] = []
        self.info: dict[str, Any] = {}

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        executors: list[Executor]
        if self.workers == 0:
            executors = [ThreadPoolExecutor(max_workers=1, thread_name_prefix="coach-analysis")]
        else:
            context = multiprocessing.get_context("spawn")  # no fork of a running event loop
            executors = [ProcessPoolExecutor(max_workers=1, mp_context=context) for _ in range(self.workers)]
        infos = await asyncio.gather(*(loop.run_in_executor(ex, _load, self.phrasebook_dir, self.base_model)
                                       for ex in executors))
        self.info = infos[0]
        self.lanes = [_Lane(ex, self.max_batch) for ex in executors]
        for lane in self.lanes:
            lane.task = asyncio.create_task(lane.run())

    def submit(self, key: Hashable, text: str) -> asyncio.Future:
        lane = self.lanes[zlib.crc32(repr(key).encode()) % len(self.lanes)]
        return lane.submit(key, text)

    async def analyze(self, text: str) -> list[Hint]:
        """One text, not subject to latest-wins (each call gets its own key)."""
        result = await self.submit(object(), text)
        return result or []

    def cache_stats(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for lane in self.lanes:
            for key, value in lane.cache_stats.items():
                total[key] = total.get(key, 0) + value
        return total

    def pending(self) -> int:
        return sum(len(lane.pending) for lane in self.lanes)

    async def close(self) -> None:
        for lane in self.lanes:
            if lane.task:
                lane.task.cancel()
            for job in lane.pending.values():
                if not job.future.done():
                    job.future.cancel()
            lane.executor.shutdown(wait=False, cancel_futures=True)
        self.lanes = []
