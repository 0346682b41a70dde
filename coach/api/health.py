"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request, response: Response) -> dict[str, str | None]:
    """The pipeline is loaded; names the phrasebook version and base model."""
    pool = request.app.state.pool
    if pool is None or not pool.info:
        response.status_code = 503
        return {"status": "loading", "phrasebook_version": None, "model": None}
    return {"status": "ready", **pool.info}
