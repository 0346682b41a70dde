"""Per-connection draft state: latest revision wins, answers never go backwards."""

from __future__ import annotations


class DraftError(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


class DraftTracker:
    def __init__(self, max_drafts: int) -> None:
        self.max_drafts = max_drafts
        self.latest: dict[str, int] = {}
        self.answered: dict[str, int] = {}

    def accept(self, draft_id: str, rev: int) -> None:
        """Record a new revision, or raise DraftError saying why it is refused."""
        if draft_id not in self.latest and len(self.latest) >= self.max_drafts:
            raise DraftError("too_many_drafts", f"this connection already has {self.max_drafts} drafts; "
                                                f"reuse a draft_id or open another connection")
        latest = self.latest.get(draft_id)
        if latest is not None and rev <= latest:
            raise DraftError("stale_rev", f"rev {rev} of draft {draft_id!r} is not newer than rev {latest}")
        self.latest[draft_id] = rev

    def should_answer(self, draft_id: str, rev: int) -> bool:
        """Only the newest revision gets hints, and never one older than a revision already answered."""
        return self.latest.get(draft_id) == rev and rev > self.answered.get(draft_id, -1)

    def mark_answered(self, draft_id: str, rev: int) -> None:
        self.answered[draft_id] = rev
