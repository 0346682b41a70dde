"""Compile phrasebook entries into spaCy pattern dicts and the word requirements of the cheap first pass.

Output is plain data (lists of dicts), so the phrasebook layer stays free of spaCy.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach.phrasebook.schema import Entry, Match

if TYPE_CHECKING:
    from coach.phrasebook.loader import Phrasebook

UNLESS_PREFIX = "unless|"
_FORM_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")
_ANCHOR_ATTRS = (*_FORM_ATTRS, "LEMMA")
_SET_OPS = ("IN", "NOT_IN")


class PatternError(ValueError):
    pass


@dataclass
class Anchor:
    """One token a pattern cannot match without: any of these forms, or any inflection of these lemmas."""

    forms: set[str] = field(default_factory=set)
    lemmas: set[str] = field(default_factory=set)
    phrase: str | None = None
    """A fixed phrase; the nlp layer tokenizes it into one anchor per word (only it knows their norms)."""
    prefix: str = ""
    """What a word must start with, from a regex that starts with literal characters ("^@\\w+$": "@")."""

    def __bool__(self) -> bool:
        return bool(self.forms or self.lemmas or self.phrase or self.prefix)


Step = tuple[Anchor | None, int, int | None]
"""One token of a token pattern: its anchor (None: any token will do), and how few and how many tokens it
takes (from its OP)."""


@dataclass
class Requirement:
    """Everything one pattern needs: a sentence can match it only if every anchor has a form in the sentence,
    and, for a token pattern, only if they appear in the pattern's order with gaps it allows."""

    anchors: list[Anchor]
    sequence: list[Step] | None = None

    def __bool__(self) -> bool:
        return bool(self.anchors)


@dataclass
class Compiled:
    span_patterns: list[dict[str, Any]]
    dependency_patterns: list[dict[str, Any]]
    requirements: list[Requirement]


def expand_sets(obj: Any, sets: dict[str, list[str]], where: str) -> Any:
    """Replace "@name" set references in IN/NOT_IN lists (or as a bare value) with the set's words."""

    def words(ref: str) -> list[str]:
        name = ref[1:]
        if name not in sets:
            raise PatternError(f"{where}: unknown set {ref!r}; known sets: {', '.join(sorted(sets))}")
        return list(sets[name])

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if isinstance(value, str) and value.startswith("@") and key in _ANCHOR_ATTRS:
                    out[key] = {"IN": words(value)}
                elif key in _SET_OPS:
                    items = [value] if isinstance(value, str) else value
                    expanded: list[Any] = []
                    for item in items:
                        expanded.extend(words(item) if isinstance(item, str) and item.startswith("@") else [item])
                    out[key] = expanded
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(copy.deepcopy(obj))


NEGATION_FORMS = {"not", "n't", "nt", "never", "no", "nor", "neither"}
"""The words the parser labels `neg`: a {DEP: neg} node needs one of them."""


_LITERAL_START = re.compile(r"\^([^\\\[\](){}.*+?|^$]+)")


def _token_anchor(attrs: dict[str, Any]) -> Anchor | None:
    if attrs.get("DEP") == "neg" or attrs.get("DEP") == {"IN": ["neg"]}:
        return Anchor(forms=set(NEGATION_FORMS))
    for attr in _ANCHOR_ATTRS:
        value = attrs.get(attr)
        if isinstance(value, dict) and isinstance(value.get("REGEX"), str) and attr in _FORM_ATTRS:
            start = _LITERAL_START.match(value["REGEX"])
            if start and "|" not in value["REGEX"]:
                return Anchor(prefix=start.group(1).lower())
        if isinstance(value, dict):
            value = value.get("IN")
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            words = {v.lower() for v in value}
            return Anchor(lemmas=words) if attr == "LEMMA" else Anchor(forms=words)
    return None


_OP_COUNTS = {"1": (1, 1), "!": (1, 1), "?": (0, 1), "+": (1, None), "*": (0, None)}


def _step(token: dict[str, Any]) -> Step:
    op = token.get("OP", "1")
    if op in _OP_COUNTS:
        least, most = _OP_COUNTS[op]
    else:  # {n}, {n,m}, {n,}, {,m}; anything else: any number of any token
        low, comma, high = op.strip("{}").partition(",")
        if not (low or "0").isdigit() or not (high or "0").isdigit():
            return None, 0, None
        least = int(low or 0)
        most = int(high) if high else None if comma else least
    # "!" takes one token that must *not* match: any token as far as the first pass can tell.
    return (None if op == "!" else _token_anchor(token)), least, most


def tokens_requirement(pattern: list[dict[str, Any]]) -> Requirement:
    anchors = [a for tok in pattern if tok.get("OP", "1") in ("1", "+") for a in [_token_anchor(tok)] if a]
    return Requirement(anchors, [_step(tok) for tok in pattern])


def dependency_requirement(pattern: list[dict[str, Any]]) -> Requirement:
    return Requirement([a for node in pattern for a in [_token_anchor(node.get("RIGHT_ATTRS", {}))] if a])


def pattern_id(entry_id: str, kind: str, index: int) -> str:
    """`<entry id>/<phrases|tokens|dependency>/<n>`: which pattern matched, which the confidence reads."""
    return f"{entry_id}/{kind}/{index}"


def pattern_kind(span_id: str) -> str | None:
    parts = span_id.split("/")
    return parts[1] if len(parts) == 3 else None


def _compile_match(entry_id: str, label: str, match: Match, sets: dict[str, list[str]],
                   out: Compiled, requirements: bool) -> None:
    for i, phrase in enumerate(match.phrases):
        out.span_patterns.append({"label": label, "pattern": phrase, "id": pattern_id(entry_id, "phrases", i)})
        if requirements:
            out.requirements.append(Requirement([Anchor(phrase=phrase)]))
    for i, pattern in enumerate(match.tokens):
        expanded = expand_sets(pattern, sets, f"entry {entry_id}, field tokens[{i}]")
        out.span_patterns.append({"label": label, "pattern": expanded, "id": pattern_id(entry_id, "tokens", i)})
        if requirements:
            out.requirements.append(tokens_requirement(expanded))
    for i, pattern in enumerate(match.dependency):
        expanded = expand_sets(pattern, sets, f"entry {entry_id}, field dependency[{i}]")
        out.dependency_patterns.append({"label": label, "pattern": expanded,
                                        "id": pattern_id(entry_id, "dependency", i)})
        if requirements:
            out.requirements.append(dependency_requirement(expanded))


def compile_entries(entries: list[Entry], sets: dict[str, list[str]]) -> Compiled:
    """Patterns for the given entries; `unless` antipatterns are labelled `unless|<entry id>`."""
    out = Compiled(span_patterns=[], dependency_patterns=[], requirements=[])
    for entry in entries:
        _compile_match(entry.id, entry.id, entry.match, sets, out, requirements=True)
        _compile_match(entry.id, UNLESS_PREFIX + entry.id, entry.unless, sets, out, requirements=False)
    return out


def compile_phrasebook(book: Phrasebook) -> Compiled:
    return compile_entries([e.entry for e in book.active], book.sets)


def trigger_key(pattern: dict[str, Any]) -> str:
    """A canonical form of one pattern, for finding the same trigger in two entries."""
    value = pattern["pattern"]
    if isinstance(value, str):
        return " ".join(value.lower().replace("’", "'").split())
    return json.dumps(value, sort_keys=True)
