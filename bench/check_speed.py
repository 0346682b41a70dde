"""`coach check --jsonl` over the whole real corpus against the full en_core_web_sm pipeline, in one run.

    .venv/bin/python bench/check_speed.py [--limit N]

Prints words/s of (a) the full en_core_web_sm pipeline (all components, NER included) through `nlp.pipe`
over the same texts, (b) `coach check --jsonl` as a user runs it (a fresh process, model load included, the
sentence caches on), and whether (b)'s hints are identical to the uncached path (the analyzer with no caches,
in this process).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real_agent_replies.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N replies")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")][: args.limit]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} replies, {words} words")

    import spacy

    from coach.nlp.pipeline import default_base_model

    nlp = spacy.load(default_base_model())
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    full = time.perf_counter() - started
    print(f"full {default_base_model()} ({', '.join(nlp.pipe_names)}): {full:.1f}s, {words / full:,.0f} words/s")
    del nlp

    stdin = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "coach.cli", "check", "--jsonl"], input=stdin,
                         capture_output=True, text=True, cwd=REPO, check=True).stdout
    coach = time.perf_counter() - started
    print(f"coach check --jsonl (process start and model load included): {coach:.1f}s, "
          f"{words / coach:,.0f} words/s — {full / coach:.1f}x the full pipeline")

    from coach.nlp.analyzer import Analyzer
    from coach.phrasebook import loader
    from coach.services.threshold import confident
    from coach.settings import get_settings

    records = [json.loads(line) for line in out.splitlines()]
    analyzer = Analyzer(loader.load())
    sentences = [s for t in texts for s in analyzer.sentences(t)]
    triggered = sum(s.triggered for s in sentences)
    print(f"first pass: {triggered} of {len(sentences)} sentences ({triggered / len(sentences):.1%}) go on to "
          f"the parser; the rest cost only the tokenizer")
    # The same threshold as `coach check` (the COACH_MIN_CONFIDENCE setting), on hints made without caches.
    threshold = get_settings().min_confidence
    uncached = [confident(hints, threshold) for hints in analyzer.analyze_many(texts)]
    key = lambda hints: [(h["start"], h["end"], h["entry"], [a["text"] for a in h["alternatives"]]) for h in hints]
    same = sum(key(r["hints"]) == key(u) for r, u in zip(records, uncached))
    flagged = sum(bool(r["hints"]) for r in records)
    print(f"identical to the uncached path: {same} of {len(texts)} replies; {flagged} replies flagged")


if __name__ == "__main__":
    main()
