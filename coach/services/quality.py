"""Measure detection: precision/recall on a labelled set, flag rate and top entries on a corpus."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coach.services.coach import Coach


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    overall: Score
    categories: dict[str, Score]
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def evaluate(coach: Coach, rows: list[dict[str, Any]]) -> EvalReport:
    """Reply-level scores: a reply is flagged when it gets any hint.

    Per category, a reply counts as positive when it is labelled with that category, and as flagged when
    it gets a hint of that category.
    """
    overall, categories = Score(), {}
    misses, false_alarms = [], []
    for row, hints in zip(rows, coach.analyze_many([r["text"] for r in rows])):
        gold = bool(row["deflecting"])
        gold_cat = row.get("category") if gold else None
        flagged_cats = {h["category"] for h in hints}
        if gold and hints:
            overall.tp += 1
        elif hints:
            overall.fp += 1
            false_alarms.append({**row, "hints": hints})
        elif gold:
            overall.fn += 1
            misses.append(row)
        for cat in flagged_cats | ({gold_cat} if gold_cat else set()):
            score = categories.setdefault(cat, Score())
            if cat == gold_cat and cat in flagged_cats:
                score.tp += 1
            elif cat == gold_cat:
                score.fn += 1
            elif not gold:
                score.fp += 1  # a hint on a reply that deflects in another way is not a false alarm
    return EvalReport(overall, dict(sorted(categories.items())), misses, false_alarms, len(rows))


@dataclass
class ReplayReport:
    total: int
    flagged: int
    by_entry: Counter
    samples: list[dict[str, Any]]

    @property
    def flag_rate(self) -> float:
        return self.flagged / self.total if self.total else 0.0


def replay(coach: Coach, texts: list[str], sample: int = 20, seed: int = 0) -> ReplayReport:
    """How many replies each entry flags, the overall flag rate, and a random sample of flagged replies."""
    by_entry: Counter = Counter()
    flagged = []
    for text, hints in zip(texts, coach.analyze_many(texts, batch_size=256)):
        if hints:
            flagged.append({"text": text, "hints": hints})
            by_entry.update({h["entry"] for h in hints})
    rng = random.Random(seed)
    samples = rng.sample(flagged, min(sample, len(flagged)))
    return ReplayReport(len(texts), len(flagged), by_entry, samples)
