"""The rules a content file must pass before it is published, each with its fix.

Messages are in Vietnamese: editors read them. Every problem names file and line.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import vntext
from portal.memo import key_of, memo
from portal.models import ContentFile, Role
from vntext.source import SourceError, SourceFile, read_source

from .body_limits import limit_problems
from .fields import BY_KEY, REFUSED, VALID_NAMES, is_draft, slug_problem, value_problems
from .models import Problem, Report
from .references import Reference, SiteMap, check_references, references
from .settings import load as load_settings
from .walk import walk

# How the body written by `make new` starts: an article still holding it is not written yet.
BODY_HINT_START = "Viết nội dung bài ở đây"
REQUIRED = {Role.ARTICLE: ("title", "date", "category"), Role.PAGE: ("title",)}


def value_of(source: SourceFile, key: str) -> str:
    return source.metadata.get(key, ("", 0))[0]


def line_of(source: SourceFile, key: str) -> int:
    return source.metadata.get(key, ("", 1))[1]


def check_header(source: SourceFile, role: Role, categories: set[str]) -> Iterator[Problem]:
    """Every header line parsed and known, every value valid, the required ones there."""
    path, meta = source.path, source.metadata
    if source.unparsed_line is not None:
        text = source.text.split("\n")[source.unparsed_line - 1].strip()
        yield Problem(
            path, source.unparsed_line,
            f"dòng '{text[:60]}' không đọc được như một trường nên phần đầu tệp dừng ở đây "
            f"và các dòng sau thành nội dung: tên trường chỉ viết chữ không dấu, không cách "
            f"({VALID_NAMES}); nếu đây là nội dung bài thì thêm một dòng trống trước nó",
        )  # fmt: skip
    for key in REQUIRED[role]:
        if not value_of(source, key):
            name = BY_KEY[key].name
            yield Problem(
                path, line_of(source, key),
                f"thiếu trường {name}: thêm dòng '{name}: ...' vào phần đầu tệp "
                "(trước dòng trống đầu tiên)",
            )  # fmt: skip
    for key, line in source.repeated:
        yield Problem(
            path, line,
            f"trường {key.capitalize()} đã khai báo ở dòng {meta[key][1]}: xoá một trong hai dòng",
        )  # fmt: skip
    for key, (value, line) in meta.items():
        if key in REFUSED:
            yield Problem(
                path, line, f"trường '{key.capitalize()}' không dùng ở trang này: {REFUSED[key]}"
            )
        elif key not in BY_KEY:
            yield Problem(
                path, line,
                f"trường '{key}' không được hỗ trợ (gõ nhầm?): các trường hợp lệ là {VALID_NAMES}",
            )  # fmt: skip
        elif value:
            for message in value_problems(BY_KEY[key], value, categories):
                yield Problem(path, line, message)
    if not value_of(source, "slug") and (title := value_of(source, "title")):
        derived = vntext.slugify(title)
        if not derived:
            yield Problem(
                path, line_of(source, "title"),
                "tiêu đề không có chữ hay số nào để làm đường dẫn: thêm dòng 'Slug: ...' "
                "(chữ thường không dấu, nối bằng dấu gạch ngang)",
            )  # fmt: skip
        elif problem := slug_problem(derived, "đường dẫn lấy từ tiêu đề"):
            yield Problem(path, line_of(source, "title"), problem)


# C0 controls but tab, newline and carriage return, and DEL: invisible in an editor, and a NUL or an
# escape in a title reaches readers as garbage (or worse, in a feed's XML).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_file(source: SourceFile, role: Role, categories: set[str]) -> Iterator[Problem]:
    """Rules that need only the file itself."""
    if (control := _CONTROL.search(source.text)) is not None:
        yield Problem(
            source.path, source.text.count("\n", 0, control.start()) + 1,
            f"dòng này có ký tự điều khiển vô hình (mã {ord(control.group()):#04x}), thường do dán "
            "từ phần mềm khác: gõ lại dòng này",
        )  # fmt: skip
    yield from check_header(source, role, categories)
    for line, message in limit_problems(source):
        yield Problem(source.path, line, message)
    draft = is_draft(value_of(source, "status"))
    if not draft and (position := source.text.find(BODY_HINT_START)) >= 0:
        yield Problem(
            source.path, source.text.count("\n", 0, position) + 1,
            "đoạn hướng dẫn của `make new` vẫn còn: thay nó bằng nội dung bài viết",
        )  # fmt: skip


def slug_of(source: SourceFile) -> str:
    return value_of(source, "slug") or vntext.slugify(value_of(source, "title"))


def published_date(source: SourceFile) -> datetime | None:
    try:
        return vntext.parse_date(value_of(source, "date"))
    except ValueError:
        return None


class Urls:
    """Where the build will write each article and page, from the settings."""

    def __init__(self, settings):
        self.settings = settings
        self.categories = dict(settings["PORTAL_CATEGORIES"])

    def article(self, source: SourceFile) -> str | None:
        date = published_date(source)
        if date is None:
            return None
        return self.format_article(
            slug_of(source), date, self.categories.get(value_of(source, "category"), "")
        )

    def format_article(self, slug: str, date: datetime, category_slug: str) -> str:
        category = SimpleNamespace(slug=category_slug)
        return "/" + self.settings["ARTICLE_URL"].format(slug=slug, date=date, category=category)

    def page(self, source: SourceFile) -> str:
        return "/" + self.settings["PAGE_URL"].format(slug=slug_of(source))

    def reserved_folders(self) -> set[str]:
        """First parts of the paths the site's own pages use: a page may not take one."""
        names = {"feeds", "theme", *(f.strip("/") for f in self.settings["STATIC_PATHS"])}
        for name, value in self.settings.items():
            if isinstance(value, str) and re.search(r"_(URL|SAVE_AS|ATOM|RSS|DIR)$", name):
                first = value.strip("/").split("/", 1)[0]
                if first and "{" not in first and "." not in first:
                    names.add(first)
        return names


def slug_line(source: SourceFile) -> int:
    """Where the URL comes from: the Slug line, else the title."""
    return line_of(source, "slug") if value_of(source, "slug") else line_of(source, "title")


def check_unique(
    articles: list[SourceFile], pages: list[SourceFile], urls: Urls
) -> Iterator[Problem]:
    """Two files with one URL overwrite each other's page: refused. One title twice in a
    day is most likely the same news sent twice: a warning (titles repeat across years)."""
    seen: dict[str, SourceFile] = {}
    for kind, sources, url_of in (("bài", articles, urls.article), ("trang", pages, urls.page)):
        for source in sources:
            url = url_of(source)
            if url is None:
                continue
            if url in seen:
                yield Problem(
                    source.path, slug_line(source),
                    f"địa chỉ {url} trùng với {seen[url].path}: hai {kind} sẽ đè lên nhau, "
                    f"thêm dòng 'Slug: {slug_of(source)}-2' (hoặc một đường dẫn khác chưa dùng)",
                )  # fmt: skip
            else:
                seen[url] = source
    reserved = urls.reserved_folders()
    for source in pages:
        if (slug := slug_of(source)) in reserved or slug.isdigit():
            yield Problem(
                source.path, slug_line(source),
                f"đường dẫn '{slug}' trùng với một mục của trang web: đặt 'Slug: ...' khác",
            )  # fmt: skip


def same_day_titles(articles: Iterable[SourceFile]) -> Iterator[Problem]:
    first: dict[tuple, SourceFile] = {}
    for source in articles:
        date = published_date(source)
        title = " ".join(value_of(source, "title").casefold().split())
        if date is None or not title:
            continue
        key = (date.date(), title)
        if key in first:
            yield Problem(
                source.path, line_of(source, "title"),
                f"cùng tiêu đề và cùng ngày với {first[key].path}: kiểm tra xem có phải đăng "
                "một tin hai lần không",
            )  # fmt: skip
        else:
            first[key] = source


@dataclass(frozen=True)
class FileFacts:
    """What the checks learn from one file alone: remembered by its bytes, so a build
    reads each unchanged file but parses and checks it no more."""

    metadata: dict[str, tuple[str, int]]
    repeated: list[tuple[str, int]]
    body_line: int
    unparsed_line: int | None
    problems: tuple[tuple[int, str], ...]  # (line, message)
    references: tuple[Reference, ...]

    def source(self, path: Path) -> SourceFile:
        """The file as the site-wide checks see it: its header, not its text."""
        return SourceFile(
            path, "", self.metadata, self.repeated, self.body_line, self.unparsed_line
        )


def file_facts(path: Path, role: Role, categories: set[str]) -> FileFacts | SourceError:
    raw = path.read_bytes()
    store = memo("content_intake.file")
    key = key_of(role.value, repr(sorted(categories)), raw)
    facts = store.get(key)
    if facts is None:
        try:
            source = read_source(path)
        except SourceError as error:
            return error
        facts = FileFacts(
            source.metadata,
            source.repeated,
            source.body_line,
            source.unparsed_line,
            tuple((p.line, p.message) for p in check_file(source, role, categories)),
            tuple(references(source)),
        )
        store.put(key, facts)
    return facts


def check_content(settings, now: datetime | None = None) -> Report:
    """Every problem in every file under content/, and the articles waiting for their date."""
    now = now or datetime.now(vntext.TIMEZONE)
    categories = {name for name, _ in settings["PORTAL_CATEGORIES"]}
    report = Report()
    read: list[tuple[SourceFile, Role, FileFacts]] = []
    for item in walk(settings, load_settings(settings)):
        report.checked += 1
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        report.files.append(item)
        if item.role not in (Role.ARTICLE, Role.PAGE):
            continue
        facts = file_facts(item.path, item.role, categories)
        if isinstance(facts, SourceError):
            report.problems.append(Problem(item.path, facts.line, facts.message))
            continue
        source = facts.source(item.path)
        read.append((source, item.role, facts))
        report.problems.extend(
            Problem(item.path, line, message) for line, message in facts.problems
        )
    published = [(s, role) for s, role, _ in read if not is_draft(value_of(s, "status"))]
    articles = [s for s, role in published if role is Role.ARTICLE]
    pages = [s for s, role in published if role is Role.PAGE]
    for source in articles:
        if (date := published_date(source)) is not None and date > now:
            report.scheduled.append((date, source.path, value_of(source, "title")))
    urls = Urls(settings)
    site = site_map(settings, report.files, articles, urls)
    for source, _, facts in read:
        report.problems.extend(
            Problem(source.path, line, message)
            for line, message in check_references(source, site, facts.references)
        )
    report.problems.extend(check_unique(articles, pages, urls))
    report.warnings.extend(same_day_titles(articles))
    report.problems.sort()
    report.warnings.sort()
    report.scheduled.sort()
    return report


def site_map(settings, files: list[ContentFile], articles: list[SourceFile], urls: Urls) -> SiteMap:
    """What links may point to: the files accepted, and the URLs the build will write."""
    article_prefix = "/" + settings["ARTICLE_URL"].split("{", 1)[0]
    return SiteMap(
        content_root=Path(settings["PATH"]),
        files={item.relative.as_posix(): item.role for item in files},
        urls=frozenset(url for source in articles if (url := urls.article(source))),
        checked_prefixes=(article_prefix,) if article_prefix != "/" else (),
        static_prefixes=tuple(f"/{folder.strip('/')}/" for folder in settings["STATIC_PATHS"]),
    )
