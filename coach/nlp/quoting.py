"""Find the parts of a reply that are not the agent's own words: email quotes and quoted speech."""

from __future__ import annotations

import re

_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
# "On Mon, 3 Mar 2025 at 10:02, Jane <jane@example.com> wrote:" — clients wrap it over two lines.
_WROTE = re.compile(r"^[ \t]*On\b[^\n]{0,200}(?:\n[^\n]{0,200})?\bwrote:[ \t]*$", re.MULTILINE)
_FORWARD = re.compile(r"^[ \t]*(?:-{2,}\s*Original Message\s*-{2,}|From:[^\n]*\n(?:[^\n]*\n)?\s*Sent:)",
                      re.MULTILINE | re.IGNORECASE)
_DOUBLE = re.compile(r"[\"“]([^\"“”\n]{1,400})[\"”]")
# A single-quoted passage: the opening quote follows a space or bracket, the closing one is followed by a
# non-letter, so apostrophes (don't, customers') are not taken for quotes; inside, an apostrophe between
# letters (there's) does not end the quote.
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[:]))['‘](?=\S)((?:[^'‘’\n]|(?<=[A-Za-z])['’](?=[A-Za-z])){1,400}?)"
                     r"(?<=\S)['’](?![A-Za-z])")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted material, sorted and merged."""
    ranges: list[tuple[int, int]] = []
    for pattern in (_WROTE, _FORWARD):
        m = pattern.search(text)
        if m:
            ranges.append((m.start(), len(text)))
    ranges += [(m.start(), m.end()) for m in _QUOTE_LINE.finditer(text)]
    ranges += [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    ranges += [(m.start(), m.end()) for m in _SINGLE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)
