"""Who a hand-off goes to, and how: a unit or a place of ours, a party that can't be told from ours, the way
to reach it given right there, or the other party offered as one option among ours.

Reads the parse like `coach.nlp.context`, whose helpers it uses; the brand's own names come from the
lexicon's `own_names`.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from coach.nlp.context import (CUSTOMER, ROUTE_NOUNS, THIRD_PERSON, Lexicon, antecedent_side, governor, near,
                               sends_elsewhere, to_a_page)


def name_key(name: str) -> str:
    """'British Airways', 'T-Mobile', "McDonald's" -> 'britishairways', 'tmobile', 'mcdonalds'."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


_OTHER_CLAUSES = {"conj", "cc", "advcl", "ccomp", "parataxis", "relcl"}


@lru_cache(maxsize=64)
def _name_keys(own_names: frozenset[str]) -> frozenset[str]:
    """The lexicon's names as `name_key`s, once per set rather than once per hand-off."""
    return frozenset(name_key(name) for name in own_names) - {""}


def _names_us(tokens: list[Token], own_names: frozenset[str]) -> bool:
    """One to three tokens in a row spell one of the brand's own names ('British Airways', 'T-Mobile')."""
    keys = _name_keys(own_names)
    return bool(keys) and any(name_key("".join(t.text for t in tokens[i:i + n])) in keys
                              for i in range(len(tokens)) for n in (1, 2, 3))


def _own_clause(verb: Token) -> list[Token]:
    """The hand-off's own clause: in "check with your retailers, and keep an eye on our calendar" the
    calendar is not where the customer is sent."""
    return [t for c in verb.children if c.dep_ not in _OTHER_CLAUSES for t in c.subtree]


def own_team(span: Span, lex: Lexicon) -> bool:
    """The party handed to is ours: 'our loyalty team', 'your local Acme' (a name in `own_names`), 'them'
    after 'our iTunes team can help'; or it may be: a 'them' with nobody named before it, or just 'here'."""
    verb = governor(span.root)
    clause = _own_clause(verb)
    if any(t.lower_ == "our" and t.dep_ == "poss" for t in clause) or _names_us(clause, lex.own_names):
        return True
    if _sent_here(verb):
        return True
    pronouns = [t for t in span if t.lower_ in THIRD_PERSON]
    return any(_nameless(t) or (antecedent_side(t, lex) and not antecedent_side(t, lex, ours=False))
               for t in pronouns)


_GOING = {"visit", "go", "head", "pop", "stop", "come", "take", "bring", "return"}
_PLACES = {"store", "shop", "branch", "outlet", "restaurant", "location", "showroom", "local", "nearest",
           "closest", "nearby"}


def own_place(span: Span, lex: Lexicon) -> bool:
    """'Please visit any Safaricom shop', 'visit your local Target' in that brand's deployment: a place of ours,
    named as ours, that the customer goes to is itself the way to reach us."""
    verb = governor(span.root)
    if verb.lemma_.lower() not in _GOING:
        return False  # "keep in contact with the Acme Store you visited" is a hand-off all the same
    clause = _own_clause(verb)
    return _names_us(clause, lex.own_names) and any(t.lemma_.lower() in _PLACES for t in clause)


def _sent_here(verb: Token) -> bool:
    """'We'll need to refer you here: <link>': the link is all there is of the party, nobody is named."""
    words = [c for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp")) for c in v.children]
    named = any((c.dep_ == "dobj" and c.lower_ not in CUSTOMER and not c.like_url)
                or (c.dep_ == "prep" and c.lower_ in ("to", "with", "through")) for c in words)
    return not named and any(c.lower_ == "here" for c in words)


def _nameless(pronoun: Token) -> bool:
    """Nobody is named before the pronoun ('...Please reach out to them by calling 1-888-…', the second half
    of a split reply): whose the party is can't be told, so it is treated like a unit of ours."""
    return not any(t.pos_ in ("NOUN", "PROPN") for t in pronoun.doc[:pronoun.i])


_PHONE_CHARS = set("0123456789+-().")


def direct_route_near(span: Span, quoted: list[tuple[int, int]]) -> Token | None:
    """A way to reach the party right there, in the span's sentence or the next: a link, an email address,
    an @handle, a phone number, or "the link"/"the number below"."""
    digits = 0  # of a phone number, over its groups: "0800 123 456"
    for tok in near(span, quoted):
        digits = digits + sum(ch.isdigit() for ch in tok.text) if set(tok.text) <= _PHONE_CHARS else 0
        if tok.like_url or tok.like_email or (tok.text.startswith("@") and len(tok) > 1) or digits >= 6 \
                or tok.lemma_.lower() in ROUTE_NOUNS:
            return tok
    return None


def _means_also(tok: Token) -> bool:
    """'also', 'too', 'as well' on a verb."""
    return tok.lower_ in ("also", "too") or (tok.lower_ == "well"
                                             and any(c.lower_ == "as" for c in tok.children))


def _fallback_after(span: Span) -> bool:
    """'Please work with the retailer first. If they're unable to assist, file a claim here': the next sentence
    says what to do if the hand-off fails, and it is not one more hand-off."""
    doc, sent = span.doc, span.sent
    if sent.end >= len(doc):
        return False
    root = doc[sent.end].sent.root
    failed = [c for c in root.children if c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children)
              and any(t.dep_ == "nsubj" and t.lower_ in THIRD_PERSON | {"it", "that", "this"} for t in c.children)
              and any(t.dep_ == "neg" or t.lower_ == "unable" for t in c.subtree)]
    return bool(failed) and root.pos_ == "VERB" and not sends_elsewhere(root)


def extra_option(span: Span) -> bool:
    """The hand-off is one option among others or a first step, not the answer: 'you can also check with
    your carrier' (or '… as well', '… too'), 'first, check with your carrier, then follow these steps', 'DM
    us or call the store', 'work with the retailer first. If they can't help, file a claim here'. A trailing
    'first' alone ('I'd ring the clinic first') means before anything else, and still sends the customer
    away."""
    verb = governor(span.root)
    if any(c.dep_ == "advmod" and (_means_also(c) or (c.lower_ in ("first", "firstly") and c.i < verb.i))
           for c in verb.children):
        return True
    if _fallback_after(span):
        return True
    # "tweet us in English or you may contact the call centre", "visit <help page> or contact the developer":
    # the other way is to reach us or a page
    head = verb.head
    return (verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "or" for c in head.children)
            and (to_a_page(head) or any(t.lower_ == "us" for t in head.subtree if t.i < verb.i)))
