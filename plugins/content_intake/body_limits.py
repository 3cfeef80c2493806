"""Bounds on the shapes of Markdown that make Python-Markdown slow, checked before reading.

Python-Markdown's time grows with the cube of list nesting (1,000 levels: 48 s; 2,000:
436 s) and with the square of the brackets in one paragraph (20,000 "[": 71 s). No real
article comes near these bounds; a file past them is refused with its line, so no file
can stall the build.
"""

import re
from collections.abc import Iterator

from vntext.source import SourceFile

MAX_BYTES = 1_000_000  # a long article is 50 KB of text
MAX_NESTING = 12  # lists and quotes inside each other
MAX_BRACKETS = 400  # "[" in one paragraph: links, images, footnotes

# A quote marker, or a list marker followed by a space.
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
# The prefix of a line that opens blocks: markers and indentation.
_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_TAB = 4  # Python-Markdown's tab_length


def nesting(line: str) -> int:
    """How many blocks a line sits in: one per marker, one per 4 columns of indentation
    (the space after each marker does not count)."""
    prefix = _PREFIX.match(line).group()  # type: ignore[union-attr]  # matches at least ""
    markers = len(_MARKER.findall(prefix))
    columns = len(_MARKER.sub("", prefix).expandtabs(_TAB))
    return markers + max(0, columns - markers) // _TAB


def limit_problems(source: SourceFile) -> Iterator[tuple[int, str]]:
    size = len(source.text.encode("utf-8"))
    if size > MAX_BYTES:
        yield (
            1,
            (
                f"tệp dài {size // 1000} KB, quá {MAX_BYTES // 1000} KB cho một bài: "
                "chia thành nhiều bài, hoặc đưa tài liệu dài vào content/files/ rồi liên kết tới"
            ),
        )
        return
    lines = source.text.split("\n")
    paragraph_start, brackets = source.body_line, 0
    for number in range(source.body_line, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            paragraph_start, brackets = number + 1, 0
            continue
        if (depth := nesting(line)) > MAX_NESTING:
            yield (
                number,
                (
                    f"danh sách hoặc trích dẫn lồng nhau {depth} tầng, quá {MAX_NESTING} tầng: "
                    "bớt thụt lề hoặc bớt dấu > và dấu đầu dòng"
                ),
            )
            return
        brackets += line.count("[")
        if brackets > MAX_BRACKETS:
            yield (
                paragraph_start,
                (
                    f"đoạn văn này có hơn {MAX_BRACKETS} dấu [: chia đoạn bằng dòng trống, "
                    "hoặc bớt các liên kết, chú thích"
                ),
            )
            return
