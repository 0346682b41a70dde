"""The detection floor on the team's dev set. Raising it is welcome; lowering it needs a reason."""

import json

from coach.services.coach import Coach
from coach.services.quality import evaluate
from coach.settings import get_settings
from tests.conftest import REPO

# Issue 4's targets, at the threshold the service uses.
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.95


def test_dev_set_precision_and_recall(analyzer):
    rows = [json.loads(line) for line in (REPO / "tests/data/dev_set.jsonl").open()]
    report = evaluate(Coach(analyzer, min_confidence=get_settings().min_confidence), rows)
    o = report.overall
    assert o.precision >= PRECISION_FLOOR, [(r["text"], r["hints"]) for r in report.false_alarms]
    assert o.recall >= RECALL_FLOOR, [r["text"] for r in report.misses]


def test_dev_set_shape():
    rows = [json.loads(line) for line in (REPO / "tests/data/dev_set.jsonl").open()]
    assert len(rows) >= 400
    deflecting = [r for r in rows if r["deflecting"]]
    assert len(deflecting) / len(rows) >= 0.40
    assert {r["category"] for r in deflecting} == {"blaming-others", "hiding-behind-policy", "helplessness",
                                                   "passing-the-buck", "disclaiming", "blaming-the-customer"}
