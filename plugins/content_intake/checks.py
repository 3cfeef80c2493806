"""The rules a content file must pass before it is published, each with its fix.

Messages are in Vietnamese: editors read them. Every problem names file and line.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import vntext

from .source import SourceError, SourceFile, read_source

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}

# Pelican's fields and ours. Anything else is most likely a typo ("Catgory:") that would
# otherwise be ignored without a word.
KNOWN_KEYS = {
    "title", "date", "modified", "category", "tags", "author", "authors", "author_role",
    "summary", "slug", "source", "province", "status", "lang", "translation", "template",
    "image", "image_alt",
}
REQUIRED_KEYS = ("title", "date", "category")


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def check_file(source: SourceFile, categories: set[str]) -> Iterator[Problem]:
    """Rules that need only the file itself."""
    meta = source.metadata
    for key in REQUIRED_KEYS:
        value, line = meta.get(key, ("", 1))
        if not value:
            yield Problem(
                source.path, line,
                f"thiếu trường {key.capitalize()}: thêm dòng '{key.capitalize()}: ...' "
                "vào phần đầu tệp (trước dòng trống đầu tiên)",
            )
    if "date" in meta and meta["date"][0]:
        value, line = meta["date"]
        try:
            vntext.parse_date(value)
        except ValueError as error:
            yield Problem(source.path, line, str(error))
    if "category" in meta and meta["category"][0]:
        value, line = meta["category"]
        if value not in categories:
            known = ", ".join(sorted(categories))
            yield Problem(
                source.path, line,
                f"chuyên mục '{value}' không có trong danh sách: dùng một trong {known} "
                "(hoặc thêm nó vào PORTAL_CATEGORIES trong pelicanconf.py)",
            )
    for key, line in source.repeated:
        yield Problem(
            source.path, line,
            f"trường {key.capitalize()} đã khai báo ở dòng {meta[key][1]}: xoá một trong hai dòng",
        )
    for key, (_, line) in meta.items():
        if key not in KNOWN_KEYS:
            yield Problem(
                source.path, line,
                f"trường '{key}' không được hỗ trợ (gõ nhầm?): các trường hợp lệ là "
                + ", ".join(sorted(KNOWN_KEYS)),
            )


def slug_of(source: SourceFile) -> str:
    value = source.metadata.get("slug", ("", 0))[0]
    return value or vntext.slugify(source.metadata.get("title", ("", 0))[0])


def check_unique_slugs(sources: Iterable[SourceFile]) -> Iterator[Problem]:
    """Two articles with one slug would overwrite each other's page."""
    first_with_slug: dict[str, SourceFile] = {}
    for source in sources:
        slug = slug_of(source)
        if not slug:
            continue
        line = source.metadata.get("slug", source.metadata.get("title", ("", 1)))[1]
        if slug in first_with_slug:
            other = first_with_slug[slug]
            yield Problem(
                source.path, line,
                f"đường dẫn (slug) '{slug}' trùng với {other.path}: đặt 'Slug: ...' khác "
                "hoặc đổi tiêu đề",
            )
        else:
            first_with_slug[slug] = source


def content_files(root: Path) -> list[Path]:
    """Every file under an articles folder, sorted, hidden files excepted."""
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def check_articles(root: Path, categories: set[str]) -> list[Problem]:
    """All problems of all article files under root, in file order."""
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    for path in content_files(root):
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            problems.append(Problem(
                path, 1,
                "tệp này sẽ không được xuất bản (không phải Markdown): đổi tên thành .md "
                "hoặc chuyển ảnh, tài liệu vào content/images hay content/files",
            ))
            continue
        try:
            source = read_source(path)
        except SourceError as error:
            problems.append(Problem(path, error.line, error.message))
            continue
        if source.metadata.get("status", ("", 0))[0].lower() == "draft":
            continue
        sources.append(source)
        problems.extend(check_file(source, categories))
    problems.extend(check_unique_slugs(sources))
    return sorted(problems)
