"""Incremental analysis: editing one sentence of a 20-sentence email against analysing that sentence alone.

    .venv/bin/python bench/incremental.py [--rounds 40]

The email is built from dev-set sentences that pass the first pass (the expensive case: every sentence is
parsed). Each round edits one sentence (a word added) of an email the coach has already seen, and times the
re-analysis of the whole email; beside it, the same edited sentence analysed alone with no cache. Prints the
medians and their ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from coach.nlp.analyzer import Analyzer
from coach.phrasebook import loader
from coach.services.coach import Coach

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    analyzer = Analyzer(loader.load())
    rows = [json.loads(line)["text"] for line in (REPO / "tests/data/dev_set.jsonl").open()]
    pool = [s.text for r in rows for s in analyzer.sentences(r) if s.triggered and 8 <= len(s.text.split()) <= 30
            and s.text.endswith(".")]
    rng = random.Random(args.seed)
    email_times, alone_times = [], []
    for _ in range(args.rounds):
        sentences = rng.sample(pool, 20)
        coach = Coach(analyzer)
        coach.analyze(" ".join(sentences))  # the coach has seen this email
        k = rng.randrange(20)
        sentences[k] = sentences[k][:-1] + " today."
        edited = " ".join(sentences)
        started = time.perf_counter()
        coach.analyze(edited)
        email_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        analyzer.analyze_many([sentences[k]])
        alone_times.append(time.perf_counter() - started)
    email, alone = statistics.median(email_times) * 1000, statistics.median(alone_times) * 1000
    print(f"{args.rounds} rounds, 20-sentence emails, every sentence past the first pass")
    print(f"re-analyse the email after editing one sentence: median {email:.2f} ms")
    print(f"analyse the edited sentence alone, no cache:     median {alone:.2f} ms")
    print(f"ratio {email / alone:.2f}x")


if __name__ == "__main__":
    main()
