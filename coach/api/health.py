"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request, response: Response) -> dict[str, str | None]:
    """The pipeline is loaded; names the phrasebook version and base model."""
    coach = getattr(request.app.state, "coach", None)
    if coach is None:
        response.status_code = 503
        return {"status": "loading", "phrasebook_version": None, "model": None}
    return {"status": "ready", "phrasebook_version": coach.phrasebook_version, "model": coach.model}
