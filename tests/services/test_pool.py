"""The analysis pool with real worker processes: latest wins, cheap drafts answered, a dead worker replaced."""

import asyncio
import os
import signal

import pytest

from coach.phrasebook.loader import BUNDLED_DIR
from coach.services.pool import AnalysisError, AnalysisPool

DEFLECTING = "There's nothing I can do about it."


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 120))


@pytest.fixture(scope="module")
def entry_ids(analyzer):
    return [h["entry"] for h in analyzer.analyze(DEFLECTING)]


def test_newer_revision_answers_the_older_with_none(entry_ids):
    async def main():
        pool = AnalysisPool(BUNDLED_DIR, workers=1)
        await pool.start()
        try:
            older = pool.submit(("c", "d"), "There's nothing")
            newer = pool.submit(("c", "d"), DEFLECTING)
            other = pool.submit(("c", "e"), "Thanks, your refund is on its way.")
            return await older, await newer, await other
        finally:
            await pool.close()

    older, newer, other = run(main())
    assert older is None
    assert [h["entry"] for h in newer] == entry_ids
    assert other == []


def test_a_killed_worker_fails_its_jobs_and_is_replaced(entry_ids):
    async def main():
        pool = AnalysisPool(BUNDLED_DIR, workers=1)
        await pool.start()
        try:
            lane = pool.lanes[0]
            first = lane.worker.pid
            owed = pool.submit(("c", "long"), " ".join([DEFLECTING] * 200))
            os.kill(first, signal.SIGKILL)
            with pytest.raises(AnalysisError):
                await owed
            # The replacement loads the model again; drafts sent meanwhile wait for it.
            hints = await pool.submit(("c", "after"), DEFLECTING)
            return first, lane.worker.pid, hints, pool.pending()
        finally:
            await pool.close()

    first, second, hints, pending = run(main())
    assert second != first
    assert [h["entry"] for h in hints] == entry_ids
    assert pending == 0


def test_close_stops_the_worker_processes():
    async def main():
        pool = AnalysisPool(BUNDLED_DIR, workers=2)
        await pool.start()
        workers = [lane.worker for lane in pool.lanes]
        await pool.close()
        return workers

    workers = run(main())
    assert [w.is_alive() for w in workers] == [False, False]
    assert all(w.exitcode == 0 for w in workers)
