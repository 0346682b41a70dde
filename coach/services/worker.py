"""An analysis worker: reads drafts from a pipe, writes hints back as soon as each is ready.

It runs in its own process (a thread when the pool has no processes). Most keystrokes change a sentence that
needs no parse, and those drafts are answered from the caches the moment they arrive. Drafts that need a
parse wait in line, keyed by draft so a newer revision replaces an older one, and are parsed a few at a time;
between two such chunks the worker answers whatever new drafts arrived. So a cheap draft never waits behind
more than one chunk of parsing.

Messages are tuples. In: ("jobs", [(key, job_id, text), ...]). Out: ("ready", info) or ("failed", detail)
once at start, then ("hints", [(job_id, hints), ...], cache_stats) and ("error", [job_id, ...], detail).
"""

from __future__ import annotations

import gc
import logging
from multiprocessing.connection import Connection
from typing import Hashable

from coach.nlp.analyzer import Hint, Plan
from coach.services.cache import LRUCache
from coach.services.coach import Coach

log = logging.getLogger("coach.worker")
DRAFTS_REMEMBERED = 8192
"""Drafts whose last plan a worker keeps (a few KB each)."""
Waiting = dict[Hashable, tuple[int, Plan]]


def serve(conn: Connection, phrasebook_dir: str, base_model: str | None, parse_batch: int,
          min_confidence: float | None) -> None:
    """The worker's main loop; returns when the server closes the pipe."""
    try:
        coach = Coach.load(phrasebook_dir, base_model, min_confidence)
    except Exception as exc:  # reported to the server, which refuses to start
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    # The model's objects live as long as the worker: keep them out of the collector's full passes, which
    # otherwise stall the worker for tens of milliseconds now and then.
    gc.collect()
    gc.freeze()
    conn.send(("ready", {"phrasebook_version": coach.phrasebook_version, "model": coach.model}))
    waiting: Waiting = {}
    plans = LRUCache(DRAFTS_REMEMBERED)
    try:
        while True:
            if not waiting:
                _take(coach, conn, conn.recv(), waiting, plans)
            while conn.poll():
                _take(coach, conn, conn.recv(), waiting, plans)
            _parse_some(coach, conn, waiting, parse_batch)
    except (EOFError, OSError):
        pass  # the server closed the pipe
    finally:
        conn.close()


def _take(coach: Coach, conn: Connection, message: tuple, waiting: Waiting, plans: LRUCache) -> None:
    """Answer the new drafts the caches can answer; put the rest in line. Each draft is planned from its
    previous revision's plan, so only its last sentence onwards is tokenized again."""
    answered: list[tuple[int, list[Hint]]] = []
    failed: list[int] = []
    for key, job_id, text in message[1]:
        waiting.pop(key, None)  # a newer revision: the older one is not worth a parse any more
        try:
            plan = coach.plan(text, plans.get(key))
            plans.put(key, plan)
            hints = coach.cached(plan)
        except Exception:
            log.exception("analysis failed")
            failed.append(job_id)
            continue
        if hints is None:
            waiting[key] = (job_id, plan)
        else:
            answered.append((job_id, hints))
    if answered:
        conn.send(("hints", answered, coach.cache_stats()))
    if failed:
        conn.send(("error", failed, "the text could not be analysed"))


def _parse_some(coach: Coach, conn: Connection, waiting: Waiting, parse_batch: int) -> None:
    """Parse the drafts that have waited longest, up to `parse_batch` of them, and answer them."""
    batch = [(key, *waiting.pop(key)) for key in list(waiting)[:parse_batch]]
    if not batch:
        return
    try:
        results = coach.complete([plan for _, _, plan in batch])
    except Exception as exc:  # a text that breaks the analysis fails its batch, never the worker
        log.exception("analysis failed")
        conn.send(("error", [job_id for _, job_id, _ in batch], f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("hints", [(job_id, hints) for (_, job_id, _), hints in zip(batch, results)],
               coach.cache_stats()))
