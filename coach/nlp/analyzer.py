"""Text in, hints out: the first pass, then the full pipeline for the texts that need it."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from coach.nlp.pipeline import build_pipeline
from coach.nlp.prefilter import Prefilter
from coach.phrasebook.compiler import compile_phrasebook
from coach.phrasebook.loader import Phrasebook

Hint = dict[str, Any]
# Same-length replacements, so offsets into the normalized text are offsets into the original.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalize(text: str) -> str:
    """Typographic apostrophes as ASCII: the tagger and lemmatizer read "’s" and "’m" wrongly otherwise."""
    return text.translate(_TYPOGRAPHIC)


class Analyzer:
    """One loaded pipeline for one phrasebook version."""

    def __init__(self, book: Phrasebook, base_model: str | None = None, nlp: Language | None = None) -> None:
        self.book = book
        self.nlp = nlp or build_pipeline(book, base_model)
        self.prefilter = Prefilter(self.nlp, compile_phrasebook(book).anchors)

    @property
    def version(self) -> str:
        return self.book.version

    @property
    def model(self) -> str:
        meta = self.nlp.meta
        return f"{meta['lang']}_{meta['name']}-{meta['version']}"

    def docs(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc | None]:
        """A parsed Doc per text, or None where the first pass rules a deflection out."""
        texts = list(texts)
        normalized = [normalize(t) for t in texts]
        needed = [i for i, t in enumerate(normalized) if self.prefilter.may_match(t)]
        parsed = dict(zip(needed, self.nlp.pipe((normalized[i] for i in needed), batch_size=batch_size)))
        for i in range(len(texts)):
            yield parsed.get(i)

    def analyze_many(self, texts: Iterable[str], batch_size: int = 64) -> list[list[Hint]]:
        texts = list(texts)
        out = []
        for text, doc in zip(texts, self.docs(texts, batch_size)):
            hints = [] if doc is None else doc._.coach_hints
            for hint in hints:
                hint["text"] = text[hint["start"]:hint["end"]]
            out.append(hints)
        return out

    def analyze(self, text: str) -> list[Hint]:
        return self.analyze_many([text])[0]
