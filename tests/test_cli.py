"""The `coach` command as a user runs it: a real process, real pipeline."""

import json
import subprocess
import sys

import pytest

from coach.services.coach import Coach
from coach.settings import get_settings
from tests.conftest import REPO

COACH = [sys.executable, "-m", "coach.cli"]
HINT_KEYS = {"start", "end", "text", "entry", "category", "severity", "message", "alternatives", "confidence"}


def run(args, stdin=None, timeout=300):
    return subprocess.run(COACH + args, input=stdin, capture_output=True, text=True, timeout=timeout, cwd=REPO)


def dev_rows():
    return [json.loads(line) for line in (REPO / "tests/data/dev_set.jsonl").open()]


def test_check_prints_span_message_and_alternatives():
    out = run(["check", "Sorry, there's nothing I can do about the late fee."])
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    caret = next(i for i, line in enumerate(lines) if "^" in line)
    assert lines[caret - 1].index("nothing") == lines[caret].index("^")
    assert lines[caret].count("^") == len("nothing I can do")
    assert "helplessness/nothing-i-can-do" in out.stdout and "try: " in out.stdout
    assert "confidence: 0." in out.stdout


def test_check_honours_min_confidence():
    text = "Sorry, there's nothing I can do about the late fee."
    assert "nothing-i-can-do" in run(["check", "--min-confidence", "0", text]).stdout
    assert "no hints" in run(["check", "--min-confidence", "1", text]).stdout
    out = run(["check", "--min-confidence", "2", text])
    assert out.returncode != 0 and "between 0 and 1" in out.stderr


def test_check_reads_a_file(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Hello,\n\nMy hands are tied on this one.\n")
    out = run(["check", str(path)])
    assert out.returncode == 0 and "my-hands-are-tied" in out.stdout


@pytest.mark.slow
def test_check_jsonl_contract_over_10000_lines_in_one_run(analyzer):
    texts = [r["text"] for r in dev_rows()]
    inputs = [{"id": i, "text": texts[i % len(texts)]} for i in range(10_000)]
    bad = {17: "not json at all", 4242: json.dumps({"id": 5, "text": 7}), 9001: json.dumps([1, 2]),
           9999: "{" * 100_000}
    lines = [bad.get(i, json.dumps(item)) for i, item in enumerate(inputs)]
    out = run(["check", "--jsonl"], stdin="\n".join(lines) + "\n", timeout=900)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 10_000
    expected = Coach(analyzer, min_confidence=get_settings().min_confidence).analyze_many(texts)
    for i, record in enumerate(records):
        if i in bad:
            assert record["id"] is None and record["error"] and set(record) == {"id", "error"}
            continue
        assert set(record) == {"id", "hints"} and record["id"] == i
        want = expected[i % len(texts)]
        assert [(h["start"], h["end"], h["entry"]) for h in record["hints"]] == \
               [(h["start"], h["end"], h["entry"]) for h in want]
        for hint in record["hints"]:
            assert set(hint) == HINT_KEYS
            assert all(set(alt) == {"text"} for alt in hint["alternatives"])
            assert texts[i % len(texts)][hint["start"]:hint["end"]] == hint["text"]
    assert sum(bool(r.get("hints")) for r in records) > 3000


def test_check_jsonl_error_lines_say_what_is_wrong():
    stdin = "\n".join(["nope", '{"id": 1}', '{"id": 2, "text": null}', '"just a string"',
                       '{"id": "ok", "text": "Fine, thanks!"}']) + "\n"
    out = run(["check", "--jsonl"], stdin=stdin)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in records] == [None, None, None, None, "ok"]
    assert "not valid JSON" in records[0]["error"]
    assert records[1]["error"] == 'missing field "text"'
    assert records[2]["error"] == 'field "text" must be a string, got NoneType'
    assert "JSON object" in records[3]["error"]
    assert records[4] == {"id": "ok", "hints": []}


def test_eval_prints_scores_per_category_and_mistakes(tmp_path):
    labelled = tmp_path / "set.jsonl"
    rows = [{"text": "Sorry, there's nothing I can do.", "deflecting": True, "category": "helplessness"},
            {"text": "I've refunded it and it lands tomorrow.", "deflecting": False},
            {"text": "Is there anything else I can do?", "deflecting": False},
            {"text": "Meh, nothing we could've done differently.", "deflecting": True, "category": "helplessness"}]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = run(["eval", str(labelled)])
    assert out.returncode == 0, out.stderr
    overall = next(line for line in out.stdout.splitlines() if line.startswith("overall"))
    assert overall.split()[1:4] == ["1.000", "0.500", "0.667"]
    assert "misses (1)" in out.stdout and "nothing we could've done" in out.stdout
    assert "false alarms (0)" in out.stdout


def test_eval_rejects_unlabelled_lines(tmp_path):
    labelled = tmp_path / "set.jsonl"
    labelled.write_text('{"text": "hi"}\n')
    out = run(["eval", str(labelled)])
    assert out.returncode != 0 and "line 1" in out.stderr and "deflecting" in out.stderr


def test_replay_prints_flag_rate_and_entries(tmp_path):
    corpus = tmp_path / "replies.jsonl"
    texts = ["My hands are tied.", "Thanks, it ships today!", "Sorry, there's nothing I can do.", "Hi!"]
    corpus.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n")
    out = run(["phrasebook", "replay", str(corpus), "--sample", "5"])
    assert out.returncode == 0, out.stderr
    assert "4 replies, 2 flagged: flag rate 50.00%" in out.stdout
    assert "my-hands-are-tied" in out.stdout and "nothing-i-can-do" in out.stdout


def test_replay_with_verdicts_reports_the_census_and_what_is_not_judged(tmp_path):
    corpus = tmp_path / "replies.jsonl"
    rows = [{"uid": "r:1", "text": "My hands are tied."}, {"uid": "r:2", "text": "Thanks &amp; bye!"},
            {"uid": "r:3", "text": "Sorry, there's nothing I can do."},
            {"uid": "r:4", "text": "You'll need to contact AT&amp;T for a resolution."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    verdicts = tmp_path / "verdicts.jsonl"
    verdicts.write_text('{"uid": "r:1", "verdict": "real"}\n{"uid": "r:3", "verdict": "not"}\n'
                        '{"uid": "r:2", "verdict": "real"}\n')  # r:2 is not flagged: not counted
    out = run(["phrasebook", "replay", str(corpus), "--html-escaped", "--verdicts", str(verdicts)])
    assert out.returncode == 0, out.stderr
    assert "4 replies, 3 flagged" in out.stdout  # "AT&T" once unescaped
    assert "2 of 3 flagged replies judged" in out.stdout
    shares = [line.split()[:3] for line in out.stdout.splitlines()
              if line.split()[:1] in (["real"], ["not"]) and "%" in line]
    assert shares == [["real", "1", "50.0%"], ["not", "1", "50.0%"]]
    assert "not judged yet (1): r:4" in out.stdout


def test_replay_with_brand_names_reads_each_reply_as_its_brands_deployment(tmp_path):
    """A pointer to a brand's own local shop with the way to reach it is our own channel for that brand's
    deployment, and another company for anyone else's."""
    text = ("It would be best to check with your local Acme directly. "
            "Their number is at https://example.com/stores")
    corpus = tmp_path / "replies.jsonl"
    rows = [{"uid": "r:1", "brand": "AskAcme", "text": text},
            {"uid": "r:2", "brand": "Globex_Support", "text": text},
            {"uid": "r:3", "text": "Sorry, there's nothing I can do."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    plain = run(["phrasebook", "replay", str(corpus)])
    assert "3 replies, 3 flagged" in plain.stdout, plain.stderr
    by_brand = run(["phrasebook", "replay", str(corpus), "--brand-names"])
    assert by_brand.returncode == 0, by_brand.stderr
    assert "3 replies, 2 flagged" in by_brand.stdout
    counts = [line.split() for line in by_brand.stdout.splitlines()
              if line.strip().endswith("contact-them-directly")]
    assert counts == [["1", "contact-them-directly"]]  # r:2's: Acme is another company for Globex


def test_replay_rejects_a_bad_verdict_line(tmp_path):
    corpus = tmp_path / "replies.jsonl"
    corpus.write_text(json.dumps({"uid": "r:1", "text": "Hi"}) + "\n")
    verdicts = tmp_path / "verdicts.jsonl"
    verdicts.write_text('{"uid": "r:1", "verdict": "maybe"}\n')
    out = run(["phrasebook", "replay", str(corpus), "--verdicts", str(verdicts)])
    assert out.returncode != 0 and "line 1" in out.stderr and "real, borderline, not" in out.stderr


def test_phrasebook_check_passes_on_the_bundled_phrasebook():
    out = run(["phrasebook", "check"])
    assert out.returncode == 0, out.stdout[-3000:]
    assert ", 0 failing;" in out.stdout


def test_phrasebook_error_exits_with_the_message(tmp_path):
    (tmp_path / "lexicon.yaml").write_text("sets: {}\n")
    out = run(["--phrasebook", str(tmp_path), "check", "hello"])
    assert out.returncode == 2 and "lexicon.yaml: field sets: missing set 'company'" in out.stderr


def label_files(tmp_path):
    """A label file of uids and a synthetic corpus it refers to."""
    labels = [{"uid": "s:1", "label": "deflecting", "categories": ["helplessness"], "stratum": "replay"},
              {"uid": "s:2", "label": "not", "categories": [], "stratum": "random"},
              {"uid": "s:3", "label": "borderline", "categories": ["passing-the-buck"], "stratum": "keyword"}]
    corpus = [{"uid": "s:2", "text": "I've refunded it, it lands tomorrow."},
              {"uid": "s:1", "text": "Sorry, there's nothing I can do about that."},
              {"uid": "s:3", "text": "Please DM us your order number."}]
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in labels))
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in corpus))
    return str(tmp_path / "labels.jsonl"), str(tmp_path / "corpus.jsonl")


def test_eval_joins_a_label_file_with_its_corpus_and_prints_the_curve(tmp_path):
    labels, corpus = label_files(tmp_path)
    out = run(["eval", labels, "--corpus", corpus, "--curve"])
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert f"3 labels joined with {corpus}" in out.stdout
    assert "2 replies scored, 1 deflecting" in out.stdout
    assert next(line for line in lines if line.startswith("overall")).split()[1:4] == ["1.000", "1.000", "1.000"]
    assert any(line.startswith("helplessness *") for line in lines), "a category under 20 items is marked"
    assert "borderline (not scored): 1 replies, 0 flagged" in out.stdout
    assert any(line.split()[:3] == ["replay", "1", "replies,"] for line in lines)
    curve = [line.split() for line in lines if line.strip()[:3] in {f"{t / 10:.1f}" for t in range(11)}]
    assert [row[0] for row in curve] == [f"{t / 10:.1f}" for t in range(11)]
    flagged = [int(row[4]) for row in curve]
    assert flagged == sorted(flagged, reverse=True) and flagged[0] == 1 and flagged[-1] == 0
    assert "nothing I can do" not in out.stdout, "corpus text is listed only with --show"
    shown = run(["eval", labels, "--corpus", corpus, "--show", "--min-confidence", "1"])
    assert "misses (1):" in shown.stdout and "s:1 \"Sorry, there's nothing I can do" in shown.stdout


def test_eval_without_its_corpus_says_where_it_looked(tmp_path):
    labels, _ = label_files(tmp_path)
    out = run(["eval", labels, "--corpus", str(tmp_path / "missing.jsonl")])
    assert out.returncode == 2
    assert "missing.jsonl: corpus not found" in out.stderr and "--corpus" in out.stderr
