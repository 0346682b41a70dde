"""Measure detection: precision/recall on a labelled set (and over the confidence threshold), flag rate and top
entries on a corpus."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coach.services.coach import Coach
from coach.services.threshold import confident


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


SMALL_CATEGORY = 20
"""Fewer positive items than this and a category's figures are marked as too small to read much into."""
THRESHOLDS = tuple(round(0.1 * i, 1) for i in range(11))


@dataclass
class Tally:
    """How many replies, and how many of them the coach flagged."""

    total: int = 0
    flagged: int = 0

    def add(self, flagged: bool) -> None:
        self.total += 1
        self.flagged += flagged

    @property
    def rate(self) -> float:
        return self.flagged / self.total if self.total else 0.0


@dataclass
class EvalReport:
    overall: Score
    categories: dict[str, Score]
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    """Scored replies: borderline ones are not scored."""
    borderline: Tally = field(default_factory=Tally)
    borderline_categories: dict[str, Tally] = field(default_factory=dict)
    """Per category, borderline replies labelled with it, and how many got a hint of that category."""
    strata: dict[str, Tally] = field(default_factory=dict)
    """Per sampling stratum of the real set, every reply (borderline too), and how many got any hint."""


def gold(row: dict[str, Any]) -> tuple[str, list[str]]:
    """("deflecting" | "not" | "borderline", categories most salient first) from a real-set row
    (`label`, `categories`) or a dev-set row (`deflecting`, `category`)."""
    if "label" in row:
        return row["label"], list(row.get("categories") or [])
    deflecting = bool(row["deflecting"])
    return ("deflecting" if deflecting else "not"), ([row["category"]] if deflecting and row.get("category") else [])


def score(rows: list[dict[str, Any]], hints_per_row: list[list[dict[str, Any]]]) -> EvalReport:
    """Reply-level scores: a reply is flagged when it gets any hint; borderline replies are counted apart.

    Per category, a reply counts as positive when the category is among its labels, and as flagged for it
    when it gets a hint of that category. A hint of a category on a reply that deflects in another way is
    not a false alarm.
    """
    report = EvalReport(Score(), {})
    categories: dict[str, Score] = {}
    for row, hints in zip(rows, hints_per_row, strict=True):
        label, gold_cats = gold(row)
        flagged_cats = {h["category"] for h in hints}
        if "stratum" in row:
            report.strata.setdefault(row["stratum"], Tally()).add(bool(hints))
        if label == "borderline":
            report.borderline.add(bool(hints))
            for cat in gold_cats:
                report.borderline_categories.setdefault(cat, Tally()).add(cat in flagged_cats)
            continue
        report.total += 1
        deflecting = label == "deflecting"
        if deflecting and hints:
            report.overall.tp += 1
        elif hints:
            report.overall.fp += 1
            report.false_alarms.append({**row, "hints": hints})
        elif deflecting:
            report.overall.fn += 1
            report.misses.append(row)
        for cat in flagged_cats | set(gold_cats):
            s = categories.setdefault(cat, Score())
            if cat in gold_cats and cat in flagged_cats:
                s.tp += 1
            elif cat in gold_cats:
                s.fn += 1
            elif not deflecting:
                s.fp += 1  # a hint on a reply that deflects in another way is not a false alarm
    report.categories = dict(sorted(categories.items()))
    report.strata = dict(sorted(report.strata.items()))
    report.borderline_categories = dict(sorted(report.borderline_categories.items()))
    return report


def evaluate(coach: Coach, rows: list[dict[str, Any]]) -> EvalReport:
    """Scores of the coach (at its own threshold) on labelled rows with text."""
    return score(rows, coach.analyze_many([r["text"] for r in rows]))


@dataclass
class CurvePoint:
    threshold: float
    overall: Score
    flagged: int
    """Scored (non-borderline) replies with a hint at this threshold."""


def curve(rows: list[dict[str, Any]], hints_per_row: list[list[dict[str, Any]]],
          thresholds: tuple[float, ...] = THRESHOLDS) -> list[CurvePoint]:
    """Precision and recall as the confidence threshold rises; `hints_per_row` must be unthresholded."""
    points = []
    for t in thresholds:
        report = score(rows, [confident(h, t) for h in hints_per_row])
        o = report.overall
        points.append(CurvePoint(t, o, o.tp + o.fp))
    return points


@dataclass
class ReplayReport:
    total: int
    flagged_replies: list[dict[str, Any]]
    """{"uid" (None when the row has none), "text", "hints"} for every flagged reply, in corpus order."""
    by_entry: Counter
    samples: list[dict[str, Any]]

    @property
    def flagged(self) -> int:
        return len(self.flagged_replies)

    @property
    def flag_rate(self) -> float:
        return self.flagged / self.total if self.total else 0.0


def replay(rows: list[dict[str, Any]], hints_per_row: list[list[dict[str, Any]]], sample: int = 20,
           seed: int = 0) -> ReplayReport:
    """How many replies ({"text", "uid"?} rows) each entry flags, the overall flag rate, and a random sample
    of flagged replies."""
    by_entry: Counter = Counter()
    flagged = []
    for row, hints in zip(rows, hints_per_row):
        if hints:
            flagged.append({"uid": row.get("uid"), "text": row["text"], "hints": hints})
            by_entry.update({h["entry"] for h in hints})
    rng = random.Random(seed)
    samples = rng.sample(flagged, min(sample, len(flagged)))
    return ReplayReport(len(rows), flagged, by_entry, samples)
