"""The cheap first pass: the tokenizer alone decides whether a text can contain a deflection at all.

Every pattern the phrasebook compiles has an anchor, a word it cannot match without. A text that holds
none of the anchors' forms skips the tagger and parser. Lemma anchors are expanded to their inflections
(regular rules plus the lemmatizer's own exception table), so the pass never misses what the pipeline
would find; it may let through a little more than needed, which costs only time.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language

from coach.phrasebook.compiler import Anchor

_VOWELS = set("aeiou")


def regular_forms(lemma: str) -> set[str]:
    """Inflected forms by the regular English rules; over-generating is harmless here."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", lemma + "'s"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def irregular_forms(nlp: Language) -> dict[str, set[str]]:
    """lemma → irregular forms, inverted from the lemmatizer's exception table."""
    out: dict[str, set[str]] = defaultdict(set)
    if "lemmatizer" not in nlp.pipe_names:
        return out
    lookups = nlp.get_pipe("lemmatizer").lookups
    if "lemma_exc" not in lookups.tables:
        return out
    for table in lookups.get_table("lemma_exc").values():
        for form, lemmas in table.items():
            for lemma in lemmas:
                out[lemma].add(form)
    return out


class Prefilter:
    def __init__(self, nlp: Language, anchors: list[Anchor]) -> None:
        self.tokenizer = nlp.tokenizer
        self.always = any(not a for a in anchors)
        irregular = irregular_forms(nlp)
        forms: set[str] = set()
        for anchor in anchors:
            forms |= anchor.forms
            for lemma in anchor.lemmas:
                forms |= regular_forms(lemma) | irregular.get(lemma, set())
            if anchor.phrase:
                norms = [t.norm_ for t in nlp.make_doc(anchor.phrase) if not t.is_punct]
                forms.add(max(norms, key=len))
        self.forms = frozenset(forms)

    def may_match(self, text: str) -> bool:
        if self.always:
            return True
        forms = self.forms
        return any(t.norm_ in forms or t.lower_ in forms for t in self.tokenizer(text))
