"""Wire offsets are UTF-16 code units, as JavaScript indexes strings; Python indexes code points."""

from __future__ import annotations

from bisect import bisect_left


class Utf16Offsets:
    """Converts code-point offsets of one text to UTF-16 offsets."""

    def __init__(self, text: str) -> None:
        # Code-point positions of characters outside the BMP: each takes two UTF-16 units.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) if self._astral else offset
