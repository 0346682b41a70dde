"""The coach's spaCy components. Rules arrive through `initialize(…)` and are saved by `to_disk`, so a built
pipeline loads with `spacy.load()` (the factories are declared as `spacy_factories` entry points)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from coach.nlp import context, handoff
from coach.nlp.hints import build_hints
from coach.nlp.quoting import inside, quoted_ranges
from coach.phrasebook.compiler import Requirement, dependency_requirement, tokens_requirement

CANDIDATES = "coach_candidates"
KEPT = "coach"
UNLESS_PREFIX = "unless|"
LEXICON_SETS = tuple(f.name for f in dataclasses.fields(context.Lexicon))

if not Doc.has_extension("coach_hints"):
    Doc.set_extension("coach_hints", default=None)
if not Doc.has_extension("coach_dropped"):
    Doc.set_extension("coach_dropped", default=None)
if not Doc.has_extension("coach_factors"):
    # (label, start token, end token) of a kept span -> names of the context factors that change its
    # confidence (coach/nlp/confidence.py)
    Doc.set_extension("coach_factors", default=None)


class _JsonComponent:
    """A component whose whole state is one JSON-able dict, saved as `<name>.json`."""

    file_name = "state.json"

    def _state(self) -> dict[str, Any]:
        raise NotImplementedError

    def _load(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / self.file_name, self._state())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> _JsonComponent:
        self._load(srsly.read_json(ensure_path(path) / self.file_name))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self._state()).encode()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> _JsonComponent:
        self._load(srsly.json_loads(data))
        return self


@Language.component("coach_lemma_case")
def lemma_case(doc: Doc) -> Doc:
    """Lower-case lemmas, so "Bank" and "Manufacturer" (tagged as names) meet the lexicon's lower-case sets."""
    for tok in doc:
        lemma = tok.lemma_
        if lemma != "I" and not lemma.islower() and lemma.lower() != lemma:
            tok.lemma_ = lemma.lower()
    return doc


def _gate(requirement: Requirement) -> list[frozenset[str]]:
    """The words (forms or lemmas) a sentence must hold for the pattern; prefixes ("@…") are the first pass's
    to check."""
    return [frozenset(a.forms | a.lemmas) for a in requirement.anchors if a.forms or a.lemmas]


@Language.factory("coach_pattern_ruler", default_config={"spans_key": CANDIDATES})
def make_pattern_ruler(nlp: Language, name: str, spans_key: str) -> PatternRuler:
    return PatternRuler(nlp, name, spans_key=spans_key)


class PatternRuler(_JsonComponent):
    """Adds a span for every match of a token pattern (Matcher) or a dependency pattern (DependencyMatcher);
    a dependency match spans its first to its last matched token (nodes whose RIGHT_ID starts with "_" are
    left out of the span)."""

    file_name = "patterns.json"

    def __init__(self, nlp: Language, name: str, *, spans_key: str) -> None:
        self.nlp, self.name, self.spans_key = nlp, name, spans_key
        self.patterns: list[dict[str, Any]] = []
        self._matchers: list[tuple[Matcher | DependencyMatcher, list[frozenset[str]], list[bool] | None, str,
                                   str]] = []

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   patterns: list[dict[str, Any]] | None = None) -> None:
        self._load({"patterns": patterns or []})

    def _state(self) -> dict[str, Any]:
        return {"patterns": self.patterns}

    def _load(self, state: dict[str, Any]) -> None:
        self.patterns = list(state["patterns"])
        # One matcher per pattern, run only when the sentence holds a word for each of the pattern's word
        # constraints: a matcher's cost grows with all its patterns on every sentence (with every token
        # pattern in one Matcher, matching cost as much as the parser).
        self._matchers = []
        for pattern in self.patterns:
            nodes, label = pattern["pattern"], pattern["label"]
            if nodes and "RIGHT_ID" in nodes[0]:
                matcher = DependencyMatcher(self.nlp.vocab, validate=True)
                matcher.add(label, [nodes])
                gate = _gate(dependency_requirement(nodes))
                # Nodes named "_…" are context the pattern needs but the hint does not underline.
                in_span: list[bool] | None = [not node["RIGHT_ID"].startswith("_") for node in nodes]
            else:
                matcher = Matcher(self.nlp.vocab, validate=True)
                matcher.add(label, [nodes])
                gate = _gate(tokens_requirement(nodes))
                in_span = None
            self._matchers.append((matcher, gate, in_span, label, pattern.get("id", "")))
        # Each gated pattern is filed under the forms of its rarest-looking constraint (the one with fewest
        # forms), so a sentence looks only at the patterns one of its words can open.
        self._ungated = [i for i, m in enumerate(self._matchers) if not m[1]]
        self._index: dict[str, list[int]] = {}
        for i, (_, gate, *_rest) in enumerate(self._matchers):
            if gate:
                for form in min(gate, key=len):
                    self._index.setdefault(form, []).append(i)

    def __call__(self, doc: Doc) -> Doc:
        if not self.patterns:
            return doc
        words = {w for t in doc for w in (t.lower_, t.norm_, t.lemma_)}
        group = doc.spans.setdefault(self.spans_key, [])
        candidates = set(self._ungated)
        for word in words:
            candidates.update(self._index.get(word, ()))
        for i in sorted(candidates):  # pattern order, as without the index
            matcher, gate, in_span, label, pattern_id = self._matchers[i]
            if not all(allowed & words for allowed in gate):
                continue
            if in_span is None:
                group.extend([Span(doc, start, end, label=label, span_id=pattern_id)
                              for _, start, end in matcher(doc)])
                continue
            for _, token_ids in matcher(doc):
                shown = [t for t, keep in zip(token_ids, in_span) if keep] or token_ids
                # A matched noun brings its whole phrase: "Head office set…", not "office set…".
                start = min(doc[t].left_edge.i if doc[t].pos_ in ("NOUN", "PROPN") else t for t in shown)
                group.append(Span(doc, start, max(shown) + 1, label=label, span_id=pattern_id))
        return doc


@Language.factory("coach_context", default_config={"spans_key": CANDIDATES, "output_key": KEPT})
def make_context(nlp: Language, name: str, spans_key: str, output_key: str) -> ContextFilter:
    return ContextFilter(name, spans_key=spans_key, output_key=output_key)


class ContextFilter(_JsonComponent):
    """Keeps the candidate spans that are deflections in context; records why the others were dropped, and
    what in the context lowers the confidence of the kept ones."""

    file_name = "context.json"

    def __init__(self, name: str, *, spans_key: str, output_key: str) -> None:
        self.name, self.spans_key, self.output_key = name, spans_key, output_key
        self.rules: dict[str, dict[str, str]] = {}
        self.lexicon = context.Lexicon(*(frozenset() for _ in LEXICON_SETS))

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   rules: dict[str, dict[str, str]] | None = None,
                   sets: dict[str, list[str]] | None = None) -> None:
        self._load({"rules": rules or {}, "sets": sets or {}})

    def _state(self) -> dict[str, Any]:
        lex = self.lexicon
        return {"rules": self.rules, "sets": {name: sorted(getattr(lex, name)) for name in LEXICON_SETS}}

    def _load(self, state: dict[str, Any]) -> None:
        self.rules = state["rules"]
        sets = state["sets"]
        self.lexicon = context.Lexicon(*(frozenset(sets.get(name, ())) for name in LEXICON_SETS))

    def _drop_reason(self, span: Span, rule: dict[str, str], quoted: list[tuple[int, int]],
                     unless: list[Span]) -> str | None:
        if inside(quoted, span.start_char, span.end_char):
            return "quoted"
        if any(u.sent.start == span.sent.start for u in unless):
            return "unless"
        if rule["questions"] == "skip" and context.is_question(span):
            return "question"
        if rule["negation"] == "skip" and context.negated_outside(span):
            return "negated"
        if rule["conditionals"] == "skip" and context.in_condition(span):
            return "conditional"
        if rule["referent"] != "any" and not context.pronouns_refer_to_company(
                span, self.lexicon, ours=rule["referent"] == "company"):
            return "referent"
        if rule["extra_option"] == "skip" and handoff.extra_option(span):
            return "extra option"
        if rule["owned_step"] == "cancels":
            step = context.owned_step_near(span, self.lexicon, quoted)
            if step is not None:
                return f"owned step: {step.text}"
        if rule["way_forward"] == "cancels":
            step = context.way_forward_near(span, quoted)
            if step is not None:
                return f"way forward: {step.text}"
        return None

    def _factors(self, span: Span, rule: dict[str, str], quoted: list[tuple[int, int]]) -> list[str]:
        """Context that makes the match less likely a deflection without ruling it out."""
        factors = []
        if rule["owned_step"] == "lowers" and context.owned_step_near(span, self.lexicon, quoted) is not None:
            factors.append("owned step")
        if context.way_forward_near(span, quoted) is not None:
            factors.append("way forward")
        if rule["own_team"] == "lowers" and handoff.own_team(span, self.lexicon) and (
                handoff.direct_route_near(span, quoted) is not None or handoff.own_place(span, self.lexicon)):
            factors.append("our own team")
        if rule["reason"] == "lowers" and context.reason_given(span):
            factors.append("reason given")
        if rule["remedy_done"] == "lowers" and context.remedy_done(span) is not None:
            factors.append("remedy done")
        if context.unresolved_subject(span, self.lexicon):
            factors.append("unresolved pronoun")
        if context.hedged(span):
            factors.append("hedged")
        return factors

    def __call__(self, doc: Doc) -> Doc:
        candidates = list(doc.spans.get(self.spans_key, []))
        unless: dict[str, list[Span]] = {}
        for span in candidates:
            if span.label_.startswith(UNLESS_PREFIX):
                unless.setdefault(span.label_[len(UNLESS_PREFIX):], []).append(span)
        quoted = quoted_ranges(doc.text)
        kept, dropped, factors = [], [], {}
        for span in candidates:
            rule = self.rules.get(span.label_)
            if rule is None:
                continue
            reason = self._drop_reason(span, rule, quoted, unless.get(span.label_, []))
            if reason is None:
                kept.append(span)
                factors[(span.label_, span.start, span.end)] = self._factors(span, rule, quoted)
            else:
                dropped.append((span.label_, span.start_char, span.end_char, reason))
        doc.spans[self.output_key] = kept
        doc._.coach_dropped = dropped
        doc._.coach_factors = factors
        return doc


@Language.factory("coach_hint_builder", default_config={"spans_key": KEPT})
def make_hint_builder(nlp: Language, name: str, spans_key: str) -> HintBuilder:
    return HintBuilder(name, spans_key=spans_key)


class HintBuilder(_JsonComponent):
    """Resolves overlaps and turns kept spans into hints with alternatives (`doc._.coach_hints`)."""

    file_name = "entries.json"

    def __init__(self, name: str, *, spans_key: str) -> None:
        self.name, self.spans_key = name, spans_key
        self.entries: dict[str, dict[str, Any]] = {}
        self.company: frozenset[str] = frozenset()

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   entries: dict[str, dict[str, Any]] | None = None,
                   company: list[str] | None = None) -> None:
        self._load({"entries": entries or {}, "company": company or []})

    def _state(self) -> dict[str, Any]:
        return {"entries": self.entries, "company": sorted(self.company)}

    def _load(self, state: dict[str, Any]) -> None:
        self.entries = state["entries"]
        self.company = frozenset(state["company"])

    def __call__(self, doc: Doc) -> Doc:
        doc._.coach_hints = build_hints(doc, list(doc.spans.get(self.spans_key, [])), self.entries,
                                        self.company, doc._.coach_factors or {})
        return doc
