"""A content file as the editor wrote it: text and metadata header with line numbers.

The one reading of a Markdown file's header, for the build's checks and reader
(content_intake) and the editors' citation command (regulations).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .text import normalize


class SourceError(Exception):
    """A file that cannot be read at all; carries the line where reading stopped."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.path: Path | None = None  # set by read_source


@dataclass
class SourceFile:
    path: Path
    text: str  # normalised (NFC, lookalikes replaced): what the build publishes
    metadata: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (value, line)
    repeated: list[tuple[str, int]] = field(default_factory=list)  # keys given twice, and where
    body_line: int = 1  # first line of the body
    # A line of the header that reads like a field but is not one Markdown can parse
    # ("Nguồn tin: ..."): the header ends there without a word, so the checks name it.
    unparsed_line: int | None = None


def decode(raw: bytes) -> str:
    """Strict UTF-8 (a BOM is allowed): a wrong guess would publish mojibake."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            line,
            "tệp không phải UTF-8 (byte lạ ở dòng này): hãy lưu lại tệp với mã hoá UTF-8",
        ) from None


# The grammar of Python-Markdown's meta extension, so we see the header exactly as it does.
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
# "Nguồn tin: ...", "Ngày đăng: ...", "Title : ...": a short name, then a colon.
_LOOKS_LIKE_FIELD = re.compile(r"^[ ]{0,3}[^\s:<>\[\]()#*!`|][^:<>\[\]()#*!`|.?]{0,40}:(\s|$)")


def parse_header(text: str) -> SourceFile:
    """The `Key: value` lines before the body, with the line of each; and the body's line."""
    source = SourceFile(path=Path(), text=text)
    metadata = source.metadata
    last_key = None
    lines = text.split("\n")
    source.body_line = len(lines) + 1
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            source.body_line = number + 1
            break
        if (match := _META_LINE.match(line)) is not None:
            last_key = match["key"].lower()
            if last_key in metadata:
                source.repeated.append((last_key, number))
            else:
                metadata[last_key] = (match["value"].strip(), number)
        elif last_key and (match := _CONTINUATION.match(line)) is not None:
            value, first_line = metadata[last_key]
            metadata[last_key] = (f"{value} {match['value'].strip()}".strip(), first_line)
        else:
            source.body_line = number
            if _LOOKS_LIKE_FIELD.match(line):
                source.unparsed_line = number
            break
    return source


def read_source(path: Path) -> SourceFile:
    try:
        text = decode(path.read_bytes())
    except SourceError as error:
        error.path = path
        raise
    source = parse_header(normalize(text))
    source.path = path
    return source
