"""The real labelled set: ids and labels in the repository, joined with a corpus at run time; scored with
borderline replies apart. The corpus here is a tiny synthetic one written by the test."""

import json

import pytest

from coach.services.labels import LabelError, read_labelled
from coach.services.quality import THRESHOLDS, curve, score


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


LABELS = [
    {"uid": "t:1", "label": "deflecting", "categories": ["passing-the-buck", "blaming-others"], "stratum": "replay",
     "labeller": "L1"},
    {"uid": "t:2", "label": "not", "categories": [], "stratum": "random", "labeller": "L2"},
    {"uid": "t:3", "label": "borderline", "categories": ["passing-the-buck"], "stratum": "keyword",
     "labeller": "L3"},
]
CORPUS = [
    {"uid": "t:0", "text": "Unrelated reply."},
    {"uid": "t:3", "text": "Please DM us your order number."},
    {"uid": "t:1", "text": "The courier lost it. You'll need to call them."},
    {"uid": "t:2", "text": "I've refunded it today &amp; emailed you &gt;&gt;"},
]


@pytest.fixture
def files(tmp_path):
    return write_jsonl(tmp_path / "labels.jsonl", LABELS), write_jsonl(tmp_path / "corpus.jsonl", CORPUS)


def test_a_label_file_is_joined_with_the_corpus_by_uid_in_label_order(files):
    labels, corpus = files
    rows, used = read_labelled(labels, corpus)
    assert used == corpus
    assert [r["uid"] for r in rows] == ["t:1", "t:2", "t:3"]
    assert rows[0]["text"] == "The courier lost it. You'll need to call them."
    assert rows[0]["categories"] == ["passing-the-buck", "blaming-others"] and rows[2]["label"] == "borderline"
    assert rows[1]["text"] == "I've refunded it today & emailed you >>"  # the tweets' HTML escaping undone


def test_a_missing_corpus_is_a_clear_error(files, tmp_path):
    labels, _ = files
    with pytest.raises(LabelError) as err:
        read_labelled(labels, tmp_path / "nowhere" / "corpus.jsonl")
    assert "nowhere/corpus.jsonl: corpus not found" in str(err.value) and "--corpus" in str(err.value)


def test_uids_missing_from_the_corpus_are_named(files, tmp_path):
    labels, _ = files
    other = write_jsonl(tmp_path / "other.jsonl", CORPUS[:2])
    with pytest.raises(LabelError, match=r"2 uid\(s\) of .*labels.jsonl not found: t:1, t:2"):
        read_labelled(labels, other)


@pytest.mark.parametrize("row, problem", [
    ({"uid": "t:1", "label": "maybe", "categories": []}, "line 1 (uid 't:1'): field label must be one of"),
    ({"uid": "t:1", "label": "not", "categories": "x"}, "field categories must be a list"),
    ({"uid": "t:1", "label": "deflecting", "categories": []}, "needs at least one category"),
])
def test_bad_label_rows_name_the_line_and_field(tmp_path, row, problem):
    labels = write_jsonl(tmp_path / "labels.jsonl", [row])
    with pytest.raises(LabelError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        read_labelled(labels, tmp_path / "unused.jsonl")


def test_a_dev_set_file_is_read_as_it_is(tmp_path):
    rows = [{"text": "Sorry, there's nothing I can do.", "deflecting": True, "category": "helplessness"}]
    assert read_labelled(write_jsonl(tmp_path / "dev.jsonl", rows)) == (rows, None)
    with pytest.raises(LabelError, match="line 1: needs \"text\""):
        read_labelled(write_jsonl(tmp_path / "bad.jsonl", [{"text": "hi"}]))


def hint(category, confidence=0.9):
    return {"category": category, "entry": "e", "text": "t", "confidence": confidence}


ROWS = [
    {"uid": "a", "label": "deflecting", "categories": ["passing-the-buck", "blaming-others"], "stratum": "replay"},
    {"uid": "b", "label": "deflecting", "categories": ["helplessness"], "stratum": "keyword"},
    {"uid": "c", "label": "not", "categories": [], "stratum": "random"},
    {"uid": "d", "label": "borderline", "categories": ["passing-the-buck"], "stratum": "replay"},
    {"uid": "e", "label": "borderline", "categories": ["passing-the-buck"], "stratum": "random"},
]


def test_categories_are_lists_and_borderline_is_reported_apart():
    hints = [[hint("passing-the-buck"), hint("disclaiming")], [], [hint("helplessness", 0.55)],
             [hint("passing-the-buck")], []]
    report = score(ROWS, hints)
    assert report.total == 3  # the two borderline replies are not scored
    o = report.overall
    assert (o.tp, o.fp, o.fn) == (1, 1, 1)
    cats = report.categories
    assert (cats["passing-the-buck"].tp, cats["blaming-others"].fn) == (1, 1)
    # a hint of another category on a reply that deflects in another way is not a false alarm
    assert cats["disclaiming"].fp == 0
    assert (cats["helplessness"].fn, cats["helplessness"].fp) == (1, 1)
    assert (report.borderline.total, report.borderline.flagged) == (2, 1)
    assert report.borderline_categories["passing-the-buck"].flagged == 1
    assert {name: (t.total, t.flagged) for name, t in report.strata.items()} == {
        "keyword": (1, 0), "random": (2, 1), "replay": (2, 2)}


def test_the_curve_never_flags_more_as_the_threshold_rises():
    hints = [[hint("passing-the-buck", 0.7)], [hint("helplessness", 0.35)], [hint("helplessness", 0.55)],
             [hint("passing-the-buck", 0.6)], []]
    points = curve(ROWS, hints)
    assert [p.threshold for p in points] == list(THRESHOLDS)
    flagged = [p.flagged for p in points]
    assert flagged == sorted(flagged, reverse=True) and flagged[0] == 3 and flagged[-1] == 0
    at_06 = next(p for p in points if p.threshold == 0.6)
    assert (at_06.overall.tp, at_06.overall.fp, at_06.overall.fn) == (1, 0, 1)


def test_corpus_recall_weights_each_part_by_its_size(tmp_path):
    from coach.services.strata import corpus_recall

    corpus = [{"uid": f"c:{i}", "text": "Thanks, enjoy the show."} for i in range(8)]
    corpus += [{"uid": f"k:{i}", "text": "Unfortunately you'll need to call the bank."} for i in range(4)]
    corpus += [{"uid": "f:0", "text": "There's nothing I can do."}]
    path = write_jsonl(tmp_path / "corpus.jsonl", corpus)
    text = {r["uid"]: r["text"] for r in corpus}
    rows = [  # every flagged-then reply, 2 of the 4 keyword replies, 2 of the 8 others
        {"uid": "f:0", "label": "deflecting", "stratum": "replay"},
        {"uid": "k:0", "label": "deflecting", "stratum": "keyword"},
        {"uid": "k:1", "label": "not", "stratum": "keyword"},
        {"uid": "c:0", "label": "not", "stratum": "random"},
        {"uid": "c:1", "label": "borderline", "stratum": "random"},
    ]
    rows = [{**r, "text": text[r["uid"]]} for r in rows]
    estimate = corpus_recall(rows, [True, False, False, False, True], path)
    assert {name: (p.size, p.labelled) for name, p in estimate.parts.items()} == {
        "flagged then": (1, 1), "keyword": (4, 2), "other": (8, 2)}
    # 1 deflecting reply flagged then, and 1 of 2 keyword replies standing for 2 more, none of them flagged
    assert estimate.deflecting == 3 and estimate.caught == 1
    assert estimate.recall == pytest.approx(1 / 3)


def test_corpus_recall_needs_strata(tmp_path):
    from coach.services.strata import corpus_recall

    path = write_jsonl(tmp_path / "corpus.jsonl", CORPUS)
    assert corpus_recall([{"uid": "t:1", "text": "x", "label": "not"}], [False], path) is None
