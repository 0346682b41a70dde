"""One test per phrasebook entry: its flag and pass examples, and its alternatives, on the real pipeline."""

import pytest

from coach.phrasebook import loader
from coach.services.examples import check_entry

ENTRIES = loader.load().active


@pytest.mark.parametrize("entry_id", [e.id for e in ENTRIES])
def test_entry_examples(analyzer, book, entry_id):
    resolved = book.by_id()[entry_id]
    failures = [r for r in check_entry(analyzer, resolved) if not r.ok]
    report = "\n\n".join(f"[{r.kind}] {r.text}\n  {r.problem}\n{r.table}" for r in failures)
    assert not failures, f"{resolved.file}: entry {entry_id}\n{report}"
