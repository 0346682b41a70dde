"""`/v1/stream`: drafts in, hints out, over one websocket per agent.

A connection reads frames in one task and writes in another. Work goes to the analysis pool keyed by
(connection, draft), so a newer revision replaces an older one that has not started. Hints wait in an outbox
that keeps only the newest frame per draft; a client that stops reading is closed instead of growing a queue.
Every bad frame gets an `error` frame with a specific code, logged once per connection and code.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections import OrderedDict, deque
from typing import Any

from fastapi import APIRouter, WebSocket
from pydantic import ValidationError
from starlette.websockets import WebSocketDisconnect

from coach.api.auth import token_accepted
from coach.api.frames import DraftFrame, ErrorFrame, FeedbackFrame, HelloFrame, HintsFrame
from coach.api.metrics import Metrics
from coach.api.wire import to_wire
from coach.services.analytics import Analytics
from coach.services.drafts import DraftError, DraftTracker
from coach.services.pool import AnalysisPool
from coach.settings import Settings

router = APIRouter()
log = logging.getLogger("coach.stream")
POLICY_VIOLATION = 1008
_ids = itertools.count(1)
_MAX_QUEUED_ERRORS = 64
_MAX_REMEMBERED_HINTS = 4096


class _TokenBucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst, self.tokens, self.at = rate, burst, burst, time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def _validation_detail(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'frame'}: {e['msg']}" for e in exc.errors())


def _unpaired_surrogate(*values: str | None) -> int | None:
    for value in values:
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return exc.start
    return None


class StreamConnection:
    def __init__(self, ws: WebSocket, pool: AnalysisPool, analytics: Analytics, metrics: Metrics,
                 settings: Settings) -> None:
        self.ws, self.pool, self.analytics, self.metrics, self.settings = ws, pool, analytics, metrics, settings
        self.id = next(_ids)
        self.tracker = DraftTracker(settings.max_drafts_per_connection)
        self.outbox: dict[str, str] = {}
        self.errors: deque[str] = deque()
        self.ready = asyncio.Event()
        self.hint_entries: OrderedDict[str, str] = OrderedDict()
        self.bucket = _TokenBucket(settings.max_frames_per_second, settings.max_frames_burst)
        self.logged: set[str] = set()
        self.tasks: set[asyncio.Task] = set()
        self.closing = False
        self.ended = False

    async def run(self) -> None:
        await self.ws.accept()
        info = self.pool.info
        await self.ws.send_text(HelloFrame(phrasebook_version=info["phrasebook_version"],
                                           model=info["model"]).model_dump_json())
        self.metrics.connections.inc()
        writer = asyncio.create_task(self._write())
        try:
            while not self.closing:
                message = await self.ws.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if message.get("bytes") is not None:
                    self._error("binary_frame", "frames must be JSON text; binary frames are not accepted")
                else:
                    self._handle(message.get("text") or "")
        except WebSocketDisconnect:
            pass
        finally:
            self.ended = True
            self.metrics.connections.dec()
            writer.cancel()
            for task in self.tasks:
                task.cancel()

    # ---- reading --------------------------------------------------------------------------------------

    def _handle(self, raw: str) -> None:
        limit = self.settings.max_frame_bytes
        if len(raw) > limit or (len(raw) * 3 > limit and len(raw.encode("utf-8", "surrogatepass")) > limit):
            self._error("frame_too_large", f"a frame may be at most {limit} bytes")
            return
        if not self.bucket.take():
            self._error("rate_limited", f"more than {self.settings.max_frames_per_second:g} frames per second; "
                                        "send the latest draft after a pause in typing")
            return
        try:
            frame = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            self._error("invalid_json", f"not valid JSON: {str(exc)[:200]}")
            return
        if not isinstance(frame, dict) or "type" not in frame or "v" not in frame:
            self._error("invalid_frame", "a frame is a JSON object with \"type\" and \"v\"")
            return
        if frame["v"] != 1 or isinstance(frame["v"], bool):
            self._error("unsupported_version", f"protocol version {frame['v']!r} is not supported; use v 1")
            return
        kinds = {"draft": (DraftFrame, self._draft), "feedback": (FeedbackFrame, self._feedback)}
        kind = kinds.get(frame["type"]) if isinstance(frame["type"], str) else None
        if kind is None:
            self._error("unknown_type", f"unknown frame type {str(frame['type'])[:40]!r}; "
                                        "expected \"draft\" or \"feedback\"")
            return
        model, handler = kind
        try:
            handler(model.model_validate(frame))
        except ValidationError as exc:
            self._error("invalid_frame", _validation_detail(exc))

    def _draft(self, draft: DraftFrame) -> None:
        bad = _unpaired_surrogate(draft.draft_id, draft.text)
        if bad is not None:
            self._error("invalid_text", f"unpaired UTF-16 surrogate at position {bad}")
            return
        try:
            self.tracker.accept(draft.draft_id, draft.rev)
        except DraftError as exc:
            self._error(exc.code, exc.detail)
            return
        self.metrics.updates.inc()
        future = self.pool.submit((self.id, draft.draft_id), draft.text)
        started = time.perf_counter()
        # A callback, not a task per keystroke: at hundreds of updates a second the tasks cost real CPU.
        future.add_done_callback(lambda done: self._deliver(draft, done, started))

    def _feedback(self, feedback: FeedbackFrame) -> None:
        entry = self.hint_entries.get(feedback.hint_id)
        if entry is None:
            self._error("unknown_hint", f"no hint {feedback.hint_id!r} was sent on this connection")
            return
        self.analytics.feedback(entry, feedback.action)

    # ---- answering ------------------------------------------------------------------------------------

    def _deliver(self, draft: DraftFrame, future: asyncio.Future, started: float) -> None:
        if self.ended or future.cancelled():
            return
        if future.exception() is not None:
            log.error("analysis failed (connection %s): %s", self.id, future.exception())
            self._error("analysis_failed", "the analysis worker failed; send the draft again")
            return
        hints = future.result()
        if hints is None or not self.tracker.should_answer(draft.draft_id, draft.rev):
            self.metrics.superseded.inc()
            return
        self.tracker.mark_answered(draft.draft_id, draft.rev)
        wire = to_wire(draft.text, hints)
        for hint in wire:
            self.hint_entries[hint["id"]] = hint["entry"]
            self.hint_entries.move_to_end(hint["id"])
        while len(self.hint_entries) > _MAX_REMEMBERED_HINTS:
            self.hint_entries.popitem(last=False)
        self.analytics.shown([h["entry"] for h in wire])
        frame = HintsFrame(draft_id=draft.draft_id, rev=draft.rev,
                           phrasebook_version=self.pool.info["phrasebook_version"], hints=wire)
        self.outbox.pop(draft.draft_id, None)  # re-insert at the end: drafts are answered in arrival order
        self.outbox[draft.draft_id] = frame.model_dump_json()
        self.metrics.latency.observe(time.perf_counter() - started)
        self.ready.set()

    def _error(self, code: str, detail: str) -> None:
        self.metrics.errors.labels(code).inc()
        if code not in self.logged:
            self.logged.add(code)
            log.info("connection %s: %s: %s", self.id, code, detail)
        if len(self.errors) >= _MAX_QUEUED_ERRORS:
            self._close_soon("too many unread error frames")
            return
        self.errors.append(ErrorFrame(code=code, detail=detail).model_dump_json())
        self.ready.set()

    # ---- writing --------------------------------------------------------------------------------------

    async def _write(self) -> None:
        timeout = self.settings.send_timeout_seconds
        while True:
            await self.ready.wait()
            self.ready.clear()
            while self.errors or self.outbox:
                if self.errors:
                    text = self.errors.popleft()
                else:
                    text = self.outbox.pop(next(iter(self.outbox)))
                try:
                    async with asyncio.timeout(timeout):
                        await self.ws.send_text(text)
                except TimeoutError:
                    await self._close("client is not reading its frames")
                    return
                except (WebSocketDisconnect, RuntimeError):
                    return

    def _spawn(self, coro: Any) -> None:
        """A task that ends with the connection."""
        task = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _close_soon(self, reason: str) -> None:
        if not self.closing:
            self._spawn(self._close(reason))

    async def _close(self, reason: str) -> None:
        if self.closing:
            return
        self.closing = True
        self.metrics.errors.labels("policy_close").inc()
        log.info("connection %s: closing with %s: %s", self.id, POLICY_VIOLATION, reason)
        try:
            await asyncio.wait_for(self.ws.close(code=POLICY_VIOLATION, reason=reason), 2)
        except (asyncio.TimeoutError, RuntimeError, WebSocketDisconnect):
            pass


@router.websocket("/v1/stream")
async def stream(ws: WebSocket) -> None:
    state = ws.app.state
    if not await token_accepted(ws, state.settings):
        return
    await StreamConnection(ws, state.pool, state.analytics, state.metrics, state.settings).run()
