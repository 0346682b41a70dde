"""Hints as the wire carries them: UTF-16 offsets, only the public fields."""

from __future__ import annotations

from typing import Any

from coach.api.utf16 import Utf16Offsets


def to_wire(text: str, hints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    at = Utf16Offsets(text)
    return [{
        "id": h["id"], "entry": h["entry"], "category": h["category"], "severity": h["severity"],
        "start": at(h["start"]), "end": at(h["end"]), "text": h["text"], "message": h["message"],
        "why": h["why"], "confidence": h["confidence"],
        "alternatives": [{"text": a["text"], "start": at(a["start"]), "end": at(a["end"])}
                         for a in h["alternatives"]],
    } for h in hints]
