"""The header fields a content file may carry, each with its rule: one table for all.

`make check`, the build's reader, `make new` and the editors' desk read this table, so a
rule cannot differ between them. Every value is untrusted: whatever becomes part of a
path or URL (Slug, Image, Tags, Author) is held to the ASCII forms below, and the rest is
text that the templates escape.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from pelican.readers import ensure_metadata_list

import vntext

# A path component stays well under the 255 bytes file systems allow (with "index.html"
# beside it), and a URL stays readable.
SLUG_MAX_LENGTH = 200
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# What editors may write in Status, in English as Pelican knows it or in Vietnamese.
STATUSES = {"published": "published", "đăng": "published", "draft": "draft", "nháp": "draft"}
# The site is Vietnamese only: Lang may say so, nothing else.
LANGUAGE = "vi"


class Kind(Enum):
    """What a field holds; the desk picks its widget from this."""

    TEXT = "text"
    MARKDOWN = "markdown"  # one paragraph of Markdown: the summary (sapo)
    DATE = "date"
    CATEGORY = "category"
    LIST = "list"  # comma-separated
    SLUG = "slug"
    IMAGE = "image"
    STATUS = "status"
    LANGUAGE = "language"


@dataclass(frozen=True)
class Field:
    name: str  # as editors write it in the header: "Image_alt"
    label: str  # in Vietnamese, for the desk
    hint: str  # what to write, in Vietnamese
    kind: Kind = Kind.TEXT
    required: bool = False

    @property
    def key(self) -> str:
        """The header parser's name for it: keys are not case-sensitive."""
        return self.name.lower()


# In the order `make new` writes them, then the optional ones.
FIELDS = (
    Field("Title", "Tiêu đề", "Tiêu đề bài viết, viết hoa như câu thường.", required=True),
    Field(
        "Date",
        "Ngày đăng",
        "Giờ Việt Nam: 2023-12-12 16:13 hoặc 12/12/2023 16:13 (ngày trước tháng).",
        Kind.DATE,
        required=True,
    ),
    Field(
        "Category", "Chuyên mục", "Một chuyên mục trong danh sách.", Kind.CATEGORY, required=True
    ),
    Field("Tags", "Từ khóa", "Các từ khóa, cách nhau bằng dấu phẩy.", Kind.LIST),
    Field("Author", "Tác giả", "Tên tác giả hoặc nhóm tác giả."),
    Field("Source", "Nguồn tin", "Đơn vị hoặc cơ quan cung cấp tin."),
    Field("Summary", "Tóm tắt (sapo)", "Một, hai câu tóm tắt, hiện dưới tiêu đề.", Kind.MARKDOWN),
    Field(
        "Slug",
        "Đường dẫn",
        "Phần cuối địa chỉ bài: chữ thường không dấu, số, nối bằng dấu gạch ngang. "
        "Đã đăng thì đừng đổi.",
        Kind.SLUG,
    ),
    Field("Author_role", "Chức vụ tác giả", "Hiện dưới tên tác giả."),
    Field("Province", "Tỉnh, thành phố", "Chỉ cho tin của tỉnh khác: Nghệ An."),
    Field(
        "Image",
        "Ảnh đại diện",
        "Ảnh trong content/images/: {static}/images/hoi-nghi.jpg.",
        Kind.IMAGE,
    ),
    Field("Image_alt", "Mô tả ảnh đại diện", "Tả nội dung ảnh cho người không xem được ảnh."),
    Field("Modified", "Ngày sửa", "Lúc sửa bài lần cuối, viết như Ngày đăng.", Kind.DATE),
    Field("Status", "Trạng thái", "draft (nháp: chưa đăng) hoặc published (đăng).", Kind.STATUS),
    Field("Lang", "Ngôn ngữ", "Chỉ có tiếng Việt: vi.", Kind.LANGUAGE),
)
BY_KEY = {field.key: field for field in FIELDS}
# What `make new` writes in a new file, in this order.
NEW_ARTICLE_FIELDS = ("Title", "Date", "Category", "Tags", "Author", "Source", "Summary", "Slug")

# Fields Pelican knows but this site does not use, with what to do instead. Each would
# change how a page is built (another template, a translation) in ways no editor needs.
REFUSED = {
    "template": "mọi bài dùng cùng một mẫu trang: xoá dòng này",
    "translation": "trang chỉ có tiếng Việt, không có bản dịch: xoá dòng này",
    "authors": "dùng một dòng 'Author: ...' (nhiều tác giả thì cách nhau bằng dấu phẩy)",
    "save_as": "địa chỉ bài lấy từ Slug: xoá dòng này, dùng 'Slug: ...' nếu cần",
    "url": "địa chỉ bài lấy từ Slug: xoá dòng này, dùng 'Slug: ...' nếu cần",
}

VALID_NAMES = ", ".join(field.name for field in FIELDS)


def slug_problem(slug: str, field: str) -> str | None:
    """Why `slug` cannot be part of a URL, with what to write; None when it can."""
    if len(slug) > SLUG_MAX_LENGTH:
        shorter = slug[:SLUG_MAX_LENGTH].rsplit("-", 1)[0]
        return (
            f"{field} dài {len(slug)} ký tự, quá {SLUG_MAX_LENGTH} ký tự cho một đường dẫn: "
            f"thêm dòng 'Slug: {shorter}' (hoặc ngắn hơn)"
        )
    if not SLUG_PATTERN.fullmatch(slug):
        suggestion = vntext.slugify(slug)
        example = f", ví dụ 'Slug: {suggestion}'" if suggestion else ""
        return (
            f"{field} '{slug}' không dùng được trong đường dẫn: chỉ viết chữ thường không dấu, "
            f"chữ số và dấu gạch ngang (-){example}"
        )
    return None


def value_problems(field: Field, value: str, categories: set[str]) -> Iterator[str]:
    """What is wrong with one field's value, in Vietnamese with the fix."""
    if field.kind is Kind.DATE:
        try:
            vntext.parse_date(value)
        except ValueError as error:
            yield str(error)
    elif field.kind is Kind.CATEGORY and value not in categories:
        known = ", ".join(sorted(categories))
        yield (
            f"chuyên mục '{value}' không có trong danh sách: dùng một trong {known} "
            "(hoặc thêm nó vào PORTAL_CATEGORIES trong pelicanconf.py)"
        )
    elif field.kind is Kind.SLUG and (problem := slug_problem(value, "Slug")):
        yield problem
    elif field.kind is Kind.STATUS and value.casefold() not in STATUSES:
        yield (
            f"trạng thái '{value}' không có: viết 'Status: draft' (hoặc 'nháp') để giữ bài "
            "chưa đăng, hoặc xoá dòng này để đăng"
        )
    elif field.kind is Kind.LANGUAGE and value.casefold() != LANGUAGE:
        yield f"trang chỉ có tiếng Việt: viết 'Lang: {LANGUAGE}' hoặc xoá dòng này"
    elif field.kind is Kind.LIST:
        for item in ensure_metadata_list(value):  # as Pelican splits it: on ";" if any, else ","
            if item and not vntext.slugify(item):
                yield f"từ khóa '{item}' không có chữ hay số nào: sửa hoặc xoá từ khóa này"
            elif problem := slug_problem(vntext.slugify(item), f"từ khóa '{item[:40]}'"):
                yield problem
    elif field.key == "author" and not vntext.slugify(value):
        yield f"tên tác giả '{value}' không có chữ hay số nào: viết tên tác giả hoặc để trống"


def is_draft(status: str) -> bool:
    return STATUSES.get(status.casefold()) == "draft"
