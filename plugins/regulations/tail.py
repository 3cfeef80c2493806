"""What a page writes right after a citation: its date, its issuer in words, its subject.

"Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư về chức năng, nhiệm vụ..." gives
the date 8/11/2019, the issuer "Ban Bí thư" (the code TW) and the subject "về chức
năng, nhiệm vụ...". Read by one pattern (patterns.py) in a bounded window, before the
next citation starts.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import vntext

from .knowledge import Knowledge
from .patterns import Patterns

WINDOW = 400  # characters after a citation that may still describe it


class Tail(NamedTuple):
    date: date | None
    issuer_phrase: str | None  # "Ban Bí thư", as written
    issuer_code: str | None  # the code that phrase names: "TW"
    subject: str | None


_NOTHING = Tail(None, None, None, None)


class TailReader:
    def __init__(self, knowledge: Knowledge, patterns: Patterns):
        self.knowledge = knowledge
        self.patterns = patterns
        self._phrase_codes: dict[str, str] = {}  # "Ban Bí thư" as written -> "TW"

    def read(self, text: str, end: int, limit: int) -> Tail:
        """The tail of the citation ending at `end`; the next one starts at `limit`."""
        window_end = min(limit, end + WINDOW)
        m = self.patterns.tail.match(text, end, window_end)
        assert m is not None  # every part of the pattern is optional: it matches, if empty
        if m.end() == end:
            return _NOTHING
        dated, phrase, later, quoted, about = m.group("date", "phrase", "date2", "quoted", "about")
        issued = _date(*m.group("d", "m", "y")) if dated else None
        code = None
        if phrase:
            phrase, code = " ".join(phrase.split()), self._issuer_code(phrase)
            if later:  # "... của Ban Bí thư ngày 08/11/2019"
                issued = _date(*m.group("d2", "m2", "y2"))
        subject = None
        if quoted:
            subject = " ".join(quoted.split())
        elif about:
            start = m.start("about")
            stop = self.patterns.subject_stop.search(text, start, window_end)
            subject = self._trimmed(text[start : stop.start() if stop else window_end])
        return Tail(issued, phrase, code, subject)

    def _issuer_code(self, written: str) -> str:
        """ "Ban Thường vụ Tỉnh ủy" -> "TU"; a site writes each phrase in a few ways."""
        code = self._phrase_codes.get(written)
        if code is None:
            key = " ".join(vntext.fold(written).lower().split())
            code = self._phrase_codes[written] = self.knowledge.phrases[key]
        return code

    def _trimmed(self, subject: str) -> str | None:
        """A subject cut at the next citation, without what it ended on ("... và");
        none shorter than three words."""
        words = subject.split()
        trailing = self.knowledge.lexicon.subject_trailing
        while words:
            last = words[-1].rstrip(",;:–-")
            if not last or last.lower() in trailing:
                words.pop()
            else:
                words[-1] = last
                break
        return " ".join(words) if len(words) >= 3 else None


def _date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
