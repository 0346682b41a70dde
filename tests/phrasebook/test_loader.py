"""The loader names the file, the entry id and the field of every problem; lint catches cross-entry ones."""

import textwrap

import pytest

from coach.phrasebook import loader
from coach.phrasebook.compiler import compile_phrasebook
from coach.phrasebook.loader import PhrasebookError

LEXICON = textwrap.dedent("""\
    sets:
      company: [billing]
      customer_side: [family]
      non_action_verbs: [know]
      attempt_verbs: [check]
    """)

ENTRY = textwrap.dedent("""\
    category: helplessness
    title: Helplessness
    severity: warning
    entries:
      - id: {id}
        message: m
        why: w
        source: s
        match:
          phrases: [{phrase}]
        alternatives: [I'll fix it today., I'll call you back by noon.]
        examples:
          flag: ["Sorry, [[{phrase}]].", "Well, [[{phrase}]]."]
          pass: [Fine., Great.]
    """)


def other_category(entry_id, phrase):
    """An entry in a second category file."""
    return ENTRY.format(id=entry_id, phrase=phrase).replace("category: helplessness", "category: other")


def write(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_bundled_phrasebook_loads_with_enough_active_entries(book):
    assert len(book.active) >= 60
    assert {e.category for e in book.active} >= {
        "blaming-others", "hiding-behind-policy", "helplessness", "passing-the-buck", "disclaiming",
        "blaming-the-customer"}


def test_every_active_entry_is_complete(book):
    for e in book.active:
        assert e.entry.message and e.entry.why and e.entry.source
        assert len(e.entry.alternatives) >= 2 and len(e.entry.examples.flag) >= 2
        assert len(e.entry.examples.pass_) >= 2


def test_error_names_file_entry_and_field(tmp_path):
    bad = ENTRY.format(id="nothing-to-do", phrase="nothing to do").replace("    why: w\n", "")
    write(tmp_path, {"lexicon.yaml": LEXICON, "helplessness.yaml": bad})
    with pytest.raises(PhrasebookError) as err:
        loader.load(tmp_path)
    assert "helplessness.yaml: entry nothing-to-do, field why: Field required" in str(err.value)


def test_active_entry_without_examples_does_not_load(tmp_path):
    bad = ENTRY.format(id="no-examples", phrase="no examples").replace("pass: [Fine., Great.]", "pass: []")
    write(tmp_path, {"lexicon.yaml": LEXICON, "x.yaml": bad})
    with pytest.raises(PhrasebookError, match=r"x.yaml: entry no-examples, field examples: an active entry needs at least 2 flag and 2 pass"):
        loader.load(tmp_path)


def test_flag_example_needs_a_marker(tmp_path):
    bad = ENTRY.format(id="no-marker", phrase="no marker").replace("[[no marker]]", "no marker", 1)
    write(tmp_path, {"lexicon.yaml": LEXICON, "x.yaml": bad})
    with pytest.raises(PhrasebookError, match=r"entry no-marker, field examples.flag: .*no \[\[marker\]\]"):
        loader.load(tmp_path)


def test_duplicate_ids_across_files_are_rejected(tmp_path):
    write(tmp_path, {"lexicon.yaml": LEXICON, "a.yaml": ENTRY.format(id="same-id", phrase="first phrase"),
                     "b.yaml": other_category("same-id", "second phrase")})
    with pytest.raises(PhrasebookError, match="entry same-id, field id: duplicate id"):
        loader.load(tmp_path)


def test_duplicate_triggers_are_rejected(tmp_path):
    write(tmp_path, {"lexicon.yaml": LEXICON, "a.yaml": ENTRY.format(id="first", phrase="same phrase"),
                     "b.yaml": other_category("second", "Same  phrase")})
    with pytest.raises(PhrasebookError, match="b.yaml: entry second, field match: trigger 'same phrase' is also in "
                                              "entry first"):
        loader.load(tmp_path)


def test_unknown_set_is_named(tmp_path):
    text = ENTRY.format(id="uses-set", phrase="x").replace(
        "phrases: [x]", 'tokens: [[{LEMMA: {IN: "@nope"}}]]')
    write(tmp_path, {"lexicon.yaml": LEXICON, "a.yaml": text})
    with pytest.raises(PhrasebookError, match=r"entry uses-set, field tokens\[0\]: unknown set '@nope'"):
        loader.load(tmp_path)


def test_yaml_words_on_and_no_stay_words(tmp_path):
    text = ENTRY.format(id="words", phrase="x").replace(
        "phrases: [x]", "tokens: [[{LOWER: {IN: [on, no, yes, off]}}, {LOWER: way}]]")
    write(tmp_path, {"lexicon.yaml": LEXICON, "a.yaml": text})
    book = loader.load(tmp_path)
    assert book.active[0].entry.match.tokens[0][0] == {"LOWER": {"IN": ["on", "no", "yes", "off"]}}


def test_invalid_yaml_is_reported_with_file(tmp_path):
    write(tmp_path, {"lexicon.yaml": LEXICON, "a.yaml": "category: [unclosed\n"})
    with pytest.raises(PhrasebookError, match="a.yaml: not valid YAML"):
        loader.load(tmp_path)


def test_set_references_expand_and_every_pattern_has_an_anchor(book):
    compiled = compile_phrasebook(book)
    assert all(compiled.requirements)
    dumped = repr(compiled.span_patterns) + repr(compiled.dependency_patterns)
    assert "'@" not in dumped


def test_version_changes_with_content(tmp_path):
    write(tmp_path, {"lexicon.yaml": LEXICON, "a.yaml": ENTRY.format(id="one", phrase="one phrase")})
    first = loader.load(tmp_path).version
    (tmp_path / "a.yaml").write_text(ENTRY.format(id="one", phrase="other phrase"))
    assert loader.load(tmp_path).version != first
