"""Feedback counters per entry: shown, applied, dismissed, wrong flag. Drafts themselves are never kept."""

from __future__ import annotations

from collections import Counter

ACTIONS = ("applied", "dismissed", "wrong_flag")


class Analytics:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()

    def shown(self, entries: list[str]) -> None:
        self.counts.update((entry, "shown") for entry in entries)

    def feedback(self, entry: str, action: str) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        self.counts[(entry, action)] += 1

    def for_entry(self, entry: str) -> dict[str, int]:
        return {action: self.counts[(entry, action)] for action in ("shown", *ACTIONS)}

    def snapshot(self) -> dict[str, dict[str, int]]:
        """Every entry seen so far with its counters, for a read-only view."""
        entries = sorted({entry for entry, _action in self.counts})
        return {entry: self.for_entry(entry) for entry in entries}
