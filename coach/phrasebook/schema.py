"""The phrasebook's data model: one category file holds entries; each entry carries its own examples.

Pure data: no spaCy, no FastAPI. The JSON schema trainers see (`phrasebook/schema.json`) is generated from
these models, so the two never drift.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEBAB = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
MARKER = re.compile(r"\[\[(.+?)\]\]")
SLOT = re.compile(r"\{([a-z_]+)\}")
SLOTS = ("team", "item")
"""Slots an alternative may use: {team} is the company unit named in the sentence (billing, the warehouse),
{item} the thing the sentence is about (your order, the refund)."""

Severity = Literal["info", "warning"]
TokenPattern = list[dict[str, Any]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class Match(_Strict):
    """What an entry matches: fixed phrases, spaCy Matcher token patterns, or DependencyMatcher patterns.

    In token and dependency patterns an `IN`/`NOT_IN` list may name a lexicon set as a string, `"@company"`.
    """

    phrases: list[str] = Field(default_factory=list, description="Fixed phrases, matched on the token norm "
                               "(case-insensitive; can't = cannot = can not).")
    tokens: list[TokenPattern] = Field(default_factory=list, description="spaCy Matcher patterns.")
    dependency: list[list[dict[str, Any]]] = Field(default_factory=list,
                                                   description="spaCy DependencyMatcher patterns.")

    def is_empty(self) -> bool:
        return not (self.phrases or self.tokens or self.dependency)

    @field_validator("phrases")
    @classmethod
    def _phrases_not_blank(cls, phrases: list[str]) -> list[str]:
        for phrase in phrases:
            if not phrase.strip():
                raise ValueError("a phrase is empty")
        return phrases


class Context(_Strict):
    """How the context component reads a match. Unset fields take the category's defaults."""

    owned_step: Literal["cancels", "lowers", "ignored"] | None = Field(
        None, description="An owned next step in the same or the next sentence ('I'll rebook you') cancels "
                          "the hint, lowers its confidence, or is ignored.")
    questions: Literal["skip", "flag"] | None = Field(
        None, description="Whether a match inside a question is skipped ('Is there anything I can do?').")
    negation: Literal["skip", "flag"] | None = Field(
        None, description="Whether a match whose verb is negated outside the match is skipped "
                          "('It's not your fault').")
    conditionals: Literal["skip", "flag"] | None = Field(
        None, description="Whether a match inside an if-clause is skipped ('If there's nothing else I can do "
                          "for you, have a great day').")
    way_forward: Literal["cancels", "ignored"] | None = Field(
        None, description="A way forward offered to the customer in the same or the next sentence ('…, but you "
                          "can use an alias', 'we'd recommend starting a new plan') cancels the hint, or is "
                          "ignored.")
    extra_option: Literal["skip", "flag"] | None = Field(
        None, description="Whether a match offered as an extra option or a first step is skipped ('you can "
                          "also check with your carrier', 'first, check with your carrier, then …').")
    own_team: Literal["lowers", "ignored"] | None = Field(
        None, description="A hand-off to a unit of ours with the way to reach it right there ('call our "
                          "loyalty team on 0800 …', 'our iTunes team can help, reach out to them here: <link>') "
                          "lowers the confidence: the brand keeps ownership, so it is borderline. Without the "
                          "route it stays a hand-off.")
    remedy_done: Literal["lowers", "ignored"] | None = Field(
        None, description="The brand's own part already done in the same or the sentence before ('the refund "
                          "was sent on the 3rd. Kindly check with your bank') lowers the confidence: what is "
                          "left with the other party is only their side.")
    reason: Literal["lowers", "ignored"] | None = Field(
        None, description="A limit stated with its reason ('…, since it is within 24 hours of the flight', "
                          "'once an account is created, the ID can't be changed') lowers the confidence. A "
                          "rule named as the reason ('due to our policy') is no reason.")
    referent: Literal["any", "company", "outside"] | None = Field(
        None, description="'company': a pronoun in the match (they, them, she, he) must refer to the company "
                          "side (a team, a colleague, a vendor), not the customer's people or things; "
                          "'outside': the same, and not to a unit of ours ('our iTunes team … reach out to "
                          "them').")

    def merged(self, defaults: Context) -> Context:
        """This context with unset fields filled from `defaults`."""
        own = self.model_dump(exclude_none=True)
        return Context(**{**defaults.model_dump(exclude_none=True), **own})


CATEGORY_CONTEXT = Context(owned_step="cancels", questions="skip", negation="skip", conditionals="skip",
                           way_forward="ignored", extra_option="flag", own_team="ignored", reason="ignored",
                           remedy_done="ignored",
                           referent="any")


class Examples(_Strict):
    flag: list[str] = Field(default_factory=list, description="Sentences the entry must flag; [[…]] marks the "
                            "exact expected span.")
    pass_: list[str] = Field(default_factory=list, alias="pass", description="Near misses it must not flag.")

    @field_validator("flag")
    @classmethod
    def _flag_has_marker(cls, flags: list[str]) -> list[str]:
        for text in flags:
            if not MARKER.search(text):
                raise ValueError(f"flag example has no [[marker]]: {text!r}")
        return flags

    @field_validator("pass_")
    @classmethod
    def _pass_has_no_marker(cls, passes: list[str]) -> list[str]:
        for text in passes:
            if "[[" in text or "]]" in text:
                raise ValueError(f"pass example must not contain [[markers]]: {text!r}")
        return passes


class Entry(_Strict):
    id: str = Field(pattern=KEBAB, description="kebab-case, unique forever; retire, never reuse.")
    status: Literal["draft", "active", "retired"] = "active"
    severity: Severity | None = Field(None, description="Overrides the category's severity.")
    message: str = Field(min_length=1, description="What the customer hears.")
    why: str = Field(min_length=1, description="Why it matters, for the agent.")
    source: str = Field(min_length=1, description="Where the entry comes from.")
    match: Match
    unless: Match = Field(default_factory=Match, description="Antipatterns: a match of one of these anywhere "
                          "in the same sentence cancels the hint.")
    context: Context = Field(default_factory=Context)
    confidence: float | None = Field(
        None, ge=0, le=1, description="The trainers' prior that a match of this entry is a deflection; unset: "
                                      "the default for how it matches (a fixed phrase above a pattern).")
    replace: Literal["sentence", "span"] = Field(
        "sentence", description="What an alternative replaces: the whole sentence or only the matched span.")
    alternatives: list[str] = Field(default_factory=list, description="Ownership rewrites; may use the slots "
                                    "{team} and {item}.")
    examples: Examples = Field(default_factory=Examples)

    @model_validator(mode="after")
    def _complete_when_active(self) -> Entry:
        if self.match.is_empty():
            raise ValueError("match: give at least one of phrases, tokens, dependency")
        for alt in self.alternatives:
            unknown = set(SLOT.findall(alt)) - set(SLOTS)
            if unknown:
                raise ValueError(f"alternatives: unknown slot {sorted(unknown)} in {alt!r}; slots are {SLOTS}")
        if self.status == "active":
            if len(self.alternatives) < 2:
                raise ValueError("alternatives: an active entry needs at least 2")
            if not any(not SLOT.search(alt) for alt in self.alternatives):
                raise ValueError("alternatives: at least one must use no slot, so a hint always has one")
            if len(self.examples.flag) < 2 or len(self.examples.pass_) < 2:
                raise ValueError("examples: an active entry needs at least 2 flag and 2 pass examples")
        return self


class CategoryFile(_Strict):
    category: str = Field(pattern=KEBAB)
    title: str = Field(min_length=1)
    severity: Severity
    description: str = ""
    context: Context = Field(default_factory=Context, description="Defaults for this category's entries.")
    sets: dict[str, list[str]] = Field(default_factory=dict, description="Named word sets for patterns "
                                       "(\"@name\"); names are global across files.")
    entries: list[Entry]


class Lexicon(_Strict):
    """Word sets shared by every category and by the context component (who is 'the company side')."""

    sets: dict[str, list[str]]
