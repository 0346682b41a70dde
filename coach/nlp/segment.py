"""Split a draft into sentences with the tokenizer alone, so unchanged sentences can be answered from a cache
and sentences without a trigger never reach the parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc

_TERMINAL = set(".!?…")
_CLOSING = set("\"'”’)]}»")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    triggered: bool
    """Holds a word some pattern needs: only such sentences go through the full pipeline."""


def _is_terminal(text: str) -> bool:
    return bool(text) and all(ch in _TERMINAL for ch in text)


def _is_mention(text: str) -> bool:
    return len(text) > 1 and text[0] == "@" and text[1:].replace("_", "").isalnum()


def split(doc: Doc, text: str, can_match: Callable[[list[tuple[str, str]]], bool]) -> list[Sentence]:
    """Sentences of `text`, tokenized as `doc`: a break after . ! ? … (and closing quotes or brackets), and at a line
    break. The tokenizer keeps "e.g.", "Mr." and "3.5" whole, so they do not end a sentence. @mentions that
    open a sentence are the addressees, not part of it. `can_match`
    gets the sentence's tokens (lower case and norm of each) and says whether a pattern could match them."""
    out: list[Sentence] = []
    start_tok: int | None = None
    tokens: list[tuple[str, str]] = []

    def close(end_tok: int) -> None:
        nonlocal start_tok
        if start_tok is not None:
            first, last = doc[start_tok], doc[end_tok - 1]
            start, end = first.idx, last.idx + len(last.text)
            out.append(Sentence(start, end, text[start:end], can_match(tokens)))
        start_tok = None
        tokens.clear()

    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.is_space:
            if "\n" in tok.text:
                close(i)
            elif start_tok is not None:
                tokens.append((tok.text, tok.text))  # a token for the matcher, a word for no pattern
            i += 1
            continue
        if start_tok is None:
            if _is_mention(tok.text):
                # a reply's addressees ("@117012 Hi Arvid, …") are not part of its first sentence, nor is the
                # ">>" after them that continues an earlier tweet
                i += 1
                while i < n and (doc[i].is_space and "\n" not in doc[i].text or set(doc[i].text) == {">"}):
                    i += 1
                continue
            start_tok = i
        tokens.append((tok.lower_, tok.norm_))
        i += 1
        if _is_terminal(tok.text) or (tok.text.endswith(("!", "?")) and tok.is_punct):
            while i < n and (_is_terminal(doc[i].text) or doc[i].text in _CLOSING):
                i += 1
            close(i)
    close(n)
    return out
