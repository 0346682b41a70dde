"""The census of flags: verdicts by uid, joined with the flags of one run."""

import json

import pytest

from coach.services.census import census, read_verdicts
from coach.services.labels import LabelError


def flag(uid, category="helplessness"):
    return {"uid": uid, "hints": [{"category": category}]}


def test_shares_count_only_judged_flags_and_list_the_rest():
    report = census([flag("a"), flag("b", "passing-the-buck"), flag("c"), flag("d")],
                    {"a": "real", "b": "real", "c": "borderline", "z": "not"})
    assert report.flagged == 4 and report.judged == 3 and report.unjudged == ["d"]
    assert report.share("real") == pytest.approx(2 / 3) and report.share("not") == 0
    assert report.by_category["helplessness"] == {"real": 1, "borderline": 1}


def test_a_uid_judged_twice_is_an_error(tmp_path):
    path = tmp_path / "v.jsonl"
    path.write_text("".join(json.dumps({"uid": "a", "verdict": v}) + "\n" for v in ("real", "not")))
    with pytest.raises(LabelError, match="line 2: uid 'a' is judged twice"):
        read_verdicts(path)


def test_the_repository_censuses_are_well_formed():
    from tests.conftest import REPO

    for path in (REPO / "tests/data/census").glob("*.jsonl"):
        verdicts = read_verdicts(path)
        assert len(verdicts) > 100, path
