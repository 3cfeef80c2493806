"""What each page of the theme reads, so that a page is rendered again only when that
changed (portal/incremental.py). One function per template, beside the plugins' own:
date_archives/dependencies.py (the archive pages) and regulations/dependencies.py (the
document pages).

Every page shows the chrome (header, menu, day picker, footer): the settings (in the code
fingerprint of every key), the categories that have articles, and the archive's days.
A function here must name everything its template prints; the test of incremental
builds (tests/test_incremental.py) builds the site both ways after each kind of change
and compares the bytes, so a forgotten input shows up there.
"""

from collections.abc import Mapping
from typing import Any

from .incremental import current_build, digest, feed_item_inputs, page_inputs
from .models import facts


def _memo(kind: str, obj: Any, compute) -> str:
    """Per build, each object's facts once, as a digest (an article is listed on many
    pages: its facts are hashed once, then each page's key hashes short strings)."""
    memo = current_build().memo
    key = (kind, id(obj))
    if key not in memo:
        memo[key] = (obj, digest(kind, compute(obj)))  # obj kept: its id is not reused
    return memo[key][1]


def chrome(context: Mapping[str, Any]) -> Any:
    """What base.html shows on every page besides the settings."""

    def compute(_):
        archive = context.get("date_archives")
        return (
            [(c.slug, c.name, c.url, bool(items)) for c, items in context.get("categories", [])],
            None
            if archive is None
            else (
                archive.first_day,
                archive.by_category,
                sorted(archive.category_days),
                archive.index_url,
                archive.days_file,
            ),
        )

    return _memo("chrome", context.get("categories"), compute)


def lead_image(article: Any, size: str) -> Any:
    lead = facts(article).lead_image
    if lead is None:
        return None
    variant = lead.variants[size]
    return (lead.alt, variant.relative_url, variant.width, variant.height)


def listed(article: Any) -> Any:
    """An article as lists show it (components/article_item.html, related lists)."""
    return _memo(
        "listed",
        article,
        lambda a: (
            a.url,
            a.title,
            a.date,
            str(a.summary or ""),
            lead_image(a, "list"),
            a.category.slug,
        ),
    )


def _names(items: Any) -> Any:
    return [(item.name, item.url) for item in items or ()]


def article_page(article: Any) -> Any:
    """Everything article.html prints of its article, the related lists included."""

    def compute(a):
        news = facts(a).related_news
        related = None
        if news is not None:
            related = [
                news.older and listed(news.older),
                news.newer and listed(news.newer),
                [listed(item) for item in news.same_category],
                [listed(item) for item in news.related],
                [listed(item) for item in news.others],
            ]
        return (
            listed(a),
            str(a.content),
            _names(getattr(a, "authors", ())),
            getattr(a, "author_role", None),
            getattr(a, "source", None),
            getattr(a, "province", None),
            lead_image(a, "article"),
            (a.category.name, a.category.url, a.category.slug),
            _names(getattr(a, "tags", ())),
            facts(a).search_fields,
            related,
        )

    return _memo("page", article, compute)


def paginated(variables: Mapping[str, Any]) -> Any:
    """A page of a paginated list: its articles with their sapo, and the page links."""
    page, paginator = variables["articles_page"], variables["articles_paginator"]
    # The links to the other pages follow from their count (and PAGINATION_PATTERNS, in
    # every key's fingerprint): listing their URLs would cost pages² per list.
    return page.number, paginator.num_pages, [listed(article) for article in page.object_list]


@page_inputs("article")
def article_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    return chrome(context), article_page(variables["article"])


@page_inputs("category")
def category_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    category = variables["category"]
    return chrome(context), (category.name, category.slug, category.url), paginated(variables)


@page_inputs("tag")
def tag_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    tag = variables["tag"]
    return chrome(context), (tag.name, tag.slug, tag.url), paginated(variables)


@page_inputs("tags")
def tags_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    return chrome(context), [(tag.name, tag.url, len(items)) for tag, items in context["tags"]]


@page_inputs("index")
def index_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    latest = context["articles"][: context.get("HOME_LATEST_COUNT", 10)]
    shown = context.get("HOME_CATEGORY_COUNT", 5)
    tops = [
        (
            category.slug,
            [listed(a) for a in sorted(items, key=lambda a: a.date, reverse=True)[:shown]],
        )
        for category, items in context.get("categories", [])
    ]
    return chrome(context), [listed(a) for a in latest], tops


@page_inputs("search")
def search_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    return chrome(context), context.get("SEARCH_INDEX_CLIENT")


@page_inputs("404")
def not_found_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    return chrome(context)


@feed_item_inputs
def feed_item(article: Any, context: Mapping[str, Any]) -> Any:
    """What Pelican's feed writer takes of an article: its entry."""
    return _memo(
        "feed",
        article,
        lambda a: (
            a.url,
            a.title,
            a.date,
            getattr(a, "modified", None),
            str(a.summary or ""),
            str(a.content),
            str(a.category),
            [str(tag) for tag in getattr(a, "tags", ())],
            str(getattr(a, "author", "")),
        ),
    )
