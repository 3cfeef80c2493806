"""Files published as they are (content/images/, content/files/): type, name and size.

A static file reaches readers byte for byte, under its own name, in an attribute of
every page that shows it: its name must be plain ASCII and its type one that a browser
shows or downloads, never runs. Images are opened (headers only) so that a file that is
not the image it claims to be, or a decompression bomb, is refused here and not halfway
through a build.
"""

import re
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

import vntext
from portal.memo import key_of, memo

from .settings import IMAGE_TYPES, Config

# Each part of the path: letters, digits, and . _ - between them.
NAME_PATTERN = re.compile(r"[A-Za-z0-9]+(?:[._-]+[A-Za-z0-9]+)*")
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}


def ascii_name(relative: PurePosixPath) -> str:
    """The name an editor should give the file: its parts as slugs, the suffix kept."""
    parts = [vntext.slugify(part) or "tep" for part in relative.parent.parts]
    return "/".join([*parts, (vntext.slugify(relative.stem) or "tep") + relative.suffix.lower()])


def static_problem(
    path: Path, relative: PurePosixPath, types: frozenset[str], config: Config
) -> str | None:
    """Why this static file cannot be published, with the fix; None when it can."""
    suffix = relative.suffix.lower()
    if suffix not in types:
        allowed = ", ".join(sorted(types)) or "không loại nào"
        return (
            f"loại tệp '{suffix or relative.name}' không được đăng từ content/{relative.parts[0]}/ "
            f"(chỉ {allowed}): xoá tệp, hoặc đổi sang một loại được đăng"
        )
    if not all(NAME_PATTERN.fullmatch(part) for part in relative.parts):
        return (
            "tên tệp chỉ được có chữ không dấu, chữ số và . _ -: "
            f"đổi tên thành content/{ascii_name(relative)} rồi sửa các liên kết tới nó"
        )
    size = path.stat().st_size
    if suffix in IMAGE_TYPES:
        limit = config.max_image_bytes
        if size > limit:
            return f"ảnh nặng {size // 1024 // 1024} MB, quá {limit // 1024 // 1024} MB: thu nhỏ ảnh rồi lưu lại"
        return remembered_image_problem(path, suffix, config.max_image_pixels)
    limit = config.max_file_bytes
    if size > limit:
        return f"tệp nặng {size // 1024 // 1024} MB, quá {limit // 1024 // 1024} MB: nén hoặc chia nhỏ tệp"
    return None


def remembered_image_problem(path: Path, suffix: str, max_pixels: int) -> str | None:
    """image_problem, remembered by the file's path, size and time (opening 10,000
    images at every build would cost seconds)."""
    stat = path.stat()
    store = memo("content_intake.image")
    key = key_of(str(path), f"{stat.st_size}:{stat.st_mtime_ns}:{max_pixels}")
    found = store.get(key)
    if found is None:
        found = (image_problem(path, suffix, max_pixels),)  # a tuple: None is a result too
        store.put(key, found)
    return found[0]


def image_problem(path: Path, suffix: str, max_pixels: int) -> str | None:
    """An image that Pillow cannot read as its suffix says, or too many pixels to resize."""
    expected = FORMATS[suffix]
    too_large = (
        "ảnh {} điểm ảnh, quá lớn để xử lý (tối đa {} triệu điểm ảnh): thu nhỏ ảnh rồi lưu lại"
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past its own bomb limit: ours is lower, checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        return too_large.format("có hàng trăm triệu", max_pixels // 1_000_000)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"tệp này không phải ảnh {expected} đọc được: lưu lại ảnh bằng phần mềm xem ảnh rồi thay tệp"
    if found != expected:
        right = next((s for s, f in FORMATS.items() if f == found), None)
        fix = f"đổi đuôi tệp thành {right}" if right else "lưu lại thành ảnh JPEG hoặc PNG"
        return f"tệp có đuôi {suffix} nhưng là ảnh {found}: {fix}"
    if width * height > max_pixels:
        return too_large.format(f"{width}×{height}", max_pixels // 1_000_000)
    return None
