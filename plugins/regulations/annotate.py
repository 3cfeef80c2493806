"""Annotating article HTML: each resolved citation becomes a link to its document.

The HTML is parsed with BeautifulSoup (lxml) only when a cheap search of the raw HTML
finds something shaped like a citation; text inside links, code and preformatted
blocks is never touched, and only the text of a citation is wrapped, so the rest of
the markup is the same document tree.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Callable

import vntext
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from .clean import CleanText, clean
from .find import Citation, Finder
from .resolve import Document, Resolution

SKIP = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "title"})
BLOCKS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption",
     "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "body"}
)
_DIGIT = re.compile(r"\d")
_WRAPPER = "data-regulations-root"
_SENTENCE_END = re.compile(r"[.!?…;](?=\s)|\n")
SENTENCE_MAX = 400


class _Html5(HTMLFormatter):
    """HTML as Markdown writes it: "<br>", only &, < and > escaped, attributes in their
    order. (bs4's "html5" formatter spells every letter it can as a named entity, which
    is also 17 times slower.)"""

    def __init__(self):
        super().__init__(
            entity_substitution=EntitySubstitution.substitute_xml,
            void_element_close_prefix=None,
            empty_attributes_are_booleans=False,
        )

    def attributes(self, tag):
        return list(tag.attrs.items()) if tag.attrs else []


_FORMATTER = _Html5()


@dataclass(eq=False)
class Found:
    node: int  # which candidate text node of the page (see _text_nodes)
    cleaned: CleanText
    citation: Citation
    sentence: str


@dataclass(eq=False)
class ParsedHTML:
    """What a page cites. The parsed tree is not kept (a site has thousands of pages);
    apply() parses the page again, only when it has something to link."""

    html: str
    found: list[Found]

    @property
    def citations(self) -> list[Citation]:
        return [f.citation for f in self.found]


def scan(html: str, finder: Finder) -> ParsedHTML:
    """Citations in an HTML fragment, in document order, with their sentences."""
    if not html or not finder.may_cite(vntext.normalize(html)):
        return ParsedHTML(html, [])
    found: list[Found] = []
    for index, node in enumerate(_text_nodes(_parse(html))):
        cleaned = clean(str(node))
        for citation in finder.find(cleaned.text):
            found.append(Found(index, cleaned, citation, _sentence(node, cleaned, citation)))
    return ParsedHTML(html, found)


def apply(
    parsed: ParsedHTML,
    resolutions: list[Resolution],
    href: Callable[[Document], str],
) -> str | None:
    """The HTML with linked citations wrapped in <a>; None when nothing was linked."""
    by_node: dict[int, list[tuple[Found, Document]]] = {}
    for found, resolution in zip(parsed.found, resolutions):
        if resolution.document is not None:
            by_node.setdefault(found.node, []).append((found, resolution.document))
    if not by_node:
        return None
    soup = _parse(parsed.html)
    nodes = list(_text_nodes(soup))
    titles: dict[int, str] = {}  # one description per document
    for index, items in by_node.items():
        node = nodes[index]
        text = str(node)
        pieces = []
        position = 0
        for found, document in items:
            start, end = found.cleaned.to_original(found.citation.start, found.citation.end)
            if start < position or end <= start:
                continue
            if start > position:
                pieces.append(NavigableString(text[position:start]))
            link = soup.new_tag(
                "a",
                attrs={
                    "href": href(document),
                    "data-regulation": document.id,
                    "title": titles.get(id(document)) or titles.setdefault(
                        id(document), document.describe()
                    ),
                },
            )
            link.string = text[start:end]
            pieces.append(link)
            position = end
        if position < len(text):
            pieces.append(NavigableString(text[position:]))
        node.replace_with(*pieces)
    # The wrapper is the first element of the body (unless the page's own markup made
    # the parser move it).
    wrapper = soup.body.find(True, recursive=False) if soup.body else None
    for element in [wrapper] if wrapper and wrapper.has_attr(_WRAPPER) else soup.find_all(
        attrs={_WRAPPER: True}
    ):
        element.unwrap()
    head = soup.head.decode_contents(formatter=_FORMATTER) if soup.head else ""
    body = soup.body.decode_contents(formatter=_FORMATTER) if soup.body else ""
    return head + body


def _parse(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # An article whose whole text is "xem 208-QĐ/TW" is not a file name.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        # Wrapped, so that text outside any element is not given a <p> by the parser.
        return BeautifulSoup(f"<div {_WRAPPER}>{html}</div>", "lxml")


def _text_nodes(soup: BeautifulSoup):
    """Text that may hold a citation, in document order: plain text with a digit, not
    inside a link, code or preformatted block. The same page gives the same sequence."""
    for node in soup.find_all(string=_DIGIT):
        if type(node) is NavigableString and not _skipped(node):
            yield node


def _skipped(node: NavigableString) -> bool:
    return any(parent.name in SKIP for parent in node.parents)


def _sentence(node: NavigableString, cleaned: CleanText, citation: Citation) -> str:
    """The sentence of the block (paragraph, list item...) the citation is in."""
    block = next((p for p in node.parents if p.name in BLOCKS), None)
    if block is None:
        text, offset = cleaned.text, citation.start
    else:
        offset = 0
        for string in block.strings:
            if string is node:
                break
            offset += len(vntext.normalize(string))
        text = vntext.normalize(block.get_text())
        offset += citation.start
    length = citation.end - citation.start
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, offset - SENTENCE_MAX), offset):
        start = m.end()
    stop = _SENTENCE_END.search(text, offset + length)
    end = stop.end() if stop else len(text)
    if end - start > SENTENCE_MAX:
        # A run-on sentence: keep a window around the citation.
        left = max(start, offset - SENTENCE_MAX // 3)
        right = min(end, left + SENTENCE_MAX)
        prefix = "…" if left > start else ""
        suffix = "…" if right < end else ""
        return prefix + " ".join(text[left:right].split()) + suffix
    return " ".join(text[start:end].split())
