"""Text in, hints out, a sentence at a time.

A draft is split into sentences with the tokenizer. A sentence without a trigger word is done. A sentence with
one is parsed and matched on its own (tagger, parser, lemmatizer, then the phrase, token and dependency
patterns), and then read in a window with its neighbours, because the context rules look one sentence back
and one ahead: the parsed neighbours are joined into one Doc and only the context and hint-building
components run over it. So a parsed sentence serves every window it appears in, and editing one sentence
parses and matches that sentence alone.
"""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from typing import Any, Callable, Iterator, NamedTuple, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from coach.nlp.components import CANDIDATES, UNLESS_PREFIX
from coach.nlp.pipeline import WINDOW_PIPES, build_pipeline
from coach.nlp.prefilter import Prefilter
from coach.nlp.quoting import inside, quoted_ranges
from coach.nlp.segment import Sentence, split
from coach.phrasebook.compiler import compile_phrasebook
from coach.phrasebook.loader import Phrasebook

Hint = dict[str, Any]
WindowKey = tuple[str | None, str, str | None]
"""(previous sentence, sentence, next sentence): everything a sentence's hints depend on."""

# Same-length replacements, so offsets into the normalized text are offsets into the original.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalize(text: str) -> str:
    """Typographic apostrophes as ASCII: the tagger and lemmatizer read "’s" and "’m" wrongly otherwise."""
    return text.translate(_TYPOGRAPHIC)


class Plan(NamedTuple):
    text: str
    quoted: list[tuple[int, int]]
    units: list[tuple[Sentence, WindowKey]]
    normalized: str = ""
    sentences: tuple[Sentence, ...] = ()
    """Every sentence of the text: the next revision of the draft starts from them."""


class Cache(Protocol):
    def get(self, key: Any) -> Any: ...

    def put(self, key: Any, value: Any) -> None: ...


class _NoCache:
    def get(self, key: Any) -> None:
        return None

    def put(self, key: Any, value: Any) -> None:
        pass


class Analyzer:
    """One loaded pipeline for one phrasebook version."""

    def __init__(self, book: Phrasebook, base_model: str | None = None, nlp: Language | None = None) -> None:
        self.book = book
        self.nlp = nlp or build_pipeline(book, base_model)
        self.prefilter = Prefilter(self.nlp, compile_phrasebook(book).requirements)
        names = self.nlp.pipe_names
        self._sentence_pipes = names[: names.index(WINDOW_PIPES[0])]
        self._window_pipes = [self.nlp.get_pipe(name) for name in WINDOW_PIPES]

    @property
    def version(self) -> str:
        return self.book.version

    @property
    def model(self) -> str:
        meta = self.nlp.meta
        return f"{meta['lang']}_{meta['name']}-{meta['version']}"

    @contextmanager
    def own_names(self, names: frozenset[str]) -> Iterator[None]:
        """Read texts as a deployment whose lexicon also names these as the brand's own (`own_names`)."""
        ctx = self.nlp.get_pipe(WINDOW_PIPES[0])
        saved = ctx.lexicon
        ctx.lexicon = dataclasses.replace(saved, own_names=saved.own_names | names)
        try:
            yield
        finally:
            ctx.lexicon = saved

    def sentences(self, text: str) -> list[Sentence]:
        return self._split(normalize(text))

    def parse(self, sentences: list[str], batch_size: int = 64) -> list[Doc]:
        """Parse sentences and find their candidate spans; context is decided later, over a window."""
        with self.nlp.select_pipes(enable=self._sentence_pipes):
            return list(self.nlp.pipe((normalize(s) for s in sentences), batch_size=batch_size))

    def window_hints(self, prev: Doc | None, doc: Doc, nxt: Doc | None) -> list[Hint]:
        """Hints inside `doc`, read with its neighbours, with offsets relative to `doc`."""
        parts = [d for d in (prev, doc, nxt) if d is not None]
        # A new Doc even for one part: the context rules must not touch cached Docs.
        window = Doc.from_docs(parts, exclude=["user_data", "tensor"])
        first = len(prev) if prev is not None else 0
        last = first + len(doc)
        window.spans[CANDIDATES] = [s for s in window.spans.get(CANDIDATES, []) if first <= s.start < last]
        for proc in self._window_pipes:
            window = proc(window)
        offset = window[first].idx
        end = offset + len(doc.text)
        hints = []
        for hint in window._.coach_hints:
            if offset <= hint["start"] and hint["end"] <= end:
                hints.append(_shift(hint, -offset))
        return hints

    def analyze_many(self, texts: list[str], batch_size: int = 64, docs: Cache | None = None,
                     windows: Cache | None = None) -> list[list[Hint]]:
        """Hints per text with code-point offsets. `docs` caches parsed sentences by text, `windows` caches
        hints by WindowKey; with or without them the hints are the same."""
        return self.complete([self.plan(text) for text in texts], batch_size, docs, windows)

    def plan(self, text: str, previous: Plan | None = None) -> Plan:
        """What a text needs: its sentences that can hold a deflection (outside quotes), each with the
        WindowKey its hints are cached under. Costs a tokenizer pass, no parse; with the plan of the draft's
        previous revision, only the text from its last sentence on is tokenized again."""
        normalized = normalize(text)
        sents = self._split_after(normalized, previous) if previous else self._split(normalized)
        quoted = quoted_ranges(normalized)
        units = [(s, (sents[i - 1].text if i else None, s.text,
                      sents[i + 1].text if i + 1 < len(sents) else None))
                 for i, s in enumerate(sents) if s.triggered and not inside(quoted, s.start, s.end)]
        return Plan(text, quoted, units, normalized, tuple(sents))

    def _split(self, normalized: str) -> list[Sentence]:
        return split(self.nlp.make_doc(normalized), normalized, self.prefilter.matches)

    def _split_after(self, normalized: str, previous: Plan) -> list[Sentence]:
        """The same sentences as `_split`, reusing the previous revision's up to its last sentence when the
        text before that is unchanged. The tokenizer cuts at whitespace and tokenizes each piece alone, and a
        sentence ends within its own tokens, so text appended or edited after a whitespace that starts the
        last sentence cannot change the sentences before it."""
        if not previous.sentences:
            return self._split(normalized)
        cut = previous.sentences[-1].start
        # The last sentence must start after whitespace, unchanged, with a letter or digit: a "!" or ")" there
        # would belong to the sentence before.
        if cut == 0 or len(normalized) <= cut or not normalized[cut - 1].isspace() \
                or not normalized[cut].isalnum() or normalized[:cut + 1] != previous.normalized[:cut + 1]:
            return self._split(normalized)
        tail = self._split(normalized[cut:])
        return [*previous.sentences[:-1],
                *(Sentence(s.start + cut, s.end + cut, s.text, s.triggered) for s in tail)]

    def cached(self, plan: Plan, windows: Cache, docs: Cache) -> list[Hint] | None:
        """The plan's hints when no sentence needs a parse: each window from the cache, or read again from
        cached parses (a neighbour changed); None as soon as one sentence would need parsing."""
        results = {}
        for _, key in plan.units:
            hints = windows.get(key)
            if hints is None:
                hints = self._window(key, docs.get)
                if hints is None:
                    return None
                windows.put(key, hints)
            results[key] = hints
        return _assemble(plan, results)

    def complete(self, plans: list[Plan], batch_size: int = 64, docs: Cache | None = None,
                 windows: Cache | None = None) -> list[list[Hint]]:
        """Hints for each plan, parsing what the caches do not hold, all sentences in one `nlp.pipe`."""
        docs = _NoCache() if docs is None else docs
        windows = _NoCache() if windows is None else windows
        results: dict[WindowKey, list[Hint] | None] = {}
        for plan in plans:
            for _, key in plan.units:
                if key not in results:
                    results[key] = windows.get(key)
        missing = [key for key, hints in results.items() if hints is None]
        if missing:
            self._fill(missing, results, docs, windows, batch_size)
        return [_assemble(plan, results) for plan in plans]

    def _fill(self, missing: list[WindowKey], results: dict[WindowKey, list[Hint] | None], docs: Cache,
              windows: Cache, batch_size: int) -> None:
        parsed: dict[str, Doc] = {}
        self._parse_into(parsed, [key[1] for key in missing], docs, batch_size)
        # Most sentences past the first pass match no pattern: they need no neighbours and no window.
        needed = [key for key in missing if _has_candidates(parsed[key[1]])]
        self._parse_into(parsed, [s for key in needed for s in (key[0], key[2]) if s is not None], docs,
                         batch_size)
        for key in missing:
            results[key] = hints = self._window(key, parsed.get)
            windows.put(key, hints)

    def _window(self, key: WindowKey, doc_of: Callable[[str], Doc | None]) -> list[Hint] | None:
        """Hints of one window from parsed sentences, or None when a sentence it needs is not parsed."""
        prev, sentence, nxt = key
        doc = doc_of(sentence)
        if doc is None:
            return None
        if not _has_candidates(doc):
            return []
        prev_doc = doc_of(prev) if prev is not None else None
        next_doc = doc_of(nxt) if nxt is not None else None
        if (prev is not None and prev_doc is None) or (nxt is not None and next_doc is None):
            return None
        return self.window_hints(prev_doc, doc, next_doc)

    def _parse_into(self, parsed: dict[str, Doc], sentences: list[str], docs: Cache, batch_size: int) -> None:
        """Fill `parsed` for these sentences, from the cache or by parsing the rest in one batch."""
        to_parse = []
        for sentence in dict.fromkeys(sentences):
            if sentence in parsed:
                continue
            doc = docs.get(sentence)
            if doc is None:
                to_parse.append(sentence)
            else:
                parsed[sentence] = doc
        for sentence, doc in zip(to_parse, self.parse(to_parse, batch_size)):
            parsed[sentence] = doc
            docs.put(sentence, doc)

    def analyze(self, text: str) -> list[Hint]:
        return self.analyze_many([text])[0]


def _assemble(plan: Plan, results: dict[WindowKey, list[Hint] | None]) -> list[Hint]:
    """The plan's hints, moved from sentence offsets to text offsets, quoted ones left out."""
    hints = []
    for sent, key in plan.units:
        for hint in results[key] or ():
            hint = _shift(hint, sent.start)
            if not inside(plan.quoted, hint["start"], hint["end"]):
                hint["text"] = plan.text[hint["start"]:hint["end"]]
                hints.append(hint)
    return hints


def _has_candidates(doc: Doc) -> bool:
    return any(not span.label_.startswith(UNLESS_PREFIX) for span in doc.spans.get(CANDIDATES, ()))


def _shift(hint: Hint, delta: int) -> Hint:
    """A copy of the hint with every offset moved by `delta` (cached hints are never mutated)."""
    return {**hint, "start": hint["start"] + delta, "end": hint["end"] + delta,
            "alternatives": [{**alt, "start": alt["start"] + delta, "end": alt["end"] + delta}
                             for alt in hint["alternatives"]]}
