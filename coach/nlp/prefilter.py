"""The cheap first pass: from the tokenizer's output alone, decide whether a sentence can match any pattern.

Each compiled pattern lists the tokens it cannot match without (its anchors). A sentence can match a pattern
only if every anchor has one of its forms in the sentence, so a sentence that satisfies no pattern's anchors
skips the tagger and parser. Lemma anchors are expanded to their inflections (regular rules plus the
lemmatizer's own exception table): the pass may let through a little more than needed, which costs only
time, but never holds back what the pipeline would find.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language

from coach.phrasebook.compiler import Anchor, Requirement

_VOWELS = set("aeiou")
# Forms the lemmatizer's exception table does not list: contractions, auxiliaries and pronoun cases.
_CLOSED_CLASS = {
    "be": {"'s", "s", "'m", "m", "'re", "re", "am", "is", "are", "was", "were", "been", "being", "ai"},
    "have": {"'ve", "ve", "'s", "s", "'d", "d", "has", "had", "having"},
    "do": {"does", "did", "done", "doing", "du"},
    "will": {"'ll", "ll", "wo"},
    "would": {"'d", "d"},
    "can": {"ca"},
    "shall": {"sha"},
    "not": {"n't", "nt"},
    "i": {"me", "my", "mine", "myself"},
    "we": {"us", "our", "ours", "ourselves"},
    "you": {"your", "yours", "yourself"},
    "they": {"them", "their", "theirs", "themselves"},
    "he": {"him", "his", "himself"},
    "she": {"her", "hers", "herself"},
    "it": {"its", "itself"},
}


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
    def __init__(self, nlp: Language, requirements: list[Requirement]) -> None:
        self.always = any(not r for r in requirements)
        self._irregular = irregular_forms(nlp)
        self._nlp = nlp
        self.patterns: list[list[frozenset[str]]] = []
        for requirement in requirements:
            sets: list[frozenset[str]] = []
            for anchor in requirement:
                sets.extend(self._expand(anchor))
            self.patterns.append(sets)
        # Index each pattern under its most selective anchor (fewest forms, longest words): a sentence is
        # checked only against the patterns whose index anchor it contains.
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, sets in enumerate(self.patterns):
            if not sets:
                continue
            key = min(sets, key=lambda s: (self._stop_share(s), len(s), -max(map(len, s))))
            for form in key:
                self.index[form].append(i)

    def _stop_share(self, forms: frozenset[str]) -> float:
        stop = self._nlp.Defaults.stop_words
        return sum(f in stop for f in forms) / len(forms)

    def _expand(self, anchor: Anchor) -> list[frozenset[str]]:
        if anchor.phrase:
            return [frozenset({t.norm_, t.lower_}) for t in self._nlp.make_doc(anchor.phrase) if not t.is_punct]
        forms = set(anchor.forms)
        for lemma in anchor.lemmas:
            forms |= regular_forms(lemma) | self._irregular.get(lemma, set()) | _CLOSED_CLASS.get(lemma, set())
        return [frozenset(forms)]

    def matches(self, words: set[str]) -> bool:
        """Whether a sentence with these token forms (lower case and norms) can match some pattern."""
        if self.always:
            return True
        for word in words:
            for i in self.index.get(word, ()):
                if all(forms & words for forms in self.patterns[i]):
                    return True
        return False
