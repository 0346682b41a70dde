"""The FastAPI application: the analysis pool starts in the lifespan, never at import."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from coach.api import analytics, analyze, demo, health, metrics, stream
from coach.api.metrics import Metrics
from coach.services.analytics import Analytics
from coach.services.pool import AnalysisPool
from coach.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = AnalysisPool(settings.phrasebook_dir, settings.base_model, settings.analysis_workers,
                            settings.parse_batch, settings.min_confidence)
        await pool.start()
        app.state.pool = pool
        # What is loaded now lives as long as the server: spare it the collector's full passes, which
        # otherwise pause every connection for tens of milliseconds now and then.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            app.state.pool = None
            await pool.close()

    app = FastAPI(title="Ownership Coach", version="0.1.0", lifespan=lifespan,
                  description="Catches deflecting phrasing in support replies and offers ownership rewrites.")
    app.state.settings = settings
    app.state.pool = None
    app.state.analytics = Analytics()
    app.state.metrics = Metrics()
    for module in (health, analyze, metrics, analytics, stream, demo):
        app.include_router(module.router)
    app.mount("/web", demo.static_files(), name="web")
    return app
