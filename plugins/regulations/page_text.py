"""The text of a page as BeautifulSoup sees it, read by lxml without building a tree.

Finding citations needs only the page's strings: which may hold a citation, and the
text of the block (paragraph, list item...) each is in, for its sentence. BeautifulSoup's
lxml builder is an lxml parser target; PageText is another target fed the same events,
keeping only strings and block boundaries by the same rules (whitespace-only strings
become one space or newline outside <pre>, text in script, style, template, rt and rp is
not plain text, comments end a string), so it yields the same strings in the same order
as annotate._text_nodes on the parsed page, and the same sentences, without making a
Tag or a NavigableString (bench/regulations_speed.py checks that both agree and times
them). annotate.apply() still links on a BeautifulSoup tree, and checks the strings.
"""

from __future__ import annotations

import re
import threading
from typing import Protocol, cast

from lxml import etree

import vntext

from .clean import CleanText
from .models import Citation

# Where text is never linked (a link, code, preformatted...).
SKIP = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "title"})
# The elements whose text a sentence is taken from.
BLOCKS = frozenset(
    {
        "p",
        "li",
        "td",
        "th",
        "dd",
        "dt",
        "blockquote",
        "figcaption",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "section",
        "article",
        "body",
    }
)
# As in bs4.builder.HTMLTreeBuilder: elements whose strings are not plain text
# (DEFAULT_STRING_CONTAINERS), and those whose whitespace is kept as written.
_CONTAINERS = frozenset({"rt", "rp", "style", "script", "template"})
_PRESERVE = frozenset({"pre", "textarea"})
_ASCII_SPACES = " \n\t\f\r"
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…;](?=\s)|\n")
# The last sentence end before a position: everything, given back from the end.
_LAST_SENTENCE_END = re.compile(r"(?s:.*)(?:[.!?…;](?=\s)|\n)")
SENTENCE_MAX = 400
# Wrapped, so that text outside any element is not given a <p> by the parser.
WRAPPER = "data-regulations-root"


def wrap(html: str) -> str:
    return f"<div {WRAPPER}>{html}</div>"


class PageText:
    """The plain strings of a page and the blocks they are in, as annotate reads them."""

    __slots__ = ("strings", "candidates", "block_of", "_texts")

    @classmethod
    def of(cls, html: str) -> PageText:
        parser = _reader()
        try:
            parser.feed(wrap(html))
            return parser.close()
        except BaseException:
            _readers.__dict__.clear()  # a parser that failed half-way is not used again
            raise

    def __init__(self, strings: list[str], candidates: list[int], block_of: dict):
        self.strings = strings  # plain strings, in document order
        self.candidates = candidates  # those that may hold a citation (see annotate)
        self.block_of = block_of  # candidate -> [first, end) of its block
        self._texts: dict[int, tuple[str, list[int]]] = {}

    # -- sentences -------------------------------------------------------------------------
    def sentence(self, at: int, cleaned: CleanText, citation: Citation) -> str:
        """The sentence of the block the citation in string `at` is in."""
        block = self.block_of.get(at)
        if block is None or block[1] - block[0] == 1:
            # No block, or a block of this string alone: its text is the cleaned string
            # (clean(s).text is vntext.normalize(s)).
            return sentence_around(cleaned.text, citation.start, citation.end - citation.start)
        first, end = block
        text, offsets = self._block_text(first, end)
        return sentence_around(
            text, offsets[at - first] + citation.start, citation.end - citation.start
        )

    def _block_text(self, first: int, end: int) -> tuple[str, list[int]]:
        """A block's normalised text, and where each of its strings starts in it (counted
        in normalised strings, as annotate._sentence does)."""
        key = first * 1_000_003 + end
        known = self._texts.get(key)
        if known is None:
            strings = self.strings[first:end]
            offsets, offset = [], 0
            for string in strings:
                offsets.append(offset)
                offset += len(vntext.normalize(string))
            known = self._texts[key] = (vntext.normalize("".join(strings)), offsets)
        return known


class _Events:
    """lxml parser target: the events of one page, as bs4.builder._lxml's tree builder
    handles them, kept as strings and block spans; close() hands them over as a PageText
    and starts afresh, so that one parser serves every page."""

    __slots__ = (
        "strings",
        "candidates",
        "block_of",
        "_blocks",
        "_open",
        "_skipped",
        "_containers",
        "_preserved",
        "_data",
    )

    def __init__(self):
        self._reset()

    def _reset(self):
        self.strings: list[str] = []
        self.candidates: list[int] = []
        self.block_of: dict[int, list[int]] = {}
        self._blocks: list[list[int]] = []  # open blocks: [first string, end or -1]
        self._open: list[str] = []
        self._skipped = 0
        self._containers = 0
        self._preserved = 0
        self._data: list[str] = []

    def start(self, tag, attrib, nsmap=None):
        self._end_data()
        self._open.append(tag)
        if tag in SKIP:
            self._skipped += 1
        if tag in _CONTAINERS:
            self._containers += 1
        if tag in _PRESERVE:
            self._preserved += 1
        if tag in BLOCKS:
            self._blocks.append([len(self.strings), -1])

    def end(self, tag):
        self._end_data()
        tag = self._open.pop()
        if tag in SKIP:
            self._skipped -= 1
        if tag in _CONTAINERS:
            self._containers -= 1
        if tag in _PRESERVE:
            self._preserved -= 1
        if tag in BLOCKS:
            self._blocks.pop()[1] = len(self.strings)

    def data(self, data):
        self._data.append(data)

    def comment(self, text):
        self._end_data()  # a comment is not text

    def pi(self, target, data):
        self._end_data()

    def doctype(self, *args):
        self._end_data()

    def close(self) -> PageText:
        self._end_data()
        for block in self._blocks:  # left open by the page's markup: they end with it
            block[1] = len(self.strings)
        page = PageText(self.strings, self.candidates, self.block_of)
        self._reset()
        return page

    def _end_data(self):
        if not self._data:
            return
        text = "".join(self._data)
        self._data = []
        if not self._preserved and not text.strip(_ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        if self._containers:
            return  # a Script, Stylesheet, TemplateString...: not text of the page
        index = len(self.strings)
        self.strings.append(text)
        if not self._skipped and _DIGIT.search(text):
            self.candidates.append(index)
            if self._blocks:
                self.block_of[index] = self._blocks[-1]


class _PageReader(Protocol):
    """An lxml parser with an _Events target: fed a page, it closes into its PageText."""

    def feed(self, data: str) -> None: ...

    def close(self) -> PageText: ...


# One parser a thread, kept: lxml inspects a parser's target when it is made, which
# costs more than reading a page.
_readers = threading.local()


def _reader() -> _PageReader:
    if not hasattr(_readers, "parser"):
        # lxml calls only the methods a target has: _Events has those it needs, while
        # the stubs' ParserTarget protocol lists every one a target may have.
        target = cast("etree.ParserTarget[PageText]", _Events())
        # The parser BeautifulSoup's "lxml" builder makes, with the same options.
        parser: _PageReader = etree.HTMLParser(
            target=target, recover=True, huge_tree=False, encoding=None
        )
        _readers.parser = parser
    return _readers.parser


def sentence_around(text: str, offset: int, length: int) -> str:
    """The sentence of `text` that the `length` characters at `offset` are in."""
    last = _LAST_SENTENCE_END.match(text, max(0, offset - SENTENCE_MAX), offset)
    start = last.end() if last else 0
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
