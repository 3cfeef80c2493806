"""Finding citations in cleaned text: full ids, short references, and what follows them.

Every candidate starts at a number. Two scans, each a regular expression whose every
branch is bounded and which is tried once per run of digits, so both are linear in the
length of the text: forward for a number followed by a document code ("208-QĐ/TW",
"36/2018/TT-BTC", "1847/QĐ-TTg"), and over the reversed text for a number preceded by
a type word ("Nghị quyết số 35", a short reference, resolved later against the
article). Then, at each candidate, a bounded look around: the type word before it
("Quy định số"), and the date, issuer and subject after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

import vntext

from .knowledge import Knowledge, load

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen, en dash, em dash, minus
_D = rf"\s{{0,3}}[{_DASH}]\s{{0,3}}"
_S = r"\s{0,3}/\s{0,3}"
_CODE = r"[A-ZĐƯ][A-ZĐƯ0-9]{0,15}"
_END = r"(?!\w)"
# Up to five digits, tried only at the first digit of a run (the lookbehind is checked
# only where a digit matched) and never given back: each position is tried once.
_NUMBER = r"[0-9](?<![0-9]{2})[0-9]{0,4}+"
_NOT_BEFORE = frozenset("_./" + _DASH.replace("\\", ""))


# Plain (not frozen) slotted dataclasses: a site has many citations to build.
@dataclass(slots=True, eq=False)
class Citation:
    """A citation found in text; spans are offsets in the cleaned text."""

    start: int  # from the type word when there is one ("Quy định số 208-QĐ/TW")
    end: int
    number: str  # as written, without leading zeros beyond two digits ("05", "1847")
    type_word: str | None  # "Quy định", as the article names the document
    date: date | None  # "ngày 08/11/2019" right after the citation
    issuer_phrase: str | None  # "Ban Bí thư" in "... của Ban Bí thư"
    subject: str | None  # "về chức năng, nhiệm vụ..." right after the citation


@dataclass(slots=True, eq=False)
class FullCitation(Citation):
    """A citation naming a document by its full number: it has a canonical id."""

    id: str  # "208-QĐ/TW", "36/2018/TT-BTC", "1847/QĐ-TTg"
    type_code: str | None  # canonical code, "QĐ"; None for a law ("83/2015/QH13")
    issuer: str  # "TW"
    party: bool
    has_year: bool
    named: bool = False  # built from a type word and an issuer in words


@dataclass(slots=True, eq=False)
class ShortCitation(Citation):
    """ "Nghị quyết số 35": a number and a type word, to resolve against the article."""

    type_codes: tuple[str, ...]


class _Candidate(NamedTuple):
    start: int  # where the citation starts (its type word, if any)
    end: int
    number: str
    word: tuple | None  # ("Quy định", ("QĐ",)) from Knowledge.word
    full: dict | None  # the id fields of a full citation; None for a short reference
    at: int  # where the number starts


class Finder:
    def __init__(self, knowledge: Knowledge):
        self.k = knowledge
        types = "|".join(re.escape(code) for code in sorted(knowledge.codes, key=len, reverse=True))
        words = "|".join(
            re.escape(w).replace(r"\ ", r"\s{1,3}")
            for w, _ in sorted(knowledge.words.values(), key=lambda x: len(x[0]), reverse=True)
        )
        # Pieces of a code. In any case where a hyphen or slash marks the code out; in
        # capitals (as officially written) where only a space or nothing does ("84 QĐ/TWĐTN").
        joiner = re.escape(knowledge.code_joiner)
        code = rf"{_CODE}(?:{joiner}{_CODE})?"  # "PTTH&TTĐT"
        types_written = "|".join(re.escape(c) for c in knowledge.code_spellings)
        issuer_written = "|".join(re.escape(c) for c in knowledge.mixed_case_issuers)
        issuer_written = rf"(?-i:(?:{issuer_written}|{code}))"
        department = rf"(?-i:-{code})"  # "TWĐTN-CTĐ": a hyphen and capitals, no spaces
        glued = "|".join(re.escape(w) for w in knowledge.glued_words)
        end = rf"(?:(?!\w)|(?=(?:{glued})(?!\w)))"  # "70-TB/TWngày 06 tháng 01"
        # Both scans start with a digit, so the regex engine skips ahead to the next
        # digit at C speed and Python only sees real candidates.
        self.full = re.compile(
            rf"(?P<num>{_NUMBER})(?:"
            # Party: "208-QĐ/TW", "225-KH/TWĐTN-CTTN"; "84 QĐ/TWĐTN", "22HD/TWĐTN".
            + rf"{_D}(?P<ptype>{types}){_S}(?P<piss>{code}{department}{{0,2}}){end}"
            + rf"|(?-i:\s{{0,3}}(?P<pwtype>{types_written}){_S}"
            + rf"(?P<pwiss>{issuer_written}{department}{{0,2}})){end}"
            # State with a year: "36/2018/TT-BTC", "55/2015/TTLT/BTC-BKHCN".
            + rf"|{_S}(?P<year>(?:19|20)\d\d){_S}(?:(?P<ytype>{types}){_S})?"
            + rf"(?P<scode>{code}(?:{_D}{code}){{0,3}}){end}"
            # State without a year: "1847/QĐ-TTg", "12/NQCP", "646/QĐ/QUTW"; "318 QĐ-TTg".
            + rf"|{_S}(?P<ntype>{types})(?P<nsep>{_D}|{_S})?(?P<niss>{code}(?:{_D}{code}){{0,2}}){end}"
            + rf"|(?-i:\s{{1,3}}(?P<nwtype>{types_written}){_D}"
            + rf"(?P<nwiss>{issuer_written}{department}?)){end}"
            # Official letters: "123/UBND-VX"; an issuer alone, "334/VPTT" (see _bare).
            + rf"|{_S}(?P<letter>{code}{_D}{code}){end}"
            + rf"|{_S}(?P<bare>(?-i:[A-ZĐƯ][A-ZĐƯ0-9]{{1,15}}(?:{joiner}{_CODE})?)){end}"
            + r")",
            re.IGNORECASE,
        )
        # Short references ("Nghị quyết số 35") are a type word *before* a number; a
        # word-led pattern would be tried at every position, so it is run on the reversed
        # text, where the number comes first: "53 ốs tếyuq ịhgN".
        reversed_words = "|".join(
            re.escape(w[::-1]).replace(r"\ ", r"\s{1,3}")
            for w, _ in sorted(knowledge.words.values(), key=lambda x: len(x[0]), reverse=True)
        )
        self.short_reversed = re.compile(
            rf"(?P<num>{_NUMBER})(?:\s{{0,3}}[:.]?\s{{0,3}}ốs\s{{1,3}}|\s{{1,3}})"
            rf"(?:{reversed_words})",
            re.IGNORECASE,
        )
        self._fields: dict[str, dict | None] = {}
        self.type_prefix = re.compile(rf"({types})", re.IGNORECASE)
        # Numbers listed before an id: "18, 19 và " in "Nghị quyết số 18, 19 và 20-NQ/TW".
        self.list_tail = re.compile(
            r"(?:[0-9]{1,5}\s{0,2}(?:,|\s{1,2}và)\s{1,3}){1,8}$", re.IGNORECASE
        )
        self.word_sizes = sorted({len(w) for w in knowledge.words}, reverse=True)
        self.word_endings = tuple(
            sorted((w.lower() for w, _ in knowledge.words.values()), key=len, reverse=True)
        )
        self.short_end = re.compile(rf"(?!\s{{0,3}}[/{_DASH}]\s{{0,3}}\w)(?![.,]\d)", re.IGNORECASE)
        self.date_after = re.compile(
            r"\s{0,3},?\s{0,3}\(?\s{0,3}(?:ban\s+hành\s+)?ngày\s{1,3}(?P<d>\d{1,2})"
            r"(?:\s{0,2}[/.-]\s{0,2}|\s{1,3}tháng\s{1,3})(?P<m>\d{1,2})"
            r"(?:\s{0,2}[/.-]\s{0,2}|\s{1,3}năm\s{1,3})(?P<y>(?:19|20)\d\d)\s{0,2}\)?",
            re.IGNORECASE,
        )
        phrases = sorted(knowledge.phrases, key=len, reverse=True)
        self.phrases = re.compile(
            "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s{1,3}") for p in phrases) + r")(?!\w)"
        )
        self.of_after = re.compile(r"\s{0,3},?\s{0,3}của\s{1,3}", re.IGNORECASE)
        self.term_after = re.compile(r"\s{1,3}(?:khóa|khoá)\s{1,3}[IVXL]{1,6}(?!\w)", re.IGNORECASE)
        self.subject_after = re.compile(
            r"\s{0,3}[,:]?\s{0,3}"
            r"(?:(?:về\s{1,3})?[“\"](?P<quoted>[^”\"]{3,300})[”\"]|(?P<about>về\s))",
            re.IGNORECASE,
        )
        self.subject_stop = re.compile(
            rf"[;“”\"(]|\.(?:\s|$)|\s+(?:và|,)\s+(?:các\s+)?(?:{words})\b|,\s+ngày\s",
            re.IGNORECASE,
        )

    # -- public ----------------------------------------------------------------
    def find(self, text: str) -> list[Citation]:
        return self._find(text, alone=False)

    def _find(self, text: str, alone: bool) -> list[Citation]:
        candidates = [
            c for m in self.full.finditer(text) if (c := self._full_candidate(text, m, alone))
        ]
        candidates += [listed for c in candidates for listed in self._listed_before(text, c)]
        full_starts = {c.at for c in candidates}
        candidates += self._short_candidates(text, full_starts)
        candidates.sort(key=lambda c: c.start)
        found: list[Citation] = []
        for index, candidate in enumerate(candidates):
            limit = candidates[index + 1].start if index + 1 < len(candidates) else len(text)
            citation = self._citation(text, candidate, limit)
            if citation is not None:
                found.append(citation)
        return found

    def may_cite(self, text: str) -> bool:
        """Cheap test of a whole page before parsing it: anything shaped like a citation.

        (A word-led pattern such as "Quy định số 5" would be tried at every position;
        both scans here are digit-led.)"""
        return bool(self.full.search(text) or self.short_reversed.search(text[::-1]))

    def parse_id(self, text: str) -> FullCitation | None:
        """The canonical citation of an id written alone, as editors do in the registry."""
        cited = [c for c in self._find(text.strip(), alone=True) if isinstance(c, FullCitation)]
        return cited[0] if len(cited) == 1 else None

    # -- one candidate ---------------------------------------------------------
    def _full_candidate(self, text: str, match: re.Match, alone: bool) -> _Candidate | None:
        at = match.start()
        if not _starts_number(text, at):
            return None
        written = match["num"]
        number = _number(written, self.k.party_number_digits)
        before = self._word_before(text, at)
        start, word = before if before else (at, None)
        fields = self._id_fields(text, match)
        if fields is None:
            return None
        if match["bare"] and not alone and (word is None or self.k.letter_code not in word[1]):
            return None  # "20/CTV" is a count; "Văn bản số 334/VPTT" is a letter
        full = dict(fields, id=fields["id"].format(number if fields["party"] else written))
        return _Candidate(start, match.end(), number, word, full, at)

    def _id_fields(self, text: str, match: re.Match) -> dict | None:
        """What the code after a number says (type, issuer, id with "{}" for the number);
        remembered per spelling, since a site cites the same documents again and again."""
        key = text[match.end("num") : match.end()]
        if key in self._fields:
            return self._fields[key]
        if match["ptype"]:
            fields = self._party(match["ptype"], match["piss"])
        elif match["pwtype"]:  # "84 QĐ/TWĐTN": only from a known issuer ("12 CT/HS" is not)
            fields = None
            if self.k.knows_issuer(re.split(f"[{_DASH}]", match["pwiss"])[0]):
                fields = self._party(match["pwtype"], match["pwiss"])
        elif match["year"]:
            fields = self._state_year(match["year"], match["scode"], match["ytype"])
        elif match["ntype"]:
            separator = match["nsep"] and ("/" if "/" in match["nsep"] else "-")
            fields = self._state(match["ntype"], match["niss"], separator)
            if fields is None:  # "123/TTg-KGVX" begins like a type code but is a letter
                fields = self._letter(text[match.start("ntype") : match.end()])
        elif match["nwtype"]:  # "318 QĐ-TTg"
            fields = self._state(match["nwtype"], match["nwiss"], " -")
        elif match["letter"]:
            fields = self._letter(match["letter"])
        else:
            fields = self._bare(match["bare"])
        if len(self._fields) > 50_000:
            self._fields.clear()
        self._fields[key] = fields
        return fields

    def _listed_before(self, text: str, candidate: _Candidate) -> list[_Candidate]:
        """ "Nghị quyết số 18, 19 và 20-NQ/TW": numbers listed before a Party id share
        its code, when a type word naming that code starts the list."""
        full, at = candidate.full, candidate.at
        if candidate.word is not None or not full["party"] or candidate.start != at:
            return []
        window_start = max(0, at - 80)
        tail = self.list_tail.search(text, window_start, at)
        if tail is None or not _starts_number(text, tail.start()):
            return []
        before = self._word_before(text, tail.start())
        if before is None or full["type_code"] not in before[1][1]:
            return []
        listed = []
        for index, number in enumerate(re.finditer(r"[0-9]+", text[tail.start() : tail.end()])):
            begin, end = tail.start() + number.start(), tail.start() + number.end()
            written = _number(number.group(), self.k.party_number_digits)
            fields = dict(full, id=f"{written}-{full['type_code']}/{full['issuer']}")
            first = index == 0  # the type word belongs to the first number
            listed.append(
                _Candidate(
                    before[0] if first else begin,
                    end,
                    written,
                    before[1] if first else None,
                    fields,
                    begin,
                )
            )
        return listed

    def _short_candidates(self, text: str, full_starts: set[int]) -> list[_Candidate]:
        """Short references, but not at the number of a full citation found already."""
        size = len(text)
        found = []
        for match in self.short_reversed.finditer(text[::-1]):
            # Back to forward offsets: the number is text[at:end], the word starts at start.
            end, at, start = size - match.start(), size - match.end("num"), size - match.end()
            if at in full_starts:
                continue
            if not _starts_number(text, at) or (start and text[start - 1].isalnum()):
                continue
            if end < size and (text[end].isalnum() or text[end] == "_"):
                continue
            if not self.short_end.match(text, end):
                continue
            before = self._word_before(text, at)
            if before is None:
                continue
            number = _number(text[at:end], self.k.party_number_digits)
            found.append(_Candidate(before[0], end, number, before[1], None, at))
        return found

    def _word_before(self, text: str, at: int) -> tuple[int, tuple] | None:
        """ "Quy định số " right before a number: (where the word starts, the word)."""
        origin = max(0, at - 40)
        head = text[origin:at].rstrip(" \t\n:.")
        lower = head.lower()
        if lower.endswith("số"):
            lower = lower[:-2].rstrip()
        if not lower.endswith(self.word_endings):
            return None
        for size in self.word_sizes:  # longest first
            start = len(lower) - size
            if start < 0:
                continue
            word = self.k.words.get(lower[start:])
            if word is not None and not (start and lower[start - 1].isalnum()):
                return origin + start, word
        return None

    def _citation(self, text: str, candidate: _Candidate, limit: int) -> Citation | None:
        start, end, number, word, full, _ = candidate
        tail, issuer = self._tail(text, end, limit)
        common = dict(
            start=start, end=end, number=number, type_word=word[0] if word else None, **tail
        )
        if full is not None:
            return FullCitation(**common, **full)
        codes = word[1]
        if not codes:
            return None
        if issuer and self.k.issuer(issuer).party:
            # "Nghị quyết số 35 của Bộ Chính trị" is 35-NQ/TW.
            return FullCitation(
                **common,
                id=f"{number}-{codes[0]}/{issuer}",
                type_code=codes[0],
                issuer=issuer,
                party=True,
                has_year=False,
                named=True,
            )
        return ShortCitation(**common, type_codes=codes)

    def _party(self, type_written: str, issuer_written: str) -> dict:
        type_code = self.k.type_code(type_written).canonical
        issuer = self.k.issuer_code(issuer_written)
        return dict(
            id=f"{{}}-{type_code}/{issuer}",
            type_code=type_code,
            issuer=issuer,
            party=True,
            has_year=False,
        )

    def _state_year(self, year: str, code_written: str, type_written: str | None) -> dict:
        parts = [p.strip() for p in re.split(f"[{_DASH}]", code_written)]
        type_code = None
        head = parts[0]
        info = self.k.type_code(head)
        if type_written:  # "55/2015/TTLT/BTC-BKHCN"
            type_code = self.k.type_code(type_written).canonical
        elif info is not None and len(parts) > 1:
            type_code, parts = info.canonical, parts[1:]
        else:
            # A missing hyphen: "TTBTC" is TT-BTC, "NĐCP" is NĐ-CP.
            prefix = self.type_prefix.match(head)
            rest = head[prefix.end() :] if prefix else ""
            if prefix and (len(rest) >= 2 or rest.upper() in self.k.issuers):
                type_code = self.k.type_code(prefix.group()).canonical
                parts = [rest] + parts[1:]
        issuer = "-".join(self.k.issuer_code(p) for p in parts)
        body = f"{type_code}-{issuer}" if type_code else issuer
        return dict(
            id=f"{{}}/{year}/{body}",
            type_code=type_code,
            issuer=issuer,
            party=False,
            has_year=True,
        )

    def _state(self, type_written: str, issuer_written: str, separator: str | None) -> dict | None:
        parts = [self.k.issuer_code(p.strip()) for p in re.split(f"[{_DASH}]", issuer_written)]
        issuer = "-".join(parts)
        if not separator and issuer.upper() not in self.k.issuers:
            return None  # "20/CTV" is not a document; "12/NQCP" is
        if separator in ("/", " -") and not self.k.knows_issuer(parts[0]):
            # "646/QĐ/QUTW" and "318 QĐ-TTg" are documents; "12/CT/HS", "2024 KT-XH" not
            return None
        type_code = self.k.type_code(type_written).canonical
        if self.k.issuer(issuer).party:
            # A Party number written the State way: "22/CT-TW" is 22-CT/TW.
            return dict(
                id=f"{{}}-{type_code}/{issuer}",
                type_code=type_code,
                issuer=issuer,
                party=True,
                has_year=False,
            )
        return dict(
            id=f"{{}}/{type_code}-{issuer}",
            type_code=type_code,
            issuer=issuer,
            party=False,
            has_year=False,
        )

    def _letter(self, written: str) -> dict | None:
        """ "123/UBND-VX", "2345/BTC-HCSN": an official letter (công văn), numbered by
        its issuer and department; only from an issuer known to issue documents."""
        parts = [p.strip() for p in re.split(f"[{_DASH}]", written)]
        if len(parts) != 2 or not self.k.knows_issuer(parts[0]):
            return None
        issuer = self.k.issuer_code(parts[0])
        if self.k.issuer(issuer).party:
            return None
        return dict(
            id=f"{{}}/{issuer}-{parts[1].upper()}",
            type_code=self.k.letter_code,
            issuer=issuer,
            party=False,
            has_year=False,
        )

    def _bare(self, written: str) -> dict | None:
        """ "334/VPTT": an official letter whose code is its issuer alone; found only
        after a word naming a letter ("Văn bản số"), see _full_candidate."""
        issuer = self.k.issuer_code(written)
        if self.k.type_code(issuer) is not None or self.k.issuer(issuer).party:
            return None
        return dict(
            id=f"{{}}/{issuer}",
            type_code=self.k.letter_code,
            issuer=issuer,
            party=False,
            has_year=False,
        )

    def _tail(self, text: str, end: int, limit: int) -> tuple[dict, str | None]:
        """Date, issuer in words and subject written right after a citation, and the code
        of that issuer ("TW" for "Bộ Chính trị")."""
        window_end = min(limit, end + 400)
        position = end
        issued = None
        if m := self.date_after.match(text, position, window_end):
            issued = _date(m["d"], m["m"], m["y"])
            position = m.end()
        phrase = code = None
        if m := self.of_after.match(text, position, window_end):
            phrase, code, position = self._issuer_phrase(text, m.end(), window_end)
            if phrase and (term := self.term_after.match(text, position, window_end)):
                position = term.end()  # "của Bộ Chính trị khóa XII ngày 22/10/2018"
            later = self.date_after.match(text, position, window_end) if phrase else None
            if later and issued is None:  # "... của Ban Bí thư ngày 08/11/2019"
                issued = _date(later["d"], later["m"], later["y"])
                position = later.end()
        subject = None
        if m := self.subject_after.match(text, position, window_end):
            if m["quoted"]:
                subject = " ".join(m["quoted"].split())
            else:
                stop = self.subject_stop.search(text, m.start("about"), window_end)
                stop_at = stop.start() if stop else window_end
                subject = _trim_subject(text[m.start("about") : stop_at])
                if subject and len(subject.split()) < 3:
                    subject = None
        return dict(date=issued, issuer_phrase=phrase, subject=subject), code

    def _issuer_phrase(self, text: str, start: int, stop: int) -> tuple:
        """The longest known issuer phrase at `start` ("Ban Thường vụ Tỉnh ủy"), its code,
        and where it ends."""
        window = text[start : min(stop, start + 60)]
        folded = vntext.fold(window).lower()
        if len(folded) != len(window) or not (m := self.phrases.match(folded)):
            return None, None, start
        phrase = " ".join(window[: m.end()].split())
        return phrase, self.k.phrases[" ".join(m.group().split())], start + m.end()


# What a subject cut at the next citation may end with: "về ... của trung tâm và".
_TRAILING_WORDS = frozenset({"và", "cùng", "với", "theo"})


def _trim_subject(text: str) -> str | None:
    words = text.split()
    while words:
        last = words[-1].rstrip(",;:–-")
        if not last or last.lower() in _TRAILING_WORDS:
            words.pop()
        else:
            words[-1] = last
            break
    return " ".join(words) or None


def _starts_number(text: str, at: int) -> bool:
    """Whether a number may start at `at`: not inside a word, a date, a code or a longer
    number; "SỐ30/2020/NĐ-CP", glued to its "số", is fine."""
    if not at:
        return True
    before = text[at - 1]
    if before not in _NOT_BEFORE and not before.isalnum():
        return True
    return text[max(0, at - 2) : at].lower() == "số"


def _number(written: str, digits: int) -> str:
    """A number as Party ids write it: leading zeros up to `digits` ("5" -> "05")."""
    return written.lstrip("0").rjust(digits, "0")


def _date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


@cache
def default_finder() -> Finder:
    return Finder(load())


def find_citations(text: str) -> list[Citation]:
    """Citations in cleaned text, in order."""
    return default_finder().find(text)
