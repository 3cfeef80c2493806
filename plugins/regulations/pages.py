"""The pages: one per document, an index grouped by type and issuer, a feed per document."""

from __future__ import annotations

from dataclasses import dataclass

from pelican.generators import Generator

import vntext

from . import settings
from .knowledge import load as load_knowledge
from .models import Document
from .site import CONTEXT_KEY


@dataclass
class IssuerGroup:
    name: str
    documents: list[Document]

    @property
    def citations(self) -> int:
        return sum(len(d.citing) for d in self.documents)


@dataclass
class TypeGroup:
    name: str
    issuers: list[IssuerGroup]

    @property
    def documents(self) -> list[Document]:
        return [d for group in self.issuers for d in group.documents]

    @property
    def citations(self) -> int:
        return sum(group.citations for group in self.issuers)

    @property
    def slug(self) -> str:
        return vntext.slugify(self.name)


def group_documents(documents: list[Document]) -> list[TypeGroup]:
    """Documents by type (in the order of data/document_types.yaml), then by issuer."""
    order = {name: i for i, name in enumerate(load_knowledge().type_order)}
    by_type: dict[str, dict[str, list[Document]]] = {}
    for document in documents:
        issuer = document.issuer
        if document.foreign_province:
            issuer = f"{issuer} ({document.foreign_province})"
        by_type.setdefault(document.type_name, {}).setdefault(issuer, []).append(document)
    groups = []
    for type_name in sorted(by_type, key=lambda n: (order.get(n, len(order)), vntext.fold(n))):
        issuers = [
            IssuerGroup(name, sorted(docs, key=_newest_first))
            for name, docs in sorted(
                by_type[type_name].items(), key=lambda item: vntext.fold(item[0]).lower()
            )
        ]
        groups.append(TypeGroup(type_name, issuers))
    return groups


def _newest_first(document: Document):
    issued = document.date
    return (-(issued.toordinal() if issued else 0), document.id)


class RegulationsGenerator(Generator):
    """Writes the document pages with the theme's templates and Pelican's writer."""

    def generate_output(self, writer) -> None:
        documents: list[Document] = self.context.get(CONTEXT_KEY) or []
        config = settings.load(self.settings)
        common = dict(
            regulations_index_url=config.index_url,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
        )
        page = self.get_template(config.template)
        for document in documents:
            writer.write_file(
                config.page_save_as(document.key),
                page,
                self.context,
                url=document.url,
                regulation=document,
                page_name=document.url,
                **common,
            )
            if config.feed_atom:
                writer.write_feed(
                    [citing.article for citing in document.citing],
                    self.context,
                    config.feed_path(document.key),
                    config.feed_link(document.key),
                    feed_title=document.label,
                )
        writer.write_file(
            config.index_save_as,
            self.get_template(config.index_template),
            self.context,
            url=config.index_url,
            regulation_groups=group_documents(documents),
            regulations=documents,
            page_name=config.index_url,
            **common,
        )
