"""The stage related_news.attach: once every article is read and its citations linked,
ArticleFacts.related_news for each.

It runs after regulations.link (portal/pipeline.py), which writes the documents each
article cites in ArticleFacts.documents. Without that plugin, or for an article citing
nothing, tags and text alone decide.
"""

import os
from multiprocessing import get_context

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


# Fewer articles than this are scored here: starting processes costs more.
PARALLEL_FROM = 2000
_index: Index | None = None


def _related_share(share: tuple[int, int, int]) -> list[list[tuple[int, float]]]:
    """In a forked worker: "Tin liên quan" of every `step`-th article from `first`."""
    first, step, count = share
    assert _index is not None
    return [_index.related(i, count) for i in range(first, len(_index.items), step)]


def related_of_all(index: Index, count: int) -> list[list[tuple[int, float]]]:
    """Each article's related articles, best first: on every core for a large site (the
    index is built once and inherited by the workers)."""
    global _index
    total, cores = len(index.items), os.cpu_count() or 1
    if total < PARALLEL_FROM or cores < 2:
        return [index.related(i, count) for i in range(total)]
    _index = index
    try:
        with get_context("fork").Pool(cores) as pool:
            shares = pool.map(_related_share, [(first, cores, count) for first in range(cores)])
    finally:
        _index = None
    found: list[list[tuple[int, float]]] = [[] for _ in range(total)]
    for first, share in enumerate(shares):
        found[first::cores] = share
    return found


def _attach(articles: list, config: settings.Config) -> None:
    syllables = Syllables()
    items = [item_of(a, config.text_length, syllables) for a in articles]
    index = Index(items, config, stop_bigrams(syllables))
    related = related_of_all(index, config.related_count)
    position_of = {id(a): i for i, a in enumerate(articles)}
    for category_articles in by_category(articles).values():
        for position, article in enumerate(category_articles):
            found = related[position_of[id(article)]]
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
