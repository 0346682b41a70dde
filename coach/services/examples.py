"""Run an entry's own examples on the real pipeline (the trainer's "Check" and the per-entry tests)."""

from __future__ import annotations

from dataclasses import dataclass

from coach.nlp.analyzer import Analyzer, normalize
from coach.phrasebook.loader import ResolvedEntry
from coach.phrasebook.schema import MARKER, SLOT


@dataclass
class ExampleResult:
    entry: str
    kind: str  # "flag" | "pass" | "alternative"
    text: str
    ok: bool
    problem: str = ""
    table: str = ""


def strip_markers(example: str) -> tuple[str, list[tuple[int, int]]]:
    """The example without [[ ]] and the character ranges the markers enclosed."""
    spans, out, pos = [], [], 0
    for m in MARKER.finditer(example):
        out.append(example[pos:m.start()])
        start = sum(map(len, out))
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(example[pos:])
    return "".join(out), spans


def token_table(analyzer: Analyzer, text: str) -> str:
    """Text, lemma, POS, dependency and head of every token, plus what the context component dropped."""
    doc = analyzer.nlp(normalize(text))
    rows = [f"{'i':>3} {'text':<14} {'lemma':<14} {'pos':<6} {'tag':<5} {'dep':<10} head"]
    for t in doc:
        rows.append(f"{t.i:>3} {t.text:<14} {t.lemma_:<14} {t.pos_:<6} {t.tag_:<5} {t.dep_:<10} {t.head.i}:{t.head.text}")
    for entry, start, end, reason in doc._.coach_dropped or []:
        rows.append(f"dropped {entry} {text[start:end]!r}: {reason}")
    return "\n".join(rows)


def _fmt(hints: list[dict]) -> str:
    return ", ".join(f"{h['entry']}:{h['text']!r}" for h in hints) or "none"


def check_entry(analyzer: Analyzer, resolved: ResolvedEntry, alternative_slots: dict[str, str] | None = None
                ) -> list[ExampleResult]:
    """Every flag example must get this entry's hint on exactly the marked spans; pass examples and the
    entry's alternatives (slots filled with sample values) must get no hint at all."""
    entry = resolved.entry
    slots = alternative_slots or {"team": "billing team", "item": "your order"}
    cases = [("flag", e) for e in entry.examples.flag] + [("pass", e) for e in entry.examples.pass_]
    cases += [("alternative", SLOT.sub(lambda m: slots[m.group(1)], a)) for a in entry.alternatives]
    texts = [strip_markers(example)[0] for _, example in cases]
    results = []
    for (kind, example), text, hints in zip(cases, texts, analyzer.analyze_many(texts)):
        if kind == "flag":
            expected = sorted(strip_markers(example)[1])
            got = sorted((h["start"], h["end"]) for h in hints if h["entry"] == entry.id)
            ok = got == expected
            problem = "" if ok else (f"expected {entry.id} on {[text[s:e] for s, e in expected]}, "
                                     f"got {_fmt(hints)}")
        else:
            ok = not hints
            problem = "" if ok else f"expected no hint, got {_fmt(hints)}"
        results.append(ExampleResult(entry.id, kind, text, ok, problem,
                                     "" if ok else token_table(analyzer, text)))
    return results
