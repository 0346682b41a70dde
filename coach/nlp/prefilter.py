"""The cheap first pass: from the tokenizer's output alone, decide whether a sentence can match any pattern.

Each compiled pattern lists the tokens it cannot match without (its anchors). A sentence can match a pattern
only if every anchor has one of its forms in the sentence, so a sentence that satisfies no pattern's anchors
skips the tagger and parser. A lemma anchor stands for every form the pipeline could give that lemma, read
from the pipeline's own tables: the lemmatizer's suffix rules run backwards, its exception table inverted,
and the attribute ruler's lemma patterns (contractions, auxiliaries, pronoun cases). The pass may let through
more than needed, which costs only time, but never holds back what the pipeline would find.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.language import Language

from coach.phrasebook.compiler import Anchor, Requirement

ANY_FORM = frozenset()
"""Forms of a lemma the pipeline can give to words it matches by regular expression: not enumerable, so an
anchor on such a lemma holds for every sentence."""


class LemmaForms:
    """Every word form the base pipeline can lemmatize to a given lemma."""

    def __init__(self, nlp: Language) -> None:
        self.rules: set[tuple[str, str]] = set()
        self.exceptions: dict[str, set[str]] = defaultdict(set)
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if "lemma_rules" in lookups.tables:
                for rules in lookups.get_table("lemma_rules").values():
                    self.rules.update((old, new) for old, new in rules)
            if "lemma_exc" in lookups.tables:
                for table in lookups.get_table("lemma_exc").values():
                    for form, lemmas in table.items():
                        for lemma in lemmas:
                            self.exceptions[lemma].add(form)
        self.assigned: dict[str, set[str] | frozenset[str]] = defaultdict(set)
        if "attribute_ruler" in nlp.pipe_names:
            for rule in nlp.get_pipe("attribute_ruler").patterns:
                if "LEMMA" in rule["attrs"]:
                    self._assign(rule["attrs"]["LEMMA"].lower(), rule["patterns"], rule.get("index", 0))

    def _assign(self, lemma: str, patterns: list[list[dict[str, Any]]], index: int) -> None:
        for pattern in patterns:
            lower = pattern[index].get("LOWER")
            if isinstance(lower, str):
                lower = [lower]
            elif isinstance(lower, dict) and isinstance(lower.get("IN"), list):
                lower = lower["IN"]
            else:
                self.assigned[lemma] = ANY_FORM
                return
            if self.assigned[lemma] is not ANY_FORM:
                self.assigned[lemma].update(lower)

    def __call__(self, lemma: str) -> frozenset[str]:
        """The forms, or ANY_FORM when they cannot be listed."""
        assigned = self.assigned.get(lemma, set())
        if assigned is ANY_FORM:
            return ANY_FORM
        forms = {lemma, *assigned, *self.exceptions.get(lemma, ())}
        for old, new in self.rules:
            if lemma.endswith(new):
                forms.add(lemma[:len(lemma) - len(new)] + old)
        return frozenset(forms)


Forms = frozenset[str]
TokenForms = tuple[str, str]
"""A token's lower-case form and norm."""


class Prefilter:
    def __init__(self, nlp: Language, requirements: list[Requirement]) -> None:
        self._lemma_forms = LemmaForms(nlp)
        self._nlp = nlp
        self.patterns: list[list[Forms]] = []
        self.prefixes: list[list[str]] = []
        self.sequences: list[list[tuple[Forms | None, int, int | None]] | None] = []
        for requirement in requirements:
            sets: list[Forms] = []
            for anchor in requirement.anchors:
                sets.extend(self._expand(anchor))
            self.patterns.append(sets)
            self.prefixes.append([a.prefix for a in requirement.anchors if a.prefix])
            self.sequences.append(self._sequence(requirement))
        # A pattern with no checkable word can match any sentence.
        self.always = any(not sets for sets in self.patterns)
        # Index each pattern under its most selective anchor (fewest forms, longest words): a sentence is
        # checked only against the patterns whose index anchor it contains.
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, sets in enumerate(self.patterns):
            if not sets:
                continue
            key = min(sets, key=lambda s: (self._stop_share(s), len(s), -max(map(len, s))))
            for form in key:
                self.index[form].append(i)

    def _stop_share(self, forms: Forms) -> float:
        stop = self._nlp.Defaults.stop_words
        return sum(f in stop for f in forms) / len(forms)

    def _expand(self, anchor: Anchor) -> list[Forms]:
        if anchor.phrase:
            return [frozenset({t.norm_, t.lower_}) for t in self._nlp.make_doc(anchor.phrase) if not t.is_punct]
        if anchor.prefix:
            return []  # checked apart: no list of forms
        forms = set(anchor.forms)
        for lemma in anchor.lemmas:
            lemma_forms = self._lemma_forms(lemma)
            if lemma_forms is ANY_FORM:
                return []  # no constraint this pass can check
            forms |= lemma_forms
        return [frozenset(forms)]

    def _sequence(self, requirement: Requirement) -> list[tuple[Forms | None, int, int | None]] | None:
        """The pattern's tokens in order (a phrase's words, one token each), each with the forms it accepts
        (None: any) and how many tokens it takes. Punctuation in a phrase accepts any token, as its norm
        may differ."""
        if requirement.anchors and requirement.anchors[0].phrase:
            return [(None if t.is_punct else frozenset({t.norm_, t.lower_}), 1, 1)
                    for t in self._nlp.make_doc(requirement.anchors[0].phrase)]
        if requirement.sequence is None:
            return None
        steps = []
        for anchor, least, most in requirement.sequence:
            expanded = self._expand(anchor) if anchor else []
            steps.append((expanded[0] if expanded else None, least, most))
        return steps

    def matches(self, tokens: list[TokenForms]) -> bool:
        """Whether a sentence with these tokens can match some pattern."""
        if self.always:
            return True
        words = {form for token in tokens for form in token}
        for word in words:
            for i in self.index.get(word, ()):
                if all(forms & words for forms in self.patterns[i]) and self._prefixed(i, words) \
                        and self._in_order(i, tokens):
                    return True
        return False

    def _prefixed(self, i: int, words: set[str]) -> bool:
        """Pattern `i`'s prefixes ("@" of "^@\\w+$") each start some word."""
        return all(any(w.startswith(p) for w in words) for p in self.prefixes[i])

    def _in_order(self, i: int, tokens: list[TokenForms]) -> bool:
        """Whether the tokens hold a run that pattern `i`'s steps accept (always for a dependency pattern)."""
        steps = self.sequences[i]
        if steps is None:
            return True
        n, m = len(tokens), len(steps)
        memo: dict[tuple[int, int], bool] = {}

        def from_(pos: int, step: int) -> bool:
            """Steps `step`.. can match starting at token `pos`."""
            if step == m:
                return True
            key = (pos, step)
            if key not in memo:
                forms, least, most = steps[step]
                taken, ok = 0, False
                while True:
                    if taken >= least and from_(pos + taken, step + 1):
                        ok = True
                        break
                    if taken == most or pos + taken == n:
                        break
                    if forms is not None and forms.isdisjoint(tokens[pos + taken]):
                        break
                    taken += 1
                memo[key] = ok
            return memo[key]

        return any(from_(start, 0) for start in range(n))
