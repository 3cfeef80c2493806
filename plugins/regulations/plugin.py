"""Pelican hooks: link citations once all articles are read, then write the pages."""

from __future__ import annotations

from portal import pipeline

from . import settings
from .pages import RegulationsGenerator, date_empty_feed
from .site import CONTEXT_KEY, link_articles


def link_citations(generator) -> None:
    config = settings.load(generator.settings)
    articles = list(generator.articles) + list(generator.translations)
    generator.context[CONTEXT_KEY] = link_articles(articles, config)


def register() -> None:
    pipeline.provide("regulations.link", link_citations)
    pipeline.provide("regulations.pages", RegulationsGenerator)
    pipeline.provide("regulations.feed_dates", date_empty_feed)
