"""The whole site's citations: scan every article, resolve, link, and gather per document."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import annotate, registry
from .find import default_finder
from .knowledge import load as load_knowledge
from .resolve import AMBIGUOUS, UNRESOLVED, Document, Resolver, Source
from .settings import Config

logger = logging.getLogger(__name__)

# Where the resolved documents wait in the Pelican context for the page generator.
CONTEXT_KEY = "regulation_documents"
# How many citing sentences of one article a document page quotes.
SENTENCES_SHOWN = 3


@dataclass(eq=False)
class Citing:
    """An article citing a document, with the sentences that cite it."""

    article: object
    sentences: list[str] = field(default_factory=list)

    @property
    def date(self):
        return self.article.date


def link_articles(articles: list, config: Config) -> list[Document]:
    """Annotate each article's HTML and set article.regulations; returns all documents."""
    finder = default_finder()
    entries = registry.load(config.registry, finder)
    scans = [annotate.scan(article._content, finder) for article in articles]
    sources = [
        Source(article, article.date, _province(article, config), parsed.citations)
        for article, parsed in zip(articles, scans)
    ]
    documents = Resolver(load_knowledge(), entries, config.province).resolve(sources)
    for document in documents:
        document.url = config.page_url(document.key)
        document.feed_url = config.feed_link(document.key)

    citing: dict[int, dict[int, Citing]] = defaultdict(dict)
    together: dict[int, Counter] = defaultdict(Counter)
    for article, parsed, source in zip(articles, scans, sources):
        html = annotate.apply(parsed, source.resolutions, lambda d: config.href(d.url))
        if html is not None:
            article._content = html
        article.regulations = source.documents
        for found, resolution in zip(parsed.found, source.resolutions):
            if resolution.document is None:
                continue
            entry = citing[id(resolution.document)].setdefault(id(article), Citing(article))
            if found.sentence not in entry.sentences and len(entry.sentences) < SENTENCES_SHOWN:
                entry.sentences.append(found.sentence)
        for document in article.regulations:
            for other in article.regulations:
                if other is not document:
                    together[id(document)][id(other)] += 1

    by_id = {id(d): d for d in documents}
    for document in documents:
        document.citing = sorted(
            citing[id(document)].values(), key=lambda c: c.article.date, reverse=True
        )
        document.cited_with = [
            (by_id[other], count)
            for other, count in sorted(
                together[id(document)].items(), key=lambda item: (-item[1], by_id[item[0]].id)
            )
        ]
    _report_unregistered(documents)
    _report_unlinked(sources)
    return documents


def _province(article, config: Config) -> str:
    province = getattr(article, "province", None)
    return str(province).strip() if province else config.province


def _report_unregistered(documents: list[Document]) -> None:
    missing = [d for d in documents if not d.registered]
    if missing:
        # Info, not warning: the build treats warnings as fatal, and a document merely
        # missing from the registry still gets its page from its citations.
        logger.info(
            "Văn bản được trích dẫn nhưng chưa có trong danh mục (%d): %s",
            len(missing),
            ", ".join(f"{d.id} [{d.key}]" for d in missing),
        )


def _report_unlinked(sources: list[Source]) -> None:
    statuses = Counter(r.status for source in sources for r in source.resolutions)
    if statuses[AMBIGUOUS] or statuses[UNRESOLVED]:
        logger.info(
            "%d trích dẫn mơ hồ, %d trích dẫn rút gọn không xác định được, không gắn liên kết; "
            "xem từng trường hợp: python -m regulations content/",
            statuses[AMBIGUOUS],
            statuses[UNRESOLVED],
        )
