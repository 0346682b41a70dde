"""Analysis off the event loop: a lane per worker, jobs out and hints back over a pipe, latest revision wins.

Each lane is one worker (`coach.services.worker`: a process, or a thread when `workers=0`) holding its own
Coach and caches. A draft always goes to the same lane (by a hash of its key), so its unchanged sentences hit
that lane's cache. Submitting a newer revision of a draft answers the older one's future with None at once;
the worker drops the older job too if it has not started it. Jobs submitted in one turn of the event loop go
over in one message, and hints come back per group as the worker finishes them.

The lane talks to the worker through asyncio streams on the pipe's socket, so writing never blocks the loop.
A worker that dies fails the jobs it owed and is started again.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import os
import pickle
import socket
import struct
import threading
import zlib
from pathlib import Path
from typing import Any, Hashable

from coach.nlp.analyzer import Hint
from coach.services import worker

log = logging.getLogger("coach.pool")
_HEADER = struct.Struct("!i")  # the framing of multiprocessing.connection: a signed length, then a pickle
_LONG = struct.Struct("!Q")
_round_robin = itertools.count()  # which lane takes a one-off text (POST /v1/analyze)


class AnalysisError(RuntimeError):
    """The worker could not analyse this text (or died while it had it)."""


class _Lane:
    def __init__(self, args: tuple, process: bool) -> None:
        self.args = args  # what `worker.serve` takes after the pipe
        self.process = process
        self.jobs: dict[int, tuple[Hashable, asyncio.Future]] = {}
        self.by_key: dict[Hashable, int] = {}
        self.outgoing: dict[Hashable, tuple[Hashable, int, str]] = {}
        self.ids = itertools.count()
        self.cache_stats: dict[str, int] = {}
        self.writer: asyncio.StreamWriter | None = None
        self.worker: multiprocessing.process.BaseProcess | threading.Thread | None = None
        self.reader_task: asyncio.Task | None = None
        self.closing = False
        self.failed = ""

    async def start(self) -> dict[str, Any]:
        parent, child = multiprocessing.Pipe()  # a socketpair
        if self.process:
            # spawn, not fork: never fork a process that runs an event loop
            self.worker = multiprocessing.get_context("spawn").Process(
                target=worker.serve, args=(child, *self.args), name="coach-analysis", daemon=True)
        else:
            self.worker = threading.Thread(target=worker.serve, args=(child, *self.args),
                                           name="coach-analysis", daemon=True)
        self.worker.start()
        if self.process:
            child.close()
        sock = socket.socket(fileno=os.dup(parent.fileno()))
        parent.close()
        reader, self.writer = await asyncio.open_unix_connection(sock=sock)
        kind, payload = await _receive(reader)
        if kind != "ready":
            raise RuntimeError(f"analysis worker failed to start: {payload}")
        self.reader_task = asyncio.create_task(self._read(reader))
        self._flush()
        return payload

    def submit(self, key: Hashable | None, text: str) -> asyncio.Future:
        if self.failed:
            future = asyncio.get_running_loop().create_future()
            future.set_exception(AnalysisError(self.failed))
            return future
        if key is not None:
            self._supersede(key)
        job_id = next(self.ids)
        key = ("once", job_id) if key is None else key
        future = asyncio.get_running_loop().create_future()
        self.jobs[job_id] = (key, future)
        self.by_key[key] = job_id
        if not self.outgoing:
            asyncio.get_running_loop().call_soon(self._flush)
        self.outgoing[key] = (key, job_id, text)
        return future

    def _supersede(self, key: Hashable) -> None:
        job_id = self.by_key.pop(key, None)
        if job_id is not None:
            _, future = self.jobs.pop(job_id)
            if not future.done():
                future.set_result(None)

    def _flush(self) -> None:
        if self.outgoing and self.writer is not None and not self.writer.is_closing():
            self.writer.write(_frame(("jobs", list(self.outgoing.values()))))
            self.outgoing.clear()

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                message = await _receive(reader)
                if message[0] == "hints":
                    _, answered, self.cache_stats = message
                    for job_id, hints in answered:
                        self._resolve(job_id, hints)
                elif message[0] == "error":
                    _, failed, detail = message
                    for job_id in failed:
                        self._resolve(job_id, AnalysisError(detail))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        if not self.closing:
            await self._restart()

    def _resolve(self, job_id: int, result: list[Hint] | Exception) -> None:
        job = self.jobs.pop(job_id, None)
        if job is None:
            return  # superseded while the worker had it
        key, future = job
        if self.by_key.get(key) == job_id:
            del self.by_key[key]
        if future.done():
            return
        if isinstance(result, Exception):
            future.set_exception(result)
        else:
            future.set_result(result)

    async def _restart(self) -> None:
        log.error("analysis worker exited; failing %d jobs and starting a new one", len(self.jobs))
        for job_id in list(self.jobs):
            self._resolve(job_id, AnalysisError("the analysis worker exited"))
        self.outgoing.clear()
        self.writer = None
        try:
            await self.start()
        except Exception as exc:  # the lane stays down: drafts get an error at once instead of waiting
            log.error("analysis worker could not be started again: %s", exc)
            self.failed = f"the analysis worker could not be started again: {exc}"
            for job_id in list(self.jobs):
                self._resolve(job_id, AnalysisError(self.failed))

    def pending(self) -> int:
        return len(self.jobs)

    async def close(self) -> None:
        self.closing = True
        if self.reader_task:
            self.reader_task.cancel()
        for _, future in self.jobs.values():
            future.cancel()
        self.jobs.clear()
        if self.writer is not None:
            self.writer.close()  # the worker reads EOF and returns
        if isinstance(self.worker, multiprocessing.process.BaseProcess):
            await asyncio.get_running_loop().run_in_executor(None, self.worker.join, 5)
            if self.worker.is_alive():
                self.worker.terminate()


def _frame(message: Any) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    if len(body) > 0x7FFFFFFF:
        return _HEADER.pack(-1) + _LONG.pack(len(body)) + body
    return _HEADER.pack(len(body)) + body


async def _receive(reader: asyncio.StreamReader) -> Any:
    (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    if size == -1:
        (size,) = _LONG.unpack(await reader.readexactly(_LONG.size))
    return pickle.loads(await reader.readexactly(size))


class AnalysisPool:
    """`submit(key, text)` returns a future of the hints, or of None when a newer revision replaced it."""

    def __init__(self, phrasebook_dir: Path | str, base_model: str | None = None, workers: int = 1,
                 parse_batch: int = 4, min_confidence: float | None = None) -> None:
        args = (str(phrasebook_dir), base_model, parse_batch, min_confidence)
        self.lanes = [_Lane(args, process=workers > 0) for _ in range(max(workers, 1))]
        self.info: dict[str, Any] = {}

    async def start(self) -> None:
        # Each worker is meant to keep one core busy: BLAS threads of its own would only fight the others.
        # Spawned workers read this when they import numpy.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        infos = await asyncio.gather(*(lane.start() for lane in self.lanes))
        self.info = infos[0]

    def submit(self, key: Hashable, text: str) -> asyncio.Future:
        lane = self.lanes[zlib.crc32(repr(key).encode()) % len(self.lanes)]
        return lane.submit(key, text)

    async def analyze(self, text: str) -> list[Hint]:
        """One text, not subject to latest-wins."""
        lane = self.lanes[next(_round_robin) % len(self.lanes)]
        return await lane.submit(None, text) or []

    def cache_stats(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for lane in self.lanes:
            for key, value in lane.cache_stats.items():
                total[key] = total.get(key, 0) + value
        return total

    def pending(self) -> int:
        return sum(lane.pending() for lane in self.lanes)

    async def close(self) -> None:
        await asyncio.gather(*(lane.close() for lane in self.lanes))

