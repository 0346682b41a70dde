"""The census of flags: judges' verdicts on the replies the coach flags in a corpus, kept in the repository as
corpus ids and verdicts only (like the labelled set), and the share of today's flags they call real.

A phrasebook change flags new replies and drops others; the report counts only the flags of the run, says
how many of them no judge has seen yet, and lists those ids so that only they need judging.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.services.labels import LabelError, read_jsonl

VERDICTS = ("real", "borderline", "not")


def read_verdicts(path: Path) -> dict[str, str]:
    """uid -> verdict, from lines {"uid", "verdict", "judge"?}; a uid judged twice is an error."""
    verdicts: dict[str, str] = {}
    for n, row in enumerate(read_jsonl(path), 1):
        if not isinstance(row.get("uid"), str) or row.get("verdict") not in VERDICTS:
            raise LabelError(f"{path}: line {n}: needs \"uid\" (string) and \"verdict\" (one of "
                             f"{', '.join(VERDICTS)})")
        if row["uid"] in verdicts:
            raise LabelError(f"{path}: line {n}: uid {row['uid']!r} is judged twice")
        verdicts[row["uid"]] = row["verdict"]
    return verdicts


@dataclass
class CensusReport:
    flagged: int = 0
    verdicts: Counter = field(default_factory=Counter)
    by_category: dict[str, Counter] = field(default_factory=dict)
    unjudged: list[str] = field(default_factory=list)

    @property
    def judged(self) -> int:
        return self.flagged - len(self.unjudged)

    def share(self, verdict: str) -> float:
        return self.verdicts[verdict] / self.judged if self.judged else 0.0


def census(flagged: list[dict[str, Any]], verdicts: dict[str, str]) -> CensusReport:
    """`flagged`: {"uid", "hints"} per flagged reply; each counts once, under its first hint's category."""
    report = CensusReport(flagged=len(flagged))
    for item in flagged:
        verdict = verdicts.get(item["uid"])
        if verdict is None:
            report.unjudged.append(item["uid"])
            continue
        report.verdicts[verdict] += 1
        report.by_category.setdefault(item["hints"][0]["category"], Counter())[verdict] += 1
    return report
