"""Pelican hooks: link citations once all articles are read, then write the pages."""

from __future__ import annotations

from pelican import signals

from . import settings
from .pages import RegulationsGenerator, date_empty_feed
from .site import CONTEXT_KEY, link_articles


def link_citations(generator) -> None:
    config = settings.load(generator.settings)
    articles = list(generator.articles) + list(generator.translations)
    generator.context[CONTEXT_KEY] = link_articles(articles, config)


def get_generators(pelican):
    return RegulationsGenerator


def register() -> None:
    signals.article_generator_finalized.connect(link_citations)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(date_empty_feed)
