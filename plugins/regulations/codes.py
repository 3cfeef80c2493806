"""Reading the code after a number: what patterns.ids matched, as an IdCode.

Party ids ("208-QĐ/TW"), State ids with a year ("36/2018/TT-BTC") or without
("1847/QĐ-TTg"), official letters ("123/UBND-VX", "334/VPTT"), each in the spellings
pages use; the result is the canonical spelling. A site cites the same documents again
and again, so each spelling is read once.
"""

from __future__ import annotations

import re

from .knowledge import Knowledge
from .models import IdCode
from .patterns import DASHES

_DASH_SPLIT = re.compile(f"[{re.escape(DASHES)}]")
_REMEMBERED = 50_000  # spellings kept; a site has a few thousand


class CodeReader:
    def __init__(self, knowledge: Knowledge, type_prefix: re.Pattern):
        self.knowledge = knowledge
        self.type_prefix = type_prefix
        self._read: dict[str, IdCode | None] = {}

    def read(self, text: str, match: re.Match) -> IdCode | None:
        """The code of an id matched by patterns.ids; None when it names no document."""
        spelling = text[match.end("number") : match.end()]
        if spelling in self._read:
            return self._read[spelling]
        code = self._code(text, match)
        if len(self._read) > _REMEMBERED:
            self._read.clear()
        self._read[spelling] = code
        return code

    def _code(self, text: str, match: re.Match) -> IdCode | None:
        if match["party_type"]:
            return self.party(match["party_type"], match["party_issuer"])
        if match["plain_party_type"]:
            # "84 QĐ/TWĐTN", but not "12 CT/HS": with no hyphen, only a known issuer.
            if not self.knowledge.knows_issuer(_parts(match["plain_party_issuer"])[0]):
                return None
            return self.party(match["plain_party_type"], match["plain_party_issuer"])
        if match["year"]:
            return self.state_with_year(match["year"], match["year_code"], match["year_type"])
        if match["state_type"]:
            mark = match["state_mark"]
            code = self.state(
                match["state_type"], match["state_issuer"], mark and ("/" if "/" in mark else "-")
            )
            if code is None:  # "123/TTg-KGVX" begins like a type code but is a letter
                code = self.letter(text[match.start("state_type") : match.end()])
            return code
        if match["plain_state_type"]:  # "318 QĐ-TTg"
            return self.state(match["plain_state_type"], match["plain_state_issuer"], " -")
        if match["letter"]:
            return self.letter(match["letter"])
        return self.issuer_alone(match["issuer_alone"])

    def party(self, type_written: str, issuer_written: str) -> IdCode:
        """ "QĐi/TƯ" -> QĐ/TW."""
        type_code = self.knowledge.matched_type(type_written).canonical
        issuer = self.knowledge.issuer_code(issuer_written)
        return IdCode(f"{type_code}/{issuer}", type_code, issuer, party=True, has_year=False)

    def state_with_year(self, year: str, written: str, type_written: str | None) -> IdCode:
        """ "2018/TT-BTC", "2018/TTBTC", "2015/TTLT/BTC-BKHCN", "2015/QH13"."""
        parts = _parts(written)
        type_code = None
        head = parts[0]
        known = self.knowledge.type_code(head)
        if type_written:  # "55/2015/TTLT/BTC-BKHCN"
            type_code = self.knowledge.matched_type(type_written).canonical
        elif known is not None and len(parts) > 1:
            type_code, parts = known.canonical, parts[1:]
        else:
            # A missing hyphen: "TTBTC" is TT-BTC, "NĐCP" is NĐ-CP.
            prefix = self.type_prefix.match(head)
            rest = head[prefix.end() :] if prefix else ""
            if prefix and (len(rest) >= 2 or rest.upper() in self.knowledge.issuers):
                type_code = self.knowledge.matched_type(prefix.group()).canonical
                parts = [rest] + parts[1:]
        issuer = "-".join(self.knowledge.issuer_code(p) for p in parts)
        body = f"{type_code}-{issuer}" if type_code else issuer
        return IdCode(f"{year}/{body}", type_code, issuer, party=False, has_year=True)

    def state(self, type_written: str, issuer_written: str, mark: str | None) -> IdCode | None:
        """ "QĐ-TTg", "NQCP", "QĐ/QUTW"; mark is what stood between type and issuer: "-",
        "/", " -" (a space before the type too) or None (nothing)."""
        parts = [self.knowledge.issuer_code(p) for p in _parts(issuer_written)]
        issuer = "-".join(parts)
        if not mark and issuer.upper() not in self.knowledge.issuers:
            return None  # "20/CTV" is not a document; "12/NQCP" is
        if mark in ("/", " -") and not self.knowledge.knows_issuer(parts[0]):
            # "646/QĐ/QUTW" and "318 QĐ-TTg" are documents; "12/CT/HS", "2024 KT-XH" not
            return None
        type_code = self.knowledge.matched_type(type_written).canonical
        if self.knowledge.issuer(issuer).party:
            # A Party number written the State way: "22/CT-TW" is 22-CT/TW.
            return IdCode(f"{type_code}/{issuer}", type_code, issuer, party=True, has_year=False)
        return IdCode(f"{type_code}-{issuer}", type_code, issuer, party=False, has_year=False)

    def letter(self, written: str) -> IdCode | None:
        """ "UBND-VX", "BTC-HCSN": an official letter (công văn), numbered by its issuer
        and department; only from an issuer known to issue documents."""
        parts = _parts(written)
        if len(parts) != 2 or not self.knowledge.knows_issuer(parts[0]):
            return None
        issuer = self.knowledge.issuer_code(parts[0])
        if self.knowledge.issuer(issuer).party:
            return None
        return IdCode(
            f"{issuer}-{parts[1].upper()}",
            self.knowledge.letter_code,
            issuer,
            party=False,
            has_year=False,
        )

    def issuer_alone(self, written: str) -> IdCode | None:
        """ "VPTT" of "Văn bản số 334/VPTT": a letter coded by its issuer alone; the
        finder keeps it only after a word naming a letter."""
        issuer = self.knowledge.issuer_code(written)
        if self.knowledge.type_code(issuer) is not None or self.knowledge.issuer(issuer).party:
            return None
        return IdCode(
            issuer, self.knowledge.letter_code, issuer, party=False, has_year=False, alone=True
        )


def _parts(written: str) -> list[str]:
    return [part.strip() for part in _DASH_SPLIT.split(written)]
