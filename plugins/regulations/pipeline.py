"""One pipeline for the build and the editors' command.

Both take an article as the site's reader makes it, its HTML, and run the same stages
over it: clean and find in each string of the page that may hold a citation
(annotate.scan), then resolve every citation of the site at once (resolve.py). The build
then links them (annotate.apply) and gathers what cites each document (site.py); the
command reports them by file and line (cli.py). One representation and one pipeline:
what `make regulations` lists is what the build links.
"""

from __future__ import annotations

from typing import Any

from portal.memo import key_of, memo

from . import annotate, registry
from .find import default_finder
from .knowledge import load as load_knowledge
from .models import Cited, ScannedPage, Source, Text
from .resolve import Resolver
from .settings import Config


def text_of(article: Any, config: Config) -> Text:
    """What the pipeline reads of a Pelican article: its HTML (as the reader made it,
    before any plugin wrote into it), its date and the province it is from."""
    province = getattr(article, "province", None)  # the optional `Province:` header
    return Text(
        article,
        article._content,
        article.date,
        str(province).strip() if province else config.province,
    )


def scanned(html: str, finder) -> ScannedPage:
    """annotate.scan, remembered by the page's HTML (and the build's code and data)."""
    store = memo("regulations.scan")
    key = key_of(html)
    found = store.get(key)
    if found is None:
        page = annotate.scan(html, finder)
        store.put(key, page.found)
        return page
    return ScannedPage(html, found)


def cite(texts: list[Text], config: Config) -> Cited:
    """Every text's citations, found in its HTML, and how they resolve."""
    finder = default_finder()
    entries = registry.load(config.registry, finder)
    pages = {text: scanned(text.html, finder) for text in texts}
    sources = [
        Source(text.ref, text.date, text.province, page.citations) for text, page in pages.items()
    ]
    resolved = Resolver(load_knowledge(), entries, config.province).resolve(sources)
    return Cited(pages, resolved)
