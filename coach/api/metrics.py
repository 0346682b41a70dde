"""Prometheus metrics of one app instance (its own registry, so several apps can live in one process)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

router = APIRouter(tags=["operations"])


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.connections = Gauge("coach_connections", "Open websocket connections", registry=self.registry)
        self.updates = Counter("coach_draft_updates", "Draft frames received", registry=self.registry)
        self.answered = Counter("coach_hints_frames", "Hints frames sent", registry=self.registry)
        self.superseded = Counter("coach_superseded", "Revisions dropped because a newer one arrived",
                                  registry=self.registry)
        self.errors = Counter("coach_errors", "Error frames and policy closes, by code", ["code"],
                              registry=self.registry)
        self.latency = Histogram("coach_analysis_seconds", "Draft received to hints ready",
                                 buckets=(.002, .005, .01, .02, .03, .05, .075, .1, .2, .5, 1, 2, 5),
                                 registry=self.registry)
        self.cache_hit_ratio = Gauge("coach_cache_hit_ratio", "Sentence-window cache hits / lookups",
                                     registry=self.registry)
        self.pending = Gauge("coach_pending_drafts", "Drafts waiting for a worker", registry=self.registry)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    m: Metrics = request.app.state.metrics
    pool = request.app.state.pool
    if pool is not None:
        stats = pool.cache_stats()
        lookups = stats.get("window_hits", 0) + stats.get("window_misses", 0)
        m.cache_hit_ratio.set(stats.get("window_hits", 0) / lookups if lookups else 0.0)
        m.pending.set(pool.pending())
    return Response(generate_latest(m.registry), media_type=CONTENT_TYPE_LATEST)
