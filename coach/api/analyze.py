"""`POST /v1/analyze`: the same hints as the stream, for "check before send" and for tools without a socket."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from coach.api.frames import AnalyzeRequest, AnalyzeResponse
from coach.api.wire import to_wire

router = APIRouter(tags=["analysis"])


@router.post("/v1/analyze", response_model=AnalyzeResponse)
async def analyze(body: AnalyzeRequest, request: Request) -> AnalyzeResponse:
    """Hints for one reply. Offsets are UTF-16 code units."""
    state = request.app.state
    limit = state.settings.max_frame_bytes
    if len(body.text.encode("utf-8", "surrogatepass")) > limit:
        raise HTTPException(413, f"text is longer than {limit} bytes")
    try:
        body.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise HTTPException(422, f"text has an unpaired UTF-16 surrogate at position {exc.start}") from None
    hints = await state.pool.analyze(body.text)
    state.analytics.shown([h["entry"] for h in hints])
    return AnalyzeResponse(phrasebook_version=state.pool.info["phrasebook_version"],
                           hints=to_wire(body.text, hints))
