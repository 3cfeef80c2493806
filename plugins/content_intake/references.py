"""Links, images and attachments an article points to, checked before the build.

Pelican only warns about a broken {filename} link while writing, and says nothing about
a root-relative link to a page that does not exist or an image without alt text.
"""

import functools
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from portal.models import Role
from vntext.source import SourceFile

from .settings import IMAGE_TYPES

PUBLISHED_TEXT = (Role.ARTICLE, Role.PAGE)

# ![alt](target "title") and [text](target): the target up to a space or ")".
_MARKDOWN_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>[^\]\n]{0,500})\]\(\s*<?(?P<target>[^)\s>]+)>?"
)
_HTML_REFERENCE = re.compile(r"""\b(?:src|href)\s*=\s*["'](?P<target>[^"']+)["']""", re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ATTRIBUTE = functools.cache(
    lambda name: re.compile(rf"""\b{name}\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
)
_PLACEHOLDER = re.compile(r"^\{(?:filename|static|attach)\}")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    target: str
    line: int
    is_image: bool
    alt: str | None  # None where the markup has no alt at all


@dataclass(frozen=True)
class SiteMap:
    """What a reference may point to: the files accepted, and the URLs the build will write."""

    content_root: Path
    files: dict[str, Role]  # relative path under content/ -> role, for every accepted file
    urls: frozenset[str]  # root-relative, e.g. "/tin/2023/slug/"
    checked_prefixes: tuple[str, ...]  # URL prefixes whose pages all come from content
    static_prefixes: tuple[str, ...]  # "/images/", "/files/"
    image_folder: str = "images"  # where lead images live


def references(source: SourceFile) -> Iterator[Reference]:
    # One pass per pattern over the whole body; line numbers only for what matched.
    offset = sum(len(line) + 1 for line in source.text.split("\n", source.body_line - 1)[:-1])
    body = source.text[offset:]

    def line_of(position: int) -> int:
        return source.body_line + body.count("\n", 0, position)

    if "](" in body:
        for match in _MARKDOWN_LINK.finditer(body):
            yield Reference(
                match["target"], line_of(match.start()), bool(match["image"]), match["text"]
            )
    if "<" not in body:
        return
    images = list(_HTML_IMAGE.finditer(body))
    inside_image = {match.start() for match in images}
    for match in images:
        alt = _HTML_ATTRIBUTE("alt").search(match.group())
        src = _HTML_ATTRIBUTE("src").search(match.group())
        yield Reference(
            src[1] if src else "", line_of(match.start()), True, alt[1] if alt else None
        )
    for match in _HTML_REFERENCE.finditer(body):
        tag_start = body.rfind("<", 0, match.start())
        if tag_start not in inside_image:
            yield Reference(match["target"], line_of(match.start()), False, None)


def content_path(target: str, source: SourceFile, site: SiteMap) -> str | None:
    """A {static}/{filename} or root-relative target as a path under content/; None when
    it leaves content/ ("{static}/../x")."""
    path = unquote(_PLACEHOLDER.sub("", target))
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/"))
    else:
        folder = source.path.parent.relative_to(site.content_root).as_posix()
        joined = posixpath.normpath(posixpath.join(folder, path))
    return None if joined == "." or joined.startswith("../") or joined == ".." else joined


def _is_image(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in IMAGE_TYPES


def problem_with(reference: Reference, source: SourceFile, site: SiteMap) -> str | None:
    """What is wrong with one reference, in Vietnamese with the fix; None when it is fine."""
    if reference.is_image and not (reference.alt or "").strip():
        return (
            "ảnh thiếu mô tả (alt): viết mô tả trong ngoặc vuông, ví dụ ![Toàn cảnh hội nghị](...)"
        )
    target = reference.target.split("#", 1)[0].split("?", 1)[0]
    if not target or _EXTERNAL.match(reference.target):
        return None
    placeholder = _PLACEHOLDER.match(target)
    if not placeholder and not target.startswith("/"):
        return (
            f"liên kết tương đối '{reference.target}' sẽ hỏng trên trang: dùng {{static}}/images/... "
            "cho ảnh, tệp hoặc {filename}/articles/... cho bài viết"
        )
    if not placeholder and not target.startswith(site.static_prefixes):
        if target.startswith(site.checked_prefixes) and not (
            target in site.urls or target + "/" in site.urls
        ):
            return f"không có trang '{target}' trên trang web: kiểm tra đường dẫn bài viết"
        return None
    path = content_path(target, source, site)
    if path is None:
        return f"liên kết '{reference.target}' trỏ ra ngoài thư mục content/: chỉ liên kết tới tệp trong content/"
    role = site.files.get(path)
    if role is None:
        shown = _PLACEHOLDER.sub("", target) if placeholder else target
        where = f"tệp '{shown}'" if placeholder else f"tệp '{target}' trong content/"
        return f"không tìm thấy {where} mà liên kết {reference.target} trỏ tới: kiểm tra tên tệp"
    wants_page = (
        placeholder is not None and placeholder.group() == "{filename}" and role in PUBLISHED_TEXT
    )
    if role is not Role.STATIC and not wants_page:
        return (
            f"liên kết '{reference.target}' trỏ tới một tệp không được đăng như tệp tĩnh: "
            "dùng {filename}/... cho bài viết, {static}/images/... hoặc {static}/files/... cho ảnh, tệp"
        )
    if reference.is_image and not _is_image(path):
        return f"'{reference.target}' không phải ảnh: chỉ chèn ảnh ({', '.join(IMAGE_TYPES)})"
    return None


def check_references(
    source: SourceFile, site: SiteMap, found: Iterable[Reference]
) -> Iterator[tuple[int, str]]:
    """The problems of the references found in a file (references()), against the site."""
    for reference in found:
        if (message := problem_with(reference, source, site)) is not None:
            yield reference.line, message
    image, line = source.metadata.get("image", ("", 0))
    if image:
        path = content_path(image if image.startswith(("{", "/")) else "/" + image, source, site)
        if path is None or not path.startswith(site.image_folder + "/") or not _is_image(path):
            yield (
                line,
                (
                    f"ảnh đại diện '{image}' phải là một ảnh trong content/{site.image_folder}/: "
                    f"viết 'Image: {{static}}/{site.image_folder}/ten-anh.jpg'"
                ),
            )
        elif site.files.get(path) is not Role.STATIC:
            yield (
                line,
                f"không tìm thấy ảnh đại diện '{image}': đặt ảnh vào content/{site.image_folder}/",
            )
        if not source.metadata.get("image_alt", ("", 0))[0]:
            yield line, "ảnh đại diện thiếu mô tả: thêm dòng 'Image_alt: ...'"
