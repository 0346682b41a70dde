"""Cross-entry checks that a single entry's schema cannot see: duplicate triggers, unknown sets,
patterns the first pass could not anchor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.phrasebook.compiler import UNLESS_PREFIX, PatternError, compile_entries, trigger_key

if TYPE_CHECKING:
    from coach.phrasebook.loader import Phrasebook

REQUIRED_SETS = ("company", "customer_side", "non_action_verbs", "attempt_verbs")
"""Sets the context component reads: who is the company side, who is the customer's, which verbs are not
an action the agent takes."""


def lint(book: Phrasebook) -> list[str]:
    """Problems that make the phrasebook unusable, each naming file, entry id and field."""
    problems = [f"lexicon.yaml: field sets: missing set {name!r}" for name in REQUIRED_SETS
                if name not in book.sets]
    owner: dict[str, str] = {}
    for resolved in book.active:
        entry = resolved.entry
        try:
            compiled = compile_entries([entry], book.sets)
        except PatternError as exc:
            problems.append(f"{resolved.file}: {exc}")
            continue
        for requirement, pattern in zip(compiled.requirements, (p for p in [*compiled.span_patterns,
                                                                  *compiled.dependency_patterns]
                                                      if not p["label"].startswith(UNLESS_PREFIX))):
            if not requirement:
                problems.append(f"{resolved.file}: entry {entry.id}, field match: a pattern has no required "
                                f"word (LOWER/NORM/LEMMA) the first pass can look for: {pattern['pattern']}")
        for pattern in [*compiled.span_patterns, *compiled.dependency_patterns]:
            if pattern["label"].startswith(UNLESS_PREFIX):
                continue
            key = trigger_key(pattern)
            if key in owner and owner[key] != entry.id:
                problems.append(f"{resolved.file}: entry {entry.id}, field match: trigger {key!r} is also "
                                f"in entry {owner[key]}")
            owner.setdefault(key, entry.id)
    return problems
