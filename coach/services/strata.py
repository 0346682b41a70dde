"""How far the real labelled set's recall carries to the whole corpus.

The real set over-samples the coach's own hits (its replay stratum holds every reply the coach flagged when
the set was drawn), so recall on the set is higher than recall on the corpus. When the set was drawn the
corpus fell into three parts, each sampled at its own rate:

  flagged then  -- every reply the coach flagged (the replay stratum): all labelled;
  keyword       -- the other replies with a word deflections often use: 250 drawn at random, plus any the
                   uniform sample happened to draw;
  other         -- the rest: only what the uniform sample drew.

Counting each labelled reply for (size of its part / replies labelled from that part) estimates how many
deflecting replies the corpus holds and how many of them the coach flags now.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEYWORDS = re.compile(
    r"\b(polic(y|ies)|terms|unable|can(no|')t|not able|nothing|control|responsib\w*|fault|blame|"
    r"contact|reach out|call|manufacturer|carrier|courier|bank|store|retailer|third[- ]party|"
    r"department|should have|unfortunately|not (our|my)|out of)\b",
    re.I,
)
"""Words deflections often use; `scripts/sample-real-set` draws the keyword stratum with it."""
PARTS = ("flagged then", "keyword", "other")


@dataclass
class Part:
    size: int = 0
    labelled: int = 0
    deflecting: int = 0
    caught: int = 0

    @property
    def weight(self) -> float:
        return self.size / self.labelled if self.labelled else 0.0


@dataclass
class CorpusEstimate:
    parts: dict[str, Part]

    @property
    def deflecting(self) -> float:
        return sum(p.deflecting * p.weight for p in self.parts.values())

    @property
    def caught(self) -> float:
        return sum(p.caught * p.weight for p in self.parts.values())

    @property
    def recall(self) -> float:
        return self.caught / self.deflecting if self.deflecting else 1.0


def _part(uid: str, text: str, flagged_then: set[str]) -> str:
    if uid in flagged_then:
        return "flagged then"
    return "keyword" if KEYWORDS.search(text) else "other"


def corpus_recall(rows: list[dict[str, Any]], flagged: list[bool], corpus: Path) -> CorpusEstimate | None:
    """The estimate for labelled rows (with `uid`, `stratum`, `label`, `text`) and whether the coach flags
    each now; None for a set without strata."""
    if not rows or not all("stratum" in r for r in rows):
        return None
    flagged_then = {r["uid"] for r in rows if r["stratum"] == "replay"}
    parts = {name: Part() for name in PARTS}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                reply = json.loads(line)
                parts[_part(reply["uid"], reply["text"], flagged_then)].size += 1
    for row, hit in zip(rows, flagged):
        part = parts[_part(row["uid"], row["text"], flagged_then)]
        part.labelled += 1
        if row["label"] == "deflecting":
            part.deflecting += 1
            part.caught += hit
    return CorpusEstimate(parts)
