"""Links, images and attachments an article points to, checked before the build.

Pelican only warns about a broken {filename} link while writing, and says nothing about
a root-relative link to a page that does not exist or an image without alt text.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vntext.source import SourceFile

# ![alt](target "title") and [text](target): the target up to a space or ")".
_MARKDOWN_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>[^\]\n]{0,500})\]\(\s*<?(?P<target>[^)\s>]+)>?"
)
_HTML_REFERENCE = re.compile(r"""\b(?:src|href)\s*=\s*["'](?P<target>[^"']+)["']""", re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
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
    """What a reference may point to: source files, and the URLs the build will write."""

    content_root: Path
    urls: frozenset[str]  # root-relative, e.g. "/tin/2023/slug/"
    checked_prefixes: tuple[str, ...]  # URL prefixes whose pages all come from content
    static_prefixes: tuple[str, ...]  # "/images/", "/files/"


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
    for match in _HTML_REFERENCE.finditer(body):
        yield Reference(match["target"], line_of(match.start()), False, None)
    for match in _HTML_IMAGE.finditer(body):
        alt = re.search(r"""\balt\s*=\s*["']([^"']*)["']""", match.group(), re.IGNORECASE)
        yield Reference("", line_of(match.start()), True, alt[1] if alt else None)


def problem_with(reference: Reference, source: SourceFile, site: SiteMap) -> str | None:
    """What is wrong with one reference, in Vietnamese with the fix; None when it is fine."""
    if reference.is_image and not (reference.alt or "").strip():
        return (
            "ảnh thiếu mô tả (alt): viết mô tả trong ngoặc vuông, ví dụ ![Toàn cảnh hội nghị](...)"
        )
    target = reference.target.split("#", 1)[0].split("?", 1)[0]
    if not target or _EXTERNAL.match(reference.target):
        return None
    if _PLACEHOLDER.match(target):
        path = _PLACEHOLDER.sub("", target)
        base = site.content_root if path.startswith("/") else source.path.parent
        if not (base / path.lstrip("/")).exists():
            return f"không tìm thấy tệp '{path}' mà liên kết {reference.target} trỏ tới: kiểm tra tên tệp"
        return None
    if not target.startswith("/"):
        return (
            f"liên kết tương đối '{reference.target}' sẽ hỏng trên trang: dùng {{static}}/images/... "
            "cho ảnh, tệp hoặc {filename}/articles/... cho bài viết"
        )
    if target.startswith(site.static_prefixes):
        if not (site.content_root / target.lstrip("/")).exists():
            return f"không tìm thấy tệp '{target}' trong content/: kiểm tra tên tệp"
        return None
    if target.startswith(site.checked_prefixes):
        if target not in site.urls and target + "/" not in site.urls:
            return f"không có trang '{target}' trên trang web: kiểm tra đường dẫn bài viết"
    return None


def check_references(source: SourceFile, site: SiteMap) -> Iterator[tuple[int, str]]:
    for reference in references(source):
        if (message := problem_with(reference, source, site)) is not None:
            yield reference.line, message
    image, line = source.metadata.get("image", ("", 0))
    if image:
        path = _PLACEHOLDER.sub("", image).lstrip("/")
        if not (site.content_root / path).exists():
            yield line, f"không tìm thấy ảnh đại diện '{image}': đặt ảnh vào content/images/"
        if not source.metadata.get("image_alt", ("", 0))[0]:
            yield line, "ảnh đại diện thiếu mô tả: thêm dòng 'Image_alt: ...'"
