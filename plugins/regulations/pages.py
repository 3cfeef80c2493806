"""The pages: one per document, an index grouped by type and issuer, a feed per document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from pelican.generators import Generator

import vntext
from portal.models import FEED_UPDATED

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
                citing = [citing.article for citing in document.citing]
                context = self.context
                if not citing:
                    updated = empty_feed_updated(document, self.context.get("articles") or [])
                    context = {**self.context, FEED_UPDATED: updated}
                writer.write_feed(
                    citing,
                    context,
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


def empty_feed_updated(document: Document, articles: list) -> datetime:
    """The <updated> of a feed without entries: the document's issue date, else the newest
    article's. feedgenerator would write the time of the build, and no two builds agree."""
    if document.date:
        return datetime.combine(document.date, time(), vntext.TIMEZONE)
    return max((article.date for article in articles), default=datetime(1970, 1, 1, tzinfo=UTC))


def date_empty_feed(context, feed) -> None:
    """feed_generated receiver: a feed without entries is dated as empty_feed_updated says."""
    updated = context.get(FEED_UPDATED)
    if updated is not None and not feed.items:
        feed.latest_post_date = lambda: updated
