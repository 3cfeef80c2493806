"""The whole site's citations: the pipeline over every article, then links in the
articles and, per document, the articles citing it and the documents cited with it."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any

from portal.memo import key_of, memo
from portal.models import CitedDocument, CitingArticle, DocumentRef, facts

from . import annotate
from .models import Citing, Document, Resolved, ScannedPage, Status
from .pipeline import cite, text_of
from .settings import Config

logger = logging.getLogger(__name__)

# Where the resolved documents wait in the Pelican context for the page generator.
CONTEXT_KEY = "regulation_documents"
# How many citing sentences of one article a document page quotes.
SENTENCES_SHOWN = 3


def link_articles(articles: list[Any], config: Config) -> list[Document]:
    """Link the citations in each article's HTML and write the documents it cites in its
    ArticleFacts; returns every document, with what cites it."""
    cited = cite([text_of(article, config) for article in articles], config)
    resolved = cited.resolved
    for document in resolved.documents:
        document.url = config.page_url(document.key)
        document.feed_url = config.feed_link(document.key)

    citing: dict[int, dict[int, Citing]] = defaultdict(dict)
    together: dict[int, Counter] = defaultdict(Counter)
    linked_by_article: dict[int, list[Document]] = {}
    for text, page in cited.pages.items():
        article = text.ref
        html = linked_html(page, resolved, config)
        if html is not None:
            article._content = html
        linked = linked_by_article[id(article)] = resolved.linked(page.citations)
        facts(article).documents = tuple(DocumentRef(d.key, d.id) for d in linked)
        for found in page.found:
            cited_document = resolved.resolutions[found.citation].document
            if cited_document is None:
                continue
            entry = citing[id(cited_document)].setdefault(id(article), Citing(article))
            if found.sentence not in entry.sentences and len(entry.sentences) < SENTENCES_SHOWN:
                entry.sentences.append(found.sentence)
        for document in linked:
            for other in linked:
                if other is not document:
                    together[id(document)][id(other)] += 1

    by_id = {id(d): d for d in resolved.documents}
    for document in resolved.documents:
        document.citing = sorted(
            citing[id(document)].values(), key=lambda c: c.article.date, reverse=True
        )
        document.cited_with = [
            (by_id[other], count)
            for other, count in sorted(
                together[id(document)].items(), key=lambda item: (-item[1], by_id[item[0]].id)
            )
        ]
    _report_unregistered(resolved.documents)
    _report_unlinked(resolved)
    return resolved.documents


def linked_html(page: ScannedPage, resolved: Resolved, config: Config) -> str | None:
    """annotate.apply, remembered: the same page linking the same documents the same way
    gives the same HTML, so an unchanged article is not parsed again."""
    links = [
        (
            found.node,
            found.citation.start,
            found.citation.end,
            document.id,
            config.href(document.url),
            document.describe(),
        )
        for found in page.found
        if (document := resolved.resolutions[found.citation].document) is not None
    ]
    if not links:
        return None
    store = memo("regulations.linked")
    key = key_of(page.html, repr(links))
    html = store.get(key)
    if html is None:
        html = annotate.apply(page, resolved, lambda d: config.href(d.url))
        store.put(key, html or "")
    return html or None


def cited_documents(documents: list[Document]) -> list[CitedDocument]:
    """The documents with a page, as the other plugins read them (portal.models)."""
    return [
        CitedDocument(
            key=document.key,
            id=document.id,
            label=document.label,
            title=document.title or "",
            url=document.url,
            citing=tuple(
                CitingArticle(
                    url=citing.article.url,
                    title=citing.article.title,
                    date=citing.article.date,
                    category=citing.article.category.name if citing.article.category else "",
                    sentence=(citing.sentences or [""])[0],
                )
                for citing in document.citing
            ),
        )
        for document in documents
    ]


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


def _report_unlinked(resolved: Resolved) -> None:
    statuses = Counter(r.status for r in resolved.resolutions.values())
    if statuses[Status.AMBIGUOUS] or statuses[Status.UNRESOLVED]:
        logger.info(
            "%d trích dẫn mơ hồ, %d trích dẫn rút gọn không xác định được, không gắn liên kết; "
            "xem từng trường hợp: python -m regulations content/",
            statuses[Status.AMBIGUOUS],
            statuses[Status.UNRESOLVED],
        )
