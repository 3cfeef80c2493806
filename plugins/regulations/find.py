"""Finding citations in cleaned text: full ids, short references, and what follows them.

Every candidate starts at a number (patterns.py): a number followed by a document code
("208-QĐ/TW", "36/2018/TT-BTC", "1847/QĐ-TTg"), read by codes.py; numbers listed before
a Party id ("Nghị quyết số 18, 19 và 20-NQ/TW"); and, from a scan of the reversed text,
a number preceded by a type word ("Nghị quyết số 35"), a short reference resolved later
against the article. At each candidate, a bounded look around: the type word before it
("Quy định số"), and the date, issuer and subject after it (tail.py).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .codes import CodeReader
from .knowledge import Knowledge, TypeWord, load
from .models import Citation, FullCitation, IdCode, ShortCitation
from .patterns import DASHES, build
from .tail import TailReader

WORD_WINDOW = 40  # characters before a number where its type word may start
_NOT_BEFORE_NUMBER = frozenset("_./" + DASHES)  # a number after these is part of another
_DIGITS = re.compile(r"[0-9]+")


class _Candidate(NamedTuple):
    start: int  # where the citation starts (its type word, if any)
    end: int
    number: str  # padded, as Citation.number
    word: TypeWord | None  # always there for a short reference
    code: IdCode | None  # None for a short reference
    id: str | None  # the canonical id, with the code
    at: int  # where the number starts


class Finder:
    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.patterns = build(knowledge)
        self.codes = CodeReader(knowledge, self.patterns.type_prefix)
        self.tails = TailReader(knowledge, self.patterns)
        self._number_word = knowledge.lexicon.number

    # -- public ----------------------------------------------------------------
    def find(self, text: str) -> list[Citation]:
        """Citations in cleaned text, in order."""
        return self._find(text, alone=False)

    def may_cite(self, text: str) -> bool:
        """Cheap test of a whole page before parsing it: anything shaped like a citation.

        (A word-led pattern such as "Quy định số 5" would be tried at every position;
        both scans here are digit-led.)"""
        patterns = self.patterns
        return bool(patterns.ids.search(text) or patterns.short_references.search(text[::-1]))

    def parse_id(self, text: str) -> FullCitation | None:
        """The canonical citation of an id written alone, as editors do in the registry."""
        cited = [c for c in self._find(text.strip(), alone=True) if isinstance(c, FullCitation)]
        return cited[0] if len(cited) == 1 else None

    # -- candidates ------------------------------------------------------------
    def _find(self, text: str, alone: bool) -> list[Citation]:
        backwards = text[::-1]  # for what is read from a number back (patterns.py)
        # One scan finds every number; those with a code after them may be ids, the
        # others (and the ids that are not) may be short references.
        candidates: list[_Candidate] = []
        plain: list[re.Match] = []
        for number in self.patterns.numbers.finditer(text):
            # Group 1 is the number: a later group matched means a code follows it.
            assert number.lastindex is not None  # group 1 is in every match
            if number.lastindex > 1 and (c := self._id(text, backwards, number, alone)):
                candidates.append(c)
            else:
                plain.append(number)
        candidates += [
            listed for c in candidates for listed in self._listed_before(text, backwards, c)
        ]
        full_at = {c.at for c in candidates}
        candidates += self._short_references(text, backwards, plain, full_at)
        candidates.sort(key=lambda c: c.start)
        found: list[Citation] = []
        for index, candidate in enumerate(candidates):
            limit = candidates[index + 1].start if index + 1 < len(candidates) else len(text)
            citation = self._citation(text, candidate, limit)
            if citation is not None:
                found.append(citation)
        return found

    def _id(self, text: str, backwards: str, match: re.Match, alone: bool) -> _Candidate | None:
        """A number and its code; `alone`: the id is all the text (the registry)."""
        at = match.start()
        if not self._starts_number(text, at):
            return None
        code = self.codes.read(text, match)
        if code is None:
            return None
        written = match["number"]
        number = self._padded(written)
        before = self._word_before(backwards, at)
        start, word = before if before else (at, None)
        if (
            code.alone
            and not alone
            and (word is None or self.knowledge.letter_code not in word.codes)
        ):
            return None  # "20/CTV" is a count; "Văn bản số 334/VPTT" is a letter
        doc_id = code.id(number if code.party else written)
        return _Candidate(start, match.end(), number, word, code, doc_id, at)

    def _listed_before(self, text: str, backwards: str, candidate: _Candidate) -> list[_Candidate]:
        """ "Nghị quyết số 18, 19 và 20-NQ/TW": numbers listed before a Party id share
        its code, when a type word naming that code starts the list."""
        code, at = candidate.code, candidate.at
        assert code is not None  # called on the candidates of _id, which have their code
        if candidate.word is not None or not code.party or candidate.start != at:
            return []
        tail = self.patterns.listed_numbers.search(text, max(0, at - 80), at)
        if tail is None or not self._starts_number(text, tail.start()):
            return []
        before = self._word_before(backwards, tail.start())
        if before is None or code.type_code not in before[1].codes:
            return []
        listed = []
        for index, number in enumerate(_DIGITS.finditer(text, tail.start(), tail.end())):
            written = self._padded(number.group())
            first = index == 0  # the type word belongs to the first number
            listed.append(
                _Candidate(
                    before[0] if first else number.start(),
                    number.end(),
                    written,
                    before[1] if first else None,
                    code,
                    code.id(written),
                    number.start(),
                )
            )
        return listed

    def _short_references(
        self, text: str, backwards: str, numbers: list[re.Match], full_at: set[int]
    ) -> list[_Candidate]:
        """ "Nghị quyết số 35": a number, not of a citation found already (a number listed
        before an id), with a type word before it, read back from its last digit in the
        reversed text."""
        size = len(text)
        found = []
        short_reference = self.patterns.short_references.match
        for number in numbers:
            if number.start() in full_at:
                continue
            match = short_reference(backwards, size - number.end("number"))
            if match is None:
                continue
            # Back to forward offsets: the number is text[at:end], the word starts at start.
            end, at, start = size - match.start(), size - match.end("number"), size - match.end()
            if not self._starts_number(text, at) or (start and text[start - 1].isalnum()):
                continue
            if end < size and (text[end].isalnum() or text[end] == "_"):
                continue
            if not self.patterns.short_end.match(text, end):
                continue
            before = self._word_before(backwards, at)
            if before is None:
                continue
            found.append(
                _Candidate(before[0], end, self._padded(text[at:end]), before[1], None, None, at)
            )
        return found

    def _word_before(self, backwards: str, at: int) -> tuple[int, TypeWord] | None:
        """ "Quy định số " right before the number at `at`: (where the word starts, the
        word), read back from the number in the reversed text."""
        size = len(backwards)
        match = self.patterns.word_before.match(
            backwards, size - at, size - max(0, at - WORD_WINDOW)
        )
        if match is None:
            return None
        return size - match.end("word"), self.knowledge.words[match["word"][::-1].lower()]

    def _starts_number(self, text: str, at: int) -> bool:
        """Whether a number may start at `at`: not inside a word, a date, a code or a longer
        number; "SỐ30/2020/NĐ-CP", glued to its "số", is fine."""
        if not at:
            return True
        before = text[at - 1]
        if before not in _NOT_BEFORE_NUMBER and not before.isalnum():
            return True
        size = len(self._number_word)
        return text[max(0, at - size) : at].lower() == self._number_word

    def _padded(self, written: str) -> str:
        """A number as Party ids write it: leading zeros up to two digits ("5" -> "05")."""
        return written.lstrip("0").rjust(self.knowledge.party_number_digits, "0")

    # -- one citation ----------------------------------------------------------
    def _citation(self, text: str, candidate: _Candidate, limit: int) -> Citation | None:
        start, end, number, word, code, doc_id, _ = candidate
        tail = self.tails.read(text, end, limit)
        # Positional: the fields of Citation, then those of its kind (models.py).
        name = word.name if word else None
        common = (start, end, number, name, tail.date, tail.issuer_phrase, tail.subject)
        if code is not None:
            assert doc_id is not None  # a candidate with a code has its id
            return FullCitation(*common, doc_id, code)
        assert word is not None  # a short reference is a number after its type word
        if not word.codes:
            return None
        issuer = tail.issuer_code
        if issuer and self.knowledge.issuer(issuer).party:
            # "Nghị quyết số 35 của Bộ Chính trị" is 35-NQ/TW.
            named = self.codes.party(word.codes[0], issuer)
            return FullCitation(*common, named.id(number), named, True)
        return ShortCitation(*common, word.codes)


@cache
def default_finder() -> Finder:
    return Finder(load())


def find_citations(text: str) -> list[Citation]:
    """Citations in cleaned text, in order."""
    return default_finder().find(text)
