"""Resolving citations to documents, across the whole site at once.

Like eyecite's resolve step, but a "resource" is a Document, and a document is more
than its id: numbers restart with each Party term (18-NQ/TW of 2017 and of 2022) and
local issuers number per province (05-KL/TU of Nghệ An is not Hòa Bình's). A full
citation is resolved by, in order: the date written after it; an earlier citation of
the same id in the same text; the registry; the latest known document of that id issued
before the text's date. A short reference ("Nghị quyết số 35") resolves to the document
of an earlier full citation in the same text with that number and type.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import vntext

from .find import Citation, FullCitation, ShortCitation
from .knowledge import Knowledge
from .registry import Entry

LINKED, UNRESOLVED, AMBIGUOUS = "linked", "unresolved", "ambiguous"


def _remembered(document, name: str, compute):
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
    knowledge: Knowledge | None = field(default=None, repr=False)
    # Filled by the site once resolved: page address and what cites it.
    url: str = ""
    feed_url: str | None = None
    citing: list = field(default_factory=list)  # [Citing], newest first
    cited_with: list = field(default_factory=list)  # [(Document, articles together)]
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
        if self.province and _scope(self.province) != _scope(self.home_province):
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

    def cited_on(self, issued: date) -> None:
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
        codes = known[1]
        return (self.type_code in codes) if self.type_code else not codes


@dataclass(frozen=True)
class Resolution:
    citation: Citation
    status: str  # LINKED, UNRESOLVED or AMBIGUOUS
    document: Document | None = None
    candidates: tuple[Document, ...] = ()


@dataclass(eq=False)
class Source:
    """A text that cites documents: an article, or a file read by the editors' command."""

    ref: object
    date: datetime | date | None
    province: str  # the province the text is from
    citations: list[Citation]
    resolutions: list[Resolution] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        """Distinct linked documents, in order of first citation."""
        seen: dict[int, Document] = {}
        for resolution in self.resolutions:
            if resolution.document is not None:
                seen.setdefault(id(resolution.document), resolution.document)
        return list(seen.values())


class Resolver:
    def __init__(self, knowledge: Knowledge, entries: list[Entry], home_province: str):
        self.k = knowledge
        self.home = home_province
        self.editions: dict[tuple[str, str | None], list[Document]] = defaultdict(list)
        self.aliases: dict[tuple[str, str | None], str] = {}
        self.documents: list[Document] = []
        for entry in entries:
            self._add_entry(entry)

    # -- registry --------------------------------------------------------------
    def _add_entry(self, entry: Entry) -> None:
        c = entry.citation
        local = self.k.issuer(c.issuer).local
        province = (entry.province or self.home) if local else None
        period = None
        if entry.date:
            period = self.k.period(c.party, local, c.has_year, entry.date)
        doc = self._new(c, province, period, entry)
        for alias in entry.aliases:
            self.aliases[(alias.id, _scope(province))] = entry.id
        return doc

    def _new(self, c: FullCitation, province, period, entry=None) -> Document:
        doc = Document(
            id=entry.id if entry else c.id,
            type_code=c.type_code,
            issuer_code=c.issuer,
            party=c.party,
            has_year=c.has_year,
            province=province,
            period=period,
            entry=entry,
            knowledge=self.k,
            home_province=self.home,
        )
        self.editions[(doc.id, _scope(province))].append(doc)
        self.documents.append(doc)
        return doc

    # -- resolution ------------------------------------------------------------
    def resolve(self, sources: list[Source]) -> list[Document]:
        """Resolve every citation of every source; returns the cited documents."""
        for source in sources:
            source.resolutions = [None] * len(source.citations)
        # Dated citations first, so that undated ones anywhere can find their edition.
        for source in sources:
            for index, citation in enumerate(source.citations):
                if isinstance(citation, FullCitation) and citation.date:
                    source.resolutions[index] = self._dated(source, citation)
        for source in sources:
            for index, citation in enumerate(source.citations):
                if source.resolutions[index] is not None:
                    continue
                if isinstance(citation, FullCitation):
                    resolution = self._undated(source, index, citation)
                else:
                    resolution = self._short(source, index, citation)
                source.resolutions[index] = resolution
        cited = {}
        for source in sources:
            for resolution in source.resolutions:
                if resolution.document is not None:
                    resolution.document.observe(resolution.citation)
                    cited.setdefault(id(resolution.document), resolution.document)
        # Every registered document has a page, cited or not.
        documents = [d for d in self.documents if id(d) in cited or d.registered]
        self._assign_keys(documents)
        return documents

    def _place(self, source: Source, c: FullCitation) -> tuple[str, str | None, bool]:
        local = self.k.issuer(c.issuer).local
        province = source.province if local else None
        doc_id = self.aliases.get((c.id, _scope(province)), c.id)
        return doc_id, province, local

    def _dated(self, source: Source, c: FullCitation) -> Resolution:
        doc_id, province, local = self._place(source, c)
        period = self.k.period(c.party, local, c.has_year, c.date)
        editions = self.editions[(doc_id, _scope(province))]
        same = [d for d in editions if d.period == period]
        if not same:
            undated = [d for d in editions if d.period is None and d.registered]
            if len(undated) == 1 and len(editions) == 1:
                same = undated  # the registry knows the document but not its date
        if same:
            exact = [d for d in same if d.date == c.date]
            document = (exact or same)[0]
        else:
            document = self._new(c, province, period)
        # Known at once, so that undated citations elsewhere can pick an edition by date.
        document.cited_on(c.date)
        return Resolution(c, LINKED, document)

    def _undated(self, source: Source, index: int, c: FullCitation) -> Resolution:
        doc_id, province, _ = self._place(source, c)
        scope = _scope(province)
        for earlier in source.resolutions[:index]:
            if (
                earlier is not None
                and earlier.document is not None
                and earlier.document.id == doc_id
                and _scope(earlier.document.province) == scope
            ):
                return Resolution(c, LINKED, earlier.document)
        editions = self.editions[(doc_id, scope)]
        if not editions:
            return Resolution(c, LINKED, self._new(c, province, None))
        if len(editions) == 1:
            return Resolution(c, LINKED, editions[0])
        when = _as_date(source.date)
        dated = [d for d in editions if d.date and (when is None or d.date <= when)]
        if dated:
            return Resolution(c, LINKED, max(dated, key=lambda d: d.date))
        undated = [d for d in editions if d.date is None]
        if len(undated) == 1:
            return Resolution(c, LINKED, undated[0])
        return Resolution(c, AMBIGUOUS, None, tuple(editions))

    def _short(self, source: Source, index: int, c: ShortCitation) -> Resolution:
        found: dict[int, Document] = {}
        for earlier in source.resolutions[:index]:
            if earlier is None or earlier.document is None:
                continue
            full = earlier.citation
            if (
                isinstance(full, FullCitation)
                and int(full.number) == int(c.number)
                and full.type_code in c.type_codes
            ):
                found.setdefault(id(earlier.document), earlier.document)
        if len(found) == 1:
            return Resolution(c, LINKED, next(iter(found.values())))
        if found:
            return Resolution(c, AMBIGUOUS, None, tuple(found.values()))
        return Resolution(c, UNRESOLVED)

    # -- page keys -------------------------------------------------------------
    def _assign_keys(self, documents: list[Document]) -> None:
        home = _scope(self.home)
        taken: set[str] = {d.entry.key for d in documents if d.entry and d.entry.key}
        for doc in documents:
            if doc.entry and doc.entry.key:
                doc.key = doc.entry.key
                continue
            key = vntext.slugify(doc.id)
            if doc.date and not doc.has_year:
                key += f"-{doc.date.year}"
            if doc.province and _scope(doc.province) != home:
                key += f"-{_scope(doc.province)}"
            unique, n = key, 2
            while unique in taken:
                unique, n = f"{key}-{n}", n + 1
            taken.add(unique)
            doc.key = unique


def _scope(province: str | None) -> str | None:
    return vntext.slugify(province) if province else None


def _as_date(moment) -> date | None:
    if isinstance(moment, datetime):
        return moment.date()
    return moment


def _most_common(counter: Counter):
    if not counter:
        return None
    return counter.most_common(1)[0][0]
