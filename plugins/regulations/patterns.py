"""The regular expressions of finding, built from the knowledge (data/*.yaml).

The grammar is here; the words, codes and issuers it is made of come from the data.
Every pattern is linear: those that scan a text (numbers; ids and short_references when
a whole page is tested) start with a digit, so the engine skips to the next digit at C
speed and each number is tried once; every other pattern is matched at one position (a
number, where a citation ends) with bounded repetitions only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import vntext

from .knowledge import Knowledge

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen, en dash, em dash, minus
_DASH = rf"\s{{0,3}}[{re.escape(DASHES)}]\s{{0,3}}"
_SLASH = r"\s{0,3}/\s{0,3}"
_CODE = r"[A-ZĐƯ][A-ZĐƯ0-9]{0,15}"
# Up to five digits, tried only at the first digit of a run (the lookbehind is checked
# only where a digit matched) and never given back: each position is tried once.
_NUMBER = r"[0-9](?<![0-9]{2})[0-9]{0,4}+"
_SPACES = r"\s{1,3}"  # between two words of a phrase


@dataclass(frozen=True)
class Patterns:
    ids: re.Pattern  # a number and the code after it: "208-QĐ/TW", "36/2018/TT-BTC"
    numbers: re.Pattern  # every number, with the code after it when there is one
    short_references: re.Pattern  # on reversed text: a number, then the type word before it
    word_before: re.Pattern  # on reversed text: the type word before a number ("Quy định số")
    short_end: re.Pattern  # what may follow a short reference's number
    listed_numbers: re.Pattern  # "18, 19 và " before "20-NQ/TW"
    type_prefix: re.Pattern  # a type code glued to its issuer: "TT" of "TTBTC"
    tail: re.Pattern  # after a citation: its date, issuer, term, date, where its subject starts
    subject_stop: re.Pattern  # where an unquoted subject ends


def build(knowledge: Knowledge) -> Patterns:
    words = knowledge.lexicon
    return Patterns(
        ids=_ids(knowledge),
        numbers=_ids(knowledge, code_optional=True),
        short_references=_short_references(knowledge),
        word_before=_word_before(knowledge),
        short_end=re.compile(rf"(?!\s{{0,3}}[/{re.escape(DASHES)}]\s{{0,3}}\w)(?![.,]\d)"),
        listed_numbers=re.compile(
            rf"(?:[0-9]{{1,5}}\s{{0,2}}(?:,|\s{{1,2}}{_words(words.conjunction)})\s{{1,3}}){{1,8}}$",
            re.IGNORECASE,
        ),
        type_prefix=re.compile(f"({_alternatives(knowledge.codes)})", re.IGNORECASE),
        tail=_tail(knowledge),
        subject_stop=re.compile(
            rf"[;“”\"(]|\.(?:\s|$)|\s+(?:{_words(words.conjunction)}|,)\s+"
            rf"(?:{_words(words.plural)}\s+)?(?:{_type_words(knowledge)})\b"
            rf"|,\s+{_words(words.day)}\s",
            re.IGNORECASE,
        ),
    )


def _tail(knowledge: Knowledge) -> re.Pattern:
    """What a page writes right after a citation, each part optional, in this order:
    "ngày 08/11/2019" (date), "của Ban Bí thư" (of, phrase), "khóa XII" (term),
    "ngày 22/10/2018" (date2, only when no date came first), then where its subject
    starts: "về ..." (about) or a quoted subject (quoted). One match, every part bounded;
    each part is taken whenever it is there (the rest being optional, nothing is given
    back), as if read one after the other."""
    words = knowledge.lexicon

    def date(suffix: str) -> str:  # "(ban hành) ngày 30 tháng 3 năm 2018", "ngày 08/11/2019"
        return (
            rf"\s{{0,3}},?\s{{0,3}}\(?\s{{0,3}}(?:{_loose(words.issued)}\s+)?"
            rf"{_words(words.day)}\s{{1,3}}(?P<d{suffix}>\d{{1,2}})"
            rf"(?:\s{{0,2}}[/.-]\s{{0,2}}|\s{{1,3}}{_words(words.month)}\s{{1,3}})"
            rf"(?P<m{suffix}>\d{{1,2}})"
            rf"(?:\s{{0,2}}[/.-]\s{{0,2}}|\s{{1,3}}{_words(words.year)}\s{{1,3}})"
            rf"(?P<y{suffix}>(?:19|20)\d\d)\s{{0,2}}\)?"
        )

    of = rf"\s{{0,3}},?\s{{0,3}}{_words(words.of)}\s{{1,3}}"
    term = rf"\s{{1,3}}(?:{_alternatives(words.term)})\s{{1,3}}[IVXL]{{1,6}}(?!\w)"
    subject = (
        r"\s{0,3}[,:]?\s{0,3}"
        rf"(?:(?:{_words(words.about)}\s{{1,3}})?[“\"](?P<quoted>[^”\"]{{3,300}})[”\"]"
        rf"|(?P<about>{_words(words.about)}\s))"
    )
    phrase = rf"(?-i:(?P<phrase>{_issuer_phrases(knowledge)}))"
    return re.compile(
        rf"(?P<date>{date('')})?"
        rf"(?:(?P<of>{of})(?:{phrase}(?:{term})?(?(date)|(?P<date2>{date('2')})?))?)?"
        rf"(?:{subject})?",
        re.IGNORECASE,
    )


# Where each character folds (vntext.fold, lower case) to one character: Latin letters
# with all their marks, general punctuation.
_FOLDED_ONE_TO_ONE = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2070))


def _issuer_phrases(knowledge: Knowledge) -> str:
    """The issuer phrases as a page may write them ("Ban Bí thư", "BAN BÍ THƯ", "ban bi
    thu"), matched without folding the text (which costs more than reading all the rest
    of a citation): each letter of a folded phrase stands for every character that folds
    to it ("u" for "u", "ủ", "Ư"...). Longest first; not the start of a longer word."""
    folds_to: dict[str, list[str]] = defaultdict(list)
    for first, end in _FOLDED_ONE_TO_ONE:
        for code in range(first, end):
            folded = vntext.fold(chr(code)).lower()
            if len(folded) == 1:
                folds_to[folded].append(chr(code))

    def written(phrase: str) -> str:
        return "".join(
            _SPACES if c == " " else "[" + "".join(map(re.escape, folds_to[c])) + "]"
            for c in phrase
        )

    phrases = sorted(knowledge.phrases, key=len, reverse=True)
    return "(?:" + "|".join(map(written, phrases)) + r")(?!\w)"


def _ids(knowledge: Knowledge, code_optional: bool = False) -> re.Pattern:
    """A number and the code after it, in every way pages write one.

    In any case where a hyphen or a slash marks the code out ("208-qđ/tw"); in capitals,
    as officially written, where only a space or nothing does ("84 QĐ/TWĐTN", "22HD/...").
    """
    types = _alternatives(knowledge.codes)
    joiner = re.escape(knowledge.code_joiner)
    code = rf"{_CODE}(?:{joiner}{_CODE})?"  # "PTTH&TTĐT"
    types_written = _alternatives(knowledge.code_spellings)
    issuer_written = rf"(?-i:(?:{_alternatives(knowledge.mixed_case_issuers)}|{code}))"
    department = rf"(?-i:-{code})"  # "TWĐTN-CTĐ": a hyphen and capitals, no spaces
    glued = _alternatives(knowledge.glued_words)
    end = rf"(?:(?!\w)|(?=(?:{glued})(?!\w)))"  # "70-TB/TWngày 06 tháng 01"
    party = (
        rf"{_DASH}(?P<party_type>{types}){_SLASH}(?P<party_issuer>{code}{department}{{0,2}}){end}"
        rf"|(?-i:\s{{0,3}}(?P<plain_party_type>{types_written}){_SLASH}"
        rf"(?P<plain_party_issuer>{issuer_written}{department}{{0,2}})){end}"
    )
    state_with_year = (
        rf"{_SLASH}(?P<year>(?:19|20)\d\d){_SLASH}(?:(?P<year_type>{types}){_SLASH})?"
        rf"(?P<year_code>{code}(?:{_DASH}{code}){{0,3}}){end}"
    )
    state = (
        rf"{_SLASH}(?P<state_type>{types})(?P<state_mark>{_DASH}|{_SLASH})?"
        rf"(?P<state_issuer>{code}(?:{_DASH}{code}){{0,2}}){end}"
        rf"|(?-i:\s{{1,3}}(?P<plain_state_type>{types_written}){_DASH}"
        rf"(?P<plain_state_issuer>{issuer_written}{department}?)){end}"
    )
    letter = (
        rf"{_SLASH}(?P<letter>{code}{_DASH}{code}){end}"
        rf"|{_SLASH}(?P<issuer_alone>(?-i:[A-ZĐƯ][A-ZĐƯ0-9]{{1,15}}(?:{joiner}{_CODE})?)){end}"
    )
    optional = "?" if code_optional else ""
    return re.compile(
        rf"(?P<number>{_NUMBER})(?:{party}|{state_with_year}|{state}|{letter}){optional}",
        re.IGNORECASE,
    )


def _short_references(knowledge: Knowledge) -> re.Pattern:
    """A type word before a number ("Nghị quyết số 35"), matched on the reversed text
    from the number's last digit, where the number comes first: "53 ốs tếyuq ịhgN". (A
    word-led pattern would be tried at every position of the text.)"""
    number_word = knowledge.lexicon.number[::-1]
    words = sorted((w.name[::-1] for w in knowledge.words.values()), key=len, reverse=True)
    return re.compile(
        rf"(?P<number>{_NUMBER})(?:\s{{0,3}}[:.]?\s{{0,3}}{_words(number_word)}\s{{1,3}}|\s{{1,3}})"
        rf"(?:{'|'.join(_words(w) for w in words)})",
        re.IGNORECASE,
    )


def _word_before(knowledge: Knowledge) -> re.Pattern:
    """Matched on the reversed text from a number back: spaces, colons and dots, "số"
    and spaces, then a type word, not the end of a longer word ("Quy định số 208")."""
    number_word = re.escape(knowledge.lexicon.number[::-1])
    words = "|".join(re.escape(key[::-1]) for key in sorted(knowledge.words, key=len, reverse=True))
    return re.compile(
        rf"[ \t\n:.]*+(?:{number_word}\s*+)?(?P<word>{words})(?![^\W_])", re.IGNORECASE
    )


def _type_words(knowledge: Knowledge) -> str:
    words = sorted((w.name for w in knowledge.words.values()), key=len, reverse=True)
    return "|".join(_words(w) for w in words)


def _words(text: str) -> str:
    """Words as a pattern: one to three spaces between them."""
    return re.escape(text).replace(r"\ ", _SPACES)


def _loose(text: str) -> str:
    """Words as a pattern: any spaces between them."""
    return re.escape(text).replace(r"\ ", r"\s+")


def _alternatives(texts) -> str:
    """Alternatives, longest first (the engine takes the first that matches)."""
    return "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
