"""The editors' command: every citation in the content, per file and line.

    python -m regulations content/            (run with plugins/ on PYTHONPATH)

prints, for each Markdown file, each citation found with its canonical id and page,
then the citations it could not resolve (a short reference with nothing to refer to)
or found ambiguous (one id, several documents, no date to choose), and the documents
missing from the registry. It resolves exactly as the build does.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import vntext
from vntext.source import SourceError, read_source

from . import registry, settings
from .clean import clean
from .find import default_finder
from .knowledge import load as load_knowledge
from .resolve import AMBIGUOUS, LINKED, UNRESOLVED, Resolver, Source

# Markdown the build never links: code, and text that is already a link.
_MASKED = re.compile(
    r"^(?P<fence>```|~~~).*?^(?P=fence)[^\n]*$|`[^`\n]+`|\[[^\]\n]*\]\([^)\n]*\)|<a\b.*?</a>",
    re.MULTILINE | re.DOTALL | re.IGNORECASE,
)


@dataclass
class MarkdownFile:
    path: Path
    text: str  # the body, masked
    body_line: int  # line number of the body's first line
    metadata: dict


def read_markdown(path: Path) -> MarkdownFile:
    """The body of a content file as the build reads it (vntext.source), with the
    Markdown the build never links masked by spaces, so offsets and lines stay true."""
    source = read_source(path)
    body = "\n".join(source.text.split("\n")[source.body_line - 1 :])
    masked = _MASKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    metadata = {key: value for key, (value, _) in source.metadata.items()}
    return MarkdownFile(path, masked, source.body_line, metadata)


def _date(metadata: dict):
    try:
        return vntext.parse_date(metadata["date"]) if "date" in metadata else None
    except ValueError:
        return None


def scan(paths: list[Path], config: settings.Config) -> tuple[list[tuple], list]:
    finder = default_finder()
    files, sources = [], []
    for path in paths:
        md = read_markdown(path)
        cleaned = clean(md.text)
        citations = finder.find(cleaned.text)
        province = md.metadata.get("province") or config.province
        files.append((md, cleaned))
        sources.append(Source(md, _date(md.metadata), province, citations))
    entries = registry.load(config.registry, finder)
    documents = Resolver(load_knowledge(), entries, config.province).resolve(sources)
    return list(zip(files, sources)), documents


def report(results, documents, config: settings.Config, out, linked_too: bool = True) -> int:
    problems = 0
    for (md, cleaned), source in results:
        for citation, resolution in zip(source.citations, source.resolutions):
            start, end = cleaned.to_original(citation.start, citation.end)
            line = md.body_line + md.text.count("\n", 0, start)
            written = " ".join(md.text[start:end].split())
            where = f"{md.path}:{line}: «{written}»"
            if resolution.status == LINKED:
                if not linked_too:
                    continue
                doc = resolution.document
                print(f"{where} → {doc.id} ({config.page_url(doc.key)})", file=out)
            elif resolution.status == AMBIGUOUS:
                problems += 1
                options = " | ".join(f"{d.describe()} [{d.key}]" for d in resolution.candidates)
                print(f"{where} → MƠ HỒ, có thể là: {options}", file=out)
            elif resolution.status == UNRESOLVED:
                problems += 1
                print(
                    f"{where} → KHÔNG XÁC ĐỊNH ĐƯỢC: trích dẫn rút gọn, "
                    "không có trích dẫn đầy đủ trước đó trong bài",
                    file=out,
                )
    missing = [d for d in documents if not d.registered]
    linked = [r.document for _, s in results for r in s.resolutions if r.status == LINKED]
    cited = len({id(d) for d in linked})
    print(
        f"\nTổng cộng: {len(linked)} trích dẫn đã liên kết tới {cited} văn bản; "
        f"{problems} trích dẫn chưa xác định hoặc mơ hồ.",
        file=out,
    )
    if missing:
        print(f"Văn bản chưa có trong danh mục {config.registry} ({len(missing)}):", file=out)
        for doc in missing:
            print(f"  - {doc.describe()} [{doc.key}]", file=out)
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
    values = {}
    if args.settings.exists():
        from pelican.settings import read_settings

        values = read_settings(str(args.settings))
    values = {**values, "PATH": str(args.content)}
    try:
        config = settings.load(values)
        results, documents = scan(sorted(args.content.rglob("*.md")), config)
    except (settings.SettingsError, registry.RegistryError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except SourceError as error:  # not UTF-8: `make check` names it first
        print(f"Lỗi: {error.path}:{error.line}: {error.message}", file=sys.stderr)
        return 2
    problems = report(results, documents, config, sys.stdout, linked_too=not args.problems_only)
    return 1 if problems and args.strict else 0
