"""The coach as the rest of the program sees it: a loaded phrasebook and pipeline, text in, hints out."""

from __future__ import annotations

from pathlib import Path

from coach.nlp.analyzer import Analyzer, Hint
from coach.phrasebook import loader


class Coach:
    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    @classmethod
    def load(cls, phrasebook_dir: Path | str = loader.BUNDLED_DIR, base_model: str | None = None) -> Coach:
        return cls(Analyzer(loader.load(phrasebook_dir), base_model))

    @property
    def phrasebook_version(self) -> str:
        return self.analyzer.version

    @property
    def model(self) -> str:
        return self.analyzer.model

    def analyze(self, text: str) -> list[Hint]:
        """Hints for one reply, with code-point offsets (Python string indices)."""
        return self.analyzer.analyze(text)

    def analyze_many(self, texts: list[str], batch_size: int = 64) -> list[list[Hint]]:
        return self.analyzer.analyze_many(texts, batch_size)
