"""The rules a content file must pass before it is published, each with its fix.

Messages are in Vietnamese: editors read them. Every problem names file and line.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import vntext
from vntext.source import SourceError, SourceFile, read_source

from .references import SiteMap, check_references

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}

# Pelican's fields and ours. Anything else is most likely a typo ("Catgory:") that would
# otherwise be ignored without a word.
KNOWN_KEYS = {
    "title",
    "date",
    "modified",
    "category",
    "tags",
    "author",
    "authors",
    "author_role",
    "summary",
    "slug",
    "source",
    "province",
    "status",
    "lang",
    "translation",
    "template",
    "image",
    "image_alt",
}
REQUIRED_KEYS = ("title", "date", "category")
# How the body written by `make new` starts: an article still holding it is not written yet.
BODY_HINT_START = "Viết nội dung bài ở đây"


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
                source.path,
                line,
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
                source.path,
                line,
                f"chuyên mục '{value}' không có trong danh sách: dùng một trong {known} "
                "(hoặc thêm nó vào PORTAL_CATEGORIES trong pelicanconf.py)",
            )
    if (position := source.text.find(BODY_HINT_START)) >= 0:
        yield Problem(
            source.path,
            source.text.count("\n", 0, position) + 1,
            "đoạn hướng dẫn của `make new` vẫn còn: thay nó bằng nội dung bài viết",
        )
    for key, line in source.repeated:
        yield Problem(
            source.path,
            line,
            f"trường {key.capitalize()} đã khai báo ở dòng {meta[key][1]}: xoá một trong hai dòng",
        )
    for key, (_, line) in meta.items():
        if key not in KNOWN_KEYS:
            yield Problem(
                source.path,
                line,
                f"trường '{key}' không được hỗ trợ (gõ nhầm?): các trường hợp lệ là "
                + ", ".join(sorted(KNOWN_KEYS)),
            )


def slug_of(source: SourceFile) -> str:
    value = source.metadata.get("slug", ("", 0))[0]
    return value or vntext.slugify(source.metadata.get("title", ("", 0))[0])


def check_unique(sources: Iterable[SourceFile]) -> Iterator[Problem]:
    """Two articles with one slug overwrite each other's page; one title confuses readers."""
    for label, key_of, field_name in (
        ("đường dẫn (slug)", slug_of, "slug"),
        (
            "tiêu đề",
            lambda source: source.metadata.get("title", ("", 0))[0].strip().casefold(),
            "title",
        ),
    ):
        first: dict[str, SourceFile] = {}
        for source in sources:
            if not (key := key_of(source)):
                continue
            line = source.metadata.get(field_name, source.metadata.get("title", ("", 1)))[1]
            if key in first:
                yield Problem(
                    source.path,
                    line,
                    f"{label} trùng với {first[key].path}: đặt 'Slug: ...' khác hoặc đổi tiêu đề",
                )
            else:
                first[key] = source


def content_files(root: Path) -> list[Path]:
    """Every file under an articles folder, sorted, hidden files excepted."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    scheduled: list[tuple[datetime, Path, str]] = field(default_factory=list)  # date, file, title
    checked: int = 0


def published_date(source: SourceFile) -> datetime | None:
    try:
        return vntext.parse_date(source.metadata.get("date", ("", 0))[0])
    except ValueError:
        return None


def site_map(settings, sources: list[SourceFile]) -> SiteMap:
    """The URLs the build will write for these sources, to check links against."""
    categories = dict(settings["PORTAL_CATEGORIES"])
    urls = set()
    for source in sources:
        date = published_date(source)
        category = categories.get(source.metadata.get("category", ("", 0))[0], "")
        if date is not None:
            urls.add(
                "/"
                + settings["ARTICLE_URL"].format(
                    slug=slug_of(source), date=date, category=SimpleNamespace(slug=category)
                )
            )
    article_prefix = "/" + settings["ARTICLE_URL"].split("{", 1)[0]
    return SiteMap(
        content_root=Path(settings["PATH"]),
        urls=frozenset(urls),
        checked_prefixes=(article_prefix,) if article_prefix != "/" else (),
        static_prefixes=tuple(f"/{folder.strip('/')}/" for folder in settings["STATIC_PATHS"]),
    )


def check_content(settings, now: datetime | None = None) -> Report:
    """Every problem in every article file, and the articles waiting for their date."""
    now = now or datetime.now(vntext.TIMEZONE)
    categories = {name for name, _ in settings["PORTAL_CATEGORIES"]}
    report = Report()
    sources: list[SourceFile] = []
    root = Path(settings["PATH"])
    for path in (
        path for folder in settings["ARTICLE_PATHS"] for path in content_files(root / folder)
    ):
        report.checked += 1
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            report.problems.append(
                Problem(
                    path,
                    1,
                    "tệp này sẽ không được xuất bản (không phải Markdown): đổi tên thành .md "
                    "hoặc chuyển ảnh, tài liệu vào content/images hay content/files",
                )
            )
            continue
        try:
            source = read_source(path)
        except SourceError as error:
            report.problems.append(Problem(path, error.line, error.message))
            continue
        if source.metadata.get("status", ("", 0))[0].lower() == "draft":
            continue
        sources.append(source)
        report.problems.extend(check_file(source, categories))
        if (date := published_date(source)) is not None and date > now:
            report.scheduled.append((date, path, source.metadata.get("title", ("", 0))[0]))
    site = site_map(settings, sources)
    for source in sources:
        report.problems.extend(
            Problem(source.path, line, message) for line, message in check_references(source, site)
        )
    report.problems.extend(check_unique(sources))
    report.problems.sort()
    report.scheduled.sort()
    return report
