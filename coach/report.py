"""What `coach eval` prints: scores per category, borderline replies and strata apart, the threshold curve,
and (when asked) the misses and false alarms with their text."""

from __future__ import annotations

from typing import Any, TextIO

from coach.services.quality import SMALL_CATEGORY, CurvePoint, EvalReport, Score
from coach.services.strata import CorpusEstimate

_ROW = "{:<26} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}"


def _score_row(name: str, s: Score) -> str:
    return _ROW.format(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", s.tp, s.fp, s.fn)


def print_scores(report: EvalReport, threshold: float, out: TextIO) -> None:
    o = report.overall
    out.write(f"{report.total} replies scored, {o.tp + o.fn} deflecting; threshold {threshold:.2f}\n")
    out.write(_ROW.format("category", "P", "R", "F1", "tp", "fp", "fn") + "\n")
    small = False
    for name, s in [("overall", o), *report.categories.items()]:
        mark = name != "overall" and s.tp + s.fn < SMALL_CATEGORY
        small |= mark
        out.write(_score_row(name + (" *" if mark else ""), s) + "\n")
    if small:
        out.write(f"  * fewer than {SMALL_CATEGORY} deflecting replies in this category: read its figures "
                  f"as anecdotes\n")


def print_borderline(report: EvalReport, out: TextIO) -> None:
    b = report.borderline
    if not b.total:
        return
    out.write(f"\nborderline (not scored): {b.total} replies, {b.flagged} flagged ({b.rate:.0%})\n")
    for name, t in report.borderline_categories.items():
        out.write(f"  {name:<24} {t.total:4} labelled, {t.flagged:4} with a hint of that category\n")


def print_strata(report: EvalReport, out: TextIO) -> None:
    if not report.strata:
        return
    out.write("\nflag rate per stratum (every reply, borderline too):\n")
    for name, t in report.strata.items():
        out.write(f"  {name:<10} {t.total:4} replies, {t.flagged:4} flagged, {t.rate:6.1%}\n")


def print_corpus_estimate(estimate: CorpusEstimate | None, out: TextIO) -> None:
    if estimate is None:
        return
    out.write("\nrecall over the whole corpus, estimated (each part of the corpus weighted by its size; "
              "borderline counts as not deflecting):\n")
    for name, p in estimate.parts.items():
        out.write(f"  {name:<13} {p.size:6} replies, {p.labelled:4} labelled, {p.deflecting:4} deflecting, "
                  f"{p.caught:4} flagged now (each counts for {p.weight:.1f})\n")
    out.write(f"  about {estimate.deflecting:.0f} deflecting replies in the corpus, {estimate.caught:.0f} flagged: "
              f"recall ~{estimate.recall:.2f} (the 'other' part rests on few labels: a rough figure)\n")


def print_curve(points: list[CurvePoint], current: float, out: TextIO) -> None:
    out.write("\nthreshold curve (scored replies; a hint is shown when its confidence >= threshold):\n")
    out.write(f"  {'threshold':>9} {'P':>6} {'R':>6} {'F1':>6} {'flagged':>8}\n")
    for p in points:
        o = p.overall
        mark = "  <- current" if abs(p.threshold - current) < 1e-9 else ""
        out.write(f"  {p.threshold:9.1f} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {p.flagged:8}{mark}\n")


def _name(row: dict[str, Any]) -> str:
    return str(row.get("uid", row.get("id", "")))


def print_mistakes(report: EvalReport, show: int | None, out: TextIO) -> None:
    """Counts always; with `show`, up to that many of each with their text (to the terminal, not to files:
    the real set's text comes from the corpus and stays out of the repository)."""
    out.write(f"\nmisses ({len(report.misses)}), false alarms ({len(report.false_alarms)})")
    if not show:
        out.write("; --show lists them with their text\n")
        return
    out.write(f"\n\nmisses ({len(report.misses)}):\n")
    for row in report.misses[:show]:
        cats = ",".join(row.get("categories") or [row.get("category") or ""])
        out.write(f"  - [{cats}] {_name(row)} {row['text'][:300]!r}\n")
    out.write(f"\nfalse alarms ({len(report.false_alarms)}):\n")
    for row in report.false_alarms[:show]:
        spans = ", ".join(f"{h['entry']}:{h['text']!r} {h['confidence']:.2f}" for h in row["hints"])
        out.write(f"  - {_name(row)} {spans}\n      {row['text'][:300]!r}\n")
