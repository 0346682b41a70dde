"""The cheap first pass: word forms from the pipeline's own tables, and token patterns checked in order."""

import pytest

from coach.nlp.prefilter import ANY_FORM, LemmaForms, Prefilter
from coach.phrasebook.compiler import Anchor, Requirement, dependency_requirement, tokens_requirement


def tokens(analyzer, text):
    return [(t.lower_, t.norm_) for t in analyzer.nlp.make_doc(text)]


@pytest.fixture(scope="module")
def forms(analyzer):
    return LemmaForms(analyzer.nlp)


def test_lemma_forms_come_from_the_lemmatizer_and_the_attribute_ruler(forms):
    have = forms("have")
    assert {"have", "has", "had", "having", "'ve", "'d"} <= have
    # The attribute ruler makes a VBZ "'s" "be", never "have": "it's" must not open every "have" pattern.
    assert "'s" not in have and "'s" in forms("be")
    assert "shelves" in forms("shelf")  # the noun rule ves -> f, run backwards
    assert {"went", "gone"} <= forms("go")  # the exception table
    assert "ca" in forms("can") and "wo" in forms("will")


def test_a_lemma_given_by_regular_expression_constrains_nothing(analyzer, forms):
    # The attribute ruler gives "you" to "y'" in "y'all" by a regular expression: its forms cannot be listed.
    assert forms("you") is ANY_FORM
    prefilter = Prefilter(analyzer.nlp, [tokens_requirement([{"LEMMA": "you"}, {"LOWER": "all"}])])
    assert prefilter.matches(tokens(analyzer, "thanks all"))


def test_token_pattern_words_must_come_in_order_with_the_allowed_gaps(analyzer):
    pattern = [{"LOWER": {"IN": ["it", "that"]}}, {"LEMMA": "be"}, {"LOWER": "just", "OP": "?"},
               {"LOWER": "what"}, {"LOWER": "it"}, {"LEMMA": "be"}]
    prefilter = Prefilter(analyzer.nlp, [tokens_requirement(pattern)])
    assert prefilter.matches(tokens(analyzer, "Sorry, it is what it is."))
    assert prefilter.matches(tokens(analyzer, "That's just what it was"))
    assert not prefilter.matches(tokens(analyzer, "What it is, is what it costs."))
    assert not prefilter.matches(tokens(analyzer, "It is really just what it is"))  # one word too many


def test_repeats_and_wildcards_follow_the_op(analyzer):
    pattern = [{"LOWER": "so", "OP": "+"}, {}, {"LOWER": "sorry"}]
    prefilter = Prefilter(analyzer.nlp, [tokens_requirement(pattern)])
    assert prefilter.matches(tokens(analyzer, "so so very sorry"))
    assert not prefilter.matches(tokens(analyzer, "so sorry"))  # the wildcard takes exactly one token
    bounded = Prefilter(analyzer.nlp, [tokens_requirement([{"LOWER": "a"}, {"OP": "{1,2}"}, {"LOWER": "b"}])])
    assert bounded.matches(tokens(analyzer, "a x y b"))
    assert not bounded.matches(tokens(analyzer, "a x y z b"))


def test_a_phrase_is_checked_in_order(analyzer):
    prefilter = Prefilter(analyzer.nlp, [Requirement([Anchor(phrase="not my department")])])
    assert prefilter.matches(tokens(analyzer, "Sorry, that's not my department."))
    assert not prefilter.matches(tokens(analyzer, "My department is not involved."))


def test_a_dependency_pattern_needs_its_words_in_any_order(analyzer):
    pattern = [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "decide"}},
               {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "who", "RIGHT_ATTRS": {"LOWER": "corporate"}}]
    prefilter = Prefilter(analyzer.nlp, [dependency_requirement(pattern)])
    assert prefilter.matches(tokens(analyzer, "It was decided by corporate."))
    assert prefilter.matches(tokens(analyzer, "Corporate decided it."))
    assert not prefilter.matches(tokens(analyzer, "Corporate said no."))


def test_a_regular_expression_that_starts_with_literal_characters_asks_for_a_word_starting_with_them(analyzer):
    pattern = [{"LOWER": "please"}, {"LEMMA": "tweet"}, {"TEXT": {"REGEX": "^@\\w+$"}}]
    assert tokens_requirement(pattern).anchors[-1].prefix == "@"
    prefilter = Prefilter(analyzer.nlp, [tokens_requirement(pattern)])
    assert prefilter.matches(tokens(analyzer, "Please tweet @AcmeRewards for your points."))
    assert not prefilter.matches(tokens(analyzer, "Please tweet us for your points."))
    # an alternation can match anywhere: no prefix is required
    either = [{"LOWER": "please"}, {"TEXT": {"REGEX": "^@\\w+|rewards"}}]
    assert not any(anchor.prefix for anchor in tokens_requirement(either).anchors)
