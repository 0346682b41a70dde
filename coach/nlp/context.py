"""What a match means in its context: questions, negation, who a pronoun refers to, an owned next step.

Each check reads the parse (dependencies, lemmas, morphology) rather than word lists, so it holds for
phrasings nobody wrote an entry for. Word sets come from the phrasebook lexicon. Who a hand-off goes to is
`coach.nlp.handoff`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from coach.nlp.quoting import inside

THIRD_PERSON = {"they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
_AGENT = {"i", "we"}
_CUSTOMER_POSSESSIVE = {"your", "ur", "yours"}
_OWNING_AUX = {"will", "shall", "can", "'ll", "wo", "going"}
_CLAUSE_END = {".", "!", "?"}
CUSTOMER = {"you", "u"}
_POSSIBILITY = {"can", "could", "may", "might", "ca"}
_ADVISING = {"recommend", "suggest", "advise", "encourage"}
_NOTHING = {"nothing", "anything", "little", "much", "none", "zero"}
_HEDGES = {"may", "might"}
_BECAUSE = {"because", "since", "as", "once", "cause", "cos"}
_REMEDIES = {"refund", "process", "send", "submit", "issue", "credit", "reverse", "cancel", "release", "return",
             "reimburse", "void", "approve"}
_THEREFORE = {"therefore", "hence", "thus", "consequently"}
_RULES = {"policy", "policies", "rule", "rules", "terms", "regulation", "regulations", "guidelines",
          "procedure", "procedures", "protocol"}
_FORBIDDING = {"allow", "permit", "prohibit", "forbid"}
_HEDGE_ADVERBS = {"perhaps", "possibly", "maybe"}
_GET_IN_TOUCH = {"contact", "call", "phone", "ring", "email", "message", "text", "ask", "reach", "speak", "talk",
                 "visit", "go", "check", "write", "chat"}
# Company-side words that are things: "the app" can fail, but "they"/"them" never points at it.
_NOT_PERSONS = {"system", "systems", "computer", "website", "site", "app", "it", "tech"}


@dataclass(frozen=True)
class Lexicon:
    company: frozenset[str]
    own_names: frozenset[str]
    customer_side: frozenset[str]
    non_action_verbs: frozenset[str]
    attempt_verbs: frozenset[str]


def is_question(span: Span) -> bool:
    """The clause holding the span ends in a question mark."""
    for tok in span.doc[span.end:span.sent.end]:
        if tok.text in _CLAUSE_END or tok.text.endswith("?"):
            return tok.text.endswith("?")
    return span.sent.text.rstrip().endswith("?")


def governor(tok: Token) -> Token:
    """The verb a token belongs to (itself when it is one)."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _modifies_a_noun(span: Span) -> bool:
    """On the way up from the match to its verb there is a noun outside the match: the match describes it."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and not span.start <= tok.i < span.end:
            return True
    return False


def negated_outside(span: Span) -> bool:
    """The span's verb is negated by a word outside it ("It's not your fault")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].norm_ in ("not", "never"):
        return True
    if _modifies_a_noun(span):
        return False  # "we can't offer it due to circumstances outside our control": "can't" is not theirs
    verb = governor(span.root)
    verbs = [verb]
    # "We never let it get out of our hands", "I don't think it's your fault": the negation sits one
    # verb up, on the verb that governs the clause.
    # Only a governing verb before the span and in the same clause: in a comma splice ("I can't see it,
    # you'd have to call them") the parser may hang one clause under the other, whose negation is not
    # about the span.
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp") and head is not verb and head.i < span.start and not any(
            t.text in (",", ";", ":") for t in span.doc[head.i:span.start]):
        verbs.append(head)
    return any(c.dep_ == "neg" and not span.start <= c.i < span.end for v in verbs for c in v.children)


def in_condition(span: Span) -> bool:
    """The span sits in an if/unless clause: a hypothetical, not a statement."""
    tok = governor(span.root)
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
            return True
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _is_company_antecedent(tok: Token, lex: Lexicon) -> bool | None:
    """True: company side; False: the customer's people or things; None: not an antecedent here."""
    if any(c.dep_ == "poss" and c.lower_ in _CUSTOMER_POSSESSIVE for c in tok.children):
        return False
    lemma = tok.lemma_.lower()
    if lemma in lex.company or tok.lower_ in lex.company:
        return True
    if lemma in lex.customer_side:
        return False
    return None


def _ours(noun: Token) -> bool:
    """'our iTunes team', and the 'team' of 'our iTunes Store would be the best team to help'."""
    if noun.dep_ == "attr":
        noun = next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
    return any(c.dep_ == "poss" and c.lower_ == "our" for c in noun.children)


def antecedent_side(pronoun: Token, lex: Lexicon, ours: bool = True) -> bool | None:
    """Whether a third-person pronoun points at the company side; None when nothing before it can be its
    antecedent.

    Walks back to the nearest noun that can be its antecedent: for "they" a plural noun or a company unit
    ("billing", "the warehouse"), for "he"/"she" a person role or a name. A company unit or role means yes;
    the customer's people, things, or anything "your …" means no. With `ours` False, "our …" units count as
    no: a pointer to our own team is not a hand-off to someone else.
    """
    plural = pronoun.lower_ in _PLURAL_PRONOUNS
    for tok in reversed(pronoun.doc[:pronoun.i]):
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() in _NOT_PERSONS:
            continue
        lemma = tok.lemma_.lower()
        if not ours and _ours(tok) and (lemma in lex.company or tok.dep_ in ("nsubj", "nsubjpass", "attr")):
            # "our iTunes team can help" / "our Apple TV support can assist …, reach out to them": our own
            # people, a unit of ours or whoever of ours is said to act ("not on our end" is neither)
            return False
        known = lemma in lex.company or lemma in lex.customer_side
        if plural and not known and "Plur" not in tok.morph.get("Number"):
            continue  # "they" does not point at "your appointment"
        verdict = _is_company_antecedent(tok, lex)
        if verdict is not None:
            return verdict
        if tok.pos_ == "PROPN":
            return True  # a named colleague, partner or authority
        if plural:
            return False  # the customer's parcels, the products, the apps
    return None


def refers_to_company(pronoun: Token, lex: Lexicon, ours: bool = True) -> bool:
    """With no antecedent in the text read, "they" is the faceless They of the company: yes."""
    return antecedent_side(pronoun, lex, ours) is not False


def pronouns_refer_to_company(span: Span, lex: Lexicon, ours: bool = True) -> bool:
    return all(refers_to_company(tok, lex, ours) for tok in span if tok.lower_ in THIRD_PERSON)


def unresolved_subject(span: Span, lex: Lexicon) -> bool:
    """The match's subject is "they"/"she"/… with no antecedent: we assumed the company side, unchecked."""
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass")]
    outer = _subject(governor(span.root))
    subjects += [outer] if outer is not None else []
    return any(t.lower_ in THIRD_PERSON and antecedent_side(t, lex) is None for t in subjects)


def _permission(aux: Token) -> bool:
    """'you may contact them': the customer is told what to do, politely, not a softened claim. 'You may need
    to / may have to contact them' stays a hedge: there "may" is about whether it is needed."""
    verb = aux.head
    return aux.lower_ == "may" and verb.lemma_ not in ("need", "have", "want", "be") \
        and any(c.dep_ == "nsubj" and c.lower_ in ("you", "u") for c in verb.children)


def hedged(span: Span) -> bool:
    """The match is softened by "may"/"might"/"perhaps" on its verb: a suggestion, not a verdict.

    "could" counts only outside the match: inside one it is part of the phrase ("nothing we could do").
    """
    verb = governor(span.root)
    near = [*span, *verb.children, *(verb.head.children if verb.dep_ == "xcomp" else ())]
    for tok in near:
        inside_match = span.start <= tok.i < span.end
        if tok.dep_ == "aux" and (tok.lower_ in _HEDGES or (tok.lower_ == "could" and not inside_match)):
            if not any(c.dep_ == "neg" for c in tok.head.children) and not _permission(tok):
                return True
        if tok.dep_ == "advmod" and tok.lower_ in _HEDGE_ADVERBS:
            return True
    return False


def reason_given(span: Span) -> bool:
    """The limit comes with its reason in the same sentence: 'since it is within 24 hours', 'as your flight
    has left', 'once the account is created', 'due to the weather'; or it follows from the sentence before
    ('Therefore …'). A rule given as the reason ('due to our policy', 'as it is not allowed') is the deflection
    itself."""
    verb = governor(span.root)
    for child in (c for v in (verb, *verb.conjuncts) for c in v.children):
        if child.left_edge.i < span.end and span.start <= child.right_edge.i:
            continue  # the match itself: "due to circumstances outside our control" is no reason
        if child.dep_ == "advmod" and child.lower_ in _THEREFORE:
            return True
        words = {t.lower_ for t in child.subtree}
        if words & _RULES or any(t.lemma_.lower() in _FORBIDDING for t in child.subtree):
            continue  # "due to our policy", "as it's strictly not allowed": the rule is the reason given
        if child.dep_ == "advcl" and (child.left_edge.lower_ in _BECAUSE or any(
                c.dep_ == "mark" and c.lower_ in _BECAUSE for c in child.children)):
            return True
        if child.dep_ == "prep" and (child.lower_ in ("because", "due") or (child.lower_ == "owing")):
            return True
    return _reason_before(span)


def _reason_before(span: Span) -> bool:
    """The sentence before is a 'because' clause on its own, split off by a full stop: 'Once the booking is
    within 48 hours and checked in. Booking split cannot be done.'"""
    start = span.sent.start
    if start == 0:
        return False
    root = span.doc[start - 1].sent.root
    return any(c.dep_ == "mark" and c.lower_ in _BECAUSE for c in root.children) \
        and not any(t.lower_ in _RULES for t in span.doc[start - 1].sent)


def remedy_done(span: Span) -> Token | None:
    """The brand already did its part, in the sentence or the one before: 'the refund was processed
    yesterday. Kindly check with your bank', 'we've sent the refund, your bank will post it'. What is left
    with the other party is only their side of it."""
    doc, sent = span.doc, span.sent
    scope = list(doc[sent.start - 1].sent) if sent.start > 0 else []
    scope += [t for t in sent if not span.start <= t.i < span.end]
    for tok in scope:
        if tok.lemma_.lower() not in _REMEDIES or tok.tag_ not in ("VBD", "VBN"):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if any(c.dep_ == "agent" and not any(t.lower_ in ("us", "our", "me") for t in c.subtree)
               for c in tok.children):
            continue  # "the fine was issued by the car park operator": their part, not ours
        subject = _subject(tok)
        if subject is None or subject.lower_ in _AGENT or subject.dep_ == "nsubjpass":
            return tok
    return None


def sends_elsewhere(verb: Token) -> bool:
    """'phone our loyalty desk', 'recommend contacting the store': getting in touch with someone other than
    us is the buck itself, not a way forward ('you can DM us your order number' is one)."""
    verbs = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB")]
    for v in verbs:
        if v.lemma_.lower() in _GET_IN_TOUCH:
            reached = [t for c in v.children for t in (c, *c.children) if t.dep_ in ("dobj", "pobj")]
            return not any(t.lower_ == "us" for t in reached)
    return False


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited through xcomp/conj chains ("I'll call them and get it sorted")."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if tok.dep_ in ("xcomp", "conj", "ccomp", "advcl") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def _is_let_me(verb: Token) -> bool:
    """An offer, 'let me check', not a refusal, 'they won't let me refund it'."""
    head = verb.head
    if head.lemma_ != "let" or any(c.dep_ in ("nsubj", "neg") for c in head.children):
        return False
    return any(c.lower_ in ("me", "us") for c in [*head.children, *verb.children])


def _owned_modality(verb: Token, lex: Lexicon) -> bool:
    """Future, ability, in progress, or a remedy done: 'I'll…', 'we can…', 'I'm sending', 'I've refunded'.

    An attempt in the past ('I checked', 'I've escalated it') is not a next step: it often comes right
    before "and there's nothing more I can do".
    """
    # "I only inherited the file", "we just received it" are alibis, not steps.
    past_counts = verb.lemma_.lower() not in lex.attempt_verbs and not any(
        c.dep_ == "advmod" and c.lower_ in ("only", "just") for c in verb.children)
    chain = [verb]
    if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        chain.append(verb.head)
    for tok in chain:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & _OWNING_AUX or tok.lower_ == "going":
            return True
        if tok.tag_ == "VBG" and aux & {"am", "'m", "are", "'re"}:
            return True
        if past_counts and (tok.tag_ == "VBD" or (tok.tag_ == "VBN" and aux & {"have", "'ve", "has"})):
            return True
    return False


_DM = {"dm", "dms", "dm'd", "dmed"}


def owned_step(verb: Token, lex: Lexicon) -> bool:
    """A verb where the agent or the brand takes an action: 'I'll rebook you', 'let me check', 'we fixed it'."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in lex.non_action_verbs:
        return False
    if verb.dep_ == "relcl" and verb.head.lower_ in _NOTHING:
        return False  # "there's nothing I can do" is the opposite of a next step
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "only") for c in verb.children):
        return False  # "we can't…", and "we can only ship to…" is a limit, not a step
    if _is_let_me(verb):
        return True
    subject = _subject(verb)
    return subject is not None and subject.lower_ in _AGENT and _owned_modality(verb, lex)


def near(span: Span, quoted: list[tuple[int, int]], questions: bool = True) -> list[Token]:
    """The agent's tokens in the span's sentence and the next one, outside the span and the quotes."""
    sent = span.sent
    sents = [sent] if sent.end == len(span.doc) else [sent, span.doc[sent.end].sent]
    return [tok for s in sents if questions or not s.text.rstrip().endswith("?") for tok in s
            if not span.start <= tok.i < span.end and not inside(quoted, tok.idx, tok.idx + len(tok))]


def owned_step_near(span: Span, lex: Lexicon, quoted: list[tuple[int, int]]) -> Token | None:
    """An owned step outside the span, in its sentence or the next one; the conversation moved to direct
    messages ("check your DM", "could you DM us the booking number") is one: the brand keeps the case."""
    return next((tok for tok in near(span, quoted) if owned_step(tok, lex) or tok.lower_ in _DM), None)


ROUTE_NOUNS = {"link", "number", "page", "form", "url", "website", "site"}
_WHERE = {"to", "at", "on", "via", "through", "into", "in"}


def to_a_page(verb: Token) -> bool:
    """Everything the verb reaches is a page, a form or a link ('write in to the link', 'resubmit the form')."""
    places = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _WHERE]
    reached = [c for c in verb.children if c.dep_ == "dobj"] + [
        t for c in places for t in c.children if t.dep_ == "pobj"]
    return bool(reached) and all(t.like_url or t.lemma_.lower() in ROUTE_NOUNS for t in reached)


def way_forward(verb: Token) -> bool:
    """Something the customer can do instead: 'you can cancel and resubscribe', 'but you could use an alias',
    'we'd recommend starting a new plan', 'check out <link>'. Only a main clause ('which you can find on the
    website' mentions, it does not offer), and not one sending the customer elsewhere, which is the buck
    itself."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "conj") or any(c.dep_ == "neg" for c in verb.children):
        return False
    subject = _subject(verb)
    if subject is None and verb.tag_ == "VB" and verb.dep_ == "ROOT" and to_a_page(verb):
        return True  # "check out <link>", "please resubmit the form": a page or form, not a party
    if subject is None or sends_elsewhere(verb):
        return False
    if subject.lower_ in CUSTOMER:
        chain = [verb, verb.head] if verb.dep_ == "conj" else [verb]
        return any(c.dep_ == "aux" and c.lower_ in _POSSIBILITY for tok in chain for c in tok.children)
    return subject.lower_ in _AGENT and verb.lemma_.lower() in _ADVISING


_INSTRUCTIONS = {"step", "instruction", "guide"}


def instructions(tok: Token) -> bool:
    """Self-service the customer is shown: 'there's info on how to do so at <link>', 'follow the steps in this
    guide'. Not how to get in touch with someone else ('here's how to reach them'), nor steps that another
    party gives ('reach out to them for the steps on how to upgrade'): those are the buck."""
    if tok.lower_ == "how" and tok.tag_ == "WRB":
        verb = tok.head
        shown = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.lemma_.lower() not in _GET_IN_TOUCH
    else:
        shown = tok.lemma_.lower() == "follow" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _INSTRUCTIONS for c in tok.children)
    return shown and not any(a.lemma_.lower() in _GET_IN_TOUCH for a in tok.ancestors)


def way_forward_near(span: Span, quoted: list[tuple[int, int]]) -> Token | None:
    """A way forward or instructions outside the span, in its sentence or the next one; "Can you refund me?"
    is none."""
    return next((tok for tok in near(span, quoted, questions=False) if way_forward(tok) or instructions(tok)),
                None)
