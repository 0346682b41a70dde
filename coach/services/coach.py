"""The coach as the rest of the program sees it: a loaded phrasebook and pipeline, text in, hints out.

Parsed sentences and per-sentence hints are cached, so a draft that changes one sentence costs one parse.
A Coach is bound to one phrasebook version; a new version gets a new Coach and fresh caches.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from coach.nlp.analyzer import Analyzer, Hint, Plan
from coach.phrasebook import loader
from coach.services.cache import LRUCache
from coach.services.threshold import confident
from coach.settings import get_settings

DOC_CACHE = 4096
"""Parsed sentences kept (about 10 KB each)."""
WINDOW_CACHE = 65536
"""Hint lists kept per sentence-with-neighbours (small)."""


class Coach:
    def __init__(self, analyzer: Analyzer, doc_cache: int = DOC_CACHE, window_cache: int = WINDOW_CACHE,
                 min_confidence: float = 0.0) -> None:
        self.analyzer = analyzer
        self.min_confidence = min_confidence
        self.docs = LRUCache(doc_cache)
        self.windows = LRUCache(window_cache)

    @classmethod
    def load(cls, phrasebook_dir: Path | str = loader.BUNDLED_DIR, base_model: str | None = None,
             min_confidence: float | None = None) -> Coach:
        """`min_confidence` None: the `COACH_MIN_CONFIDENCE` setting (so every worker process honours it)."""
        if min_confidence is None:
            min_confidence = get_settings().min_confidence
        return cls(Analyzer(loader.load(phrasebook_dir), base_model), min_confidence=min_confidence)

    @property
    def phrasebook_version(self) -> str:
        return self.analyzer.version

    @property
    def model(self) -> str:
        return self.analyzer.model

    def analyze(self, text: str) -> list[Hint]:
        """Hints for one reply, with code-point offsets (Python string indices)."""
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: list[str], batch_size: int = 64) -> list[list[Hint]]:
        results = self.analyzer.analyze_many(texts, batch_size, docs=self.docs, windows=self.windows)
        return [confident(hints, self.min_confidence) for hints in results]

    @contextmanager
    def own_names(self, names: frozenset[str]) -> Iterator[None]:
        """Analyse as a deployment naming these as the brand's own would. Cached hints depend on the names,
        so the hint cache starts empty inside and again after; parses do not, and stay."""
        self.windows = LRUCache(self.windows.capacity)
        try:
            with self.analyzer.own_names(names):
                yield
        finally:
            self.windows = LRUCache(self.windows.capacity)

    def plan(self, text: str, previous: Plan | None = None) -> Plan:
        return self.analyzer.plan(text, previous)

    def cached(self, plan: Plan) -> list[Hint] | None:
        """Hints without parsing (from cached windows and parses), or None when the plan needs a parse."""
        hints = self.analyzer.cached(plan, self.windows, self.docs)
        return None if hints is None else confident(hints, self.min_confidence)

    def complete(self, plans: list[Plan]) -> list[list[Hint]]:
        results = self.analyzer.complete(plans, docs=self.docs, windows=self.windows)
        return [confident(hints, self.min_confidence) for hints in results]

    def cache_stats(self) -> dict[str, int]:
        return {"window_hits": self.windows.hits, "window_misses": self.windows.misses,
                "doc_hits": self.docs.hits, "doc_misses": self.docs.misses}
