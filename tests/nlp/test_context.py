"""The context component on the real pipeline: quotes, questions, negation, conditions, owned steps, and who
"they" is. Each case is a sentence pair that differs only in context, so the rule and not a word list decides."""

import pytest

from coach.nlp.quoting import quoted_ranges


def entries(analyzer, text):
    return [h["entry"] for h in analyzer.analyze(text)]


@pytest.mark.parametrize("flagged, unflagged", [
    # a question is not a statement
    ("There's nothing else I can do.", "Is there anything else I can do?"),
    ("There's nothing more I can do for you.", "There's nothing more I can do for you?"),
    # an if-clause is a hypothetical
    ("There's nothing else I can do for you.", "If there's nothing else I can do for you, have a great day!"),
    # an owned next step in the same or the next sentence cancels helplessness
    ("I can't change the fare.", "I can't change the fare, but I can rebook you on the 6pm flight."),
    ("That's out of our hands.", "That's out of our hands. I'll call the depot myself and update you by 3pm."),
    ("I can't change the booking.", "I can't change the booking, so I've phoned the branch to do it for you."),
    # a refused "let me" and a "nothing I can do" are not next steps
    ("Corporate decided it, so I can't refund it.", "Corporate decided it, so let me refund it for you now."),
    # an attempt in the past is not a next step
    ("I looked again and there is nothing more we can do.", "I'll look again, there may be more we can do."),
    # a limit with a way round it that the customer can take is not helplessness
    ("We're unable to change the delivery date.",
     "We're unable to change the delivery date, but you can pick the parcel up from the depot on Friday."),
    ("Old invoices cannot be recovered.",
     "Old invoices cannot be recovered. We'd suggest downloading each new one as it arrives."),
    # so is a page or form to go to; a party to go to is not
    ("Sorry, our hands are tied. Check with the Premium team if you're new.",
     "Sorry, our hands are tied. Check out https://example.com/offers if you're new to Premium."),
    ("Sorry, we are not able to assist you with this. Please write in to the claims team.",
     "Sorry, we are not able to assist you with this. Please write in to the form on our site."),
    # instructions the customer can follow are a way round; steps another party gives are not
    ("We can't remove songs from a playlist ourselves.",
     "We can't remove songs from a playlist ourselves, but there's a guide on how to do so in the app."),
    ("We can't remove songs from a playlist ourselves. Reach out to the label for the steps on how to do so.",
     "We can't remove songs from a playlist ourselves. Follow the steps in the app's help page to do so."),
    # "them" after a copula naming our own unit, with the route given, is our team
    ("For refunds, Acme Pay is the team for that. Reach out to them here: https://example.com/pay",
     "For refunds, our Acme Store is the team for that. Reach out to them here: https://example.com/pay"),
    # a hand-off offered as an extra option, or as a first troubleshooting step, is not the answer
    ("You should check with your carrier for any plan options.",
     "You can also check with your carrier for any plan options."),
    ("Please check with your carrier.", "First, please check with your carrier, then restart the phone."),
    ("For mod questions, please contact the mod's developer.",
     "For mod questions, please visit https://example.com/help/mods or contact the mod's developer."),
    # … or when the next sentence says what to do if it fails, and that is not one more hand-off
    ("We recommend working with the original retailer first.",
     "We recommend working with the original retailer first. If they're unable to assist, file a claim here."),
    ("Please contact your bank. If they can't help, contact the card issuer.",
     "Please contact your bank. If they can't help, let us know and we'll chase it."),
])
def test_context_decides(analyzer, flagged, unflagged):
    assert entries(analyzer, flagged), f"expected a hint: {flagged!r}"
    assert not entries(analyzer, unflagged), f"expected no hint: {unflagged!r}"


def test_email_quote_lines_and_wrote_block_are_not_the_agents(analyzer):
    reply = ("Hi Sam,\n\nI've refunded the full amount today.\n\n"
             "On Mon, 3 Mar 2025 at 10:02, Sam <sam@example.com> wrote:\n"
             "> Your agent said there's nothing she can do and it's out of your hands.\n")
    assert analyzer.analyze(reply) == []
    own = "Hi Sam,\n\nSorry, there's nothing I can do.\n\n> Can you refund me?\n"
    assert entries(analyzer, own) == ["nothing-i-can-do"]


def test_customers_words_in_quotation_marks_are_not_flagged(analyzer):
    assert analyzer.analyze('You were told "nothing can be done" and that was wrong of us; I have fixed it.') == []
    assert analyzer.analyze("You were told 'there's nothing I can do' and I'm sorry for that.") == []


def test_quoted_ranges_keep_apostrophes_apart_from_quotes():
    text = "I don't think it's the customers' fault, you said 'nothing can be done' earlier."
    (start, end), = quoted_ranges(text)
    assert text[start:end] == "'nothing can be done'"


@pytest.mark.parametrize("text", [
    "On Tue, 4 Mar 2025, Ann Lee <ann@example.com>\nwrote:\nthey lost it",
    "-----Original Message-----\nFrom: Ann\nthey lost it",
])
def test_quoted_blocks_run_to_the_end(text):
    (start, end), = quoted_ranges(text)
    assert end == len(text) and text[start:].lstrip().startswith(("On", "-----"))


@pytest.mark.parametrize("text, entry, span", [
    # a refusal by "them" is not the agent's offer ("let me …")
    ("They won't let me refund it.", "they-wont-let-us", "They won't let me refund"),
    # "nothing I can do" is not an owned step that would excuse the blame before it
    ("Head office set the prices, so there's nothing I can do.", "corporate-decided", "Head office set the prices"),
    # capitalised nouns meet the lower-case lexicon
    ("Please contact your Bank about the charge.", "contact-the-third-party", "contact your Bank"),
    # a negation in a comma-spliced second clause does not cancel the first
    ("You need to contact Lumen Air about it, we can't see their bookings.", "you-need-to-contact-them",
     "You need to contact Lumen Air"),
])
def test_parse_level_fixes(analyzer, text, entry, span):
    assert (entry, span) in [(h["entry"], h["text"]) for h in analyzer.analyze(text)]


def test_they_never_points_at_an_app(analyzer):
    assert analyzer.analyze("Your kids' tablets have the app, so it's on them already.") == []
