"""The records the stages of the plugin hand on, in the order of the pipeline.

find (find.py) returns citations; scan (annotate.py) returns each citation of a page
with its sentence; resolve (resolve.py) returns a resolution for each citation and the
documents; the site gathers, per document, the articles citing it. Whoever reads a
record imports its type here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import vntext

from .clean import CleanText

if TYPE_CHECKING:
    from .knowledge import Knowledge
    from .registry import Entry


# -- find ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IdCode:
    """What an id says after its number: "QĐ/TW" in 208-QĐ/TW, "2018/TT-BTC" in
    36/2018/TT-BTC. One per spelling, shared by every citation written that way."""

    suffix: str  # the canonical id without its number and the mark after it
    type_code: str | None  # canonical type code, "QĐ"; None for a law ("83/2015/QH13")
    issuer: str  # "TW", "BTC-BNV"
    party: bool  # numbered the Party way: "208-QĐ/TW", the number padded
    has_year: bool
    alone: bool = False  # only an issuer ("334/VPTT"): a letter only after "Văn bản số"

    def id(self, number: str) -> str:
        return f"{number}-{self.suffix}" if self.party else f"{number}/{self.suffix}"


# Plain (not frozen) slotted dataclasses: a site has many citations to build.
@dataclass(slots=True, eq=False)
class Citation:
    """A citation found in text; spans are offsets in the cleaned text."""

    start: int  # from the type word when there is one ("Quy định số 208-QĐ/TW")
    end: int
    number: str  # padded as Party ids are ("5" -> "05"); a State id keeps the digits written
    type_word: str | None  # "Quy định", as the article names the document
    date: date | None  # "ngày 08/11/2019" right after the citation
    issuer_phrase: str | None  # "Ban Bí thư" in "... của Ban Bí thư"
    subject: str | None  # "về chức năng, nhiệm vụ..." right after the citation


@dataclass(slots=True, eq=False)
class FullCitation(Citation):
    """A citation naming a document by its full number: it has a canonical id."""

    id: str  # "208-QĐ/TW", "36/2018/TT-BTC", "1847/QĐ-TTg"
    code: IdCode
    named: bool = False  # built from a type word and an issuer in words

    @property
    def type_code(self) -> str | None:
        return self.code.type_code

    @property
    def issuer(self) -> str:
        return self.code.issuer

    @property
    def party(self) -> bool:
        return self.code.party

    @property
    def has_year(self) -> bool:
        return self.code.has_year


@dataclass(slots=True, eq=False)
class ShortCitation(Citation):
    """ "Nghị quyết số 35": a number and a type word, to resolve against the article."""

    type_codes: tuple[str, ...]


# -- scan ------------------------------------------------------------------------------
@dataclass(eq=False)
class Found:
    """A citation in a page: in which of its candidate strings, and in which sentence."""

    node: int  # which candidate string of the page (see annotate._text_nodes)
    cleaned: CleanText  # that string, cleaned; the citation's spans are in it
    citation: Citation
    sentence: str


@dataclass(eq=False)
class ScannedPage:
    """What a page cites. No tree is kept (a site has thousands of pages); linking
    parses the page again, only when it has something to link."""

    html: str
    found: list[Found]

    @property
    def citations(self) -> list[Citation]:
        return [f.citation for f in self.found]


# -- resolve ---------------------------------------------------------------------------
class Status(StrEnum):
    LINKED = "linked"
    UNRESOLVED = "unresolved"  # a short reference with no full citation before it
    AMBIGUOUS = "ambiguous"  # one id, several documents, nothing to choose by


@dataclass(eq=False)
class Source:
    """A text that cites documents: what resolving needs of it."""

    ref: object  # the article (or whatever the caller resolves for)
    date: datetime | date | None
    province: str  # the province the text is from
    citations: list[Citation]


@dataclass(frozen=True)
class Resolution:
    citation: Citation
    status: Status
    document: Document | None = None
    candidates: tuple[Document, ...] = ()


@dataclass
class Resolved:
    """What resolving hands on: each citation's resolution, and the documents (those
    cited, and every registered one) with their page keys."""

    resolutions: dict[Citation, Resolution]  # keyed by the citation object itself
    documents: list[Document]

    def linked(self, citations: Iterable[Citation]) -> list[Document]:
        """The distinct documents these citations link to, in order of first citation."""
        seen: dict[int, Document] = {}
        for citation in citations:
            document = self.resolutions[citation].document
            if document is not None:
                seen.setdefault(id(document), document)
        return list(seen.values())


# -- the pipeline, for the build and the editors' command -------------------------------
@dataclass(frozen=True, eq=False)
class Text:
    """An article's HTML as the site's reader makes it, and what resolving needs."""

    ref: Any  # the Pelican article
    html: str
    date: datetime | date | None
    province: str


@dataclass
class Cited:
    """What the pipeline hands on: each text's page of citations, and how they resolved."""

    pages: dict[Text, ScannedPage]  # keyed by the text object itself
    resolved: Resolved


# -- documents -------------------------------------------------------------------------
@dataclass(eq=False)
class Citing:
    """An article citing a document, with the sentences that cite it."""

    article: Any  # the Pelican article
    sentences: list[str] = field(default_factory=list)

    @property
    def date(self):
        return self.article.date


def _remembered(document: Document, name: str, compute):
    """compute(document), kept in the document's _facts until a citation changes them."""
    facts = document._facts
    try:
        return facts[name]
    except KeyError:
        value = facts[name] = compute(document)
        return value


def _fact(compute):
    """A property of a Document remembered in its _facts until they change."""
    name = compute.__name__

    def get(self):
        return _remembered(self, name, compute)

    get.__doc__ = compute.__doc__
    return property(get)


@dataclass(eq=False)
class Document:
    """One document, with everything known about it from the registry and the citations."""

    id: str  # canonical id, "208-QĐ/TW"
    type_code: str | None
    issuer_code: str
    party: bool
    has_year: bool
    province: str | None  # for local documents: the province whose issuer it is
    period: int | None  # numbering period (term or year), when known
    entry: Entry | None = None
    home_province: str | None = None  # the site's own province
    key: str = ""  # unique page key, "208-qd-tw-2019"
    cited_dates: Counter = field(default_factory=Counter)
    type_words: Counter = field(default_factory=Counter)
    issuer_phrases: Counter = field(default_factory=Counter)
    subjects: Counter = field(default_factory=Counter)
    knowledge: Knowledge = field(kw_only=True, repr=False)
    # Filled by the site once resolved: page address and what cites it.
    url: str = ""
    feed_url: str | None = None
    citing: list[Citing] = field(default_factory=list)  # newest first
    cited_with: list[tuple[Document, int]] = field(default_factory=list)  # and how often
    # Facts worked out from the counters, kept until a citation changes them: a site's
    # pages and links ask for them again and again (describe() ~100k times).
    _facts: dict = field(default_factory=dict, repr=False)

    @property
    def registered(self) -> bool:
        return self.entry is not None

    @_fact
    def date(self) -> date | None:
        if self.entry and self.entry.date:
            return self.entry.date
        return _most_common(self.cited_dates)

    @_fact
    def type_name(self) -> str:
        if self.entry and self.entry.type:
            return self.entry.type
        if word := _most_common(self.type_words):
            return word
        return self.knowledge.type_name(self.type_code, self.party)

    @_fact
    def issuer(self) -> str:
        if self.entry and self.entry.issuer:
            return self.entry.issuer
        if phrase := _most_common(self.issuer_phrases):
            return phrase
        info = self.knowledge.issuer(self.issuer_code)
        return info.name or self.issuer_code

    @_fact
    def title(self) -> str | None:
        if self.entry and self.entry.title:
            return self.entry.title
        if not self.subjects:
            return None
        # The subject most often written; among equals, the shortest (least run-on).
        best = max(self.subjects.values())
        return min((s for s, n in self.subjects.items() if n == best), key=len)

    @property
    def link(self) -> str | None:
        return self.entry.link if self.entry else None

    @_fact
    def foreign_province(self) -> str | None:
        """The province of a local document from another province than the site's."""
        if self.province and scope(self.province) != scope(self.home_province):
            return self.province
        return None

    @_fact
    def label(self) -> str:
        """ "Quy định số 208-QĐ/TW" """
        return f"{self.type_name} số {self.id}"

    def describe(self) -> str:
        """One line naming the document, for link titles: label, date, issuer, subject."""
        return _remembered(self, "describe", Document._describe)

    def _describe(self) -> str:
        parts = [self.label]
        if self.date:
            parts.append(f"ngày {self.date.day}/{self.date.month}/{self.date.year}")
        parts.append(f"của {self.issuer}")
        if self.foreign_province:
            parts.append(f"({self.foreign_province})")
        if self.title:
            parts.append(self.title)
        return " ".join(parts)

    # dt.date: inside this class, "date" is the property above.
    def cited_on(self, issued: dt.date) -> None:
        """A citation dated `issued` linked to this document."""
        self.cited_dates[issued] += 1
        self._facts.clear()

    def observe(self, citation: Citation) -> None:
        """Learn from a citation linked to this document (type word, issuer, subject)."""
        self._facts.clear()
        if citation.type_word and self._word_fits(citation.type_word):
            self.type_words[citation.type_word] += 1
        if citation.issuer_phrase:
            self.issuer_phrases[citation.issuer_phrase] += 1
        if citation.subject:
            self.subjects[citation.subject] += 1

    def _word_fits(self, word: str) -> bool:
        known = self.knowledge.word(word)
        if known is None:
            return False
        return (self.type_code in known.codes) if self.type_code else not known.codes


def scope(province: str | None) -> str | None:
    """A province as compared: "Hòa Bình" and "Hoà Bình" are one province."""
    return vntext.slugify(province) if province else None


def _most_common(counter: Counter):
    if not counter:
        return None
    return counter.most_common(1)[0][0]
