"""The editors' command: every citation in the content, per file and line.

    python -m regulations content/            (run with plugins/ on PYTHONPATH)

prints, for each Markdown file, each citation found with its canonical id and page,
then the citations it could not resolve (a short reference with nothing to refer to)
or found ambiguous (one id, several documents, no date to choose), and the documents
missing from the registry. Each file is read by the site's own reader (the plugins of
the settings loaded, as in a build) and goes through the build's pipeline
(pipeline.py), so the command lists exactly what the build links.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from pelican import Pelican
from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import read_settings

from vntext.source import SourceError, read_source

from . import registry, settings
from .models import Cited, Found, ScannedPage, Status
from .pipeline import cite, text_of


def read_articles(paths: list[Path], values: dict) -> list[Any]:
    """The files as the build reads them: Pelican's readers, with the plugins of the
    settings registered (a plugin may bring its own reader)."""
    Pelican(values)
    readers = Readers(values)
    articles = []
    for path in paths:
        article = readers.read_file(
            base_path=values["PATH"], path=os.path.abspath(path), content_class=Article, context={}
        )
        if isinstance(article, Article):  # not a file marked `Status: skip`
            articles.append(article)
    return articles


class SourceLines:
    """Where each citation of a page is in its Markdown file: what the page writes there
    (the citation and a little of what follows it) searched for in the body, in order,
    since a page keeps the order of its file."""

    def __init__(self, path: Path):
        source = read_source(path)
        self.text = source.text
        lines = self.text.split("\n")
        self.body_start = sum(len(line) + 1 for line in lines[: source.body_line - 1])
        self.cursor = self.body_start

    def line_of(self, found: Found) -> int:
        start, end = found.cleaned.to_original(found.citation.start, found.citation.end)
        node = found.cleaned.original
        # What follows, up to what Markdown may have written otherwise (emphasis, links);
        # where the page's string ends there, no letter follows in the file either.
        after = _MARKUP.split(node[end : end + AFTER], maxsplit=1)[0]
        boundary = "" if len(after) == AFTER else r"(?![^\W_])"
        at = None
        for pattern in (
            re.compile(f"({_pattern(node[start:end])}){_pattern(after)}{boundary}"),
            re.compile(f"({_pattern(node[start:end])})"),
        ):
            match = pattern.search(self.text, self.cursor) or pattern.search(
                self.text, self.body_start
            )
            if match is not None:
                at, self.cursor = match.span(1)
                break
        if at is None:  # written otherwise in the source (an entity, an escape)
            at = self.cursor
        return self.text.count("\n", 0, at) + 1


AFTER = 16  # characters after a citation that tell two alike apart ("5-TB/TU" of "5-TB/TUV")
_MARKUP = re.compile(r"[*_`\[\]<>&\\]")


def _pattern(written: str) -> str:
    """Text of a page as its Markdown may write it: spaces and line breaks as any
    whitespace, "&" as "&amp;"."""
    pieces = re.split(r"(\s+)", written)
    return "".join(
        r"\s+" if piece.isspace() else "(?:&|&amp;)".join(map(re.escape, piece.split("&")))
        for piece in pieces
    )


def written_text(found: Found) -> str:
    start, end = found.cleaned.to_original(found.citation.start, found.citation.end)
    return " ".join(found.cleaned.original[start:end].split())


def report(
    cited: Cited, config: settings.Config, content: Path, out: TextIO, linked_too: bool = True
) -> int:
    """Each citation by file and line (only the problems unless `linked_too`), then the
    totals and the documents missing from the registry; returns how many problems."""
    problems = 0
    for text, page in cited.pages.items():
        path = content / os.path.relpath(text.ref.source_path, os.path.abspath(content))
        problems += _report_page(path, page, cited, config, out, linked_too)
    resolutions = cited.resolved.resolutions.values()
    linked = [r.document for r in resolutions if r.status == Status.LINKED]
    print(
        f"\nTổng cộng: {len(linked)} trích dẫn đã liên kết tới {len({id(d) for d in linked})} "
        f"văn bản; {problems} trích dẫn chưa xác định hoặc mơ hồ.",
        file=out,
    )
    missing = [d for d in cited.resolved.documents if not d.registered]
    if missing:
        print(f"Văn bản chưa có trong danh mục {config.registry} ({len(missing)}):", file=out)
        for document in missing:
            print(f"  - {document.describe()} [{document.key}]", file=out)
    return problems


def _report_page(
    path: Path,
    page: ScannedPage,
    cited: Cited,
    config: settings.Config,
    out: TextIO,
    linked_too: bool,
) -> int:
    if not page.found:
        return 0
    problems = 0
    lines = SourceLines(path)
    for found in page.found:
        resolution = cited.resolved.resolutions[found.citation]
        written = written_text(found)
        where = f"{path}:{lines.line_of(found)}: «{written}»"
        if resolution.status == Status.LINKED:
            if linked_too:
                document = resolution.document
                assert document is not None  # resolve.py links a citation only to a document
                print(f"{where} → {document.id} ({config.page_url(document.key)})", file=out)
        elif resolution.status == Status.AMBIGUOUS:
            problems += 1
            options = " | ".join(f"{d.describe()} [{d.key}]" for d in resolution.candidates)
            print(f"{where} → MƠ HỒ, có thể là: {options}", file=out)
        else:
            problems += 1
            print(
                f"{where} → KHÔNG XÁC ĐỊNH ĐƯỢC: trích dẫn rút gọn, "
                "không có trích dẫn đầy đủ trước đó trong bài",
                file=out,
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m regulations",
        description="Liệt kê các văn bản được trích dẫn trong nội dung, theo tệp và dòng.",
    )
    parser.add_argument("content", type=Path, help="thư mục nội dung (content/)")
    parser.add_argument(
        "--settings",
        type=Path,
        default=Path("pelicanconf.py"),
        help="tệp cấu hình Pelican (mặc định: pelicanconf.py)",
    )
    parser.add_argument(
        "--problems-only",
        action="store_true",
        help="chỉ in các trích dẫn chưa xác định hoặc mơ hồ (cho `make check`)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="trả mã lỗi 1 khi có trích dẫn chưa xác định hoặc mơ hồ",
    )
    args = parser.parse_args(argv)
    settings_file = str(args.settings) if args.settings.exists() else None
    values = {**read_settings(settings_file), "PATH": str(args.content)}
    try:
        config = settings.load(values)
        articles = read_articles(sorted(args.content.rglob("*.md")), values)
        cited = cite([text_of(article, config) for article in articles], config)
    except (settings.SettingsError, registry.RegistryError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except SourceError as error:  # not UTF-8: `make check` names it first
        print(f"Lỗi: {error.path}:{error.line}: {error.message}", file=sys.stderr)
        return 2
    problems = report(cited, config, args.content, sys.stdout, linked_too=not args.problems_only)
    return 1 if problems and args.strict else 0
