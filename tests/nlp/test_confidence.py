"""Every hint carries a confidence built from named steps; context lowers it rather than dropping the hint."""

import pytest

from coach.nlp.analyzer import Analyzer
from coach.nlp.confidence import BASE, FACTORS, explain, score
from coach.phrasebook import loader

LEXICON = """\
sets:
  company: [billing, team]
  customer_side: [family, kid]
  non_action_verbs: [know]
  attempt_verbs: [check]
"""

CATEGORY = """\
category: helplessness
title: Helplessness
severity: warning
entries:
"""

ENTRY = """\
  - id: {id}
    message: m
    why: w
    source: s
    {extra}
    match:
      {match}
    alternatives: [I'll fix it today., I'll call you back by noon.]
    examples:
      flag: ["Sorry, [[x]].", "Well, [[x]]."]
      pass: [Fine., Great.]
"""

ENTRIES = [
    ("nothing-lowers", "context: {owned_step: lowers}", "phrases: [nothing I can do]"),
    ("hands-cancel", "context: {owned_step: cancels}", "phrases: [out of my hands]"),
    ("tied-prior", "confidence: 0.35", "phrases: [my hands are tied]"),
    ("they-decided", "context: {owned_step: ignored}", "tokens: [[{LOWER: they}, {LEMMA: decide}]]"),
    ("have-to-call", "context: {owned_step: ignored}",
     "tokens: [[{LEMMA: have}, {LOWER: to}, {LEMMA: call}, {LOWER: the}, {LOWER: bank}]]"),
    ("beyond-control", "context: {owned_step: ignored}", "phrases: [beyond our control]"),
    ("beyond-us", "context: {owned_step: ignored}", "tokens: [[{LOWER: beyond}, {LOWER: our}]]"),
    ("check-with", "context: {owned_step: ignored, remedy_done: lowers}",
     "tokens: [[{LOWER: check}, {LOWER: with}, {LOWER: {IN: [your, the]}}, {LOWER: {IN: [bank, operator]}}]]"),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_phrasebook")
    (folder / "lexicon.yaml").write_text(LEXICON)
    body = "".join(ENTRY.format(id=i, extra=extra, match=match) for i, extra, match in ENTRIES)
    (folder / "helplessness.yaml").write_text(CATEGORY + body)
    return Analyzer(loader.load(folder))


def only(analyzer, text, entry):
    hints = [h for h in analyzer.analyze(text) if h["entry"] == entry]
    assert len(hints) <= 1, hints
    return hints[0] if hints else None


def step_names(hint):
    return [name for name, _ in hint["confidence_steps"]]


def test_every_hint_has_a_two_decimal_confidence_and_its_steps(tiny):
    hint = only(tiny, "Sorry, there's nothing I can do.", "nothing-lowers")
    assert 0 <= hint["confidence"] <= 1 and round(hint["confidence"], 2) == hint["confidence"]
    assert step_names(hint) == ["phrases"]
    assert hint["confidence"] == BASE["phrases"]


def test_a_fixed_phrase_starts_higher_than_a_pattern():
    assert BASE["phrases"] > BASE["tokens"] > BASE["dependency"]
    assert score("phrases", None, [])[0] > score("tokens", None, [])[0]


def test_an_owned_step_lowers_an_entry_that_says_lowers(tiny):
    alone = only(tiny, "Sorry, there's nothing I can do.", "nothing-lowers")
    with_step = only(tiny, "Sorry, there's nothing I can do. I'll call the airline and rebook you today.",
                     "nothing-lowers")
    assert with_step is not None, "lowers must keep the hint"
    assert "owned step" in step_names(with_step)
    assert with_step["confidence"] < alone["confidence"]


def test_an_owned_step_still_cancels_an_entry_that_says_cancels(tiny):
    assert only(tiny, "It's out of my hands.", "hands-cancel") is not None
    assert only(tiny, "It's out of my hands. I'll call the airline and rebook you today.", "hands-cancel") is None


def test_the_entry_prior_replaces_the_starting_value(tiny):
    hint = only(tiny, "My hands are tied.", "tied-prior")
    assert hint["confidence_steps"][0] == ["entry prior", 0.35] and hint["confidence"] == 0.35


def test_a_pronoun_subject_without_antecedent_lowers(tiny):
    resolved = only(tiny, "The billing team met on Monday. They decided to close the account.", "they-decided")
    unresolved = only(tiny, "Hello. They decided to close the account.", "they-decided")
    assert "unresolved pronoun" not in step_names(resolved)
    assert "unresolved pronoun" in step_names(unresolved)
    assert unresolved["confidence"] < resolved["confidence"]


def test_a_hedge_lowers(tiny):
    plain = only(tiny, "You will have to call the bank.", "have-to-call")
    hedged = only(tiny, "You may have to call the bank.", "have-to-call")
    assert "hedged" in step_names(hedged) and "hedged" not in step_names(plain)
    assert hedged["confidence"] < plain["confidence"]


def test_you_may_with_the_hand_off_itself_is_no_hedge(analyzer):
    """"You may contact X" tells the customer what to do; "you may have to contact X" doubts it is needed."""
    polite, = analyzer.analyze("You may contact Acme Insurance directly for further assistance.")
    doubting, = analyzer.analyze("You may need to contact Acme Insurance directly for further assistance.")
    assert "hedged" not in step_names(polite)
    assert "hedged" in step_names(doubting)


def test_a_path_offered_to_the_customer_lowers(tiny):
    hint = only(tiny, "Sorry, there's nothing I can do. If you like, you can download it again from your account.",
                "nothing-lowers")
    assert "way forward" in step_names(hint)
    assert hint["confidence"] < BASE["phrases"]


@pytest.mark.parametrize("text, reason", [
    ("Booking split cannot be done.", False),
    ("Once the booking is checked in, booking split cannot be done.", True),
    # a full stop splits the reason off the limit it explains
    ("Once the booking is checked in. Booking split cannot be done.", True),
    ("Once you have read our policy. Booking split cannot be done.", False),
    # a rule is no reason
    ("Booking split cannot be done as it is strictly not allowed.", False),
    ("Booking split cannot be done as the flight has already left.", True),
])
def test_a_limit_with_its_reason_lowers(analyzer, text, reason):
    hint = only(analyzer, text, "cannot-change-that")
    assert ("reason given" in step_names(hint)) is reason


def test_the_match_is_not_its_own_reason(analyzer):
    hint = only(analyzer, "We can't offer the deal in Quebec due to circumstances outside our control.",
                "out-of-our-control")
    assert "reason given" not in step_names(hint)


@pytest.mark.parametrize("text, entry, ours", [
    ("The refund is with Acme Bank. Please reach out to them by calling 1-800-555-0100.",
     "reach-out-to-named-party", False),
    # the second half of a split reply: nobody named, so the party may well be ours
    ("...Please reach out to them by calling 1-800-555-0100.", "reach-out-to-named-party", True),
    ("...Please reach out to them for the refund.", "reach-out-to-named-party", False),  # no route: a hand-off
    # sent "here", to a link and nobody named
    ("We'll need to refer you here for further help: https://example.com/help", "refer-you-elsewhere", True),
    ("We'll need to refer you to the airline for that: https://example.com/help", "refer-you-elsewhere", False),
])
def test_a_hand_off_to_whoever_they_are_with_the_route_lowers(analyzer, text, entry, ours):
    hint = only(analyzer, text, entry)
    assert ("our own team" in step_names(hint)) is ours


def test_two_entries_on_the_same_words_raise(tiny):
    hint, = tiny.analyze("The delay was beyond our control.")
    assert hint["entry"] == "beyond-control" and "corroborated" in step_names(hint)
    assert hint["confidence"] == round(BASE["phrases"] + FACTORS["corroborated"], 2)


def test_confidence_stays_in_range_and_is_explained():
    value, steps = score("dependency", None, list(FACTORS))
    assert 0 <= value <= 1
    assert score(None, 1.0, ["corroborated"])[0] == 1.0
    assert explain(steps).startswith("dependency 0.70, ") and "owned step -0.30" in explain(steps)


def test_the_schema_rejects_a_prior_outside_zero_to_one(tmp_path):
    (tmp_path / "lexicon.yaml").write_text(LEXICON)
    (tmp_path / "helplessness.yaml").write_text(
        CATEGORY + ENTRY.format(id="bad-prior", extra="confidence: 1.5", match="phrases: [no way]"))
    with pytest.raises(loader.PhrasebookError, match="entry bad-prior, field confidence"):
        loader.load(tmp_path)


def test_bundled_hints_carry_confidence(analyzer):
    for text in ["Sorry, there's nothing I can do about the late fee.",
                 "They set the policy. You'll have to call the 800 number."]:
        hints = analyzer.analyze(text)
        assert hints
        for hint in hints:
            assert 0 <= hint["confidence"] <= 1 and hint["confidence_steps"]


def _steps_of(analyzer, text, entry):
    hint, = [h for h in analyzer.analyze(text) if h["entry"] == entry]
    return step_names(hint)


@pytest.mark.parametrize("plain, lowered, entry, step", [
    # the bundled phrasebook's categories: a hand-off to our own team, with the way to reach it, is borderline
    ("You'll need to call the bank on 0800 123 456.", "You'll need to call our loyalty team on 0800 123 456.",
     "you-need-to-contact-them", "our own team"),
    ("The airline can help with this. Please reach out to them directly here: https://example.com/help",
     "Our Apps team can help with this. Please reach out to them directly here: https://example.com/help",
     "contact-them-directly", "our own team"),
    # a limit with its reason is borderline; a rule named as the reason is not a reason
    ("Meals can't be changed.", "Meals can't be changed since the kitchen loads them the day before.",
     "cannot-change-that", "reason given"),
    ("Meals can't be changed at all.", "Meals can't be changed due to the storm.",
     "cannot-change-that", "reason given"),
])
def test_borderline_context_lowers_bundled_entries(analyzer, plain, lowered, entry, step):
    assert step not in _steps_of(analyzer, plain, entry)
    assert step in _steps_of(analyzer, lowered, entry)


@pytest.mark.parametrize("text", ["You'll need to call our loyalty team.",
                                  "Our Apps team can help with this. Please reach out to them directly."])
def test_our_own_team_without_a_way_to_reach_it_is_still_a_hand_off(analyzer, text):
    """The rubric's "reach out to our X team": the customer is left to find them."""
    hints = [h for h in analyzer.analyze(text) if h["category"] == "passing-the-buck"]
    assert hints and "our own team" not in step_names(hints[0])


def test_a_rule_named_as_the_reason_is_no_reason(analyzer):
    hints = analyzer.analyze("Meals can't be changed due to the rules.")
    assert hints and not any("reason given" in step_names(h) for h in hints)


def test_the_brands_part_done_lowers_a_pointer_to_the_bank_when_the_entry_says_so(tiny):
    plain = only(tiny, "Please check with your bank.", "check-with")
    assert "remedy done" not in step_names(plain)
    done = only(tiny, "The refund was sent to your card on the 3rd. Please check with your bank.", "check-with")
    assert "remedy done" in step_names(done)
    # someone else's act is not our part done
    theirs = only(tiny, "The fine was issued by the car park operator. Please check with the operator.",
                  "check-with")
    assert "remedy done" not in step_names(theirs)


def test_the_bundled_book_still_flags_the_bank_after_our_refund(analyzer):
    """The rubric names the bank among the places a customer is sent; passing-the-buck ignores remedy_done."""
    hints = analyzer.analyze("The refund was sent to your card on the 3rd. Kindly check with your bank.")
    assert [h["category"] for h in hints] == ["passing-the-buck"]
    assert "remedy done" not in step_names(hints[0])
