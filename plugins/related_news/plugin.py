"""The stage related_news.attach: once every article is read and its citations linked,
ArticleFacts.related_news for each.

It runs after regulations.link (portal/pipeline.py), which writes the documents each
article cites in ArticleFacts.documents. Without that plugin, or for an article citing
nothing, tags and text alone decide.
"""

from pelican.generators import ArticlesGenerator

import vntext
from portal import pipeline
from portal.models import facts

from . import settings
from .lists import assemble, by_category
from .scoring import Index, Item, paused_gc
from .text import Syllables, stop_bigrams


def item_of(article, text_length: int, syllables: Syllables) -> Item:
    summary = article.metadata.get("summary") or ""
    return Item(
        key=article.url,
        timestamp=article.date.timestamp(),
        bigrams=syllables.article(
            vntext.html_text(article.title),
            vntext.html_text(summary),
            vntext.html_text(getattr(article, "_content", "") or ""),
            text_length,
        ),
        tags=tuple(sorted({tag.slug for tag in getattr(article, "tags", None) or ()})),
        documents=tuple(sorted({document.key for document in facts(article).documents})),
    )


def attach_related_news(articles: list, config: settings.Config) -> None:
    """Set `related_news` on every article of the list."""
    with paused_gc():
        _attach(articles, config)


def _attach(articles: list, config: settings.Config) -> None:
    syllables = Syllables()
    items = [item_of(a, config.text_length, syllables) for a in articles]
    index = Index(items, config, stop_bigrams(syllables))
    position_of = {id(a): i for i, a in enumerate(articles)}
    for category_articles in by_category(articles).values():
        for position, article in enumerate(category_articles):
            found = index.related(position_of[id(article)], config.related_count)
            facts(article).related_news = assemble(
                article,
                category_articles,
                position,
                related=[articles[i] for i, _ in found],
                scores=[score for _, score in found],
                same_count=config.same_category_count,
                others_count=config.others_count,
            )


def on_all_generators_finalized(generators) -> None:
    for generator in generators:
        # Receivers outlive a build in the same process: act only where enabled.
        if isinstance(generator, ArticlesGenerator):
            attach_related_news(list(generator.articles), settings.load(generator.settings))


def register() -> None:
    pipeline.provide("related_news.attach", on_all_generators_finalized)
