"""No content file can stall the build: a Markdown shape is either refused by the checks,
with its line, or converted quickly. Times are CPU time of this process."""

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import read_settings
from site_pages import SETTINGS_FILE

from content_intake.body_limits import MAX_BRACKETS, MAX_NESTING, limit_problems
from content_intake.sanitize import sanitize
from vntext.source import parse_header

MARKDOWN = read_settings(str(SETTINGS_FILE))["MARKDOWN"]
HEADER = "Title: Bài\nDate: 2023-12-12\nCategory: Tin từ các đơn vị\n\n"

# What Python-Markdown's slow paths are made of: brackets, footnotes, nesting, emphasis,
# raw HTML, tables, abbreviations, code.
PIECES = [
    "[", "]", "(", ")", "[^1]", "![", "](", "- ", "* ", "1. ", "    ", "\t", "> ", ">",
    "*", "**", "_", "`", "```", "<div>", "</div>", "<b>", "<", "&amp;", "|", "---",
    "\n", "\n\n", "chữ", "a", "http://x.vn", "[^1]: chú thích\n", "*[HTML]: x\n", "HTML",
]  # fmt: skip


def cpu(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def convert(text: str) -> str:
    return sanitize(Markdown(**MARKDOWN).convert(text), frozenset())


def refused(text: str) -> bool:
    source = parse_header(HEADER + text)
    return any(True for _ in limit_problems(source))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1000, max_size=6000))
def test_any_shape_is_refused_or_converted_quickly(pieces):
    text = "".join(pieces)
    if not refused(text):
        assert cpu(lambda: convert(HEADER + text)) < 2.0


def test_the_limits_themselves_convert_quickly():
    """At the bounds the checks allow, every slow shape is still fast."""
    deepest = "".join("    " * level + "- mục\n" for level in range(MAX_NESTING))
    quotes = "> " * MAX_NESTING + "trích\n"
    brackets = "[" * MAX_BRACKETS + "\n"
    footnotes = "[^1]" * (MAX_BRACKETS // 2) + "\n\n[^1]: chú thích\n"
    for text in (deepest, quotes, brackets, footnotes):
        assert not refused(text)
        assert cpu(lambda text=text: convert(HEADER + text)) < 1.0


def test_one_level_past_each_bound_is_refused_with_its_line():
    deeper = "".join("    " * level + "- mục\n" for level in range(MAX_NESTING + 1))
    problems = list(limit_problems(parse_header(HEADER + deeper)))
    assert problems == [(5 + MAX_NESTING, problems[0][1])]
    assert f"lồng nhau {MAX_NESTING + 1} tầng" in problems[0][1]
    brackets = "chữ\n\n" + "[" * (MAX_BRACKETS + 1) + "\n"
    problems = list(limit_problems(parse_header(HEADER + brackets)))
    assert problems[0][0] == 7 and f"hơn {MAX_BRACKETS} dấu [" in problems[0][1]


def test_real_articles_are_far_from_every_bound():
    for path in sorted(Path(SETTINGS_FILE).parent.joinpath("content").rglob("*.md")):
        assert not any(True for _ in limit_problems(parse_header(path.read_text(encoding="utf-8"))))
