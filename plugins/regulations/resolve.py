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

from collections import defaultdict
from datetime import date, datetime

import vntext

from .knowledge import Knowledge
from .models import (
    Citation,
    Document,
    FullCitation,
    Resolution,
    Resolved,
    ShortCitation,
    Source,
    Status,
    scope,
)
from .registry import Entry


class Resolver:
    def __init__(self, knowledge: Knowledge, entries: list[Entry], home_province: str):
        self.knowledge = knowledge
        self.home = home_province
        self.editions: dict[tuple[str, str | None], list[Document]] = defaultdict(list)
        self.aliases: dict[tuple[str, str | None], str] = {}
        self.documents: list[Document] = []
        for entry in entries:
            self._add_entry(entry)

    # -- registry --------------------------------------------------------------
    def _add_entry(self, entry: Entry) -> None:
        citation = entry.citation
        local = self.knowledge.issuer(citation.issuer).local
        province = (entry.province or self.home) if local else None
        period = None
        if entry.date:
            period = self.knowledge.period(citation.party, local, citation.has_year, entry.date)
        self._new(citation, province, period, entry)
        for alias in entry.aliases:
            self.aliases[(alias.id, scope(province))] = entry.id

    def _new(
        self,
        citation: FullCitation,
        province: str | None,
        period: int | None,
        entry: Entry | None = None,
    ) -> Document:
        document = Document(
            id=entry.id if entry else citation.id,
            type_code=citation.type_code,
            issuer_code=citation.issuer,
            party=citation.party,
            has_year=citation.has_year,
            province=province,
            period=period,
            entry=entry,
            knowledge=self.knowledge,
            home_province=self.home,
        )
        self.editions[(document.id, scope(province))].append(document)
        self.documents.append(document)
        return document

    # -- resolution ------------------------------------------------------------
    def resolve(self, sources: list[Source]) -> Resolved:
        """Resolve every citation of every source: a resolution for each citation, and
        the documents (every cited one, every registered one) with their page keys."""
        resolutions: dict[Citation, Resolution] = {}
        # Dated citations first, so that undated ones anywhere can find their edition.
        for source in sources:
            for citation in source.citations:
                if isinstance(citation, FullCitation) and citation.date:
                    resolutions[citation] = self._dated(source, citation, citation.date)
        for source in sources:
            earlier: list[Resolution] = []  # of this source's citations before this one
            for citation in source.citations:
                resolution = resolutions.get(citation)
                if resolution is None:
                    if isinstance(citation, FullCitation):
                        resolution = self._undated(source, earlier, citation)
                    else:
                        assert isinstance(citation, ShortCitation)  # find makes no other kind
                        resolution = self._short(earlier, citation)
                    resolutions[citation] = resolution
                earlier.append(resolution)
        cited: dict[int, Document] = {}
        for source in sources:
            for citation in source.citations:
                document = resolutions[citation].document
                if document is not None:
                    document.observe(citation)
                    cited.setdefault(id(document), document)
        # Every registered document has a page, cited or not.
        documents = [d for d in self.documents if id(d) in cited or d.registered]
        self._assign_keys(documents)
        return Resolved(resolutions, documents)

    def _place(self, source: Source, citation: FullCitation) -> tuple[str, str | None, bool]:
        """The id (after aliases), the province it is numbered in, and whether local."""
        local = self.knowledge.issuer(citation.issuer).local
        province = source.province if local else None
        doc_id = self.aliases.get((citation.id, scope(province)), citation.id)
        return doc_id, province, local

    def _dated(self, source: Source, citation: FullCitation, issued: date) -> Resolution:
        """A citation with its date written after it, `issued` (citation.date)."""
        doc_id, province, local = self._place(source, citation)
        period = self.knowledge.period(citation.party, local, citation.has_year, issued)
        editions = self.editions[(doc_id, scope(province))]
        same = [d for d in editions if d.period == period]
        if not same:
            undated = [d for d in editions if d.period is None and d.registered]
            if len(undated) == 1 and len(editions) == 1:
                same = undated  # the registry knows the document but not its date
        if same:
            exact = [d for d in same if d.date == issued]
            document = (exact or same)[0]
        else:
            document = self._new(citation, province, period)
        # Known at once, so that undated citations elsewhere can pick an edition by date.
        document.cited_on(issued)
        return Resolution(citation, Status.LINKED, document)

    def _undated(
        self, source: Source, earlier: list[Resolution], citation: FullCitation
    ) -> Resolution:
        doc_id, province, _ = self._place(source, citation)
        where = scope(province)
        for before in earlier:
            document = before.document
            if document is not None and document.id == doc_id and scope(document.province) == where:
                return Resolution(citation, Status.LINKED, document)
        editions = self.editions[(doc_id, where)]
        if not editions:
            return Resolution(citation, Status.LINKED, self._new(citation, province, None))
        if len(editions) == 1:
            return Resolution(citation, Status.LINKED, editions[0])
        when = _as_date(source.date)
        dated = [d for d in editions if d.date and (when is None or d.date <= when)]
        if dated:
            return Resolution(citation, Status.LINKED, max(dated, key=lambda d: d.date))
        undated = [d for d in editions if d.date is None]
        if len(undated) == 1:
            return Resolution(citation, Status.LINKED, undated[0])
        return Resolution(citation, Status.AMBIGUOUS, None, tuple(editions))

    def _short(self, earlier: list[Resolution], citation: ShortCitation) -> Resolution:
        found: dict[int, Document] = {}
        for before in earlier:
            if before.document is None:
                continue
            full = before.citation
            if (
                isinstance(full, FullCitation)
                and int(full.number) == int(citation.number)
                and full.type_code in citation.type_codes
            ):
                found.setdefault(id(before.document), before.document)
        if len(found) == 1:
            return Resolution(citation, Status.LINKED, next(iter(found.values())))
        if found:
            return Resolution(citation, Status.AMBIGUOUS, None, tuple(found.values()))
        return Resolution(citation, Status.UNRESOLVED)

    # -- page keys -------------------------------------------------------------
    def _assign_keys(self, documents: list[Document]) -> None:
        home = scope(self.home)
        taken: set[str] = {d.entry.key for d in documents if d.entry and d.entry.key}
        for document in documents:
            if document.entry and document.entry.key:
                document.key = document.entry.key
                continue
            key = vntext.slugify(document.id)
            if document.date and not document.has_year:
                key += f"-{document.date.year}"
            if document.province and scope(document.province) != home:
                key += f"-{scope(document.province)}"
            unique, n = key, 2
            while unique in taken:
                unique, n = f"{key}-{n}", n + 1
            taken.add(unique)
            document.key = unique


def _as_date(moment) -> date | None:
    if isinstance(moment, datetime):
        return moment.date()
    return moment
