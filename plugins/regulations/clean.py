"""Cleaning before finding: one spelling of each character, with a map back.

Citations are found in cleaned text (NFC, "Ð" -> "Đ", no-break and zero-width spaces
handled by vntext.normalize) but links must wrap the characters the editor wrote, so
a cleaned text can map its offsets back to the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

import vntext

# What normalisation may change: a character followed by combining marks (NFD text),
# and the lookalike and invisible characters vntext.normalize replaces.
# (The character a run of marks belongs to is taken in Python: a pattern starting with
# "any character" would be tried at every position.)
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LOOKALIKES = "".join(vntext.LOOKALIKES)  # the characters vntext.normalize replaces or removes
_CHANGEABLE = re.compile(f"[{_MARKS}]+|[{_LOOKALIKES}]")
_IS_MARK = re.compile(f"[{_MARKS}]")


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    original: str
    # Each edit as (cleaned start, cleaned end, original start, original end), in order;
    # empty when cleaning changed nothing (the common case).
    edits: list[tuple[int, int, int, int]] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self._map(start), self._map(end)

    def _map(self, position: int) -> int:
        if not self.edits:
            return position
        index = bisect.bisect_right(self.edits, (position, float("inf"))) - 1
        if index < 0:
            return position
        clean_start, clean_end, orig_start, orig_end = self.edits[index]
        if position == clean_start:
            return orig_start
        if position < clean_end:
            return orig_start  # inside an edited cluster: its start
        return orig_end + (position - clean_end)


# Those replaced by one character ("Ð" -> "Đ", NBSP -> space) keep every offset.
_SAME_LENGTH = tuple((c, vntext.normalize(c)) for c in _LOOKALIKES if len(vntext.normalize(c)) == 1)
_REMOVED = tuple(c for c in _LOOKALIKES if not vntext.normalize(c))


def clean(text: str) -> CleanText:
    cleaned = text
    for lookalike, replacement in _SAME_LENGTH:
        if lookalike in cleaned:  # str.replace is far faster than str.translate here
            cleaned = cleaned.replace(lookalike, replacement)
    if unicodedata.is_normalized("NFC", cleaned) and not any(c in cleaned for c in _REMOVED):
        return CleanText(cleaned, text)  # same length: offsets need no map
    return _clean_with_edits(text)


def _clean_with_edits(text: str) -> CleanText:
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    position = 0  # in the original
    length = 0  # of the cleaned text so far
    for match in _CHANGEABLE.finditer(text):
        start = match.start()
        if start > position and _IS_MARK.match(text, start):
            start -= 1  # marks compose with the character before them
        before = text[position:start]
        pieces.append(before)
        length += len(before)
        piece = vntext.normalize(text[start : match.end()])
        pieces.append(piece)
        edits.append((length, length + len(piece), start, match.end()))
        length += len(piece)
        position = match.end()
    pieces.append(text[position:])
    cleaned = "".join(pieces)
    if not unicodedata.is_normalized("NFC", cleaned):
        # A change outside what _CHANGEABLE knows (a singleton decomposition):
        # one edit spanning everything, still correct for finding.
        normalized = vntext.normalize(text)
        return CleanText(normalized, text, [(0, len(normalized), 0, len(text))])
    return CleanText(cleaned, text, edits)
