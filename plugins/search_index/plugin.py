"""Pelican hooks: index fields on each article, the search page's settings, the indexer run."""

from __future__ import annotations

from pathlib import Path

import vntext
from portal import pipeline
from portal.memo import key_of, memo
from portal.models import CITED_DOCUMENTS, NUMBER_RULES, CitedDocument, CitingArticle, facts
from portal.output import render_queued

from . import fields, indexer
from .fields import (
    CATEGORY_FILTER,
    CITED_FILTER,
    DATE_FILTER,
    DATE_SORT,
    FOLD_FIELD,
    LINK_FILTER,
    NUMBER_FIELD,
)
from .settings import Config
from .settings import load as load_settings

CLIENT_KEY = "SEARCH_INDEX_CLIENT"


def folded_words(title: str, summary: str, content: str) -> str:
    """The article's words with đ folded, kept from the last build for the same text."""
    store = memo("search_index.folded")
    key = key_of(title, summary, content)
    folded = store.get(key)
    if folded is None:
        folded = fields.folded_d_words(title, vntext.html_text(summary), vntext.html_text(content))
        store.put(key, folded)
    return folded


def article_fields(article, config: Config) -> list[tuple[str, str, str]]:
    """(attribute, name, value) of the hidden elements article.html renders for Pagefind."""
    tags = []
    if config.fold_d:
        folded = folded_words(article.title, str(article.summary or ""), str(article.content))
        if folded:
            tags.append(("data-pagefind-meta", FOLD_FIELD, folded))
    tokens: dict[str, None] = {}
    for document in facts(article).documents:
        tokens.update(dict.fromkeys(fields.document_tokens(document.id)))
    if tokens:
        tags.append(("data-pagefind-meta", NUMBER_FIELD, " ".join(tokens)))
        tags += [("data-pagefind-filter", CITED_FILTER, token) for token in tokens]
    if getattr(article, "category", None):
        tags.append(("data-pagefind-filter", CATEGORY_FILTER, article.category.name))
    tags.append(("data-pagefind-filter", DATE_FILTER, vntext.format_date(article.date)))
    tags.append(("data-pagefind-sort", DATE_SORT, article.date.isoformat()))
    return tags


def set_article_fields(generator, content) -> None:
    # The settings are read once a build, not for each article written.
    config = getattr(generator, "search_index_config", None)
    if config is None:
        config = generator.search_index_config = load_settings(generator.settings)
    facts(content).search_fields = tuple(article_fields(content, config)) if config.enabled else ()


def citing_entry(citing: CitingArticle, siteurl: str) -> dict:
    """One article citing a document, as a number query shows it: the citing sentence
    stands for the excerpt."""
    return {
        "url": f"{siteurl}/{citing.url}",
        "title": citing.title,
        "date": vntext.format_date(citing.date),
        "iso": citing.date.isoformat(),  # to merge the lists of several documents
        "category": citing.category,
        "sentence": citing.sentence,
    }


class SearchIndexGenerator:
    """Runs after the articles are written: Pagefind over the output folder."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)
        self.config = load_settings(settings)
        self.shards: list[indexer.Shard] = []
        self.documents_folder = f"{self.config.bundle}-van-ban"

    def generate_context(self):
        articles = self.context.get("articles", [])
        self.shards = indexer.plan_shards(articles, self.config.bundle, self.config.shard_size)
        self.context[CLIENT_KEY] = self.client_config()

    def client_config(self) -> dict:
        """What search.js needs, rendered as JSON into the search page."""
        siteurl = self.settings.get("SITEURL", "") or ""
        categories = {c.slug: c.name for c, _ in self.context.get("categories", [])}
        return {
            # Newest first: the page searches the first shard alone, then older ones on demand.
            "shards": [
                {
                    "path": f"{siteurl}/{shard.bundle}/",
                    "newest": shard.newest,
                    "oldest": shard.oldest,
                    "articles": len(shard.pages),
                }
                for shard in self.shards
            ],
            "documents": f"{siteurl}/{self.documents_folder}/",
            "pageSize": self.config.page_size,
            "firstArticles": self.config.first_articles,
            "debounceMs": self.config.debounce_ms,
            "ranking": {"metaWeights": {FOLD_FIELD: self.config.fold_weight}},
            "fields": {
                "category": CATEGORY_FILTER,
                "cited": CITED_FILTER,
                "date": DATE_FILTER,
                "link": LINK_FILTER,
                "sort": DATE_SORT,
            },
            "categories": dict(sorted(categories.items())),
            "numbers": fields.query_rules(self.context.get(NUMBER_RULES)),
        }

    def documents(self) -> list[tuple[CitedDocument, list[str], str, list[dict]]]:
        """Each document with a page (plugin regulations), once: (document, its number
        tokens, its page's link, its citing articles newest first)."""
        siteurl = self.settings.get("SITEURL", "") or ""
        found: dict[str, tuple[CitedDocument, list[str], str, list[dict]]] = {}
        for document in self.context.get(CITED_DOCUMENTS) or []:
            tokens = fields.document_tokens(document.id)
            if tokens and document.url and document.url not in found:
                citing = [citing_entry(c, siteurl) for c in document.citing]
                found[document.url] = (document, tokens, f"{siteurl}/{document.url}", citing)
        return [found[url] for url in sorted(found)]

    def generate_output(self, writer):
        if not self.config.enabled:
            return
        render_queued()  # Pagefind reads the article pages: they must be written
        indexer.build(
            self.output_path,
            self.config.bundle,
            self.shards,
            self.documents_folder,
            self.documents(),
        )


def register():
    pipeline.provide("search_index.fields", set_article_fields)
    pipeline.provide("search_index.pagefind", SearchIndexGenerator)
