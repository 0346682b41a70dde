"""The FastAPI application: the coach loads once, in the lifespan, never at import."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

import anyio
from fastapi import FastAPI

from coach.api import health
from coach.services.coach import Coach
from coach.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.coach = None
        app.state.coach = await anyio.to_thread.run_sync(
            lambda: Coach.load(settings.phrasebook_dir, settings.base_model))
        yield

    app = FastAPI(title="Ownership Coach", version="0.1.0", lifespan=lifespan)
    app.include_router(health.router)
    return app
