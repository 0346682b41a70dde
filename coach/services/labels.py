"""Labelled sets for `coach eval`: the team's dev set (text and label on each line) and the real labelled set,
which keeps only corpus ids and labels in the repository and is joined with ../shared/corpus/ at run time, so
no corpus text is ever copied here.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "real_agent_replies.jsonl"
LABELS = ("deflecting", "not", "borderline")


class LabelError(ValueError):
    """A labelled file or its corpus is unusable; the message names the file, the line and what to do."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise LabelError(f"{path}: file not found") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise LabelError(f"{path}:{n}: not valid JSON: {exc}") from None
    return rows


def is_label_file(rows: list[dict[str, Any]]) -> bool:
    """Rows that name a corpus reply by `uid` and carry no text of their own."""
    return bool(rows) and all(isinstance(r, dict) and "uid" in r and "text" not in r for r in rows)


def _check_label_row(path: Path, n: int, row: dict[str, Any]) -> None:
    where = f"{path}: line {n} (uid {row.get('uid')!r})"
    if row.get("label") not in LABELS:
        raise LabelError(f"{where}: field label must be one of {', '.join(LABELS)}, got {row.get('label')!r}")
    cats = row.get("categories")
    if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
        raise LabelError(f"{where}: field categories must be a list of category names")
    if row["label"] == "deflecting" and not cats:
        raise LabelError(f"{where}: a deflecting reply needs at least one category")


def _check_dev_row(path: Path, n: int, row: Any) -> None:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) \
            or not isinstance(row.get("deflecting"), bool):
        raise LabelError(f"{path}: line {n}: needs \"text\" (string) and \"deflecting\" (true/false), or "
                         f"\"uid\" and \"label\" for a label file joined with the corpus")


def join_corpus(rows: list[dict[str, Any]], corpus: Path, labels_path: Path) -> list[dict[str, Any]]:
    """Each label row with its reply's `text` (and `brand`) from the corpus, matched by `uid`, with the HTML
    entities of the corpus's tweets turned back into the characters the agent typed."""
    if not corpus.is_file():
        raise LabelError(f"{corpus}: corpus not found. {labels_path} holds corpus ids and labels only; its text "
                         f"is read from the corpus at run time. Pass --corpus PATH to real_agent_replies.jsonl.")
    wanted = {row["uid"] for row in rows}
    texts: dict[str, str] = {}
    brands: dict[str, str | None] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            reply = json.loads(line)
            if reply.get("uid") in wanted:
                # Tweets come HTML-escaped from Twitter ("AT&amp;T"); the agent typed "AT&T".
                texts[reply["uid"]] = html.unescape(reply["text"])
                brands[reply["uid"]] = reply.get("brand")
    missing = [row["uid"] for row in rows if row["uid"] not in texts]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        raise LabelError(f"{corpus}: {len(missing)} uid(s) of {labels_path} not found: {shown}. Is it the "
                         f"corpus the labels were drawn from?")
    return [{**row, "text": texts[row["uid"]], "brand": brands[row["uid"]]} for row in rows]


def read_labelled(path: Path, corpus: Path | None = None) -> tuple[list[dict[str, Any]], Path | None]:
    """Rows with `text` for `quality.score`, and the corpus their text came from: a dev set as it is (None),
    a label file joined with `corpus` (default: DEFAULT_CORPUS)."""
    rows = read_jsonl(path)
    if is_label_file(rows):
        for n, row in enumerate(rows, 1):
            _check_label_row(path, n, row)
        corpus = corpus or DEFAULT_CORPUS
        return join_corpus(rows, corpus, path), corpus
    for n, row in enumerate(rows, 1):
        _check_dev_row(path, n, row)
    return rows, None
