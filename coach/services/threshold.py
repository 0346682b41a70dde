"""The one place where hints below the confidence threshold are left out, for the stream, POST /v1/analyze
and the command line alike."""

from __future__ import annotations

from coach.nlp.analyzer import Hint


def confident(hints: list[Hint], min_confidence: float) -> list[Hint]:
    """The hints whose confidence reaches `min_confidence` (hints without one, from an older pipeline, stay)."""
    if min_confidence <= 0:
        return hints
    return [h for h in hints if h.get("confidence", 1.0) >= min_confidence]
