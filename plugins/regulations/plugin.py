"""Pelican hooks: link citations once all articles are read, then write the pages."""

from __future__ import annotations

from portal import pipeline
from portal.models import CITED_DOCUMENTS, NUMBER_RULES

from . import (
    dependencies,  # noqa: F401  (declares what the document pages read)
    settings,
)
from .knowledge import load as load_knowledge
from .knowledge import number_rules
from .pages import RegulationsGenerator, date_empty_feed
from .site import CONTEXT_KEY, cited_documents, link_articles


def link_citations(generator) -> None:
    config = settings.load(generator.settings)
    articles = list(generator.articles) + list(generator.translations)
    documents = link_articles(articles, config)
    generator.context[CONTEXT_KEY] = documents  # for this plugin's pages
    generator.context[CITED_DOCUMENTS] = cited_documents(documents)  # for the others
    generator.context[NUMBER_RULES] = number_rules(load_knowledge())


def register() -> None:
    pipeline.provide("regulations.link", link_citations)
    pipeline.provide("regulations.pages", RegulationsGenerator)
    pipeline.provide("regulations.feed_dates", date_empty_feed)
