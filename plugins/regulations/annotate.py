"""Annotating article HTML: each resolved citation becomes a link to its document.

A page is read only when a cheap search of the raw HTML finds something shaped like a
citation. scan() reads its strings with lxml's parser events (page_text), the way
BeautifulSoup's lxml builder sees them, without building a tree; apply() parses the
page with BeautifulSoup (lxml) only to link, once the whole site is resolved. Text
inside links, code and preformatted blocks is never touched, and only the text of a
citation is wrapped, so the rest of the markup is the same document tree.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, PageElement, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import DEFAULT_OUTPUT_ENCODING as _ENCODING
from bs4.formatter import HTMLFormatter
from lxml import etree

import vntext

from .clean import CleanText, clean
from .find import Finder
from .models import Citation, Document, Found, Resolved, ScannedPage
from .page_text import BLOCKS, SKIP, WRAPPER, PageText, sentence_around, wrap

_DIGIT = re.compile(r"\d")
# What EntitySubstitution.substitute_xml replaces in text.
_ESCAPED = re.compile(r"[&<>]")


class _Html5(HTMLFormatter):
    """HTML as Markdown writes it: "<br>", only &, < and > escaped, attributes in their
    order. (bs4's "html5" formatter spells every letter it can as a named entity, which
    is also 17 times slower.)"""

    def __init__(self):
        super().__init__(
            entity_substitution=EntitySubstitution.substitute_xml,
            void_element_close_prefix="",
            empty_attributes_are_booleans=False,
        )

    def attributes(self, tag):
        return list(tag.attrs.items()) if tag.attrs else []


_FORMATTER = _Html5()


def scan(html: str, finder: Finder) -> ScannedPage:
    """Citations in an HTML fragment, in document order, with their sentences."""
    if not _may_cite(html, finder):
        return ScannedPage(html, [])
    try:
        page = _read(html)
    except (etree.ParserError, UnicodeDecodeError, LookupError):
        return scan_soup(html, finder)
    found: list[Found] = []
    for index, at in enumerate(page.candidates):
        cleaned = clean(page.strings[at])
        for citation in finder.find(cleaned.text):
            found.append(Found(index, cleaned, citation, page.sentence(at, cleaned, citation)))
    return ScannedPage(html, found)


def scan_soup(html: str, finder: Finder) -> ScannedPage:
    """scan() on a BeautifulSoup tree: what PageText must agree with, and the way when
    lxml will not read the page by itself."""
    if not _may_cite(html, finder):
        return ScannedPage(html, [])
    found: list[Found] = []
    for index, node in enumerate(_text_nodes(_parse(html))):
        cleaned = clean(str(node))
        for citation in finder.find(cleaned.text):
            found.append(Found(index, cleaned, citation, _sentence(node, cleaned, citation)))
    return ScannedPage(html, found)


def _may_cite(html: str, finder: Finder) -> bool:
    """Whether a page may hold a citation: tested on its HTML as written, and again
    normalised (NFC, lookalikes replaced) only when normalising changes it."""
    if not html:
        return False
    if finder.may_cite(html):
        return True
    normalized = vntext.normalize(html)
    return normalized != html and finder.may_cite(normalized)


def apply(page: ScannedPage, resolved: Resolved, href: Callable[[Document], str]) -> str | None:
    """The page's HTML with linked citations wrapped in <a>; None when nothing was linked."""
    by_node: dict[int, list[tuple[Found, Document]]] = {}
    for found in page.found:
        document = resolved.resolutions[found.citation].document
        if document is not None:
            by_node.setdefault(found.node, []).append((found, document))
    if not by_node:
        return None
    soup = _parse(page.html)
    nodes = list(_text_nodes(soup))
    for index, items in by_node.items():
        node = _node(nodes, index, items[0][0].cleaned.original)
        if node is None:
            continue
        text = str(node)
        pieces: list[PageElement] = []
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
                    "title": document.describe(),
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
    head, body = _head_and_body(soup)
    wrapper = body.find(True, recursive=False) if body else None
    if body is not None and isinstance(wrapper, Tag) and wrapper.has_attr(WRAPPER):
        # Written as if unwrapped (its strings are in no <script> or <style> either way).
        at = next(i for i, child in enumerate(body.contents) if child is wrapper)
        body_nodes = body.contents[:at] + wrapper.contents + body.contents[at + 1 :]
    else:
        for element in soup.find_all(True, attrs={WRAPPER: True}):
            element.unwrap()
        body_nodes = body.contents if body else []
    return (_decode(head.contents) if head else "") + _decode(body_nodes)


def _head_and_body(soup: BeautifulSoup) -> tuple[Tag | None, Tag | None]:
    """soup.head and soup.body without searching the whole tree for a <head> that a
    fragment does not have: lxml puts <head> and <body> only right under an <html> at
    the top (libxml2 drops a "misplaced <head> tag")."""
    head = body = None
    for top in soup.contents:
        if not isinstance(top, Tag) or top.name != "html":
            continue
        for child in top.contents:
            if not isinstance(child, Tag):
                continue
            if child.name == "head" and head is None:
                head = child
            elif child.name == "body" and body is None:
                body = child
    return head, body


def _node(nodes: list[NavigableString], index: int, text: str) -> NavigableString | None:
    """The string scan() found its citations in. scan() reads the page with page_text,
    which agrees with this tree string for string; should a page ever make them differ,
    the string is looked up by its text, and a citation is never linked in other text."""
    if index < len(nodes) and nodes[index] == text:
        return nodes[index]
    return next((node for node in nodes if node == text), None)


def _read(html: str) -> PageText:
    return PageText.of(html)


def _parse(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # An article whose whole text is "xem 208-QĐ/TW" is not a file name.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        # Wrapped, so that text outside any element is not given a <p> by the parser.
        return BeautifulSoup(wrap(html), "lxml")


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
    return sentence_around(text, offset, citation.end - citation.start)


def _decode(nodes: list) -> str:
    """What tag.decode_contents(formatter=_FORMATTER) writes for a tag with these
    contents, in one walk (bs4's goes through an event stream and indentation checks for
    every node). Each tag and string is written by bs4 itself."""
    out: list[str] = []
    stack = [(iter(nodes), "")]
    while stack:
        children, closing = stack[-1]
        for node in children:
            if isinstance(node, NavigableString):
                if type(node) is NavigableString and not _ESCAPED.search(node):
                    out.append(node)  # what the formatter would write: nothing to escape
                else:
                    out.append(node.output_ready(_FORMATTER))
                continue
            out.append(node._format_tag(_ENCODING, _FORMATTER, opening=True))
            if not node.is_empty_element:
                closing_tag = node._format_tag(_ENCODING, _FORMATTER, opening=False)
                stack.append((iter(node.contents), closing_tag))
                break
        else:
            stack.pop()
            out.append(closing)
    return "".join(out)
