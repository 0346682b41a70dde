"""Planning a revision from the previous one's sentences gives the same sentences as planning it afresh:
typing, deleting and editing in the middle, on every dev-set reply."""

import json
import random
from pathlib import Path

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "dev_set.jsonl"


def revisions(text: str, rng: random.Random) -> list[str]:
    """What an agent's editor sends: bursts of typing, a backspace now and then, an edit earlier on."""
    out, pos = [], 0
    while pos < len(text):
        pos = min(len(text), pos + rng.randint(1, 9))
        draft = text[:pos]
        if rng.random() < 0.15:
            draft = draft[:-rng.randint(1, 4)]  # backspace
        if rng.random() < 0.1 and len(draft) > 10:
            at = rng.randrange(len(draft))
            draft = draft[:at] + rng.choice(["!", ")", " ", "x", "\n", ". "]) + draft[at:]  # an edit earlier on
        out.append(draft)
    return out


def test_incremental_plan_matches_a_fresh_plan(analyzer):
    rng = random.Random(7)
    texts = [json.loads(line)["text"] for line in DEV_SET.open(encoding="utf-8")]
    # social replies: addressees first, a ">>" continuing the last tweet, a handle mid-sentence
    texts += ["@117012 @AcmeAir >> we can't change it. Please tweet @AcmeRewards. @Sam thanks!\n> quoted",
              "@442 Hi Jo, once it ships it can't be changed. @443 you too!! >> Sorry -Al"]
    checked = 0
    for text in texts:
        previous = None
        for draft in revisions(text, rng):
            plan = analyzer.plan(draft, previous)
            fresh = analyzer.plan(draft)
            assert plan.sentences == fresh.sentences, draft
            assert plan.units == fresh.units
            previous = plan
            checked += 1
    assert checked > 10000
