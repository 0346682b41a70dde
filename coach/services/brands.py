"""A corpus of many brands' replies, each read as that brand's own deployment would read it.

A deployment's lexicon names the brand (`own_names`), so "contact your local Acme directly at <link>" from
an Acme agent is a pointer to our own channel. A corpus row carries only the brand's handle; its name is the
handle without the support-desk prefix and suffix.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from coach.nlp.analyzer import Hint
from coach.nlp.handoff import name_key
from coach.services.coach import Coach

_PREFIX = re.compile(r"^ask_?", re.IGNORECASE)
_SUFFIX = re.compile(r"_?(support|cares?|helps?|assist|service|tweets|team)$", re.IGNORECASE)


def own_name(handle: str) -> str:
    """'AppleSupport' -> 'apple', 'Ask_WellsFargo' -> 'wellsfargo', 'British_Airways' -> 'britishairways'."""
    return name_key(_SUFFIX.sub("", _PREFIX.sub("", handle))) or name_key(handle)


def analyze_by_brand(coach: Coach, rows: list[dict[str, Any]], batch_size: int = 256) -> list[list[Hint]]:
    """Hints per row ({"text", "brand"?}), in order; rows without a brand are read with the lexicon as it is."""
    groups: dict[str | None, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[row.get("brand") or None].append(i)
    out: list[list[Hint]] = [[] for _ in rows]
    for brand, indices in groups.items():
        names = frozenset({own_name(brand)}) if brand else frozenset()
        with coach.own_names(names):
            for i, hints in zip(indices, coach.analyze_many([rows[i]["text"] for i in indices], batch_size)):
                out[i] = hints
    return out
