"""Turn kept spans into hints: one per region, alternatives with slots filled and casing kept."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from coach.nlp.confidence import score
from coach.phrasebook.compiler import pattern_kind
from coach.phrasebook.schema import SLOT

_SEVERITY_RANK = {"warning": 1, "info": 0}
_NOUN_PARTS = ("det", "poss", "compound", "amod", "nmod")


def _resolve_overlaps(spans: list[Span], entries: dict[str, dict[str, Any]]) -> list[Span]:
    """Keep the most severe, then the longest, then the earliest of overlapping spans."""
    ranked = sorted(spans, key=lambda s: (-_SEVERITY_RANK[entries[s.label_]["severity"]],
                                          -(s.end - s.start), s.start))
    taken: list[Span] = []
    for span in ranked:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def _phrase(tok: Token, parts: tuple[str, ...]) -> str:
    words = [c for c in tok.lefts if c.dep_ in parts] + [tok]
    return tok.doc[words[0].i:tok.i + 1].text


def slot_values(span: Span, company: frozenset[str]) -> dict[str, str]:
    """{team}: the company unit the sentence names; {item}: the thing it is about."""
    values: dict[str, str] = {}
    for tok in span.sent:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if "team" not in values and tok.lemma_.lower() in company and tok.dep_ != "compound":
            values["team"] = _phrase(tok, ("compound",))
        elif "item" not in values and tok.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") \
                and tok.lemma_.lower() not in company:
            values["item"] = _phrase(tok, _NOUN_PARTS)
    return values


def _match_case(text: str, like: str) -> str:
    if not text or not like:
        return text
    if like[0].islower() and not re.match(r"I\b", text):
        return text[0].lower() + text[1:]
    if like[0].isupper():
        return text[0].upper() + text[1:]
    return text


def _sentence_range(span: Span) -> tuple[int, int]:
    sent = span.sent
    text = sent.text
    return sent.start_char, sent.start_char + len(text.rstrip())


def fill_alternatives(span: Span, entry: dict[str, Any], company: frozenset[str]) -> list[dict[str, Any]]:
    values = slot_values(span, company)
    if entry["replace"] == "span":
        start, end = span.start_char, span.end_char
    else:
        start, end = _sentence_range(span)
    original = span.doc.text[start:end]
    out = []
    for template in entry["alternatives"]:
        slots = SLOT.findall(template)
        if any(slot not in values for slot in slots):
            continue
        text = SLOT.sub(lambda m: values[m.group(1)], template)
        out.append({"text": _match_case(text, original), "start": start, "end": end})
    return out


def hint_id(span: Span, entry_id: str) -> str:
    """Stable while the sentence is unchanged, so feedback and caching survive edits elsewhere."""
    sent = span.sent
    key = f"{entry_id}\0{sent.text}\0{span.start_char - sent.start_char}"
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def _corroborated(span: Span, spans: list[Span]) -> bool:
    """Another entry matched (some of) the same words: two rules written apart agree."""
    return any(o.label_ != span.label_ and o.start < span.end and span.start < o.end for o in spans)


def build_hints(doc: Doc, spans: list[Span], entries: dict[str, dict[str, Any]],
                company: frozenset[str], factors: dict[tuple[str, int, int], list[str]]) -> list[dict[str, Any]]:
    """`factors`: per kept span (label, start, end), the context factors of its confidence."""
    spans = [s for s in spans if s.label_ in entries]
    hints = []
    for span in _resolve_overlaps(spans, entries):
        entry = entries[span.label_]
        names = list(factors.get((span.label_, span.start, span.end), []))
        if _corroborated(span, spans):
            names.append("corroborated")
        confidence, steps = score(pattern_kind(span.id_), entry.get("confidence"), names)
        hints.append({
            "id": hint_id(span, span.label_),
            "entry": span.label_,
            "category": entry["category"],
            "severity": entry["severity"],
            "start": span.start_char,
            "end": span.end_char,
            "text": span.text,
            "message": entry["message"],
            "why": entry["why"],
            "alternatives": fill_alternatives(span, entry, company),
            "confidence": confidence,
            "confidence_steps": steps,
        })
    return hints
