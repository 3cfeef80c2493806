"""What the plugin knows about documents, kept as data (data/*.yaml), not as code.

Document types and their codes, issuers and whether they number per province, the
phrases that name an issuer in words, when numbering restarts, and how pages write
numbers and the words around them. Loaded once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml

import vntext
from portal.models import NumberRules

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class TypeCode:
    canonical: str
    party: str  # name in words for a Party document
    state: str


@dataclass(frozen=True)
class IssuerInfo:
    party: bool
    local: bool
    name: str | None = None


class TypeWord(NamedTuple):
    """ "Quy định" and the type codes it can stand for, ("QĐ",); none for "Luật"."""

    name: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """The words around a number that the finder reads (data/writing.yaml)."""

    number: str  # "số"
    plural: str  # "các"
    conjunction: str  # "và"
    issued: str  # "ban hành"
    day: str
    month: str
    year: str
    of: str  # "của"
    term: tuple[str, ...]  # "khóa", "khoá"
    about: str  # "về"
    subject_trailing: frozenset[str]  # "và", "cùng", "với", "theo"


class Knowledge:
    def __init__(self, types: dict, issuers: dict, numbering: dict, writing: dict):
        self.codes = {
            code.upper(): TypeCode(v["canonical"], v["party"], v["state"])
            for code, v in types["codes"].items()
        }
        # Each code as a page may write it in a case-sensitive context ("QĐi", "QĐI").
        self.code_spellings = sorted(
            {form for code in types["codes"] for form in (code, code.upper())},
            key=len,
            reverse=True,
        )
        self.words = {_word_key(w): TypeWord(w, tuple(c)) for w, c in types["words"].items()}
        self.letter_code = types["letter"]
        self.untyped_state_name = types["untyped_state_name"]
        self.type_order = list(types["order"])
        self.issuers = {
            code.upper(): IssuerInfo(v["party"], v["local"], v["name"])
            for code, v in issuers["codes"].items()
        }
        self.issuer_spelling = {code.upper(): code for code in issuers["codes"]}
        # Issuer codes whose official spelling is not all capitals ("TTg", "ThU").
        self.mixed_case_issuers = sorted(
            (code for code in issuers["codes"] if code != code.upper()), key=len, reverse=True
        )
        self.issuer_rules = [
            (re.compile(r["pattern"]), IssuerInfo(r["party"], r["local"])) for r in issuers["rules"]
        ]
        self.issuer_default = IssuerInfo(issuers["default"]["party"], issuers["default"]["local"])
        self.phrases = {_phrase_key(p): code for p, code in issuers["phrases"].items()}
        self.central_terms = sorted(numbering["central_party_terms"])
        self.local_terms = sorted(numbering["local_party_terms"])
        self.glued_words = list(writing["glued_words"])
        self.code_joiner = writing["code_joiner"]
        self.party_number_digits = writing["party_number_digits"]
        words = writing["words"]
        self.lexicon = Lexicon(
            **{name: words[name] for name in ("number", "plural", "conjunction", "issued")},
            **{name: words[name] for name in ("day", "month", "year", "of", "about")},
            term=tuple(words["term"]),
            subject_trailing=frozenset(words["subject_trailing"]),
        )

    # -- codes -----------------------------------------------------------------
    def type_code(self, written: str) -> TypeCode | None:
        return self.codes.get(written.upper())

    def matched_type(self, written: str) -> TypeCode:
        """The type of a code the patterns matched: they are built from these codes, in
        any case as re folds it, which is not quite str.upper(): "QĐİ" (a dotted capital
        I) matches "QĐi", yet upper-cases to no code."""
        known = self.type_code(written)
        if known is not None:
            return known
        for code, info in self.codes.items():
            if re.fullmatch(re.escape(code), written, re.IGNORECASE):
                return info
        raise LookupError(f"{written!r} không phải mã loại văn bản nào")

    def issuer_code(self, written: str) -> str:
        """Official spelling of an issuer code: upper case, "TƯ" -> "TW", "TTG" -> "TTg"."""
        code = written.upper()
        if code.endswith("TƯ"):
            code = code[:-2] + "TW"
        return self.issuer_spelling.get(code, code)

    def issuer(self, code: str) -> IssuerInfo:
        key = code.upper()
        if key in self.issuers:
            return self.issuers[key]
        # "BTC-BNV" (joint circulars): classified by the first issuer.
        head = key.split("-")[0]
        if head in self.issuers:
            return self.issuers[head]
        for pattern, info in self.issuer_rules:
            if pattern.search(head):
                return info
        return self.issuer_default

    def knows_issuer(self, code: str) -> bool:
        """Listed, or shaped like a known kind of issuer (not just the default)."""
        key = self.issuer_code(code).upper()
        return key in self.issuers or any(p.search(key) for p, _ in self.issuer_rules)

    def type_name(self, code: str | None, party: bool) -> str:
        if code is None:
            return self.untyped_state_name
        info = self.codes.get(code.upper())
        if info is None:
            return code
        return info.party if party else info.state

    def word(self, written: str) -> TypeWord | None:
        """ "quy  định" -> TypeWord("Quy định", ("QĐ",))."""
        return self.words.get(_word_key(written))

    # -- numbering periods -----------------------------------------------------
    def period(self, party: bool, local: bool, has_year: bool, issued: date) -> int | None:
        """Which numbering period a document issued on `issued` falls in.

        Two documents with one id are the same document only within one period.
        """
        if has_year:
            return None
        if not party:
            return issued.year
        terms = self.local_terms if local else self.central_terms
        return bisect.bisect_right(terms, issued)


def _word_key(text: str) -> str:
    return " ".join(vntext.normalize(text).lower().split())


def _phrase_key(text: str) -> str:
    return " ".join(vntext.fold(vntext.normalize(text)).lower().split())


@cache
def load() -> Knowledge:
    def read(name):
        with open(DATA / name, encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    return Knowledge(
        read("document_types.yaml"),
        read("issuers.yaml"),
        read("numbering.yaml"),
        read("writing.yaml"),
    )


def _folded(text: str) -> str:
    return " ".join(vntext.fold(vntext.normalize(text)).lower().split())


def number_rules(knowledge: Knowledge) -> NumberRules:
    """How readers may write a document's number, for search (portal.models.NumberRules):
    type words to codes ("quy dinh" -> "qd"), codes to their canonical spelling
    ("qdi" -> "qd"), all folded as search folds a query."""
    codes = {_folded(code): _folded(info.canonical) for code, info in knowledge.codes.items()}
    words = {}
    for written, type_codes in knowledge.words.values():
        if type_codes:
            words[_folded(written)] = codes.get(_folded(type_codes[0]), _folded(type_codes[0]))
    return NumberRules(dict(sorted(words.items())), dict(sorted(codes.items())))
