"""`GET /v1/analytics`: the feedback counters, read-only, so a dashboard or a test can see what clients sent."""

from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(tags=["operations"])


@router.get("/v1/analytics")
def analytics(request: Request) -> dict[str, dict[str, dict[str, int]]]:
    """Per phrasebook entry: how often it was shown, applied, dismissed and reported as a wrong flag."""
    return {"entries": request.app.state.analytics.snapshot()}
