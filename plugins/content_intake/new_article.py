"""`make new`: start a new article with every metadata field in place.

    make new                                        # asks for the title and the category
    make new TITLE="Hội nghị ..." CATEGORY="Tin từ các đơn vị"

Title and category come from --title/--category, else from the TITLE/CATEGORY environment
variables (make passes its command-line variables that way, so quotes in a title survive),
else from a question on the terminal. Without a terminal, or with CI=true, nothing is asked:
a missing value is an error. The category may be given by name, by its URL slug or without
accents ("tin tu cac don vi").

The file goes to <PATH>/<first ARTICLE_PATHS folder>/<category slug>/<slug>.md (or
<slug>-<year>.md when an article of another year has that name) and its path is printed on
stdout. A title whose URL an existing article already has is refused: the two pages would
overwrite each other. The same title as an article of another year is another URL, and
is created: titles of yearly events repeat.
"""

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from pelican.settings import read_settings

import vntext
from portal.models import ContentFile, Role
from vntext.source import SourceError, read_source

from .checks import BODY_HINT_START, Urls, slug_of
from .fields import NEW_ARTICLE_FIELDS, SLUG_MAX_LENGTH
from .settings import load as load_settings
from .walk import walk

# What the editor sees in the body until they replace it with the article; the checks
# refuse to publish an article that still holds it.
BODY_HINT = (
    f"{BODY_HINT_START}, thay cho đoạn hướng dẫn này; mỗi đoạn văn cách nhau một dòng "
    "trống. Điền các trường còn trống ở đầu tệp: Tags (từ khoá, cách nhau bằng dấu phẩy), "
    "Author (tác giả), Source (nguồn tin), Summary (tóm tắt một, hai câu). Kiểm tra bằng "
    "`make check`, xem trước bằng `make serve`. Hướng dẫn đầy đủ: docs/huong-dan-bien-tap.md."
)


class Refusal(Exception):
    """Why no file was written, in words for the editor."""


def may_ask() -> bool:
    """Questions only for a person at a terminal, never in CI or a pipe."""
    ci = os.environ.get("CI", "").strip().lower()
    return sys.stdin.isatty() and ci in ("", "0", "false", "no")


def clean(text: str | None) -> str:
    """One line of normalised text: a title never spans lines in the header."""
    return " ".join(vntext.normalize(text or "").split())


def find_category(given: str, categories: list[tuple[str, str]]) -> tuple[str, str]:
    """(name, slug) of the category the editor meant, by name, slug or unaccented name."""
    wanted = clean(given)
    for name, slug in categories:
        if wanted == name:
            return name, slug
    folded = vntext.slugify(wanted)
    for name, slug in categories:
        if folded and folded in (slug, vntext.slugify(name)):
            return name, slug
    known = "; ".join(name for name, _ in categories)
    raise Refusal(f"chuyên mục '{wanted}' không có trong danh sách: dùng một trong: {known}")


def ask(question: str) -> str:
    """Questions on stderr, so stdout carries only the new file's path."""
    print(question, end="", file=sys.stderr, flush=True)
    return input()


def ask_category(categories: list[tuple[str, str]]) -> str:
    print("Các chuyên mục:", file=sys.stderr)
    for number, (name, _) in enumerate(categories, start=1):
        print(f"  {number}. {name}", file=sys.stderr)
    answer = ask("Chuyên mục (số thứ tự hoặc tên): ").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(categories):
        return categories[int(answer) - 1][0]
    return answer


def existing_urls(settings, now: datetime) -> tuple[dict[str, Path], set[Path]]:
    """URL -> file of every article, drafts included (a draft is published one day; one
    without a date would take this year), and every article file, as the checks walk them."""
    urls = Urls(settings)
    taken: dict[str, Path] = {}
    files: set[Path] = set()
    for item in walk(settings, load_settings(settings)):
        if not isinstance(item, ContentFile) or item.role is not Role.ARTICLE:
            continue
        files.add(item.path)
        try:
            source = read_source(item.path)
        except SourceError:
            continue  # `make check` reports it; its URL cannot be known
        url = urls.article(source) or urls.format_article(slug_of(source), now, "")
        taken.setdefault(url, item.path)
    return taken, files


def render(title: str, category: str, slug: str, now: datetime) -> str:
    values = {"Title": title, "Date": f"{now:%Y-%m-%d %H:%M}", "Category": category, "Slug": slug}
    header = "".join(
        f"{name}: {values.get(name, '')}".rstrip() + "\n" for name in NEW_ARTICLE_FIELDS
    )
    return f"{header}\n{BODY_HINT}\n"


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def create(args: argparse.Namespace) -> Path:
    settings = read_settings(str(Path(args.settings).resolve()))
    categories = [(vntext.normalize(name), slug) for name, slug in settings["PORTAL_CATEGORIES"]]
    content = Path(settings["PATH"])
    article_roots = [content / folder for folder in settings["ARTICLE_PATHS"]]

    title = clean(args.title if args.title is not None else os.environ.get("TITLE"))
    category = clean(args.category if args.category is not None else os.environ.get("CATEGORY"))
    if not title and may_ask():
        title = clean(ask("Tiêu đề bài viết: "))
    if not title:
        raise Refusal('thiếu tiêu đề: chạy make new TITLE="Tiêu đề bài" CATEGORY="Tên chuyên mục"')
    slug = vntext.slugify(title)
    if not slug:
        raise Refusal(
            f"tiêu đề '{title}' không có chữ hay số nào để làm đường dẫn: hãy đặt tiêu đề khác"
        )
    if len(slug) > SLUG_MAX_LENGTH:
        raise Refusal(
            f"tiêu đề quá dài để làm đường dẫn ({len(slug)} ký tự không dấu, tối đa {SLUG_MAX_LENGTH}): "
            "rút gọn tiêu đề, hoặc tạo bài với tiêu đề ngắn rồi sửa dòng Title trong tệp"
        )
    if not category and may_ask():
        category = ask_category(categories)
    if not category:
        raise Refusal(
            'thiếu chuyên mục: chạy make new TITLE="Tiêu đề bài" CATEGORY="Tên chuyên mục"'
        )
    category_name, category_slug = find_category(category, categories)

    now = datetime.now(vntext.TIMEZONE)
    taken, files = existing_urls(settings, now)
    url = Urls(settings).format_article(slug, now, category_slug)
    if url in taken:
        raise Refusal(
            f"đã có bài dùng địa chỉ {url} (đường dẫn '{slug}'): {display(taken[url])}. "
            "Hãy đặt tiêu đề khác, hoặc sửa bài đã có thay vì tạo bài mới"
        )
    # The same title in another year is another article: its file takes the year too.
    folder = article_roots[0] / category_slug
    path = next(
        (
            p
            for p in (folder / f"{slug}.md", folder / f"{slug}-{now:%Y}.md")
            if p not in files and not p.exists()
        ),
        None,
    )
    if path is None:
        raise Refusal(f"tệp {display(folder / f'{slug}.md')} đã có: hãy đặt tiêu đề khác")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite an article
        file.write(render(title, category_name, slug, now))
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Tạo bài viết mới với đủ các trường thông tin.")
    parser.add_argument("--title", help="tiêu đề bài (mặc định: biến TITLE, hoặc hỏi)")
    parser.add_argument("--category", help="chuyên mục (mặc định: biến CATEGORY, hoặc hỏi)")
    parser.add_argument("--settings", default="pelicanconf.py", help="tệp cấu hình")
    args = parser.parse_args(argv)
    try:
        path = create(args)
    except Refusal as refusal:
        print(f"Không tạo bài: {refusal}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nKhông tạo bài: đã dừng.", file=sys.stderr)
        return 1
    print(display(path))
    print(
        "Đã tạo bài mới ở đường dẫn trên: mở tệp, viết nội dung, điền các trường còn trống, "
        "rồi chạy `make check`.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
