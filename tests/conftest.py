import os
from pathlib import Path

import pytest

from coach.phrasebook import loader

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("COACH_CORPUS", REPO.parent / "shared" / "corpus" / "real_agent_replies.jsonl"))


@pytest.fixture(scope="session")
def book():
    return loader.load()


@pytest.fixture(scope="session")
def analyzer(book):
    from coach.nlp.analyzer import Analyzer

    return Analyzer(book)
