"""Reading a many-brand corpus as each brand's own deployment would: the brand's name is ours."""

import pytest

from coach.services.brands import analyze_by_brand, own_name
from coach.services.coach import Coach

LOCAL = "It would be best to check with your local Acme directly. Their number is at https://example.com/stores"


@pytest.mark.parametrize("handle, name", [
    ("AppleSupport", "apple"), ("Ask_WellsFargo", "wellsfargo"), ("AskPlayStation", "playstation"),
    ("British_Airways", "britishairways"), ("comcastcares", "comcast"), ("airtel_care", "airtel"),
    ("MicrosoftHelps", "microsoft"), ("Delta", "delta"), ("Support", "support"),
])
def test_a_handle_gives_the_brands_name(handle, name):
    assert own_name(handle) == name


def steps(hint):
    return [name for name, _ in hint["confidence_steps"]]


def test_own_names_make_a_pointer_with_its_route_our_own_channel(analyzer):
    theirs, = analyzer.analyze(LOCAL)
    assert "our own team" not in steps(theirs)
    with analyzer.own_names(frozenset({"acme", "tmobile"})):
        ours, = analyzer.analyze(LOCAL)
        # a name the tokenizer splits ("T-Mobile") is read whole
        split, = analyzer.analyze(LOCAL.replace("Acme", "T-Mobile"))
    assert "our own team" in steps(ours) and "our own team" in steps(split)
    assert ours["confidence"] == round(theirs["confidence"] - 0.3, 2)
    assert analyzer.analyze(LOCAL) == [theirs], "the names are the deployment's again afterwards"


@pytest.mark.parametrize("text, entry, lowered", [
    ("Please visit any Acme shop with the voucher.", "go-to-the-store", True),
    ("Please visit your local Acme for the swap.", "go-to-the-store", True),
    # a shop the customer is to contact rather than go to is a hand-off all the same
    ("We'd suggest keeping in contact with the Acme Store you had your appointment at.",
     "you-may-want-to-contact", False),
])
def test_a_visit_to_a_shop_named_as_ours_lowers(analyzer, text, entry, lowered):
    hint, = [h for h in analyzer.analyze(text) if h["entry"] == entry]
    assert "our own team" not in steps(hint)
    with analyzer.own_names(frozenset({"acme"})):
        ours, = [h for h in analyzer.analyze(text) if h["entry"] == entry]
    assert ("our own team" in steps(ours)) is lowered


def test_analyze_by_brand_keeps_order_and_no_brand_leaks_into_the_cache(analyzer):
    coach = Coach(analyzer, min_confidence=0.6)
    rows = [{"text": LOCAL, "brand": "AskAcme"}, {"text": LOCAL, "brand": "Globex"}, {"text": LOCAL},
            {"text": "Sorry, there's nothing I can do.", "brand": "AskAcme"}]
    hints = analyze_by_brand(coach, rows)
    assert [[h["entry"] for h in row] for row in hints] == [
        [], ["contact-them-directly"], ["contact-them-directly"], ["nothing-i-can-do"]]
    assert [h["entry"] for h in coach.analyze(LOCAL)] == ["contact-them-directly"]
